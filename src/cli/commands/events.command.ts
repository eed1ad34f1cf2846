import type { Command } from 'commander';
import { z } from 'zod';
import { eventDetail, eventViews, mergeEvents, splitEvent, type EventDetail, type EventView } from '../../app/events.service.js';
import { clusterPending, rebuildEvents } from '../../events/events.runner.js';
import { type Io, writeJson } from '../io.js';
import { progressBar } from '../progress.js';
import { withContext } from '../with-context.js';
import { editorName } from './actors-edit.command.js';

const listSchema = z.object({
  json: z.boolean().default(false),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive().default(1000),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).default(0),
});
const jsonSchema = z.object({ json: z.boolean().default(false) });
const reasonSchema = z.object({ reason: z.string({ error: 'a reason is required (--reason)' }).trim().min(1, 'a reason is required (--reason)'), json: z.boolean().default(false) });

const day = (iso: string | null | undefined): string => (iso ? `${iso.slice(0, 16).replace('T', ' ')}` : '—');

function eventLines(e: EventView): string[] {
  const lines = [`${e.id}  ${e.title}`];
  lines.push(`  ${e.members.length} items · ${e.sources} independent source(s) · ${e.languages.join(', ') || 'no language'}${e.actors.length > 0 ? ` · ${e.actors.map((a) => a.name).join(', ')}` : ''}`);
  if (e.first) lines.push(`  first: ${e.first.key} at ${day(e.first.published_at)} (confidence ${e.first.confidence ?? '—'}) — ${e.first.why}`);
  if (e.threat) lines.push(`  highest threat: ${e.threat.score} ${e.threat.severity} (${e.threat.key})`);
  for (const a of e.anomalies) lines.push(`  ! ${a}`);
  return lines;
}

function detailLines(e: EventDetail): string[] {
  const lines = eventLines(e);
  lines.push('  timeline:');
  for (const t of e.timeline) {
    const link = t.linked_to ? ` → ${t.linked_to}` : '';
    lines.push(`    ${day(t.published_at)}  ${t.relation.padEnd(11)} ${t.key}  [${t.source}${t.language ? `, ${t.language}` : ''}]${link}${t.why && t.relation !== 'origin' ? ` (${t.why})` : ''}`);
    lines.push(`      ${t.text.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  return lines;
}

/** `rasad events …`: list and show events, place pending items, rebuild, merge and split. */
export function registerEvents(program: Command, io: Io): void {
  const events = program.command('events').description('events: every report of one happening, across sources and languages, with who posted first');
  const home = (cmd: Command): string | undefined => cmd.optsWithGlobals<{ home?: string }>().home;
  const print = (lines: string[]) => io.stdout.write(`${lines.join('\n')}\n`);

  events
    .command('list')
    .description('events, most recently first seen first')
    .option('--json', 'JSON array on stdout')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = listSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const { events: list, total } = await eventViews(ctx.db, { limit: opts.limit, offset: opts.offset });
        if (opts.json) writeJson(io, list);
        else {
          for (const e of list) print([...eventLines(e), '']);
          io.stderr.write(`${list.length} of ${total} event(s)\n`);
        }
      });
    });

  events
    .command('show')
    .description('one event (by id, or by the key of one of its items) with its timeline')
    .argument('<event>', 'event id or item key')
    .option('--json', 'JSON on stdout')
    .action(async (ref: string, raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const detail = await eventDetail(ctx.db, ref);
        if (opts.json) writeJson(io, detail);
        else print(detailLines(detail));
      });
    });

  events
    .command('update')
    .description('place items not yet placed in events (import does this itself)')
    .option('--json', 'JSON summary on stdout')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const bar = progressBar(io, 'placing');
        const r = await clusterPending(ctx.events(), { onProgress: (d) => bar.update(d, d) });
        bar.stop();
        if (opts.json) writeJson(io, r);
        else io.stdout.write(`placed ${r.items} item(s); ${r.events} event(s) created or changed\n`);
      });
    });

  events
    .command('rebuild')
    .description('re-place every item (after a clustering change), then replay analysts\' merges and splits')
    .option('--json', 'JSON summary on stdout')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const bar = progressBar(io, 'rebuilding');
        const r = await rebuildEvents(ctx.events(), { onProgress: (d) => bar.update(d, d) });
        bar.stop();
        if (opts.json) writeJson(io, r);
        else io.stdout.write(`re-placed ${r.items} item(s) into events; replayed ${r.decisions} analyst decision(s)\n`);
      });
    });

  events
    .command('merge')
    .description('merge events (ids or item keys) into the first; kept across rebuilds')
    .argument('<events...>', 'two or more event ids or item keys')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--json', 'JSON on stdout')
    .action(async (refs: string[], raw: unknown, cmd: Command) => {
      const opts = reasonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const id = await mergeEvents(ctx.events(), refs, opts.reason, editorName(io.env));
        const detail = id ? await eventDetail(ctx.db, id) : null;
        if (opts.json) writeJson(io, detail);
        else print(detail ? ['merged:', ...eventLines(detail)] : ['nothing to merge']);
      });
    });

  events
    .command('split')
    .description('move items out of an event into a new one; kept across rebuilds')
    .argument('<event>', 'event id or item key')
    .argument('<items...>', 'keys of the items to split off')
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--json', 'JSON on stdout')
    .action(async (ref: string, keys: string[], raw: unknown, cmd: Command) => {
      const opts = reasonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const id = await splitEvent(ctx.events(), ref, keys, opts.reason, editorName(io.env));
        const detail = id ? await eventDetail(ctx.db, id) : null;
        if (opts.json) writeJson(io, { split_into: detail });
        else print(detail ? ['split off into:', ...eventLines(detail)] : [`split off ${keys.length} item(s); they stand alone`]);
      });
    });
}

import type { Command } from 'commander';
import { z } from 'zod';
import { addSource, changeSource, discoveries, dismissDiscovery, parseSourceSpec, sourceJson } from '../../app/sources.service.js';
import { toIso } from '../../core/clock.js';
import { listWatchedSources } from '../../store/watched-source.repository.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';
import { editorName } from './actors-edit.command.js';

const addSchema = z.object({
  poll: z.coerce.number({ error: 'must be a number of seconds' }).int('must be a whole number of seconds').min(30, 'at least 30 seconds').default(300),
  followLinks: z.boolean().default(false),
  json: z.boolean().default(false),
});
const jsonSchema = z.object({ json: z.boolean().default(false), all: z.boolean().default(false) });
const discoveredSchema = z.object({ json: z.boolean().default(false), status: z.enum(['pending', 'promoted', 'dismissed', 'all']).default('pending') });

const when = (iso: string | null): string => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

/** `rasad sources …`: watch, pause, resume and stop watching sources; the discovery queue. */
export function registerSources(program: Command, io: Io): void {
  const sources = program.command('sources').description('watched sources (telegram:NAME, x:HANDLE, x:search:QUERY, rss:URL, web:URL), their health, and the queue of discovered ones');
  const home = (cmd: Command): string | undefined => cmd.optsWithGlobals<{ home?: string }>().home;

  sources
    .command('add')
    .description('watch a source: telegram:NAME, x:HANDLE, x:search:QUERY (X recent search), rss:URL or web:URL (also promotes it from the discovery queue)')
    .argument('<source>', 'telegram:NAME | x:HANDLE | x:search:QUERY | rss:URL | web:URL')
    .option('--poll <seconds>', 'poll interval in seconds (jittered ±10%)', '300')
    .option('--follow-links', 'also fetch and preserve the articles its posts link to')
    .option('--json', 'the source as JSON')
    .action(async (spec: string, raw: unknown, cmd: Command) => {
      const opts = addSchema.parse(raw);
      const parsed = parseSourceSpec(spec);
      await withContext(io, home(cmd), async (ctx) => {
        const s = await addSource(ctx, parsed, { pollSeconds: opts.poll, followLinks: opts.followLinks, analyst: editorName(io.env) });
        const [listed] = (await listWatchedSources(ctx.db, toIso(ctx.clock.now()))).filter((x) => x.id === s.id);
        if (opts.json) writeJson(io, listed ? sourceJson(listed) : s);
        else io.stdout.write(`watching ${s.kind}:${s.handle} every ${s.pollIntervalSeconds} s${s.followLinks ? ', following links' : ''} (id ${s.id}); run \`rasad collect --once\` to poll now\n`);
      });
    });

  sources
    .command('list')
    .description('watched sources with their health: status, last success, last error, items, items in the last day')
    .option('--json', 'JSON array on stdout')
    .option('--all', 'include sources created by imports that are not watched')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const list = await listWatchedSources(ctx.db, toIso(ctx.clock.now()), opts.all);
        if (opts.json) {
          writeJson(io, list.map(sourceJson));
          return;
        }
        for (const s of list) {
          io.stdout.write(`${s.kind}:${s.handle}  [${s.status}${s.statusReason ? `: ${s.statusReason}` : ''}]${s.title ? `  ${s.title}` : ''}\n`);
          io.stdout.write(`  items ${s.items} (${s.itemsLastDay} in the last day) · last success ${when(s.lastSuccessAt)} · next poll ${when(s.nextPollAt)}${s.lastError ? ` · last error ${when(s.lastErrorAt)}: ${s.lastError}` : ''}\n`);
        }
        io.stderr.write(`${list.length} source(s)\n`);
      });
    });

  for (const [name, action, description] of [
    ['pause', 'pause', 'stop polling a source for now (keeps everything)'],
    ['resume', 'resume', 'poll a paused source again (due now)'],
    ['remove', 'remove', 'stop watching a source; its items and evidence stay'],
  ] as const) {
    sources
      .command(name)
      .description(description)
      .argument('<source>', 'telegram:NAME | x:HANDLE | rss:URL | web:URL, or a source id')
      .option('--json', 'the source as JSON')
      .action(async (ref: string, raw: unknown, cmd: Command) => {
        const opts = jsonSchema.parse(raw);
        await withContext(io, home(cmd), async (ctx) => {
          const s = await changeSource(ctx, ref, action, editorName(io.env));
          if (opts.json) writeJson(io, { id: s.id, kind: s.kind, handle: s.handle, status: s.status, monitored: s.monitored });
          else io.stdout.write(`${s.kind}:${s.handle}: ${action === 'remove' ? 'no longer watched (items and evidence kept)' : s.status}\n`);
        });
      });
  }

  sources
    .command('discovered')
    .description('channels and accounts seen through forwards, mentions and links, waiting for review (promote with `sources add`, dismiss with `sources dismiss`)')
    .option('--status <status>', 'pending | promoted | dismissed | all', 'pending')
    .option('--json', 'JSON array on stdout')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = discoveredSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const list = await discoveries(ctx.db, opts.status);
        if (opts.json) {
          writeJson(
            io,
            list.map((d) => ({ kind: d.kind, handle: d.handle, status: d.status, how: d.how, seen: d.seenCount, depth: d.depth, via: d.viaItemKey, first_seen: d.firstSeenAt, last_seen: d.lastSeenAt, decided_by: d.decidedBy, reason: d.reason })),
          );
          return;
        }
        for (const d of list) io.stdout.write(`${d.kind}:${d.handle}  seen ${d.seenCount}× (${d.how}, depth ${d.depth}) via ${d.viaItemKey ?? '—'}  [${d.status}]\n`);
        io.stderr.write(`${list.length} discovered source(s)\n`);
      });
    });

  sources
    .command('dismiss')
    .description('dismiss a discovered source from the review queue')
    .argument('<source>', 'telegram:NAME | x:HANDLE')
    .option('--reason <text>', 'why (kept in the audit log)')
    .action(async (spec: string, raw: { reason?: string }, cmd: Command) => {
      await withContext(io, home(cmd), async (ctx) => {
        await dismissDiscovery(ctx, parseSourceSpec(spec), editorName(io.env), raw.reason ?? null);
        io.stdout.write(`dismissed ${spec}\n`);
      });
    });
}

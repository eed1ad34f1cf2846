import type { Command } from 'commander';
import { z } from 'zod';
import { collectionRuntime, collectPass, type CollectPassSummary } from '../../app/collect.service.js';
import { nextDueAt } from '../../store/watched-source.repository.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';

const optionsSchema = z.object({
  once: z.boolean().default(false),
  json: z.boolean().default(false),
  analyze: z.boolean().default(true),
  checks: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).default(200),
});

// The forever loop wakes at least this often to look for due sources and checks.
const MAX_IDLE_MS = 60_000;

/** `rasad collect [--once]`: polls due sources (forever, or one pass), preserving every capture. */
export function registerCollect(program: Command, io: Io): void {
  program
    .command('collect')
    .description('poll the watched sources that are due, preserve every capture, re-check items for deletion; forever, or one pass with --once')
    .option('--once', 'one pass over the due sources, then exit')
    .option('--json', 'summary of the pass as JSON on stdout (with --once)')
    .option('--no-analyze', 'store items without running the analysis pipeline')
    .option('--checks <n>', 'liveness re-checks per pass at most', '200')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse(raw);
      await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, async (ctx) => {
        const runtime = collectionRuntime(ctx);
        let stop = false;
        const onSignal = (): void => {
          stop = true;
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          do {
            const summary = await collectPass(ctx, runtime, {
              analyze: opts.analyze,
              checks: opts.checks,
              onSource: (s, done, total) => {
                io.stderr.write(`[${done}/${total}] ${s.source}: ${s.status}${s.reason ? ` (${s.reason})` : ''}, ${s.items} new, ${s.edits} edited, ${s.captures} captures in ${s.ms} ms\n`);
              },
            });
            if (opts.once && opts.json) writeJson(io, summary);
            else printSummary(io, summary);
            if (opts.once || stop) break;
            const next = await nextDueAt(ctx.db);
            const wait = next ? Math.min(MAX_IDLE_MS, Math.max(1000, Date.parse(next) - Date.now())) : MAX_IDLE_MS;
            await new Promise((resolve) => setTimeout(resolve, wait));
          } while (!stop);
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await runtime.close();
        }
      });
    });
}

function printSummary(io: Io, s: CollectPassSummary): void {
  const p = s.preservation;
  io.stdout.write(
    `${s.finished_at}: polled ${s.sources.length} source(s): ${s.items} new item(s), ${s.edits} edit(s), ${s.captures} capture(s), ${s.media} media, ${s.discovered} discovered; ${s.failed} failed, ${s.throttled} throttled, ${s.gone} gone\n`,
  );
  if (s.checks.checked > 0) io.stdout.write(`  liveness: ${s.checks.checked} checked, ${s.checks.live} live, ${s.checks.suspected} suspected, ${s.checks.gone} gone, ${s.checks.restored} restored, ${s.checks.inconclusive} inconclusive\n`);
  if (p.captures > 0) io.stdout.write(`  evidence: ${p.captures} captures, ${p.bytes} bytes${p.timestampFailures > 0 ? `, ${p.timestampFailures} timestamp failure(s)` : ''}\n`);
  if (s.events && s.events.events > 0) io.stdout.write(`  events: ${s.events.events} created or changed\n`);
}

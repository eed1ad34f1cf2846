import type { Command } from 'commander';
import { z } from 'zod';
import { translateItems } from '../../analyze/translation.runner.js';
import { importPaths, type ImportSummary } from '../../collect/importer.js';
import { importFormats } from '../../collect/imports/import-format.js';
import { clusterPending } from '../../events/events.runner.js';
import { heapTrimmer } from '../../app/heap-trim.js';
import { type Io, writeJson } from '../io.js';
import { progressBar } from '../progress.js';
import { withContext } from '../with-context.js';

const optionsSchema = z.object({
  format: z.enum(['auto', ...importFormats]).default('auto'),
  channel: z.string().min(1).optional(),
  json: z.boolean().default(false),
  analyze: z.boolean().default(true),
  home: z.string().optional(),
});

/** `rasad import <path…>`: imports files and folders, atomically per file, idempotently by key. */
export function registerImport(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('import')
    .description('import Telegram exports, X archives/JSONL, RSS/Atom feeds, HTML articles and JSONL')
    .argument('<paths...>', 'files or folders')
    .option('--format <format>', `auto | ${importFormats.join(' | ')}`, 'auto')
    .option('--channel <name>', 'Telegram channel username for item keys (exports lack it)')
    .option('--json', 'machine-readable summary on stdout')
    .option('--no-analyze', 'store items without running the analysis pipeline')
    .action(async (paths: string[], raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse({ ...(raw as object), home: cmd.optsWithGlobals<{ home?: string }>().home });
      await withContext(io, opts.home, async (ctx) => {
        const bar = progressBar(io, 'importing');
        const summary = await importPaths(
          { db: ctx.db, blobs: ctx.blobs, clock: ctx.clock, pipeline: opts.analyze ? await ctx.pipeline() : null },
          paths,
          { format: opts.format, ...(opts.channel ? { channel: opts.channel.replace(/^@/, '') } : {}), analyze: opts.analyze, onProgress: (d, t) => bar.update(d, t), afterBatch: heapTrimmer() },
        );
        bar.stop();
        // Translation calls an engine over the network: it runs after the files are stored, and
        // an engine failure only queues the item for a retry.
        const translation = ctx.translation();
        const translations =
          opts.analyze && translation.translator.engine !== 'none' && summary.newItemIds.length > 0
            ? await translateItems(translation, summary.newItemIds)
            : null;
        // Events last: they read the mentions and translations the steps above stored.
        const events = opts.analyze && summary.newItemIds.length > 0 ? await clusterPending(ctx.events()) : null;
        if (opts.json) writeJson(io, { ...publicSummary(summary), ...(translations ? { translations } : {}), ...(events ? { events: events.events } : {}) });
        else {
          printSummary(io, summary);
          if (translations) io.stdout.write(`translations: ${translations.translated} new, ${translations.cached} from cache, ${translations.queued} queued for retry, ${translations.failed} failed\n`);
          if (events && events.events > 0) io.stdout.write(`events: ${events.events} created or changed\n`);
        }
        if (summary.failed > 0) setExit(1);
      });
    });
}

function publicSummary(s: ImportSummary): Omit<ImportSummary, 'newItemIds'> {
  const { newItemIds: _ids, ...rest } = s;
  return rest;
}

function printSummary(io: Io, s: ImportSummary): void {
  for (const f of s.files) {
    const what = f.status === 'ok' ? `${f.imported} new, ${f.duplicates} already stored` : `${f.status}: ${f.reason ?? ''}`;
    io.stderr.write(`  ${f.file} (${f.format ?? 'unknown'}): ${what}\n`);
  }
  for (const e of s.errors) {
    io.stderr.write(`rasad: ${e.file}${e.line !== undefined ? `:${e.line}` : ''}: ${e.field ? `${e.field}: ` : ''}${e.message}\n`);
  }
  io.stdout.write(`imported ${s.imported}, duplicates ${s.duplicates}, failed ${s.failed}, skipped ${s.skipped}\n`);
}

import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Pipeline } from '../../analyze/pipeline.js';
import { loadConfig } from '../../app/config.js';
import { loadPipeline } from '../../analyze/pipeline.js';
import { ValidationError } from '../../core/errors.js';
import { normalize } from '../../text/normalize.js';
import { createTranslator } from '../../analyze/translate/create-translator.js';
import { glossesFor } from '../../app/item.presenter.js';
import { needsTranslation, textHash } from '../../analyze/translate.stage.js';
import type { Translation, Translator } from '../../core/translator.js';
import type { Io } from '../io.js';
import { parseJsonLine } from '../json-line.js';
import { withContext } from '../with-context.js';
import { runPendingStages } from '../../analyze/runner.js';
import { translatePending } from '../../analyze/translation.runner.js';
import { clusterPending } from '../../events/events.runner.js';
import { reindexStale } from '../../analyze/reindex.js';
import { presentMentions } from '../../actors/actors.stage.js';
import { loadRegistry } from '../../store/actor.repository.js';

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  lang: z.string().optional(),
  source: z.string().optional(),
  published_at: z.string().optional(),
});

/** An engine and an in-memory cache for the stateless `analyze --jsonl` (no database involved). */
export interface LineTranslation {
  translator: Translator;
  target: string;
  timeoutMs: number;
  cache: Map<string, Translation>;
}

async function translateLine(t: LineTranslation | null, text: string, language: string): Promise<{ translation: Record<string, unknown> | null; error?: string }> {
  if (!t || t.translator.engine === 'none' || !needsTranslation(text, language, t.target)) return { translation: null };
  const key = `${language}|${textHash(text)}`;
  try {
    let result = t.cache.get(key);
    if (!result) {
      result = await t.translator.translate({ text, source: language, target: t.target }, AbortSignal.timeout(t.timeoutMs));
      t.cache.set(key, result);
    }
    return { translation: { text: result.text, engine: result.engine, model: result.model } };
  } catch (error) {
    return { translation: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Analyzes one input line into the CLI.md output shape (or an error object). */
export async function analyzeLine(pipeline: Pipeline, line: string, lineNo: number, translation: LineTranslation | null = null): Promise<Record<string, unknown>> {
  const parsed = parseJsonLine(lineSchema, line, lineNo);
  if (!parsed.ok) return parsed.error;
  const input = parsed.value;
  // `source` names the platform ("rss", "telegram:channel", "x"…): news presumes reporting.
  const platform = input.source?.toLowerCase().split(':')[0] ?? null;
  const result = await pipeline.run({ text: input.text, langHint: input.lang ?? null, platform });
  const translated = await translateLine(translation, input.text, result.language.code);
  return {
    id: input.id,
    language: result.language,
    normalized: normalize(input.text),
    translation: translated.translation,
    ...(translated.error ? { translation_error: translated.error } : {}),
    glosses: glossesFor(input.text, result.language.code),
    mentions: presentMentions(result.mentions),
    threat: result.threat,
    stages: result.outputs.map((o) => `${o.stage}@${o.version}`),
  };
}

/** `rasad analyze --jsonl`: stateless analysis of JSON lines on stdin, one output line each, in order. */
export function registerAnalyze(program: Command, io: Io): void {
  program
    .command('analyze')
    .description('analyze JSON lines {"id","text","lang"?} from stdin; one result line per input line')
    .option('--jsonl', 'read JSON lines on stdin, write JSON lines on stdout')
    .option('--pending', 'analyze stored items whose stage results are missing or from an older stage version')
    .action(async (raw: { jsonl?: boolean; pending?: boolean }, cmd: Command) => {
      if (raw.pending) {
        await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, async (ctx) => {
          const reindexed = await reindexStale(ctx.db);
          if (reindexed > 0) io.stderr.write(`re-indexed ${reindexed} item(s) for the current normalization\n`);
          const n = await runPendingStages({ db: ctx.db, pipeline: await ctx.pipeline(), clock: ctx.clock });
          io.stdout.write(`analyzed ${n} stored item(s)\n`);
          const translation = ctx.translation();
          if (translation.translator.engine !== 'none') {
            const t = await translatePending(translation);
            io.stdout.write(`translations: ${t.translated} new, ${t.cached} from cache, ${t.queued} queued for retry, ${t.failed} failed\n`);
          }
          const e = await clusterPending(ctx.events());
          if (e.items > 0) io.stdout.write(`events: placed ${e.items} item(s); ${e.events} event(s) created or changed\n`);
        });
        return;
      }
      if (!raw.jsonl) throw new ValidationError('use `rasad analyze --jsonl < input.jsonl` or `rasad analyze --pending`', { field: '--jsonl' });
      const config = loadConfig(io.env);
      // the registry (for mentions) is read once from the configured home, then lines stream
      const registry = await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, (ctx) => loadRegistry(ctx.db));
      const pipeline = await loadPipeline(registry);
      const t = config.translation;
      const translation: LineTranslation = { translator: createTranslator(t), target: t.target, timeoutMs: t.timeoutMs, cache: new Map() };
      const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        io.stdout.write(`${JSON.stringify(await analyzeLine(pipeline, line, n, translation))}\n`);
      }
    });
}

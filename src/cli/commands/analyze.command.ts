import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Pipeline } from '../../analyze/pipeline.js';
import { loadConfig } from '../../app/config.js';
import { createPipeline } from '../../analyze/pipeline.js';
import { ValidationError } from '../../core/errors.js';
import { loadFastTextLid } from '../../text/fasttext-lid.js';
import { normalize } from '../../text/normalize.js';
import type { Io } from '../io.js';
import { withContext } from '../with-context.js';
import { runPendingStages } from '../../analyze/runner.js';
import { reindexStale } from '../../analyze/reindex.js';

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  lang: z.string().optional(),
  source: z.string().optional(),
  published_at: z.string().optional(),
});

/** Analyzes one input line into the CLI.md output shape (or an error object). */
export async function analyzeLine(pipeline: Pipeline, line: string, lineNo: number): Promise<Record<string, unknown>> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `invalid JSON: ${(error as Error).message}`, line: lineNo };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const id: unknown = typeof json === 'object' && json !== null && 'id' in json ? json.id : null;
    return { id: typeof id === 'string' || typeof id === 'number' ? String(id) : null, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`, line: lineNo };
  }
  const input = parsed.data;
  const result = await pipeline.run({ text: input.text, langHint: input.lang ?? null });
  return {
    id: input.id,
    language: result.language,
    normalized: normalize(input.text),
    translation: null,
    mentions: [],
    // The threat stage arrives with its own issue; until then no assessment is claimed.
    threat: null,
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
        });
        return;
      }
      if (!raw.jsonl) throw new ValidationError('use `rasad analyze --jsonl < input.jsonl` or `rasad analyze --pending`', { field: '--jsonl' });
      loadConfig(io.env);
      const pipeline = createPipeline({ languageModel: await loadFastTextLid() });
      const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        io.stdout.write(`${JSON.stringify(await analyzeLine(pipeline, line, n))}\n`);
      }
    });
}

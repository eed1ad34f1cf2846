import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { createResolver } from '../../actors/match/resolver.js';
import type { ActorResolver, ResolveCandidate } from '../../actors/match/resolve-types.js';
import { ValidationError } from '../../core/errors.js';
import { loadRegistry } from '../../store/actor.repository.js';
import { type Io, writeJson } from '../io.js';
import { parseJsonLine } from '../json-line.js';
import { withContext } from '../with-context.js';

const optionsSchema = z.object({
  json: z.boolean().default(false),
  jsonl: z.boolean().default(false),
  all: z.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(1000).default(10),
});

const lineSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string() });

/** A candidate in CLI.md's shape (`accepted` only with --all, where rejected near-misses appear too). */
function present(c: ResolveCandidate, all: boolean): Record<string, unknown> {
  return {
    actor_id: c.actorId,
    canonical: c.canonical,
    matched_alias: c.matchedAlias,
    score: c.score,
    why: c.why,
    designations: c.designations,
    ...(all ? { accepted: c.accepted } : {}),
  };
}

/** Resolves one `{"id","name"}` line; a bad line becomes `{"id": null, "error", "line"}`. */
export function resolveLine(resolver: ActorResolver, line: string, lineNo: number, opts: { all: boolean; limit: number }): Record<string, unknown> {
  const parsed = parseJsonLine(lineSchema, line, lineNo);
  if (!parsed.ok) return parsed.error;
  const candidates = resolver.resolve(parsed.value.name, opts).map((c) => present(c, opts.all));
  return { id: parsed.value.id, candidates };
}

/** `rasad actors resolve <name>` and its batch form `--jsonl` (the registry loaded once). */
export function registerActorResolve(actors: Command, io: Io): void {
  actors
    .command('resolve')
    .description('which registered actors a name (any script, any spelling) refers to, best first, with scores and reasons')
    .argument('[name...]', 'the name to resolve (omit with --jsonl)')
    .option('--json', 'machine-readable output')
    .option('--jsonl', 'batch: lines {"id","name"} on stdin, lines {"id","candidates"} on stdout, same order')
    .option('--all', 'also list rejected near-misses, with "accepted": false')
    .option('--limit <n>', 'at most this many candidates', '10')
    .action(async (words: string[], raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse(raw);
      const name = words.join(' ').trim();
      if (!opts.jsonl && name === '') throw new ValidationError('give a name to resolve, or --jsonl with lines on stdin', { field: 'name' });
      await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, async (ctx) => {
        const resolver = createResolver(await loadRegistry(ctx.db));
        if (opts.jsonl) {
          const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
          let n = 0;
          for await (const line of lines) {
            n++;
            if (line.trim() === '') continue;
            io.stdout.write(`${JSON.stringify(resolveLine(resolver, line, n, opts))}\n`);
          }
          return;
        }
        const candidates = resolver.resolve(name, opts);
        if (opts.json) return writeJson(io, candidates.map((c) => present(c, opts.all)));
        if (candidates.length === 0) {
          io.stdout.write(`no registered actor matches "${name}"${resolver.size.actors === 0 ? ' (the registry is empty: rasad actors import …)' : ''}\n`);
          return;
        }
        for (const c of candidates) {
          const mark = opts.all ? (c.accepted ? '✓ ' : '✗ ') : '';
          const designations = c.designations.length > 0 ? ` [${c.designations.join(', ')}]` : '';
          io.stdout.write(`${mark}${c.score.toFixed(2)}  ${c.canonical}${designations}\n      ${c.why}\n`);
        }
      });
    });
}

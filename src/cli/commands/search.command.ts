import type { Command } from 'commander';
import { z } from 'zod';
import { search } from '../../app/search.service.js';
import { ValidationError } from '../../core/errors.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';

const optionsSchema = z.object({
  json: z.boolean().default(false),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  home: z.string().optional(),
});

/** `rasad search <query>`: full-text search over original and normalized text, any script. */
export function registerSearch(program: Command, io: Io): void {
  program
    .command('search')
    .description('search items; all words must match, "quoted phrases" in order, word* as prefix')
    .argument('<query...>', 'words to find')
    .option('--json', 'machine-readable results on stdout')
    .option('--limit <n>', 'maximum results', '20')
    .action(async (words: string[], raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse({ ...(raw as object), home: cmd.optsWithGlobals<{ home?: string }>().home });
      const query = words.join(' ');
      if (query.trim() === '') throw new ValidationError('empty query', { field: 'query' });
      await withContext(io, opts.home, async (ctx) => {
        const results = await search(ctx.db, query, opts.limit);
        if (opts.json) {
          writeJson(
            io,
            results.map((r) => ({
              key: r.item.key,
              score: r.score,
              snippet: r.snippet.text,
              published_at: r.item.publishedAt ?? null,
              language: r.item.language,
              source: r.item.platform,
              title: r.item.title ?? null,
            })),
          );
          return;
        }
        if (results.length === 0) io.stdout.write(`no items match ${JSON.stringify(query)}\n`);
        for (const r of results) {
          io.stdout.write(`${r.item.key}  ${r.item.publishedAt ?? '(undated)'}  [${r.item.language ?? '?'}]\n    ${r.snippet.text}\n`);
        }
      });
    });
}

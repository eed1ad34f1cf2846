import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { itemViewSchema } from '../../app/item.presenter.js';
import { presentItems } from '../../app/item-views.js';
import { search } from '../../app/search.service.js';
import { NotFoundError } from '../../core/errors.js';
import { countBySourceAndLanguage, countItems, getItemByKey, listItems } from '../../store/item.repository.js';
import { listSources } from '../../store/source.repository.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Item list, detail, search and stats: thin handlers over the repositories and services. */
export function registerItemRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/items',
    {
      schema: {
        description: 'Items newest first, paged with `next`.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z.string().max(200).optional(),
          language: z.string().max(16).optional(),
          source: z.string().max(100).optional(),
          threat: z.enum(['0', '1', 'true', 'false']).optional().describe('`1`: only items the threat stage assessed as `is_threat`'),
          min_score: z.coerce.number().int().min(0).max(100).optional().describe('Only items whose threat score is at least this (0–100)'),
          collapse: z.enum(['0', '1', 'true', 'false']).optional().describe('`1`: one row per event (members other than its first item are left out)'),
        }),
        response: { 200: z.object({ items: z.array(itemViewSchema), next: z.string().nullable() }), 400: errorSchema },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await listItems(ctx.db, {
        limit: q.limit,
        before: q.before ?? null,
        language: q.language ?? null,
        sourceId: q.source ?? null,
        threatOnly: q.threat === '1' || q.threat === 'true',
        minScore: q.min_score ?? null,
        collapseEvents: q.collapse === '1' || q.collapse === 'true',
      });
      return { items: await presentItems(ctx.db, page.items, ctx.config.translation.target), next: page.next };
    },
  );

  api.get(
    '/items/:key',
    {
      schema: {
        description: 'One item by key (URL-encoded).',
        params: z.object({ key: z.string().min(3).max(2000) }),
        response: { 200: itemViewSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const item = await getItemByKey(ctx.db, req.params.key);
      if (!item) throw new NotFoundError(`no item with key ${req.params.key}`);
      const [view] = await presentItems(ctx.db, [item], ctx.config.translation.target);
      if (!view) throw new NotFoundError(`no item with key ${req.params.key}`);
      return view;
    },
  );

  api.get(
    '/search',
    {
      schema: {
        description: 'Full-text search in any script; every word must match; best first.',
        querystring: z.object({ q: z.string().trim().min(1).max(500), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            query: z.string(),
            results: z.array(
              z.object({
                key: z.string(),
                score: z.number(),
                snippet: z.string(),
                highlights: z.array(z.object({ start: z.number(), end: z.number() })),
                published_at: z.string().nullable(),
                language: z.string().nullable(),
                item: itemViewSchema,
              }),
            ),
          }),
          400: errorSchema,
        },
      },
    },
    async (req) => {
      const results = await search(ctx.db, req.query.q, req.query.limit);
      const views = await presentItems(ctx.db, results.map((r) => r.item), ctx.config.translation.target);
      return {
        query: req.query.q,
        results: views.map((item, k) => {
          const r = results[k];
          return {
            key: item.key,
            score: r?.score ?? 0,
            snippet: r?.snippet.text ?? '',
            highlights: r?.snippet.highlights ?? [],
            published_at: item.published_at,
            language: item.language,
            item,
          };
        }),
      };
    },
  );

  api.get(
    '/stats',
    {
      schema: {
        description: 'Counts of items, per source and per language.',
        response: {
          200: z.object({
            items: z.number(),
            sources: z.array(z.object({ id: z.string(), kind: z.string(), handle: z.string(), title: z.string().nullable(), items: z.number() })),
            languages: z.array(z.object({ code: z.string().nullable(), items: z.number() })),
          }),
        },
      },
    },
    async () => {
      const [items, sources, counts] = await Promise.all([countItems(ctx.db), listSources(ctx.db), countBySourceAndLanguage(ctx.db)]);
      const byLang = new Map<string | null, number>();
      for (const c of counts) byLang.set(c.language, (byLang.get(c.language) ?? 0) + c.items);
      return {
        items,
        sources: sources.map((s) => ({ id: s.id, kind: s.kind, handle: s.handle, title: s.title, items: s.items })),
        languages: [...byLang].map(([code, n]) => ({ code, items: n })).sort((a, b) => b.items - a.items),
      };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { discoveries, sourceJson } from '../../app/sources.service.js';
import { toIso } from '../../core/clock.js';
import type { DiscoveryRecord } from '../../store/discovery.repository.js';
import { vanished } from '../../store/liveness.repository.js';
import { getWatchedSource, listWatchedSources, type WatchedSource } from '../../store/watched-source.repository.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const flag = z.enum(['0', '1', 'true', 'false']);
const on = (v: z.infer<typeof flag> | undefined): boolean => v === '1' || v === 'true';

/** A source as `rasad sources list --json` gives it (sourceJson), with its collection health. */
export const sourceViewSchema = z.object({
  id: z.string(),
  kind: z.string().describe('telegram, x, rss, web (import for sources created by imports)'),
  handle: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string().describe('active, paused, quarantined or gone'),
  status_reason: z.string().nullable().describe('Why it is paused, quarantined or gone (a reason code such as `tg_username_unoccupied`)'),
  monitored: z.boolean().describe('Watched by `rasad sources add`; sources created by imports are not'),
  last_success: z.string().nullable().describe('Last poll that worked'),
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  errors_in_a_row: z.number(),
  next_poll: z.string().nullable(),
  poll_seconds: z.number(),
  follow_links: z.boolean(),
  items: z.number().describe('Items stored from this source'),
  items_last_day: z.number().describe('Items collected in the last 24 hours'),
  audience: z.number().nullable().describe('Subscribers or followers, when the platform says'),
  external_id: z.string().nullable(),
  gone_at: z.string().nullable(),
  suspected_at: z.string().nullable(),
  discovered_from: z.string().nullable().describe('The source it was discovered through'),
});

const sourceRefSchema = z.object({ id: z.string(), kind: z.string(), handle: z.string(), title: z.string().nullable() });

export const discoveryViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  handle: z.string(),
  status: z.string().describe('pending, promoted or dismissed'),
  depth: z.number().describe('Hops from a source the analyst added'),
  how: z.string().describe('How it was seen: forward, mention, link, quote, reply'),
  seen_count: z.number(),
  first_seen_at: z.string(),
  last_seen_at: z.string(),
  via_item_key: z.string().nullable().describe('The item it was (last) seen in'),
  via_source: sourceRefSchema.nullable().describe('The watched source that item came from'),
  decided_at: z.string().nullable(),
  decided_by: z.string().nullable(),
  reason: z.string().nullable(),
});

export const vanishedViewSchema = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      url: z.string().nullable(),
      source: sourceRefSchema.nullable(),
      reason: z.string().nullable().describe('Reason code of the last verdict (`tg_post_not_found`, `x_user_suspended`, `web_404`…)'),
      gone_at: z.string().nullable(),
      published_at: z.string().nullable(),
      collected_at: z.string(),
      text: z.string().describe('The text as collected (the evidence keeps it)'),
    }),
  ),
  sources: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      handle: z.string(),
      title: z.string().nullable(),
      reason: z.string().nullable(),
      gone_at: z.string().nullable(),
    }),
  ),
});

type SourceRef = z.infer<typeof sourceRefSchema>;

/** Looks up the sources behind ids once each (a few per page). */
async function sourceRefs(ctx: AppContext, ids: Array<string | null>): Promise<Map<string, SourceRef>> {
  const out = new Map<string, SourceRef>();
  for (const id of new Set(ids.filter((i): i is string => i !== null))) {
    const s: WatchedSource | undefined = await getWatchedSource(ctx.db, id);
    if (s) out.set(id, { id: s.id, kind: s.kind, handle: s.handle, title: s.title });
  }
  return out;
}

function discoveryView(d: DiscoveryRecord, refs: Map<string, SourceRef>): z.infer<typeof discoveryViewSchema> {
  return {
    id: d.id,
    kind: d.kind,
    handle: d.handle,
    status: d.status,
    depth: d.depth,
    how: d.how,
    seen_count: d.seenCount,
    first_seen_at: d.firstSeenAt,
    last_seen_at: d.lastSeenAt,
    via_item_key: d.viaItemKey,
    via_source: d.viaSourceId ? (refs.get(d.viaSourceId) ?? null) : null,
    decided_at: d.decidedAt,
    decided_by: d.decidedBy,
    reason: d.reason,
  };
}

/** Watched sources with their health, the discovery queue and what has vanished: read-only views for the web UI. */
export function registerSourceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/sources',
    {
      schema: {
        description:
          'Watched sources (`rasad sources add`) with their collection health: status and reason, last success, last error, items, items in the last day, next poll. `all=1` includes the unmonitored sources imports created.',
        querystring: z.object({ all: flag.optional().describe('`1`: include sources that are not watched (created by imports)') }),
        response: { 200: z.object({ sources: z.array(sourceViewSchema) }), 400: errorSchema },
      },
    },
    async (req) => {
      const sources = await listWatchedSources(ctx.db, toIso(ctx.clock.now()), on(req.query.all));
      return { sources: sources.map((s) => sourceViewSchema.parse(sourceJson(s))) };
    },
  );

  api.get(
    '/sources/discovered',
    {
      schema: {
        description:
          'The discovery queue: channels and accounts seen through forwards, mentions and links in collected items, most often seen first. Promote with `rasad sources add`; dismiss from the CLI.',
        querystring: z.object({ status: z.enum(['pending', 'promoted', 'dismissed', 'all']).default('pending').describe('Which decisions to list (default pending)') }),
        response: { 200: z.object({ discoveries: z.array(discoveryViewSchema) }), 400: errorSchema },
      },
    },
    async (req) => {
      const found = await discoveries(ctx.db, req.query.status);
      const refs = await sourceRefs(ctx, found.map((d) => d.viaSourceId));
      return { discoveries: found.map((d) => discoveryView(d, refs)) };
    },
  );

  api.get(
    '/vanished',
    {
      schema: {
        description: 'Items and sources confirmed gone from their platform (deleted posts, suspended accounts, removed pages), most recently vanished first, with the reason code of the check that confirmed it.',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200).describe('At most this many items, and this many sources') }),
        response: { 200: vanishedViewSchema, 400: errorSchema },
      },
    },
    async (req) => {
      const gone = await vanished(ctx.db, req.query.limit);
      const refs = await sourceRefs(ctx, gone.items.map((i) => i.sourceId));
      return {
        items: gone.items.map((i) => ({
          key: i.key,
          url: i.url,
          source: refs.get(i.sourceId) ?? null,
          reason: i.reason,
          gone_at: i.goneAt,
          published_at: i.publishedAt,
          collected_at: i.collectedAt,
          text: i.text,
        })),
        sources: gone.sources.map((s) => ({ id: s.id, kind: s.kind, handle: s.handle, title: s.title, reason: s.reason, gone_at: s.goneAt })),
      };
    },
  );
}

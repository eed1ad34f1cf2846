import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { eventDetail, eventDetailSchema, eventViews, eventViewSchema, mergeEvents, splitEvent } from '../../app/events.service.js';
import { NotFoundError } from '../../core/errors.js';
import { ANALYST_HEADER, analystOf } from './threat.routes.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const refSchema = z.string().min(3).max(2000);
const paramsSchema = z.object({ id: refSchema.describe('Event id, or the key (URL-encoded) of one of its items') });
const analystHeaders = z.object({ [ANALYST_HEADER]: z.string().max(200).optional() }).loose();
const reasonSchema = z.string().max(4000).describe('Why (required, non-empty; kept in the audit log)');

/** Events (every report of one happening) and the analysts' merges and splits: thin handlers over the events service. */
export function registerEventRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/events',
    {
      schema: {
        description: 'Events, most recently first seen first, with their first item, independent sources, languages, actors and highest threat.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ events: z.array(eventViewSchema), total: z.number() }), 400: errorSchema },
      },
    },
    async (req) => eventViews(ctx.db, { limit: req.query.limit, offset: req.query.offset }),
  );

  api.get(
    '/events/:id',
    {
      schema: {
        description: 'One event (by id, or by the key of one of its items) with its timeline of members by time.',
        params: paramsSchema,
        response: { 200: eventDetailSchema, 404: errorSchema },
      },
    },
    async (req) => eventDetail(ctx.db, req.params.id),
  );

  api.post(
    '/events/merge',
    {
      schema: {
        description: `Merges events (ids or item keys) into the first; recorded, audited and replayed after rebuilds. The analyst comes from the \`${ANALYST_HEADER}\` header (percent-encoded UTF-8; default \`analyst\`). Returns the merged event.`,
        headers: analystHeaders,
        body: z.object({ events: z.array(refSchema).min(2).max(100).describe('Two or more event ids or item keys'), reason: reasonSchema }).strict(),
        response: { 200: eventDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const id = await mergeEvents(ctx.events(), req.body.events, req.body.reason, analystOf(req.headers[ANALYST_HEADER]));
      if (!id) throw new NotFoundError(`nothing to merge in ${req.body.events.join(', ')}`);
      return eventDetail(ctx.db, id);
    },
  );

  api.post(
    '/events/:id/split',
    {
      schema: {
        description: `Moves items (by key) out of the event into a new one; recorded, audited and replayed after rebuilds. The analyst comes from the \`${ANALYST_HEADER}\` header. \`split_into\` is the new event, or null when the split-off items stand alone.`,
        params: paramsSchema,
        headers: analystHeaders,
        body: z.object({ items: z.array(refSchema).min(1).max(1000).describe('Keys of the member items to split off'), reason: reasonSchema }).strict(),
        response: { 200: z.object({ split_into: eventDetailSchema.nullable() }), 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const id = await splitEvent(ctx.events(), req.params.id, req.body.items, req.body.reason, analystOf(req.headers[ANALYST_HEADER]));
      return { split_into: id ? await eventDetail(ctx.db, id) : null };
    },
  );
}

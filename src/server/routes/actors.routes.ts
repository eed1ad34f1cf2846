import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { itemViewSchema, presentMention } from '../../app/item.presenter.js';
import { presentItems } from '../../app/item-views.js';
import { NotFoundError } from '../../core/errors.js';
import {
  affiliationsOfActor,
  getActorProfile,
  itemsMentioningActors,
  listActors,
  type ActorAffiliation,
  type ActorProfile,
  type ActorSummary,
} from '../../store/actor-query.repository.js';
import { getItemsByIds } from '../../store/item.repository.js';
import { dominantScript } from '../../text/script.js';
import { romanizeName } from '../../text/transliterate.js';

// The actor views are presented here rather than in src/app: only these routes show them.

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const actorKindSchema = z.enum(['group', 'person', 'organization']);
const actorRefSchema = z.object({ id: z.string(), canonical: z.string() });
const mentionViewSchema = itemViewSchema.shape.mentions.element;

const actorSummarySchema = z.object({
  id: z.string(),
  kind: actorKindSchema,
  canonical: z.string(),
  merged_into: z.string().nullable(),
  designations: z.array(z.string()).describe('`list:reference`, e.g. `ofac:11462`'),
  alias_count: z.number(),
  mention_count: z.number(),
});

const aliasViewSchema = z.object({
  alias: z.string(),
  /** ISO 15924 as stored, else detected from the alias itself. */
  script: z.string().nullable(),
  kind: z.string(),
  source: z.string().nullable(),
  confidence: z.number(),
  romanized: z.string().nullable().describe('Readable romanization of an Arabic-script alias'),
  via: z.string().nullable().describe('Id of the merged actor this alias came from; null for the actor’s own'),
});

const mentioningItemSchema = z.object({
  item: itemViewSchema,
  mentions: z.array(mentionViewSchema).describe('This actor’s mentions in the item (UTF-16 offsets into `item.text`)'),
});
const mentioningItemsSchema = z.object({ total: z.number(), results: z.array(mentioningItemSchema) });

const actorDetailSchema = z.object({
  id: z.string(),
  kind: actorKindSchema,
  canonical: z.string(),
  description: z.string().nullable(),
  notes: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  merged_into: actorRefSchema.nullable(),
  merged_from: z.array(actorRefSchema),
  designations: z.array(
    z.object({ label: z.string(), list: z.string(), reference: z.string(), listed_on: z.string().nullable(), via: z.string().nullable() }),
  ),
  aliases: z
    .object({ Arab: z.array(aliasViewSchema), Latn: z.array(aliasViewSchema), other: z.array(aliasViewSchema) })
    .describe('Aliases grouped by script: Arabic script (Arabic, Persian, Urdu…), Latin, everything else'),
  affiliations: z.array(
    z.object({
      relation: z.enum(['member_of', 'has_member']),
      actor: actorRefSchema.extend({ kind: actorKindSchema }),
      role: z.string().nullable(),
      source: z.string().nullable(),
    }),
  ),
  items: mentioningItemsSchema.describe('Items mentioning the actor (or an actor merged into it), newest first'),
});

const idParams = z.object({ id: z.string().min(1).max(200) });

function presentSummary(a: ActorSummary): z.infer<typeof actorSummarySchema> {
  return {
    id: a.id,
    kind: a.kind,
    canonical: a.canonicalName,
    merged_into: a.mergedInto,
    designations: a.designations,
    alias_count: a.aliasCount,
    mention_count: a.mentionCount,
  };
}

type AliasGroups = z.infer<typeof actorDetailSchema>['aliases'];

function groupAliases(profile: ActorProfile): AliasGroups {
  const groups: AliasGroups = { Arab: [], Latn: [], other: [] };
  for (const a of profile.aliases) {
    const script = a.script ?? dominantScript(a.alias).script;
    const group = script === 'Arab' || script === 'Latn' ? script : 'other';
    groups[group].push({
      alias: a.alias,
      script,
      kind: a.kind,
      source: a.source,
      confidence: a.confidence,
      romanized: group === 'Arab' ? romanizeName(a.alias) || null : null,
      via: a.actorId === profile.id ? null : a.actorId,
    });
  }
  return groups;
}

function presentAffiliation(a: ActorAffiliation): z.infer<typeof actorDetailSchema>['affiliations'][number] {
  return { relation: a.relation, actor: { id: a.otherId, canonical: a.otherCanonicalName, kind: a.otherKind }, role: a.role, source: a.source };
}

/** Actor index, actor page and the items that mention an actor: thin handlers over the repositories. */
export function registerActorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Items mentioning an actor and those merged into it, presented like /api/items, plus the spans.
  const mentioningItems = async (profile: ActorProfile, page: { limit: number; offset: number }): Promise<z.infer<typeof mentioningItemsSchema>> => {
    const found = await itemsMentioningActors(ctx.db, [profile.id, ...profile.mergedFrom.map((m) => m.id)], page);
    const ids = found.items.map((i) => i.itemId);
    const items = await getItemsByIds(ctx.db, ids);
    const views = await presentItems(ctx.db, items, ctx.config.translation.target);
    const own = new Map(found.items.map((i) => [i.itemId, i.mentions]));
    return {
      total: found.total,
      results: views.map((view) => ({ item: view, mentions: (own.get(view.id) ?? []).map(presentMention) })),
    };
  };

  const profileOr404 = async (id: string): Promise<ActorProfile> => {
    const profile = await getActorProfile(ctx.db, id);
    if (!profile) throw new NotFoundError(`no actor with id ${id}`);
    return profile;
  };

  api.get(
    '/actors',
    {
      schema: {
        description: 'Actors in the registry, most mentioned first; `q` filters by canonical name or any alias, in any script.',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          merged: z
            .enum(['true', 'false', '1', '0'])
            .default('false')
            .transform((v) => v === 'true' || v === '1')
            .describe('Also list actors merged into another'),
        }),
        response: { 200: z.object({ total: z.number(), actors: z.array(actorSummarySchema) }), 400: errorSchema },
      },
    },
    async (req) => {
      const { q, limit, offset, merged } = req.query;
      const page = await listActors(ctx.db, { q: q ?? null, limit, offset, includeMerged: merged });
      return { total: page.total, actors: page.actors.map(presentSummary) };
    },
  );

  api.get(
    '/actors/:id',
    {
      schema: {
        description: 'One actor: aliases by script, designations, affiliations, merges and the latest items mentioning it.',
        params: idParams,
        querystring: z.object({ items_limit: z.coerce.number().int().min(0).max(100).default(20) }),
        response: { 200: actorDetailSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const profile = await profileOr404(req.params.id);
      const [affiliations, items] = await Promise.all([
        affiliationsOfActor(ctx.db, profile.id),
        mentioningItems(profile, { limit: req.query.items_limit, offset: 0 }),
      ]);
      return {
        id: profile.id,
        kind: profile.kind,
        canonical: profile.canonicalName,
        description: profile.description,
        notes: profile.notes,
        created_at: profile.createdAt,
        updated_at: profile.updatedAt,
        merged_into: profile.mergedInto ? { id: profile.mergedInto.id, canonical: profile.mergedInto.canonicalName } : null,
        merged_from: profile.mergedFrom.map((m) => ({ id: m.id, canonical: m.canonicalName })),
        designations: profile.designations.map((d) => ({
          label: `${d.list}:${d.reference}`,
          list: d.list,
          reference: d.reference,
          listed_on: d.listedOn,
          via: d.actorId === profile.id ? null : d.actorId,
        })),
        aliases: groupAliases(profile),
        affiliations: affiliations.map(presentAffiliation),
        items,
      };
    },
  );

  api.get(
    '/actors/:id/items',
    {
      schema: {
        description: 'Items mentioning the actor (or an actor merged into it), newest first, paged by offset.',
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: mentioningItemsSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (req) => mentioningItems(await profileOr404(req.params.id), req.query),
  );
}

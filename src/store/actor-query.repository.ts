import { sql } from 'kysely';
import { normalize } from '../text/normalize.js';
import type { ActorRecord } from './actor.repository.js';
import type { Db } from './database.js';

// Read-side queries of the actor registry for the HTTP API and the UI: lists, profiles,
// affiliations and the items that mention an actor. Writes stay in actor.repository.ts.

/** One row of the actors index. */
export interface ActorSummary {
  id: string;
  kind: ActorRecord['kind'];
  canonicalName: string;
  mergedInto: string | null;
  /** `list:reference`, e.g. `ofac:11462`, sorted. */
  designations: string[];
  aliasCount: number;
  mentionCount: number;
}

/** Filter and page of the actors index. */
export interface ActorListQuery {
  /** Matches canonical names and normalized aliases containing it (any script). */
  q?: string | null;
  limit: number;
  offset: number;
  /** Also list actors merged into another (hidden by default: the survivor stands for them). */
  includeMerged?: boolean;
}

/** An actor with everything its page shows except affiliations and items. */
export interface ActorProfile {
  id: string;
  kind: ActorRecord['kind'];
  canonicalName: string;
  description: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
  mergedInto: { id: string; canonicalName: string } | null;
  /** Actors merged into this one, directly or through a chain of merges. */
  mergedFrom: Array<{ id: string; canonicalName: string }>;
  /** Own aliases, then those of merged actors (`actorId` says whose). */
  aliases: Array<{ actorId: string; alias: string; normalized: string; script: string | null; kind: string; source: string | null; confidence: number }>;
  designations: Array<{ actorId: string; list: string; reference: string; listedOn: string | null }>;
}

/** A person → group link seen from one side. */
export interface ActorAffiliation {
  /** `member_of`: this actor is the person; `has_member`: this actor is the group. */
  relation: 'member_of' | 'has_member';
  otherId: string;
  otherCanonicalName: string;
  otherKind: ActorRecord['kind'];
  role: string | null;
  source: string | null;
}

/** A mention with the canonical name of its actor (for item views). */
export interface ItemMention {
  itemId: string;
  actorId: string;
  canonicalName: string;
  matchedText: string;
  spanStart: number;
  spanEnd: number;
  score: number;
  method: string;
}

/** A page of items mentioning an actor, newest first, with the mentions of that actor in each. */
export interface MentioningItemsPage {
  items: Array<{ itemId: string; mentions: ItemMention[] }>;
  /** Items mentioning the actor in all. */
  total: number;
}

const ID_CHUNK = 500;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Actors for the index, most mentioned first, then by name; optionally filtered by name. */
export async function listActors(db: Db, query: ActorListQuery): Promise<{ actors: ActorSummary[]; total: number }> {
  const q = query.q?.trim() ?? '';
  const base = () => {
    let b = db.kysely.selectFrom('actors');
    if (!query.includeMerged) b = b.where('actors.mergedInto', 'is', null);
    if (q !== '') {
      const folded = likePattern(normalize(q));
      const lowered = likePattern(q.toLowerCase());
      // ESCAPE is spelled out: PostgreSQL defaults to backslash, SQLite has no default.
      b = b.where((eb) =>
        eb.or([
          eb(sql`lower(actors.canonical_name)`, 'like', sql`${lowered} escape '\\'`),
          eb(
            'actors.id',
            'in',
            eb.selectFrom('actorAliases').select('actorAliases.actorId').where(sql<boolean>`actor_aliases.normalized like ${folded} escape '\\'`),
          ),
        ]),
      );
    }
    return b;
  };
  const totalRow = await base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base()
    .select((eb) => [
      'actors.id',
      'actors.kind',
      'actors.canonicalName',
      'actors.mergedInto',
      eb.selectFrom('actorAliases').select((e) => e.fn.countAll<number>().as('n')).whereRef('actorAliases.actorId', '=', 'actors.id').as('aliasCount'),
      eb.selectFrom('mentions').select((e) => e.fn.countAll<number>().as('n')).whereRef('mentions.actorId', '=', 'actors.id').as('mentionCount'),
    ])
    .orderBy('mentionCount', 'desc')
    .orderBy('actors.canonicalName')
    .orderBy('actors.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const designations = await designationLabels(db, rows.map((r) => r.id));
  return {
    total: Number(totalRow.n),
    actors: rows.map((r) => ({
      id: r.id,
      kind: r.kind as ActorRecord['kind'],
      canonicalName: r.canonicalName,
      mergedInto: r.mergedInto,
      designations: designations.get(r.id) ?? [],
      aliasCount: Number(r.aliasCount ?? 0),
      mentionCount: Number(r.mentionCount ?? 0),
    })),
  };
}

async function designationLabels(db: Db, actorIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < actorIds.length; i += ID_CHUNK) {
    const chunk = actorIds.slice(i, i + ID_CHUNK);
    if (chunk.length === 0) continue;
    const rows = await db.kysely
      .selectFrom('actorDesignations')
      .select(['actorId', 'list', 'reference'])
      .where('actorId', 'in', chunk)
      .orderBy('list')
      .orderBy('reference')
      .execute();
    for (const r of rows) {
      const labels = out.get(r.actorId) ?? [];
      labels.push(`${r.list}:${r.reference}`);
      out.set(r.actorId, labels);
    }
  }
  return out;
}

// Merges form short chains; a cycle (which merge code must never make) stops here anyway.
const MAX_MERGE_DEPTH = 16;

/** An actor's profile: aliases and designations (its own, then those of actors merged into it), merge links. */
export async function getActorProfile(db: Db, id: string): Promise<ActorProfile | undefined> {
  const row = await db.kysely.selectFrom('actors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const mergedInto = row.mergedInto
    ? await db.kysely.selectFrom('actors').select(['id', 'canonicalName']).where('id', '=', row.mergedInto).executeTakeFirst()
    : undefined;

  const mergedFrom: ActorProfile['mergedFrom'] = [];
  const seen = new Set([id]);
  let frontier = [id];
  for (let depth = 0; depth < MAX_MERGE_DEPTH && frontier.length > 0; depth++) {
    const children = await db.kysely
      .selectFrom('actors')
      .select(['id', 'canonicalName'])
      .where('mergedInto', 'in', frontier)
      .orderBy('canonicalName')
      .execute();
    frontier = [];
    for (const c of children) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      mergedFrom.push(c);
      frontier.push(c.id);
    }
  }

  const ids = [id, ...mergedFrom.map((m) => m.id)];
  const own = (actorId: string) => (actorId === id ? 0 : 1);
  const aliases = await db.kysely
    .selectFrom('actorAliases')
    .select(['actorId', 'alias', 'normalized', 'script', 'kind', 'source', 'confidence'])
    .where('actorId', 'in', ids)
    .orderBy('alias')
    .execute();
  const designations = await db.kysely
    .selectFrom('actorDesignations')
    .select(['actorId', 'list', 'reference', 'listedOn'])
    .where('actorId', 'in', ids)
    .orderBy('list')
    .orderBy('reference')
    .execute();
  return {
    id: row.id,
    kind: row.kind as ActorRecord['kind'],
    canonicalName: row.canonicalName,
    description: row.description,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    mergedInto: mergedInto ?? null,
    mergedFrom,
    aliases: aliases
      .map((a) => ({ ...a, confidence: Number(a.confidence) }))
      .sort((a, b) => own(a.actorId) - own(b.actorId)),
    designations: designations.sort((a, b) => own(a.actorId) - own(b.actorId)),
  };
}

/** The actor's affiliations both ways (the groups a person belongs to, a group's members), by name. */
export async function affiliationsOfActor(db: Db, actorId: string): Promise<ActorAffiliation[]> {
  const groups = await db.kysely
    .selectFrom('actorAffiliations')
    .innerJoin('actors', 'actors.id', 'actorAffiliations.groupId')
    .select(['actors.id', 'actors.canonicalName', 'actors.kind', 'actorAffiliations.role', 'actorAffiliations.source'])
    .where('actorAffiliations.personId', '=', actorId)
    .orderBy('actors.canonicalName')
    .execute();
  const members = await db.kysely
    .selectFrom('actorAffiliations')
    .innerJoin('actors', 'actors.id', 'actorAffiliations.personId')
    .select(['actors.id', 'actors.canonicalName', 'actors.kind', 'actorAffiliations.role', 'actorAffiliations.source'])
    .where('actorAffiliations.groupId', '=', actorId)
    .orderBy('actors.canonicalName')
    .execute();
  const view = (relation: ActorAffiliation['relation']) => (r: (typeof groups)[number]): ActorAffiliation => ({
    relation,
    otherId: r.id,
    otherCanonicalName: r.canonicalName,
    otherKind: r.kind as ActorRecord['kind'],
    role: r.role,
    source: r.source,
  });
  return [...groups.map(view('member_of')), ...members.map(view('has_member'))];
}

function selectMentions(db: Db) {
  return db.kysely
    .selectFrom('mentions')
    .innerJoin('actors', 'actors.id', 'mentions.actorId')
    .select([
      'mentions.itemId',
      'mentions.actorId',
      'actors.canonicalName',
      'mentions.matchedText',
      'mentions.spanStart',
      'mentions.spanEnd',
      'mentions.score',
      'mentions.method',
    ]);
}

type MentionRow = Awaited<ReturnType<ReturnType<typeof selectMentions>['execute']>>[number];

function toItemMention(r: MentionRow): ItemMention {
  return { ...r, spanStart: Number(r.spanStart), spanEnd: Number(r.spanEnd), score: Number(r.score) };
}

/**
 * Items mentioning any of these actors (an actor and those merged into it), newest first
 * (undated last), one page, each with its mentions of those actors in text order.
 */
export async function itemsMentioningActors(
  db: Db,
  actorIds: string[],
  page: { limit: number; offset: number },
): Promise<MentioningItemsPage> {
  if (actorIds.length === 0) return { items: [], total: 0 };
  const mentioning = db.kysely.selectFrom('mentions').select('mentions.itemId').where('mentions.actorId', 'in', actorIds);
  const totalRow = await db.kysely
    .selectFrom('mentions')
    .select((eb) => eb.fn.count<number>('mentions.itemId').distinct().as('n'))
    .where('mentions.actorId', 'in', actorIds)
    .executeTakeFirstOrThrow();
  const rows = await db.kysely
    .selectFrom('items')
    .select('items.id')
    .where('items.id', 'in', mentioning)
    .orderBy('items.publishedAt', (ob) => ob.desc().nullsLast())
    .orderBy('items.seq', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const ids = rows.map((r) => r.id);
  const byItem = new Map<string, ItemMention[]>(ids.map((i) => [i, []]));
  if (ids.length > 0) {
    const mentions = await selectMentions(db)
      .where('mentions.itemId', 'in', ids)
      .where('mentions.actorId', 'in', actorIds)
      .orderBy('mentions.itemId')
      .orderBy('mentions.spanStart')
      .execute();
    for (const m of mentions) byItem.get(m.itemId)?.push(toItemMention(m));
  }
  return { total: Number(totalRow.n), items: ids.map((itemId) => ({ itemId, mentions: byItem.get(itemId) ?? [] })) };
}

/** The mentions of a set of items with each actor's canonical name, in text order (one query per 500 items). */
export async function mentionsOfItems(db: Db, itemIds: string[]): Promise<Map<string, ItemMention[]>> {
  const out = new Map<string, ItemMention[]>();
  const unique = [...new Set(itemIds)];
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    const rows = await selectMentions(db)
      .where('mentions.itemId', 'in', unique.slice(i, i + ID_CHUNK))
      .orderBy('mentions.itemId')
      .orderBy('mentions.spanStart')
      .orderBy('mentions.spanEnd', 'desc')
      .execute();
    for (const r of rows) {
      const list = out.get(r.itemId) ?? [];
      list.push(toItemMention(r));
      out.set(r.itemId, list);
    }
  }
  return out;
}

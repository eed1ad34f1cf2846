import { sql, type Selectable } from 'kysely';
import { sourceIdFor } from '../core/ids.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';
import type { SourcesTable } from './schema.js';

/** A source `rasad sources add` watches, with its collection state and health. */
export interface WatchedSource {
  id: string;
  kind: string;
  handle: string;
  url: string | null;
  title: string | null;
  description: string | null;
  audience: number | null;
  externalId: string | null;
  /** active, paused, quarantined, gone */
  status: string;
  statusReason: string | null;
  cursor: Record<string, unknown> | null;
  pollIntervalSeconds: number;
  followLinks: boolean;
  discoveryDepth: number;
  discoveredFrom: string | null;
  monitored: boolean;
  nextPollAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  errorCount: number;
  goneChecks: number;
  suspectedAt: string | null;
  goneAt: string | null;
  createdAt: string;
}

export const DEFAULT_POLL_SECONDS = 300;

export interface WatchInput {
  kind: string;
  handle: string;
  url: string | null;
  pollIntervalSeconds: number;
  followLinks: boolean;
  discoveryDepth: number;
  discoveredFrom: string | null;
}

/**
 * Starts watching a source (creating it, or re-watching one an import or an earlier `add`
 * created): monitored, active, due now. Its items, cursor and history are kept.
 */
export async function watchSource(db: Db, input: WatchInput, now: string): Promise<string> {
  const id = sourceIdFor(input.kind, input.handle);
  await db.kysely
    .insertInto('sources')
    .values({
      id,
      kind: input.kind,
      handle: input.handle,
      url: input.url,
      title: null,
      language: null,
      reliability: null,
      tags: '[]',
      cursor: null,
      pollIntervalSeconds: input.pollIntervalSeconds,
      status: 'active',
      discoveredFrom: input.discoveredFrom,
      createdAt: now,
      updatedAt: now,
      monitored: 1,
      followLinks: input.followLinks ? 1 : 0,
      discoveryDepth: input.discoveryDepth,
      nextPollAt: now,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'handle']).doUpdateSet({
        monitored: 1,
        status: 'active',
        statusReason: null,
        url: sql`coalesce(excluded.url, sources.url)`,
        pollIntervalSeconds: input.pollIntervalSeconds,
        followLinks: input.followLinks ? 1 : 0,
        nextPollAt: now,
        updatedAt: now,
      }),
    )
    .execute();
  return id;
}

type SourceRow = Selectable<SourcesTable>;

function toWatched(r: SourceRow): WatchedSource {
  return {
    id: r.id,
    kind: r.kind,
    handle: r.handle,
    url: r.url,
    title: r.title,
    description: r.description,
    audience: r.audience === null ? null : Number(r.audience),
    externalId: r.externalId,
    status: r.status,
    statusReason: r.statusReason,
    cursor: fromJson<Record<string, unknown> | null>(r.cursor, null),
    pollIntervalSeconds: r.pollIntervalSeconds ?? DEFAULT_POLL_SECONDS,
    followLinks: Number(r.followLinks) === 1,
    discoveryDepth: Number(r.discoveryDepth),
    discoveredFrom: r.discoveredFrom,
    monitored: Number(r.monitored) === 1,
    nextPollAt: r.nextPollAt,
    lastPolledAt: r.lastPolledAt,
    lastSuccessAt: r.lastSuccessAt,
    lastError: r.lastError,
    lastErrorAt: r.lastErrorAt,
    errorCount: Number(r.errorCount),
    goneChecks: Number(r.goneChecks),
    suspectedAt: r.suspectedAt,
    goneAt: r.goneAt,
    createdAt: r.createdAt,
  };
}

/** One source by kind and handle (watched or not). */
export async function findSource(db: Db, kind: string, handle: string): Promise<WatchedSource | undefined> {
  const row = await db.kysely.selectFrom('sources').selectAll().where('id', '=', sourceIdFor(kind, handle)).executeTakeFirst();
  return row ? toWatched(row) : undefined;
}

/** One source by id. */
export async function getWatchedSource(db: Db, id: string): Promise<WatchedSource | undefined> {
  const row = await db.kysely.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWatched(row) : undefined;
}

/** Monitored sources whose next poll is due, soonest first (paused ones never). */
export async function dueSources(db: Db, now: string, limit: number): Promise<WatchedSource[]> {
  const rows = await db.kysely
    .selectFrom('sources')
    .selectAll()
    .where('monitored', '=', 1)
    .where('status', '!=', 'paused')
    .where((eb) => eb.or([eb('nextPollAt', 'is', null), eb('nextPollAt', '<=', now)]))
    .orderBy('nextPollAt')
    .limit(limit)
    .execute();
  return rows.map(toWatched);
}

/** When the soonest monitored source is next due (null when none is). */
export async function nextDueAt(db: Db): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('sources')
    .select((eb) => eb.fn.min('nextPollAt').as('next'))
    .where('monitored', '=', 1)
    .where('status', '!=', 'paused')
    .executeTakeFirst();
  return row?.next ?? null;
}

/**
 * Every monitored source with its item count and items of the last 24 hours: the items filed
 * under it plus those it found under other sources (a search source's results).
 */
export async function listWatchedSources(db: Db, now: string, includeAll = false): Promise<Array<WatchedSource & { items: number; itemsLastDay: number }>> {
  const dayAgo = new Date(Date.parse(now) - 86_400_000).toISOString();
  let q = db.kysely
    .selectFrom('sources')
    .selectAll('sources')
    .select((eb) => [
      eb.selectFrom('items').select((e) => e.fn.countAll<number>().as('n')).whereRef('items.sourceId', '=', 'sources.id').as('items'),
      eb
        .selectFrom('items')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('items.sourceId', '=', 'sources.id')
        .where('items.collectedAt', '>=', dayAgo)
        .as('itemsLastDay'),
      eb.selectFrom('sourceHits').select((e) => e.fn.countAll<number>().as('n')).whereRef('sourceHits.sourceId', '=', 'sources.id').as('hits'),
      eb
        .selectFrom('sourceHits')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('sourceHits.sourceId', '=', 'sources.id')
        .where('sourceHits.foundAt', '>=', dayAgo)
        .as('hitsLastDay'),
    ]);
  if (!includeAll) q = q.where('monitored', '=', 1);
  const rows = await q.orderBy('kind').orderBy('handle').execute();
  return rows.map((r) => ({
    ...toWatched(r),
    items: Number(r.items ?? 0) + Number(r.hits ?? 0),
    itemsLastDay: Number(r.itemsLastDay ?? 0) + Number(r.hitsLastDay ?? 0),
  }));
}

/** Records that a source found these items, filed under other sources (idempotent: the first find stays). */
export async function recordSourceHits(db: Db, sourceId: string, itemIds: string[], at: string): Promise<void> {
  const unique = [...new Set(itemIds)];
  for (let i = 0; i < unique.length; i += 300) {
    const chunk = unique.slice(i, i + 300);
    await db.kysely
      .insertInto('sourceHits')
      .values(chunk.map((itemId) => ({ sourceId, itemId, foundAt: at })))
      .onConflict((oc) => oc.columns(['sourceId', 'itemId']).doNothing())
      .execute();
  }
}

/** Pause, resume or stop watching. Stopping keeps the source, its items and its evidence. */
export async function setWatch(db: Db, id: string, change: { status?: string; monitored?: boolean; statusReason?: string | null; nextPollAt?: string | null }, now: string): Promise<void> {
  await db.kysely
    .updateTable('sources')
    .set({
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.monitored !== undefined ? { monitored: change.monitored ? 1 : 0 } : {}),
      ...(change.statusReason !== undefined ? { statusReason: change.statusReason } : {}),
      ...(change.nextPollAt !== undefined ? { nextPollAt: change.nextPollAt } : {}),
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
}

/** What one poll changed about a source. */
export interface PollOutcome {
  polledAt: string;
  nextPollAt: string;
  cursor: Record<string, unknown> | null;
  success: boolean;
  error: string | null;
  errorCount: number;
  status: string;
  statusReason: string | null;
  goneChecks: number;
  suspectedAt: string | null;
  goneAt: string | null;
  profile: { title?: string | null; description?: string | null; url?: string | null; externalId?: string | null; audience?: number | null; language?: string | null } | null;
}

/** Stores the outcome of one poll (cursor, health, liveness, what was learnt about the source). */
export async function recordPoll(db: Db, id: string, o: PollOutcome): Promise<void> {
  const p = o.profile;
  await db.kysely
    .updateTable('sources')
    .set({
      lastPolledAt: o.polledAt,
      nextPollAt: o.nextPollAt,
      ...(o.cursor !== null ? { cursor: toJson(o.cursor) } : {}),
      ...(o.success ? { lastSuccessAt: o.polledAt } : { lastError: o.error, lastErrorAt: o.polledAt }),
      errorCount: o.errorCount,
      status: o.status,
      statusReason: o.statusReason,
      goneChecks: o.goneChecks,
      suspectedAt: o.suspectedAt,
      goneAt: o.goneAt,
      ...(p?.title ? { title: p.title } : {}),
      ...(p?.description ? { description: p.description } : {}),
      ...(p?.externalId ? { externalId: p.externalId } : {}),
      ...(p?.audience !== undefined && p.audience !== null ? { audience: p.audience } : {}),
      ...(p?.language ? { language: p.language } : {}),
      updatedAt: o.polledAt,
    })
    .where('id', '=', id)
    .execute();
}

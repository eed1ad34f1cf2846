import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/** An event's summary row: its first item and why, corroboration, anomalies, member count. */
export interface EventRecord {
  id: string;
  title: string;
  firstItemId: string | null;
  firstSeenAt: string | null;
  firstWhy: string | null;
  confidence: number | null;
  corroboration: number;
  stageVersion: string;
  anomalies: string[];
  memberCount: number;
  lastSeenAt: string | null;
}

/** One member of an event: how it joined (relation, score, the member it linked to, why). */
export interface EventMemberRecord {
  eventId: string;
  itemId: string;
  relation: string;
  score: number;
  linkedTo: string | null;
  why: string | null;
  addedAt: string;
}

const CHUNK = 500;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Creates or replaces an event's summary row. */
export async function saveEventSummary(db: Db, e: EventRecord, now: string): Promise<void> {
  const row = { ...e, anomalies: toJson(e.anomalies) };
  await db.kysely
    .insertInto('events')
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        title: row.title,
        firstItemId: row.firstItemId,
        firstSeenAt: row.firstSeenAt,
        firstWhy: row.firstWhy,
        confidence: row.confidence,
        corroboration: row.corroboration,
        stageVersion: row.stageVersion,
        anomalies: row.anomalies,
        memberCount: row.memberCount,
        lastSeenAt: row.lastSeenAt,
        updatedAt: now,
      }),
    )
    .execute();
}

/** Puts items into events; an item already in an event moves (an item belongs to one event). */
export async function putMembers(db: Db, members: readonly EventMemberRecord[]): Promise<void> {
  for (const batch of chunks(members)) {
    await db.kysely
      .deleteFrom('eventMembers')
      .where('itemId', 'in', batch.map((m) => m.itemId))
      .execute();
    await db.kysely.insertInto('eventMembers').values(batch.map((m) => ({ ...m }))).execute();
  }
}

/** Takes items out of whatever event holds them. */
export async function removeMembers(db: Db, itemIds: readonly string[]): Promise<void> {
  for (const batch of chunks(itemIds)) await db.kysely.deleteFrom('eventMembers').where('itemId', 'in', batch).execute();
}

/** Moves every member of one event into another and deletes the emptied event. */
export async function mergeEventInto(db: Db, from: string, into: string): Promise<void> {
  if (from === into) return;
  await db.kysely.updateTable('eventMembers').set({ eventId: into }).where('eventId', '=', from).execute();
  await db.kysely.deleteFrom('events').where('id', '=', from).execute();
}

/** Deletes events (their memberships go with them). */
export async function deleteEvents(db: Db, ids: readonly string[]): Promise<void> {
  for (const batch of chunks(ids)) {
    await db.kysely.deleteFrom('eventMembers').where('eventId', 'in', batch).execute();
    await db.kysely.deleteFrom('events').where('id', 'in', batch).execute();
  }
}

/** Every event and membership removed (a rebuild); analysts' decisions are kept. */
export async function clearEvents(db: Db): Promise<void> {
  await db.kysely.deleteFrom('eventMembers').execute();
  await db.kysely.deleteFrom('events').execute();
}

/** The event each of these items belongs to (items in none are absent). */
export async function eventIdsOfItems(db: Db, itemIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of chunks(itemIds)) {
    const rows = await db.kysely.selectFrom('eventMembers').select(['itemId', 'eventId']).where('itemId', 'in', batch).execute();
    for (const r of rows) out.set(r.itemId, r.eventId);
  }
  return out;
}

function memberFromRow(r: { eventId: string; itemId: string; relation: string; score: number; linkedTo: string | null; why: string | null; addedAt: string }): EventMemberRecord {
  return { eventId: r.eventId, itemId: r.itemId, relation: r.relation, score: Number(r.score), linkedTo: r.linkedTo, why: r.why, addedAt: r.addedAt };
}

/** Members of these events. */
export async function membersOfEvents(db: Db, eventIds: readonly string[]): Promise<EventMemberRecord[]> {
  const out: EventMemberRecord[] = [];
  for (const batch of chunks(eventIds)) {
    const rows = await db.kysely.selectFrom('eventMembers').selectAll().where('eventId', 'in', batch).execute();
    out.push(...rows.map(memberFromRow));
  }
  return out;
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

function selectEvents(db: Db) {
  return db.kysely.selectFrom('events').selectAll();
}

function eventFromRow(e: EventRow): EventRecord {
  return {
    id: e.id,
    title: e.title,
    firstItemId: e.firstItemId,
    firstSeenAt: e.firstSeenAt,
    firstWhy: e.firstWhy,
    confidence: e.confidence === null ? null : Number(e.confidence),
    corroboration: Number(e.corroboration),
    stageVersion: e.stageVersion,
    anomalies: fromJson<string[]>(e.anomalies, []),
    memberCount: Number(e.memberCount),
    lastSeenAt: e.lastSeenAt,
  };
}

/** Events, most recently first seen first. */
export async function listEvents(db: Db, page: { limit: number; offset: number } = { limit: 1000, offset: 0 }): Promise<{ events: EventRecord[]; total: number }> {
  const rows = await selectEvents(db)
    .orderBy('firstSeenAt', (ob) => ob.desc().nullsLast())
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db.kysely.selectFrom('events').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return { events: rows.map(eventFromRow), total: Number(total.n) };
}

/** One event by id. */
export async function getEvent(db: Db, id: string): Promise<EventRecord | undefined> {
  const row = await selectEvents(db).where('id', '=', id).executeTakeFirst();
  return row ? eventFromRow(row) : undefined;
}

/** Events by id. */
export async function getEvents(db: Db, ids: readonly string[]): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  for (const batch of chunks(ids)) out.push(...(await selectEvents(db).where('id', 'in', batch).execute()).map(eventFromRow));
  return out;
}

/** An analyst's merge or split, by item keys, replayed after every rebuild. */
export interface EventDecisionRecord {
  id: string;
  kind: 'merge' | 'split';
  itemKeys: string[];
  reason: string;
  analyst: string;
  createdAt: string;
}

export async function insertEventDecision(db: Db, d: EventDecisionRecord): Promise<void> {
  await db.kysely
    .insertInto('eventDecisions')
    .values({ ...d, itemKeys: toJson(d.itemKeys) })
    .execute();
}

/** Every decision, oldest first (the order they are replayed in). */
export async function listEventDecisions(db: Db): Promise<EventDecisionRecord[]> {
  const rows = await db.kysely.selectFrom('eventDecisions').selectAll().orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => ({ ...r, kind: r.kind === 'merge' ? 'merge' : 'split', itemKeys: fromJson<string[]>(r.itemKeys, []) }));
}

/** Canonical names of actors by id (for event summaries). */
export async function actorNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const batch of chunks(ids)) {
    const rows = await db.kysely.selectFrom('actors').select(['id', 'canonicalName']).where('id', 'in', batch).execute();
    for (const r of rows) out.set(r.id, r.canonicalName);
  }
  return out;
}

/** Creates an event's row if it does not exist yet (members reference it; summarize fills it). */
export async function ensureEvent(db: Db, id: string, stageVersion: string, now: string): Promise<void> {
  await db.kysely
    .insertInto('events')
    .values({ id, title: '', corroboration: 0, stageVersion, anomalies: toJson([]), memberCount: 0, createdAt: now, updatedAt: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

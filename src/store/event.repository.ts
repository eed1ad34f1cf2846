import type { Db } from './database.js';

/** An event: a cluster of items about one happening, with its first item and why. */
export interface EventRecord {
  id: string;
  title: string;
  firstItemId: string | null;
  firstSeenAt: string | null;
  firstWhy: string | null;
  confidence: number | null;
  corroboration: number;
  stageVersion: string;
  members: Array<{ itemId: string; relation: string; score: number }>;
}

/** Creates or replaces an event and its membership. */
export async function saveEvent(db: Db, e: EventRecord, now: string): Promise<void> {
  const { members, ...event } = e;
  await db.kysely
    .insertInto('events')
    .values({ ...event, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        title: event.title,
        firstItemId: event.firstItemId,
        firstSeenAt: event.firstSeenAt,
        firstWhy: event.firstWhy,
        confidence: event.confidence,
        corroboration: event.corroboration,
        stageVersion: event.stageVersion,
        updatedAt: now,
      }),
    )
    .execute();
  await db.kysely.deleteFrom('eventMembers').where('eventId', '=', e.id).execute();
  if (members.length > 0) {
    await db.kysely
      .insertInto('eventMembers')
      .values(members.map((m) => ({ ...m, eventId: e.id, addedAt: now })))
      .execute();
  }
}

/** Every event, newest first seen first, with members. */
export async function listEvents(db: Db): Promise<EventRecord[]> {
  const events = await db.kysely.selectFrom('events').selectAll().orderBy('firstSeenAt', (ob) => ob.desc().nullsLast()).execute();
  const members = await db.kysely.selectFrom('eventMembers').selectAll().execute();
  return events.map((e) => ({
    id: e.id,
    title: e.title,
    firstItemId: e.firstItemId,
    firstSeenAt: e.firstSeenAt,
    firstWhy: e.firstWhy,
    confidence: e.confidence === null ? null : Number(e.confidence),
    corroboration: Number(e.corroboration),
    stageVersion: e.stageVersion,
    members: members
      .filter((m) => m.eventId === e.id)
      .map((m) => ({ itemId: m.itemId, relation: m.relation, score: Number(m.score) }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId)),
  }));
}

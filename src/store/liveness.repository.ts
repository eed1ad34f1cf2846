import { timeOrderedId } from '../core/ids.js';
import type { Db } from './database.js';

/** One re-check of an item or a source, with the evidence it rests on. */
export interface LivenessCheckRecord {
  subjectType: 'item' | 'source';
  subjectId: string;
  checkedAt: string;
  verdict: string;
  reason: string;
  httpStatus: number | null;
  captureId: string | null;
}

export async function insertLivenessChecks(db: Db, checks: LivenessCheckRecord[]): Promise<void> {
  for (let i = 0; i < checks.length; i += 200) {
    const chunk = checks.slice(i, i + 200);
    if (chunk.length === 0) continue;
    await db.kysely.insertInto('livenessChecks').values(chunk.map((c) => ({ id: timeOrderedId(c.checkedAt), ...c }))).execute();
  }
}

/** The checks of one subject, oldest first. */
export async function livenessHistory(db: Db, subjectType: 'item' | 'source', subjectId: string): Promise<Array<LivenessCheckRecord & { id: string }>> {
  const rows = await db.kysely.selectFrom('livenessChecks').selectAll().where('subjectType', '=', subjectType).where('subjectId', '=', subjectId).orderBy('checkedAt').orderBy('id').execute();
  return rows.map((r) => ({ ...r, subjectType: r.subjectType as 'item' | 'source', httpStatus: r.httpStatus === null ? null : Number(r.httpStatus) }));
}

/** An item's liveness state to check: where it is, who holds it, its current state. */
export interface ItemToCheck {
  id: string;
  key: string;
  url: string | null;
  nativeId: string;
  sourceId: string;
  liveness: string;
  goneChecks: number;
  suspectedAt: string | null;
  collectedAt: string;
}

/** Items of monitored sources whose next check is due, soonest first. */
export async function itemsDueForCheck(db: Db, now: string, limit: number): Promise<ItemToCheck[]> {
  const rows = await db.kysely
    .selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.sourceId')
    .select(['items.id', 'items.key', 'items.url', 'items.nativeId', 'items.sourceId', 'items.liveness', 'items.goneChecks', 'items.suspectedAt', 'items.collectedAt'])
    .where('sources.monitored', '=', 1)
    .where('items.nextCheckAt', 'is not', null)
    .where('items.nextCheckAt', '<=', now)
    .orderBy('items.nextCheckAt')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, goneChecks: Number(r.goneChecks) }));
}

/** The new liveness state of an item after a check. */
export async function updateItemLiveness(
  db: Db,
  id: string,
  s: { liveness: string; reason: string | null; checkedAt: string; goneChecks: number; suspectedAt: string | null; goneAt: string | null; nextCheckAt: string | null },
): Promise<void> {
  await db.kysely
    .updateTable('items')
    .set({ liveness: s.liveness, livenessReason: s.reason, livenessCheckedAt: s.checkedAt, goneChecks: s.goneChecks, suspectedAt: s.suspectedAt, goneAt: s.goneAt, nextCheckAt: s.nextCheckAt })
    .where('id', '=', id)
    .execute();
}

/** Schedules the first check of newly collected items. */
export async function scheduleItemChecks(db: Db, ids: string[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    await db.kysely.updateTable('items').set({ nextCheckAt: at, liveness: 'live' }).where('id', 'in', chunk).execute();
  }
}

/** Items and sources confirmed gone, most recently vanished first. */
export async function vanished(db: Db, limit: number): Promise<{
  items: Array<{ id: string; key: string; url: string | null; sourceId: string; reason: string | null; goneAt: string | null; publishedAt: string | null; collectedAt: string; text: string }>;
  sources: Array<{ id: string; kind: string; handle: string; title: string | null; reason: string | null; goneAt: string | null }>;
}> {
  const items = await db.kysely
    .selectFrom('items')
    .select(['id', 'key', 'url', 'sourceId', 'livenessReason as reason', 'goneAt', 'publishedAt', 'collectedAt', 'text'])
    .where('liveness', '=', 'gone')
    .orderBy('goneAt', 'desc')
    .limit(limit)
    .execute();
  const sources = await db.kysely
    .selectFrom('sources')
    .select(['id', 'kind', 'handle', 'title', 'statusReason as reason', 'goneAt'])
    .where('status', '=', 'gone')
    .orderBy('goneAt', 'desc')
    .limit(limit)
    .execute();
  return { items, sources };
}

/** The current liveness of items (state, reason, last check, when gone). */
export async function livenessOfItems(db: Db, ids: string[]): Promise<Map<string, { liveness: string; reason: string | null; checkedAt: string | null; goneAt: string | null }>> {
  const out = new Map<string, { liveness: string; reason: string | null; checkedAt: string | null; goneAt: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely.selectFrom('items').select(['id', 'liveness', 'livenessReason', 'livenessCheckedAt', 'goneAt']).where('id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, { liveness: r.liveness, reason: r.livenessReason, checkedAt: r.livenessCheckedAt, goneAt: r.goneAt });
  }
  return out;
}

/** Makes the checks of these items due at `at` (their state unchanged). */
export async function makeChecksDue(db: Db, ids: string[], at: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length > 0) await db.kysely.updateTable('items').set({ nextCheckAt: at }).where('id', 'in', chunk).execute();
  }
}

import { sql } from 'kysely';
import { deterministicId, sourceIdFor } from '../core/ids.js';
import type { Db } from './database.js';

/** A channel or account seen through a forward, mention or link, waiting for an analyst. */
export interface DiscoveryRecord {
  id: string;
  kind: string;
  handle: string;
  /** pending, promoted, dismissed */
  status: string;
  depth: number;
  how: string;
  viaSourceId: string | null;
  viaItemKey: string | null;
  seenCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export const discoveryIdFor = (kind: string, handle: string): string => deterministicId('rasad:discovery', `${kind}:${handle.toLowerCase()}`);

/**
 * Records sightings: a new handle enters the queue as pending; a known one counts one more
 * sighting. Handles already watched are not queued. Returns how many were new.
 */
export async function recordDiscoveries(
  db: Db,
  sightings: Array<{ kind: string; handle: string; how: string; depth: number; viaSourceId: string; viaItemKey: string }>,
  now: string,
): Promise<number> {
  if (sightings.length === 0) return 0;
  const watched = new Set(
    (
      await db.kysely
        .selectFrom('sources')
        .select('id')
        .where('monitored', '=', 1)
        .where('id', 'in', sightings.map((s) => sourceIdFor(s.kind, s.handle)))
        .execute()
    ).map((r) => r.id),
  );
  let fresh = 0;
  const merged = new Map<string, (typeof sightings)[number] & { count: number }>();
  for (const s of sightings) {
    if (watched.has(sourceIdFor(s.kind, s.handle))) continue;
    const k = `${s.kind}:${s.handle.toLowerCase()}`;
    const m = merged.get(k);
    if (m) m.count++;
    else merged.set(k, { ...s, handle: s.handle.toLowerCase(), count: 1 });
  }
  for (const s of merged.values()) {
    const id = discoveryIdFor(s.kind, s.handle);
    const existing = await db.kysely.selectFrom('sourceDiscoveries').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) fresh++;
    await db.kysely
      .insertInto('sourceDiscoveries')
      .values({ id, kind: s.kind, handle: s.handle, depth: s.depth, how: s.how, viaSourceId: s.viaSourceId, viaItemKey: s.viaItemKey, seenCount: s.count, firstSeenAt: now, lastSeenAt: now })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          seenCount: sql`source_discoveries.seen_count + ${s.count}`,
          lastSeenAt: now,
          depth: sql`CASE WHEN source_discoveries.depth < ${s.depth} THEN source_discoveries.depth ELSE ${s.depth} END`,
        }),
      )
      .execute();
  }
  return fresh;
}

/** The queue (pending by default, `all` for every status), most often seen first. */
export async function listDiscoveries(db: Db, status = 'pending', limit = 500): Promise<DiscoveryRecord[]> {
  let q = db.kysely.selectFrom('sourceDiscoveries').selectAll();
  if (status !== 'all') q = q.where('status', '=', status);
  const rows = await q.orderBy('seenCount', 'desc').orderBy('lastSeenAt', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, depth: Number(r.depth), seenCount: Number(r.seenCount) }));
}

export async function getDiscovery(db: Db, kind: string, handle: string): Promise<DiscoveryRecord | undefined> {
  const r = await db.kysely.selectFrom('sourceDiscoveries').selectAll().where('id', '=', discoveryIdFor(kind, handle)).executeTakeFirst();
  return r ? { ...r, depth: Number(r.depth), seenCount: Number(r.seenCount) } : undefined;
}

/** An analyst's decision on a discovered handle. */
export async function decideDiscovery(db: Db, id: string, decision: { status: 'promoted' | 'dismissed'; by: string; reason: string | null }, now: string): Promise<void> {
  await db.kysely.updateTable('sourceDiscoveries').set({ status: decision.status, decidedBy: decision.by, decidedAt: now, reason: decision.reason }).where('id', '=', id).execute();
}

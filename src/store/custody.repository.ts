import { sql } from 'kysely';
import { timeOrderedId } from '../core/ids.js';
import { custodyHash, GENESIS, type CustodyEntry, type CustodyEntryInput } from '../core/custody-chain.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

// Any constant: the advisory lock that serializes appends to the chain on PostgreSQL.
const CUSTODY_LOCK = 7_261_003;

/**
 * Appends entries to the hash-chained custody log, in the caller's transaction. On PostgreSQL a
 * transaction-scoped advisory lock serializes appenders (several workers), so the chain never
 * forks; SQLite serializes writers itself.
 */
export async function appendCustody(db: Db, entries: CustodyEntryInput[]): Promise<CustodyEntry[]> {
  if (entries.length === 0) return [];
  if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${CUSTODY_LOCK})`.execute(db.kysely);
  const last = await db.kysely.selectFrom('custodyLog').select(['hash', 'seq']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS;
  let seq = Number(last?.seq ?? 0);
  const out: CustodyEntry[] = [];
  for (const input of entries) {
    const id = timeOrderedId(input.at);
    const hash = custodyHash(prev, { ...input, id });
    seq++;
    out.push({ ...input, id, seq, prevHash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < out.length; i += 200) {
    const chunk = out.slice(i, i + 200);
    await db.kysely
      .insertInto('custodyLog')
      .values(chunk.map((e) => ({ id: e.id, at: e.at, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, actor: e.actor, details: toJson(e.details), prevHash: e.prevHash, hash: e.hash })))
      .execute();
  }
  // The database assigns seq; read them back so callers hold the real numbers.
  const rows = await db.kysely.selectFrom('custodyLog').select(['id', 'seq']).where('id', 'in', out.map((e) => e.id)).execute();
  const seqs = new Map(rows.map((r) => [r.id, Number(r.seq)]));
  return out.map((e) => ({ ...e, seq: seqs.get(e.id) ?? e.seq }));
}

type CustodyRow = { seq: number | string; id: string; at: string; action: string; subjectType: string; subjectId: string; actor: string; details: unknown; prevHash: string; hash: string };

function toEntry(r: CustodyRow): CustodyEntry {
  return {
    ...r,
    seq: Number(r.seq),
    action: r.action as CustodyEntry['action'],
    subjectType: r.subjectType as CustodyEntry['subjectType'],
    details: fromJson<Record<string, unknown>>(r.details, {}),
  };
}

/** The whole log in order, in pages (for verifying the chain). */
export async function* custodyEntries(db: Db, page = 5000): AsyncGenerator<CustodyEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await db.kysely.selectFrom('custodyLog').selectAll().where('seq', '>', after).orderBy('seq').limit(page).execute();
    if (rows.length === 0) return;
    const entries = rows.map(toEntry);
    yield entries;
    after = entries[entries.length - 1]?.seq ?? after;
  }
}

/** Entries about these subjects (captures, items, an event), in order. */
export async function custodyOfSubjects(db: Db, subjects: Array<{ subjectType: string; subjectId: string }>): Promise<CustodyEntry[]> {
  const out: CustodyEntry[] = [];
  const byType = new Map<string, string[]>();
  for (const s of subjects) byType.set(s.subjectType, [...(byType.get(s.subjectType) ?? []), s.subjectId]);
  for (const [type, ids] of byType) {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.kysely.selectFrom('custodyLog').selectAll().where('subjectType', '=', type).where('subjectId', 'in', ids.slice(i, i + 500)).execute();
      out.push(...rows.map(toEntry));
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

/** The entry just before `seq` (its hash is where an extract's chain starts), or null. */
export async function custodyHashBefore(db: Db, seq: number): Promise<string> {
  const row = await db.kysely.selectFrom('custodyLog').select('hash').where('seq', '<', seq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? GENESIS;
}

/** Newest entries first (for the UI and `rasad evidence log`). */
export async function recentCustody(db: Db, limit: number): Promise<CustodyEntry[]> {
  const rows = await db.kysely.selectFrom('custodyLog').selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(toEntry);
}

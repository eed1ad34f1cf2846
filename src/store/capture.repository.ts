import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/** A capture: bytes as imported or fetched, addressed by their SHA-256 (one row of `captures`). */
export interface CaptureRecord {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  storageKey: string;
  /** Where the bytes came from: the URL fetched, `file://…` for imports, `mtproto://…`. */
  origin: string;
  /** `import:<format>`, `fetch:<connector>`, `media`, `check`… */
  method: string;
  capturedAt: string;
  /** `<warc file>#<offset>` (kept for older readers; the three warc* fields are the parts). */
  warcRef: string | null;
  /** RFC 3161 TimeStampToken, DER as base64. */
  timestampToken: string | null;
  sourceId?: string | null;
  httpStatus?: number | null;
  warcFile?: string | null;
  warcOffset?: number | null;
  warcLength?: number | null;
  timestampAt?: string | null;
  timestampTsa?: string | null;
  /** 64-bit DCT perceptual hash of an image, 16 hex digits. */
  phash?: string | null;
  /** HTTP facts: final URL, redirects, elapsed ms, remote address; image size. */
  meta?: Record<string, unknown>;
  /** Failed time-stamp requests so far, when the next is due (null: none) and the last error. */
  timestampAttempts?: number;
  timestampNextAt?: string | null;
  timestampError?: string | null;
}

/** Records a capture; the same id twice is a no-op (re-importing a file keeps the first capture). */
export async function insertCapture(db: Db, capture: CaptureRecord): Promise<void> {
  await db.kysely
    .insertInto('captures')
    .values({ ...capture, meta: toJson(capture.meta ?? {}) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

type CaptureRow = Omit<CaptureRecord, 'meta' | 'timestampAttempts'> & {
  meta: unknown;
  sizeBytes: number | string;
  warcOffset?: number | string | null;
  warcLength?: number | string | null;
  timestampAttempts?: number | string;
};

function toRecord(row: CaptureRow): CaptureRecord {
  return {
    ...row,
    sizeBytes: Number(row.sizeBytes),
    warcOffset: row.warcOffset == null ? null : Number(row.warcOffset),
    warcLength: row.warcLength == null ? null : Number(row.warcLength),
    timestampAttempts: Number(row.timestampAttempts ?? 0),
    meta: fromJson<Record<string, unknown>>(row.meta, {}),
  };
}

/** One capture by id, or undefined. */
export async function getCapture(db: Db, id: string): Promise<CaptureRecord | undefined> {
  const row = await db.kysely.selectFrom('captures').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Captures by id (any order). */
export async function getCaptures(db: Db, ids: string[]): Promise<CaptureRecord[]> {
  const out: CaptureRecord[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely.selectFrom('captures').selectAll().where('id', 'in', chunk).execute();
    out.push(...rows.map(toRecord));
  }
  return out;
}

/** Records the trusted timestamp obtained for a capture (no retry is due any more). */
export async function setCaptureTimestamp(db: Db, id: string, stamp: { token: string; at: string; tsa: string }): Promise<void> {
  await db.kysely
    .updateTable('captures')
    .set({ timestampToken: stamp.token, timestampAt: stamp.at, timestampTsa: stamp.tsa, timestampNextAt: null, timestampError: null })
    .where('id', '=', id)
    .execute();
}

/** Records a failed time-stamp request: one more attempt, the error, and when to try again (null: give up). */
export async function noteTimestampFailure(db: Db, id: string, failure: { error: string; nextAt: string | null }): Promise<void> {
  await db.kysely
    .updateTable('captures')
    .set((eb) => ({ timestampAttempts: eb('timestampAttempts', '+', 1), timestampError: failure.error.slice(0, 500), timestampNextAt: failure.nextAt }))
    .where('id', '=', id)
    .execute();
}

/** Captures still without a timestamp whose retry is due at `now`, longest waiting first. */
export async function capturesDueForTimestamp(db: Db, now: string, limit: number): Promise<Array<{ id: string; sha256: string; attempts: number }>> {
  const rows = await db.kysely
    .selectFrom('captures')
    .select(['id', 'sha256', 'timestampAttempts'])
    .where('timestampToken', 'is', null)
    .where('timestampNextAt', 'is not', null)
    .where('timestampNextAt', '<=', now)
    .orderBy('timestampNextAt')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, attempts: Number(r.timestampAttempts) }));
}

/** Links captures to the items they support (idempotent). */
export async function linkItemCaptures(db: Db, links: Array<{ itemId: string; captureId: string; role: string; url: string | null; createdAt: string }>): Promise<void> {
  for (let i = 0; i < links.length; i += 200) {
    const chunk = links.slice(i, i + 200);
    if (chunk.length === 0) continue;
    await db.kysely
      .insertInto('itemCaptures')
      .values(chunk)
      .onConflict((oc) => oc.columns(['itemId', 'captureId', 'role']).doNothing())
      .execute();
  }
}

/** The captures behind items (the page each was read from first), with their role. */
export async function capturesOfItems(db: Db, itemIds: string[]): Promise<Array<{ itemId: string; role: string; url: string | null; capture: CaptureRecord }>> {
  const out: Array<{ itemId: string; role: string; url: string | null; capture: CaptureRecord }> = [];
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const links = await db.kysely.selectFrom('itemCaptures').selectAll().where('itemId', 'in', chunk).execute();
    const primary = await db.kysely.selectFrom('items').select(['id', 'captureId', 'url']).where('id', 'in', chunk).where('captureId', 'is not', null).execute();
    const all = [...primary.map((p) => ({ itemId: p.id, captureId: p.captureId ?? '', role: 'page', url: p.url })), ...links];
    const seen = new Set<string>();
    const unique = all.filter((l) => {
      const k = `${l.itemId}\u0000${l.captureId}\u0000${l.role}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    const captures = new Map((await getCaptures(db, [...new Set(unique.map((l) => l.captureId))])).map((c) => [c.id, c]));
    for (const l of unique) {
      const capture = captures.get(l.captureId);
      if (capture) out.push({ itemId: l.itemId, role: l.role, url: l.url, capture });
    }
  }
  return out;
}

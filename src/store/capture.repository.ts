import type { Db } from './database.js';
import type { CapturesTable } from './schema.js';

/** A capture: bytes as imported or fetched, addressed by their SHA-256 (one row of `captures`). */
export type CaptureRecord = CapturesTable;

/** Records a capture; the same id twice is a no-op (re-importing a file keeps the first capture). */
export async function insertCapture(db: Db, capture: CaptureRecord): Promise<void> {
  await db.kysely
    .insertInto('captures')
    .values(capture)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** One capture by id, or undefined. */
export async function getCapture(db: Db, id: string): Promise<CaptureRecord | undefined> {
  const row = await db.kysely.selectFrom('captures').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, sizeBytes: Number(row.sizeBytes) } : undefined;
}

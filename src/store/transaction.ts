import type { Db } from './database.js';

/** Runs `work` in one transaction: all of it is written, or none of it. */
export async function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => work({ ...db, kysely: trx }));
}

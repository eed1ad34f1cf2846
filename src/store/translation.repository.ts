import type { Db } from './database.js';
import { toJson } from './json.js';
import type { TranslationsTable } from './schema.js';

/** A cached translation with its provenance (one row of `translations`). */
export type TranslationRecord = TranslationsTable;

/** The cached translation for (text hash, source, target, engine, model), if any. */
export async function findCachedTranslation(
  db: Db,
  key: { textSha256: string; sourceLang: string; targetLang: string; engine: string; model: string },
): Promise<TranslationRecord | undefined> {
  return db.kysely
    .selectFrom('translations')
    .selectAll()
    .where('textSha256', '=', key.textSha256)
    .where('sourceLang', '=', key.sourceLang)
    .where('targetLang', '=', key.targetLang)
    .where('engine', '=', key.engine)
    .where('model', '=', key.model)
    .executeTakeFirst();
}

/** Stores a translation (a no-op when that id is cached already). */
export async function saveTranslation(db: Db, t: TranslationRecord): Promise<void> {
  await db.kysely.insertInto('translations').values(t).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/** Links an item to the translation it shows for a target language and clears its queue entry. */
export async function linkItemTranslation(db: Db, itemId: string, targetLang: string, translationId: string, now: string): Promise<void> {
  await db.kysely
    .insertInto('itemTranslations')
    .values({ itemId, targetLang, translationId, createdAt: now })
    .onConflict((oc) => oc.columns(['itemId', 'targetLang']).doUpdateSet({ translationId, createdAt: now }))
    .execute();
  await db.kysely.deleteFrom('translationQueue').where('itemId', '=', itemId).where('targetLang', '=', targetLang).execute();
}

/** The translation an item shows for a target language, with provenance. */
export async function translationOfItem(db: Db, itemId: string, targetLang: string): Promise<TranslationRecord | undefined> {
  return db.kysely
    .selectFrom('itemTranslations')
    .innerJoin('translations', 'translations.id', 'itemTranslations.translationId')
    .selectAll('translations')
    .where('itemTranslations.itemId', '=', itemId)
    .where('itemTranslations.targetLang', '=', targetLang)
    .executeTakeFirst();
}

/** Translations of many items at once (for lists), keyed by item id. */
export async function translationsOfItems(db: Db, itemIds: string[], targetLang: string): Promise<Map<string, TranslationRecord>> {
  const out = new Map<string, TranslationRecord>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely
      .selectFrom('itemTranslations')
      .innerJoin('translations', 'translations.id', 'itemTranslations.translationId')
      .selectAll('translations')
      .select('itemTranslations.itemId as itemId')
      .where('itemTranslations.itemId', 'in', chunk)
      .where('itemTranslations.targetLang', '=', targetLang)
      .execute();
    for (const { itemId, ...t } of rows) out.set(itemId, t);
  }
  return out;
}

/** A queued translation attempt. */
export interface QueueEntry {
  itemId: string;
  targetLang: string;
  status: 'pending' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

/** Records a failed attempt: pending (retry at `nextAttemptAt`) or failed (will not be retried). */
export async function queueTranslation(db: Db, e: QueueEntry, details: Record<string, unknown> = {}): Promise<void> {
  await db.kysely
    .insertInto('translationQueue')
    .values({ ...e, details: toJson(details) })
    .onConflict((oc) =>
      oc.columns(['itemId', 'targetLang']).doUpdateSet({
        status: e.status,
        attempts: e.attempts,
        nextAttemptAt: e.nextAttemptAt,
        lastError: e.lastError,
        details: toJson(details),
      }),
    )
    .execute();
}

/** Pending entries due at `now`, oldest first. */
export async function dueTranslations(db: Db, now: string, limit: number): Promise<QueueEntry[]> {
  const rows = await db.kysely
    .selectFrom('translationQueue')
    .select(['itemId', 'targetLang', 'status', 'attempts', 'nextAttemptAt', 'lastError'])
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', now)
    .orderBy('nextAttemptAt')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as QueueEntry['status'], attempts: Number(r.attempts) }));
}

/** The queue entry of an item, if it has one. */
export async function queueEntryOf(db: Db, itemId: string, targetLang: string): Promise<QueueEntry | undefined> {
  const r = await db.kysely
    .selectFrom('translationQueue')
    .select(['itemId', 'targetLang', 'status', 'attempts', 'nextAttemptAt', 'lastError'])
    .where('itemId', '=', itemId)
    .where('targetLang', '=', targetLang)
    .executeTakeFirst();
  return r ? { ...r, status: r.status as QueueEntry['status'], attempts: Number(r.attempts) } : undefined;
}

import { type Clock, toIso } from '../core/clock.js';
import { deterministicId } from '../core/ids.js';
import { TranslationError, type Translator } from '../core/translator.js';
import { mentionRows } from '../actors/actors.stage.js';
import type { MentionFinder } from '../actors/match/resolve-types.js';
import { replaceMentions } from '../store/analysis.repository.js';
import type { Db } from '../store/database.js';
import { getItemsByIds, type StoredItem } from '../store/item.repository.js';
import { itemsNeedingStage, saveStageResults } from '../store/stage-result.repository.js';
import {
  dueTranslations,
  findCachedTranslation,
  linkItemTranslation,
  queueEntryOf,
  queueTranslation,
  saveTranslation,
} from '../store/translation.repository.js';
import { MAX_ATTEMPTS, needsTranslation, nextAttemptDelaySeconds, textHash, textToTranslate, translateStage } from './translate.stage.js';

export interface TranslationDeps {
  db: Db;
  translator: Translator;
  clock: Clock;
  target: string;
  timeoutMs: number;
  /** Finds actor mentions in each new translation too (the registry, loaded on first use). */
  mentionFinder?: () => Promise<MentionFinder>;
}

/** What happened to each item: counts for summaries and logs. */
export interface TranslationCounts {
  translated: number;
  cached: number;
  skipped: number;
  queued: number;
  failed: number;
}

/**
 * Translates items through the configured engine, using the cache first. Engine failures never
 * throw: a retryable one queues the item with backoff, any other marks it failed with the reason.
 */
export async function translateItems(deps: TranslationDeps, itemIds: string[], opts: { recordSkips?: boolean } = {}): Promise<TranslationCounts> {
  const counts: TranslationCounts = { translated: 0, cached: 0, skipped: 0, queued: 0, failed: 0 };
  if (deps.translator.engine === 'none') return { ...counts, skipped: itemIds.length };
  for (let i = 0; i < itemIds.length; i += 200) {
    for (const item of await getItemsByIds(deps.db, itemIds.slice(i, i + 200))) {
      const outcome = await translateOne(deps, item);
      if (outcome === 'skipped' && opts.recordSkips) {
        await record(deps.db, item.id, toIso(deps.clock.now()), { status: 'skipped', reason: `language ${item.language ?? 'unknown'}` });
      }
      counts[outcome]++;
    }
  }
  return counts;
}

/**
 * Translates stored items that were never attempted (imported before an engine was configured,
 * or with --no-analyze), then retries the queue; skipped items are recorded so they are not
 * picked up again.
 */
export async function translatePending(deps: TranslationDeps): Promise<TranslationCounts> {
  const total: TranslationCounts = { translated: 0, cached: 0, skipped: 0, queued: 0, failed: 0 };
  if (deps.translator.engine === 'none') return total;
  const add = (c: TranslationCounts): void => {
    for (const k of Object.keys(total) as Array<keyof TranslationCounts>) total[k] += c[k];
  };
  for (;;) {
    const ids = await itemsNeedingStage(deps.db, translateStage.name, translateStage.version, 500);
    if (ids.length === 0) break;
    add(await translateItems(deps, ids, { recordSkips: true }));
  }
  add(await retryDueTranslations(deps));
  return total;
}

/** Retries queued translations whose time has come. */
export async function retryDueTranslations(deps: TranslationDeps): Promise<TranslationCounts> {
  const due = await dueTranslations(deps.db, toIso(deps.clock.now()), 1000);
  return translateItems(deps, due.filter((d) => d.targetLang === deps.target).map((d) => d.itemId));
}

async function translateOne(deps: TranslationDeps, item: StoredItem): Promise<keyof TranslationCounts> {
  const { translator, target, db } = deps;
  if (!needsTranslation(item.text, item.language, target)) return 'skipped';
  const source = item.language ?? 'auto';
  const { text, truncated } = textToTranslate(item.text, item.title);
  const key = { textSha256: textHash(text), sourceLang: source, targetLang: target, engine: translator.engine, model: translator.model ?? '' };
  const now = toIso(deps.clock.now());
  const cached = await findCachedTranslation(db, key);
  if (cached) {
    await linkItemTranslation(db, item.id, target, cached.id, now);
    await storeTranslationMentions(deps, item.id, cached.translatedText);
    await record(db, item.id, now, { status: 'cached', translationId: cached.id, engine: cached.engine, model: cached.model || null, truncated });
    return 'cached';
  }
  try {
    const result = await translator.translate({ text, source, target }, AbortSignal.timeout(deps.timeoutMs));
    const id = deterministicId('rasad:translation', `${key.textSha256}|${source}|${target}|${key.engine}|${key.model}`);
    await saveTranslation(db, { id, ...key, translatedText: result.text, detectedSource: result.detectedSource, createdAt: now });
    await linkItemTranslation(db, item.id, target, id, now);
    await storeTranslationMentions(deps, item.id, result.text);
    await record(db, item.id, now, { status: 'translated', translationId: id, engine: result.engine, model: result.model, truncated });
    return 'translated';
  } catch (error) {
    const failure =
      error instanceof TranslationError ? error : new TranslationError('bad_response', error instanceof Error ? error.message : String(error));
    const previous = await queueEntryOf(db, item.id, target);
    const attempts = (previous?.attempts ?? 0) + 1;
    const giveUp = !failure.retryable || attempts >= MAX_ATTEMPTS;
    const next = new Date(deps.clock.now().getTime() + nextAttemptDelaySeconds(attempts, item.id, failure) * 1000);
    await queueTranslation(
      db,
      { itemId: item.id, targetLang: target, status: giveUp ? 'failed' : 'pending', attempts, nextAttemptAt: toIso(next), lastError: `${failure.kind}: ${failure.message}` },
      { engine: translator.engine, model: translator.model, status: failure.details.status ?? null },
    );
    await record(db, item.id, now, { status: giveUp ? 'failed' : 'queued', error: `${failure.kind}: ${failure.message}`, attempts, engine: translator.engine, model: translator.model });
    return giveUp ? 'failed' : 'queued';
  }
}

/** Actor mentions in a translation, stored beside those of the original (spans into the translation). */
async function storeTranslationMentions(deps: TranslationDeps, itemId: string, translated: string): Promise<void> {
  if (!deps.mentionFinder) return;
  const finder = await deps.mentionFinder();
  await replaceMentions(deps.db, itemId, mentionRows(itemId, finder.find(translated), true), true);
}

async function record(db: Db, itemId: string, now: string, output: Record<string, unknown>): Promise<void> {
  await saveStageResults(db, [{ itemId, stage: translateStage.name, version: translateStage.version, output, createdAt: now }]);
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDueTranslations, translateItems, type TranslationDeps } from '../../src/analyze/translation.runner.js';
import type { Clock } from '../../src/core/clock.js';
import { TranslationError, type Translation, type TranslationRequest, type Translator } from '../../src/core/translator.js';
import type { Db } from '../../src/store/database.js';
import { insertItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import { getStageResults } from '../../src/store/stage-result.repository.js';
import { queueEntryOf, translationOfItem } from '../../src/store/translation.repository.js';
import { type DialectName, freshDatabase } from '../support/databases.js';
import { buildNewItem } from '../support/factories.js';

/** A scripted engine: answers from a queue of outcomes and records what it was asked. */
function scriptedTranslator(outcomes: Array<string | TranslationError>): Translator & { calls: TranslationRequest[] } {
  const calls: TranslationRequest[] = [];
  return {
    engine: 'openai-compatible',
    model: 'test-model',
    calls,
    translate(request): Promise<Translation> {
      calls.push(request);
      const next = outcomes.shift() ?? 'default translation';
      if (next instanceof TranslationError) return Promise.reject(next);
      return Promise.resolve({ text: next, engine: 'openai-compatible', model: 'test-model', detectedSource: null });
    },
  };
}

function movableClock(iso: string): Clock & { advance(seconds: number): void } {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (s) => void (now += s * 1000) };
}

describe.each<DialectName>(['sqlite', 'postgres'])('translation runner on %s', (dialect) => {
  let db: Db;
  let sourceId: string;
  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    sourceId = await upsertSource(db, { kind: 'telegram', handle: 'chan' }, '2026-01-01T00:00:00.000Z');
  });
  afterEach(async () => {
    await db.close();
  });

  it('translates non-English items once, reuses the cache, and skips English and und', async () => {
    const ar1 = buildNewItem(sourceId, { text: 'المستشارون مستعدون' }, { language: 'ar' });
    const ar2 = buildNewItem(sourceId, { text: 'المستشارون مستعدون' }, { language: 'ar' });
    const en = buildNewItem(sourceId, { text: 'Advisers are ready' }, { language: 'en' });
    const und = buildNewItem(sourceId, { text: '🇺🇸🔥' }, { language: 'und' });
    await insertItems(db, [ar1, ar2, en, und]);
    const translator = scriptedTranslator(['The advisers are ready']);
    const deps: TranslationDeps = { db, translator, clock: movableClock('2026-11-22T10:00:00.000Z'), target: 'en', timeoutMs: 1000 };
    const counts = await translateItems(deps, [ar1.id, ar2.id, en.id, und.id]);
    expect(counts).toEqual({ translated: 1, cached: 1, skipped: 2, queued: 0, failed: 0 });
    expect(translator.calls).toEqual([{ text: 'المستشارون مستعدون', source: 'ar', target: 'en' }]);
    const shown = await translationOfItem(db, ar2.id, 'en');
    expect(shown).toMatchObject({ translatedText: 'The advisers are ready', engine: 'openai-compatible', model: 'test-model', sourceLang: 'ar' });
    const stages = await getStageResults(db, ar1.id);
    expect(stages.find((s) => s.stage === 'translate')?.output).toMatchObject({ status: 'translated', engine: 'openai-compatible' });
  });

  it('queues retryable failures with backoff and retries them when due; gives up on auth errors', async () => {
    const a = buildNewItem(sourceId, { text: 'نص أول' }, { language: 'ar' });
    const b = buildNewItem(sourceId, { text: 'نص ثان' }, { language: 'ar' });
    await insertItems(db, [a, b]);
    const clock = movableClock('2026-11-22T10:00:00.000Z');
    const translator = scriptedTranslator([
      new TranslationError('rate_limited', 'too many requests', { status: 429, retryAfterSeconds: 120 }),
      new TranslationError('auth', 'bad key', { status: 401 }),
    ]);
    const deps: TranslationDeps = { db, translator, clock, target: 'en', timeoutMs: 1000 };
    expect(await translateItems(deps, [a.id, b.id])).toMatchObject({ queued: 1, failed: 1 });
    const entry = await queueEntryOf(db, a.id, 'en');
    expect(entry).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date(entry?.nextAttemptAt ?? 0).getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(120_000);
    expect(await queueEntryOf(db, b.id, 'en')).toMatchObject({ status: 'failed', lastError: 'auth: bad key' });

    expect(await retryDueTranslations(deps)).toMatchObject({ translated: 0 });
    clock.advance(3600);
    translator.calls.length = 0;
    expect(await retryDueTranslations(deps)).toMatchObject({ translated: 1 });
    expect(translator.calls).toHaveLength(1);
    expect(await queueEntryOf(db, a.id, 'en')).toBeUndefined();
    expect(await translationOfItem(db, a.id, 'en')).toBeDefined();
  });
});

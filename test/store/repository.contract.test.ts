import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reindexStale } from '../../src/analyze/reindex.js';
import { search } from '../../src/app/search.service.js';
import { getActor, saveActor, actorIdsByNormalizedAlias } from '../../src/store/actor.repository.js';
import { getThreat, mentionsOfItem, replaceMentions, saveThreat } from '../../src/store/analysis.repository.js';
import { getCapture, insertCapture } from '../../src/store/capture.repository.js';
import type { Db } from '../../src/store/database.js';
import { listEvents, membersOfEvents, putMembers, saveEventSummary } from '../../src/store/event.repository.js';
import { countItems, existingKeys, getItemByKey, insertItems, listItems } from '../../src/store/item.repository.js';
import { listSources, upsertSource } from '../../src/store/source.repository.js';
import { getStageResults, itemsNeedingStage, saveStageResults } from '../../src/store/stage-result.repository.js';
import { withTransaction } from '../../src/store/transaction.js';
import { createUser, getUserByUsername } from '../../src/store/user.repository.js';
import { normalize } from '../../src/text/normalize.js';
import { buildNewItem } from '../support/factories.js';
import { type DialectName, freshDatabase } from '../support/databases.js';

const NOW = '2026-11-22T10:00:00.000Z';
const SRC = { kind: 'telegram' as const, handle: 'testchannel', title: 'Test channel' };

// One contract, two real databases: every repository behaves the same on SQLite and PostgreSQL.
describe.each<DialectName>(['sqlite', 'postgres'])('repositories on %s', (dialect) => {
  let db: Db;
  let sourceId: string;

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    sourceId = await upsertSource(db, SRC, NOW);
  });
  afterEach(async () => {
    await db.close();
  });

  it('upserts sources by kind and handle without duplicating, filling a missing title', async () => {
    const again = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Other title' }, NOW);
    expect(again).toBe(sourceId);
    const other = await upsertSource(db, { kind: 'x', handle: 'someone' }, NOW);
    await upsertSource(db, { kind: 'x', handle: 'someone', title: 'Someone' }, NOW);
    const sources = await listSources(db);
    expect(sources.map((s) => s.id).sort()).toEqual([sourceId, other].sort());
    expect(sources.find((s) => s.id === sourceId)?.title).toBe('Test channel');
    expect(sources.find((s) => s.id === other)?.title).toBe('Someone');
    expect(typeof sources[0]?.items).toBe('number');
  });

  it('inserts items idempotently by key and round-trips every field', async () => {
    const item = buildNewItem(sourceId, {
      text: 'أبو علي العسكري\nN-USA The End',
      media: [{ type: 'photo', missing: '(File not included. Change data exporting settings to download.)', width: 1080, height: 1350 }],
      metrics: { views: 1200 },
      hashtags: ['N_USA'],
      links: ['https://example.org/a'],
      forwardedFrom: { name: 'Media office' },
      extra: { edit_history: ['1', '2'] },
      editedAt: '2021-01-13T07:49:03.000Z',
    });
    expect(await insertItems(db, [item])).toEqual([item.id]);
    expect(await insertItems(db, [item])).toEqual([]);
    expect(await countItems(db)).toBe(1);
    const back = await getItemByKey(db, item.draft.key);
    expect(back?.text).toBe('أبو علي العسكري\nN-USA The End');
    expect(back?.media[0]?.missing).toContain('File not included');
    expect(back?.metrics).toEqual({ views: 1200 });
    expect(back?.forwardedFrom).toEqual({ name: 'Media office' });
    expect(back?.extra).toEqual({ edit_history: ['1', '2'] });
    expect(back?.editedAt).toBe('2021-01-13T07:49:03.000Z');
    expect(back?.sourceTitle).toBe('Test channel');
    expect([...(await existingKeys(db, [item.draft.key, 'x:nope']))]).toEqual([item.draft.key]);
  });

  it('lists newest first with undated items last, paging with a cursor', async () => {
    const dates = ['2021-01-01T00:00:00.000Z', '2021-01-03T00:00:00.000Z', null, '2021-01-02T00:00:00.000Z', '2021-01-03T00:00:00.000Z'];
    const items = dates.map((d, i) => buildNewItem(sourceId, { nativeId: `p${i}`, publishedAt: d }));
    await insertItems(db, items);
    const seen: Array<string | null> = [];
    let before: string | null = null;
    do {
      const page = await listItems(db, { limit: 2, before });
      seen.push(...page.items.map((i) => i.publishedAt ?? null));
      before = page.next;
    } while (before);
    expect(seen).toEqual(['2021-01-03T00:00:00.000Z', '2021-01-03T00:00:00.000Z', '2021-01-02T00:00:00.000Z', '2021-01-01T00:00:00.000Z', null]);
  });

  it('finds Arabic text whether the query has tashkeel, tatweel or hamza forms or not', async () => {
    const withMarks = buildNewItem(sourceId, { text: 'يقف المستشارونَ الأمنيّونَ للمقاومةِ الإسلاميةِ على أهبة الاستعداد' });
    const plain = buildNewItem(sourceId, { text: 'المستشارون الامنيون للمقاومه الاسلاميه' });
    const other = buildNewItem(sourceId, { text: 'انقطاع الكهرباء في بغداد' });
    await insertItems(db, [withMarks, plain, other]);
    for (const q of ['المستشارونَ الأمنيّونَ', 'المستشارون الأمنيون', 'المستشاااارون', 'الإسلامية', 'الاسلاميـــة']) {
      const keys = (await search(db, q.replace('اااا', 'ا'), 10)).map((r) => r.item.key).sort();
      expect(keys, q).toEqual([withMarks.draft.key, plain.draft.key].sort());
    }
    expect(await search(db, 'الكهرباء المستشارون', 10)).toEqual([]);
  });

  it('folds Persian/Arabic letter forms, digits, Latin diacritics and apostrophes the same way', async () => {
    const persian = buildNewItem(sourceId, { text: 'کتائب حزب‌الله در کانال تلگرامی خود نوشت ۱۲ نکته' });
    const latin = buildNewItem(sourceId, { text: "Kata'ib Hizballah commander Abu ʿAli al-ʿAskarī spoke on Télégram" });
    await insertItems(db, [persian, latin]);
    expect((await search(db, 'كتائب', 10)).map((r) => r.item.key)).toEqual([persian.draft.key]);
    expect((await search(db, '12 نكته', 10)).map((r) => r.item.key)).toEqual([persian.draft.key]);
    for (const q of ['kataib', 'Kata’ib', 'al-Askari', 'ASKARI', 'telegram', '"abu ali"', 'hizb*']) {
      expect((await search(db, q, 10)).map((r) => r.item.key), q).toEqual([latin.draft.key]);
    }
    expect(await search(db, '"ali abu"', 10)).toEqual([]);
  });

  it('finds other inflections of a word through its light stem, and Persian ZWNJ forms', async () => {
    const plural = buildNewItem(sourceId, { text: 'وصل المستشارون إلى بغداد' });
    const persian = buildNewItem(sourceId, { text: 'بیانیه حزب‌الله درباره سفارت' });
    const english = buildNewItem(sourceId, { text: 'The militia is training fighters' });
    await insertItems(db, [plural, persian, english]);
    expect((await search(db, 'المستشار', 10)).map((r) => r.item.key)).toEqual([plural.draft.key]);
    expect((await search(db, 'مستشارين', 10)).map((r) => r.item.key)).toEqual([plural.draft.key]);
    expect((await search(db, 'حزب الله', 10)).map((r) => r.item.key)).toEqual([persian.draft.key]);
    expect((await search(db, '"حزب الله"', 10)).map((r) => r.item.key)).toEqual([persian.draft.key]);
    expect((await search(db, 'trains', 10)).map((r) => r.item.key)).toEqual([english.draft.key]);
    expect(await search(db, '"trains fighters"', 10)).toEqual([]);
  });

  it('finds other Latin spellings of a name, and lowercase ones when nothing matches as typed', async () => {
    const item = buildNewItem(sourceId, { text: 'A Hizballah commander, al-Askary, offered training to "liberation movements".' });
    const other = buildNewItem(sourceId, { text: 'Turning point for the league.' });
    await insertItems(db, [item, other]);
    for (const q of ['Hezbollah', 'Hizbullah', 'al-Askari', 'Askari']) {
      expect((await search(db, q, 10)).map((r) => r.item.key), q).toEqual([item.draft.key]);
    }
    expect((await search(db, 'hezbollah', 10)).map((r) => r.item.key)).toEqual([item.draft.key]);
    // An ordinary word that matches as typed is not widened to its consonant look-alikes.
    expect((await search(db, 'training', 10)).map((r) => r.item.key)).toEqual([item.draft.key]);
  });

  it('re-indexes items stored by an older normalization version', async () => {
    const old = buildNewItem(sourceId, { text: 'بیانیه حزب‌الله' }, { normalized: 'stale', searchText: 'stale words', stemText: '', spellingText: '', normalizeVersion: 1 });
    await insertItems(db, [old]);
    expect((await search(db, 'stale', 10)).length).toBe(1);
    expect(await reindexStale(db)).toBe(1);
    expect(await search(db, 'stale', 10)).toEqual([]);
    expect((await search(db, 'حزب الله', 10)).map((r) => r.item.key)).toEqual([old.draft.key]);
    expect(await reindexStale(db)).toBe(0);
  });

  it('gives a snippet of the original text with the match', async () => {
    const item = buildNewItem(sourceId, { text: `${'مقدمة '.repeat(40)}المستشارونَ الأمنيّونَ للمقاومةِ ${'خاتمة '.repeat(40)}` });
    await insertItems(db, [item]);
    const [hit] = await search(db, 'المستشارون', 5);
    expect(hit?.snippet.text).toContain('المستشارونَ');
    expect(hit?.snippet.text.startsWith('…')).toBe(true);
    expect(hit?.score).toBeGreaterThan(0);
  });

  it('rolls a transaction back completely when it fails', async () => {
    const a = buildNewItem(sourceId, { nativeId: 'tx1' });
    await expect(
      withTransaction(db, async (tx) => {
        await insertItems(tx, [a]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countItems(db)).toBe(0);
    expect(await search(db, 'test', 5)).toEqual([]);
  });

  it('stores captures and stage results with versions, and finds items needing a newer stage', async () => {
    await insertCapture(db, { id: 'cap1', sha256: 'a'.repeat(64), sizeBytes: 12, mediaType: 'application/json', storageKey: 'sha256/aa/aa/x', origin: 'file:///x', method: 'import:jsonl', capturedAt: NOW, warcRef: null, timestampToken: null });
    await insertCapture(db, { id: 'cap1', sha256: 'a'.repeat(64), sizeBytes: 12, mediaType: 'application/json', storageKey: 'sha256/aa/aa/x', origin: 'file:///x', method: 'import:jsonl', capturedAt: NOW, warcRef: null, timestampToken: null });
    expect((await getCapture(db, 'cap1'))?.sizeBytes).toBe(12);
    const a = buildNewItem(sourceId, { nativeId: 's1' }, { captureId: 'cap1' });
    const b = buildNewItem(sourceId, { nativeId: 's2' });
    await insertItems(db, [a, b]);
    await saveStageResults(db, [{ itemId: a.id, stage: 'language', version: 1, output: { code: 'ar', confidence: 0.9 }, createdAt: NOW }]);
    expect(await itemsNeedingStage(db, 'language', 1, 10)).toEqual([b.id]);
    expect((await itemsNeedingStage(db, 'language', 2, 10)).sort()).toEqual([a.id, b.id].sort());
    await saveStageResults(db, [{ itemId: a.id, stage: 'language', version: 2, output: { code: 'fa', confidence: 0.8 }, createdAt: NOW }]);
    const results = await getStageResults(db, a.id);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ version: 2, output: { code: 'fa', confidence: 0.8 } });
  });

  it('stores actors with aliases and designations, mentions, threats, events and users', async () => {
    await saveActor(
      db,
      {
        id: 'kh',
        kind: 'group',
        canonicalName: "Kata'ib Hizballah",
        description: null,
        aliases: [
          { id: 'kh-1', alias: 'كتائب حزب الله', normalized: normalize('كتائب حزب الله'), script: 'Arab', kind: 'native', source: 'test', confidence: 1 },
          { id: 'kh-2', alias: 'Kataib Hezbollah', normalized: normalize('Kataib Hezbollah'), script: 'Latn', kind: 'romanization', source: 'test', confidence: 0.9 },
        ],
        designations: [{ list: 'ofac', reference: '11462', listedOn: '2009-07-02' }],
      },
      NOW,
    );
    const actor = await getActor(db, 'kh');
    expect(actor?.aliases.map((a) => a.alias).sort()).toEqual(['Kataib Hezbollah', 'كتائب حزب الله'].sort());
    expect(actor?.designations).toEqual([{ list: 'ofac', reference: '11462', listedOn: '2009-07-02' }]);
    expect(await actorIdsByNormalizedAlias(db, normalize('KATAIB HEZBOLLAH'))).toEqual(['kh']);

    const item = buildNewItem(sourceId, { text: 'كتائب حزب الله' });
    await insertItems(db, [item]);
    await replaceMentions(db, item.id, [{ id: 'm1', itemId: item.id, actorId: 'kh', matchedText: 'كتائب حزب الله', spanStart: 0, spanEnd: 14, score: 0.97, method: 'alias', stageVersion: 'actors@1' }]);
    expect((await mentionsOfItem(db, item.id))[0]?.score).toBeCloseTo(0.97);

    await saveThreat(db, { itemId: item.id, score: 72, severity: 'high', isThreat: true, stance: 'original', categories: [{ label: 'support_offer', score: 0.8 }], targets: [], reported: [], reasons: [], stageVersion: 'threat@1', createdAt: NOW });
    const threat = await getThreat(db, item.id);
    expect(threat?.isThreat).toBe(true);
    expect(threat?.categories).toEqual([{ label: 'support_offer', score: 0.8 }]);

    await saveEventSummary(db, { id: 'e1', title: 'Offer', firstItemId: item.id, firstSeenAt: NOW, firstWhy: 'earliest', confidence: 0.9, corroboration: 1, stageVersion: 'events@1', anomalies: ['a'], memberCount: 1, lastSeenAt: NOW }, NOW);
    await putMembers(db, [{ eventId: 'e1', itemId: item.id, relation: 'copy', score: 0.9, linkedTo: null, why: 'near-duplicate', addedAt: NOW }]);
    const { events: [event], total } = await listEvents(db);
    expect(total).toBe(1);
    expect(event?.anomalies).toEqual(['a']);
    expect(event?.corroboration).toBe(1);
    expect(await membersOfEvents(db, ['e1'])).toEqual([{ eventId: 'e1', itemId: item.id, relation: 'copy', score: 0.9, linkedTo: null, why: 'near-duplicate', addedAt: NOW }]);

    await createUser(db, { id: 'u1', username: 'analyst', displayName: 'An Analyst', role: 'analyst', createdAt: NOW });
    await expect(createUser(db, { id: 'u2', username: 'analyst', displayName: null, role: 'viewer', createdAt: NOW })).rejects.toThrow();
    expect((await getUserByUsername(db, 'analyst'))?.role).toBe('analyst');
  });
});

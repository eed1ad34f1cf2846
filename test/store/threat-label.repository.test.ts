import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threatRecord } from '../../src/analyze/threat.stage.js';
import { saveThreat } from '../../src/store/analysis.repository.js';
import type { Db } from '../../src/store/database.js';
import { insertItems, listItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import {
  countThreatLabels,
  eachLatestLabel,
  insertThreatLabel,
  labelsOfItem,
  labelsOfItems,
  latestLabels,
  type ThreatLabelRecord,
  threatsOfItems,
} from '../../src/store/threat-label.repository.js';
import { withTransaction } from '../../src/store/transaction.js';
import { buildNewItem } from '../support/factories.js';
import { type DialectName, freshDatabase } from '../support/databases.js';
import { AR_OFFER_TEXT, arOfferAssessment, EN_REPORT_TEXT, enReportAssessment } from '../support/threat-fixtures.js';

const NOW = '2026-11-23T10:00:00.000Z';

function label(itemId: string, overrides: Partial<ThreatLabelRecord> = {}): ThreatLabelRecord {
  return {
    id: `l-${Math.random().toString(16).slice(2)}`,
    itemId,
    verdict: 'confirm',
    isThreat: true,
    stance: 'original',
    categories: ['support_offer'],
    severity: 'high',
    targets: ['United States'],
    reason: 'offer of training to a named enemy',
    analyst: 'analyst-a',
    assessed: { score: 73, categories: [{ label: 'support_offer', evidence: [{ start: 1, end: 2, text: 'ي', rule: 'r' }] }] },
    stageVersion: 'threat@1',
    createdAt: NOW,
    ...overrides,
  };
}

// One contract, two real databases: labels, latest-label paging and threat filters behave the same.
describe.each<DialectName>(['sqlite', 'postgres'])('threat labels on %s', (dialect) => {
  let db: Db;
  let ids: { offer: string; report: string; plain: string; keys: Record<string, string> };

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const offer = buildNewItem(sourceId, { nativeId: 'tl-b', text: AR_OFFER_TEXT, publishedAt: '2024-01-03T00:00:00.000Z' }, { language: 'ar', script: 'Arab' });
    const report = buildNewItem(sourceId, { nativeId: 'tl-a', text: EN_REPORT_TEXT, publishedAt: '2024-01-02T00:00:00.000Z' }, { language: 'en', script: 'Latn' });
    const plain = buildNewItem(sourceId, { nativeId: 'tl-c', text: 'Nothing here.', publishedAt: '2024-01-01T00:00:00.000Z' });
    await insertItems(db, [offer, report, plain]);
    await saveThreat(db, threatRecord(offer.id, arOfferAssessment(), NOW));
    await saveThreat(db, threatRecord(report.id, enReportAssessment(), NOW));
    ids = { offer: offer.id, report: report.id, plain: plain.id, keys: { [offer.id]: offer.draft.key, [report.id]: report.draft.key } };
  });
  afterEach(async () => {
    await db.close();
  });

  it('round-trips a label with its booleans, lists and assessment snapshot', async () => {
    const l = label(ids.offer, { id: 'l1' });
    await insertThreatLabel(db, l);
    await insertThreatLabel(db, label(ids.report, { id: 'l2', verdict: 'correct', isThreat: false, stance: 'reporting', categories: [], severity: null, targets: [], assessed: null, stageVersion: null }));
    expect(await labelsOfItem(db, ids.offer)).toEqual([l]);
    const [corrected] = await labelsOfItem(db, ids.report);
    expect(corrected).toMatchObject({ verdict: 'correct', isThreat: false, categories: [], severity: null, assessed: null, stageVersion: null });
    expect(await labelsOfItem(db, ids.plain)).toEqual([]);
    expect(await countThreatLabels(db)).toEqual({ labels: 2, items: 2 });
  });

  it('lists an item’s labels newest first, by time and then by id within one instant', async () => {
    await insertThreatLabel(db, label(ids.offer, { id: 'a', createdAt: '2026-11-23T09:00:00.000Z', reason: 'first' }));
    await insertThreatLabel(db, label(ids.offer, { id: 'c', createdAt: NOW, reason: 'third' }));
    await insertThreatLabel(db, label(ids.offer, { id: 'b', createdAt: NOW, reason: 'second' }));
    expect((await labelsOfItem(db, ids.offer)).map((l) => l.reason)).toEqual(['third', 'second', 'first']);
    const byItem = await labelsOfItems(db, [ids.offer, ids.report]);
    expect(byItem.get(ids.offer)).toHaveLength(3);
    expect(byItem.has(ids.report)).toBe(false);
  });

  it('gives the latest label of every labelled item, paged in key order', async () => {
    await insertThreatLabel(db, label(ids.offer, { id: 'o1', createdAt: '2026-11-23T08:00:00.000Z', reason: 'old' }));
    await insertThreatLabel(db, label(ids.offer, { id: 'o2', createdAt: '2026-11-23T09:00:00.000Z', reason: 'new', verdict: 'correct', categories: ['support_offer', 'recruitment'] }));
    await insertThreatLabel(db, label(ids.report, { id: 'r1', createdAt: NOW, isThreat: false, stance: 'reporting', categories: [] }));
    await insertThreatLabel(db, label(ids.report, { id: 'r2', createdAt: NOW, isThreat: false, stance: 'quoting', categories: [] }));

    const first = await latestLabels(db, { limit: 1 });
    expect(first.rows).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = await latestLabels(db, { afterKey: first.next, limit: 1 });
    expect(second.next).toBeNull();
    const rows = [...first.rows, ...second.rows];
    // tl-a (the report) sorts before tl-b (the offer)
    expect(rows.map((r) => r.item.key)).toEqual([ids.keys[ids.report], ids.keys[ids.offer]]);
    expect(rows.map((r) => r.label.id)).toEqual(['r2', 'o2']);
    expect(rows[1]?.item).toMatchObject({ text: AR_OFFER_TEXT, language: 'ar', script: 'Arab', platform: 'telegram' });
    expect(rows[1]?.label.categories).toEqual(['support_offer', 'recruitment']);

    const all = [];
    for await (const r of eachLatestLabel(db, 1)) all.push(r.label.id);
    expect(all).toEqual(['r2', 'o2']);
  });

  it('reads the threat assessments of a page of items', async () => {
    const threats = await threatsOfItems(db, [ids.offer, ids.report, ids.plain]);
    expect(threats.size).toBe(2);
    const offer = threats.get(ids.offer);
    expect(offer).toMatchObject({ score: 73, severity: 'high', isThreat: true, stance: 'original' });
    expect(offer?.categories).toEqual(arOfferAssessment().categories);
    expect(offer?.targets).toEqual(arOfferAssessment().targets);
    expect(threats.get(ids.report)?.isThreat).toBe(false);
    expect(threats.get(ids.report)?.reasons).toEqual(enReportAssessment().reasons);
  });

  it('filters the item list to threats and by minimum score', async () => {
    const keys = async (q: { threatOnly?: boolean; minScore?: number }) => (await listItems(db, { limit: 10, ...q })).items.map((i) => i.id);
    expect(await keys({})).toEqual([ids.offer, ids.report, ids.plain]);
    expect(await keys({ threatOnly: true })).toEqual([ids.offer]);
    expect(await keys({ minScore: 10 })).toEqual([ids.offer, ids.report]);
    expect(await keys({ minScore: 74 })).toEqual([]);
    expect(await keys({ threatOnly: true, minScore: 50 })).toEqual([ids.offer]);
  });

  it('writes nothing when the transaction around a label fails', async () => {
    await expect(
      withTransaction(db, async (tx) => {
        await insertThreatLabel(tx, label(ids.offer, { id: 'doomed' }));
        throw new Error('audit failed');
      }),
    ).rejects.toThrow('audit failed');
    expect(await labelsOfItem(db, ids.offer)).toEqual([]);
  });
});

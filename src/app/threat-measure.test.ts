import { describe, expect, it } from 'vitest';
import { buildNewItem } from '../../test/support/factories.js';
import type { ThreatAssessment } from '../analyze/threat/taxonomy.js';
import { openDatabase } from '../store/database.js';
import { insertItems } from '../store/item.repository.js';
import { upsertSource } from '../store/source.repository.js';
import { insertThreatLabel, type ThreatLabelRecord } from '../store/threat-label.repository.js';
import { createMeasurement, measureThreatLabels } from './threat-measure.js';

const NOW = '2026-11-23T10:00:00.000Z';

function label(overrides: Partial<ThreatLabelRecord>): ThreatLabelRecord {
  return {
    id: 'l',
    itemId: 'i',
    verdict: 'confirm',
    isThreat: false,
    stance: 'unknown',
    categories: [],
    severity: null,
    targets: [],
    reason: 'r',
    analyst: 'a',
    assessed: null,
    stageVersion: 'threat@1',
    createdAt: NOW,
    ...overrides,
  };
}

function now(categories: string[], stance: ThreatAssessment['stance'] = categories.length > 0 ? 'original' : 'unknown'): ThreatAssessment {
  return {
    score: categories.length > 0 ? 60 : 0,
    severity: categories.length > 0 ? 'high' : 'none',
    is_threat: categories.length > 0 && stance === 'original',
    stance,
    categories: categories.map((c) => ({ label: c as ThreatAssessment['categories'][number]['label'], score: 0.8, evidence: [] })),
    targets: [],
    reported: [],
    reasons: [],
  };
}

describe('threat measurement', () => {
  it('scores is_threat, stance and each category against the labels, and lists disagreements', () => {
    const m = createMeasurement('threat@2');
    // agrees: a threat with one category
    m.add('k1', label({ isThreat: true, stance: 'original', categories: ['threat'] }), now(['threat']));
    // the stage misses recruitment and adds incitement
    m.add('k2', label({ isThreat: true, stance: 'original', categories: ['threat', 'recruitment'], verdict: 'correct' }), now(['threat', 'incitement']));
    // a false positive: the analyst says it is a report
    m.add('k3', label({ isThreat: false, stance: 'reporting', verdict: 'correct', stageVersion: 'threat@1' }), now(['claim']));
    // a miss
    m.add('k4', label({ isThreat: true, stance: 'original', categories: ['glorification'] }), now([]));
    // agrees: nothing
    m.add('k5', label({}), now([]));
    const r = m.result();

    expect(r.stage_version).toBe('threat@2');
    expect(r.counts).toEqual({ items: 5, confirmed: 3, corrected: 2, labelled_threats: 3, predicted_threats: 3, other_stage_version: 5 });
    expect(r.is_threat).toEqual({ tp: 2, fp: 1, fn: 1, tn: 1, accuracy: 0.6, precision: 0.6667, recall: 0.6667, f1: 0.6667 });
    expect(r.stance).toEqual({ correct: 3, total: 5, accuracy: 0.6 });
    const cat = (l: string) => r.categories.find((c) => c.label === l);
    expect(cat('threat')).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, support: 2 });
    expect(cat('recruitment')).toMatchObject({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: null, support: 1 });
    expect(cat('incitement')).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0, recall: null });
    expect(cat('support_offer')).toMatchObject({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, support: 0 });
    expect(r.categories_micro).toMatchObject({ tp: 2, fp: 2, fn: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.disagreements.map((d) => [d.key, d.differs])).toEqual([
      ['k2', ['categories']],
      ['k3', ['is_threat', 'stance', 'categories']],
      ['k4', ['is_threat', 'stance', 'categories']],
    ]);
    expect(r.disagreements[1]).toMatchObject({ label: { is_threat: false, stance: 'reporting', categories: [] }, now: { is_threat: true, stance: 'original', categories: ['claim'], score: 60 } });
  });

  it('gives null ratios, not NaN, when nothing is labelled', () => {
    const r = createMeasurement('threat@1').result();
    expect(r.counts.items).toBe(0);
    expect(r.is_threat.accuracy).toBeNull();
    expect(r.stance.accuracy).toBeNull();
    expect(r.disagreements).toEqual([]);
  });

  it('re-runs the stage on each labelled item’s stored text, language, script and platform, against its latest label', async () => {
    const db = await openDatabase({ sqliteFile: ':memory:' });
    try {
      const sourceId = await upsertSource(db, { kind: 'rss', handle: 'feed', title: 'Feed' }, NOW);
      const a = buildNewItem(sourceId, { key: 'rss:a', platform: 'rss', nativeId: 'a', text: 'text a' }, { language: 'en', script: 'Latn' });
      const b = buildNewItem(sourceId, { key: 'rss:b', platform: 'rss', nativeId: 'b', text: 'text b' });
      const c = buildNewItem(sourceId, { key: 'rss:c', platform: 'rss', nativeId: 'c', text: 'never labelled' });
      await insertItems(db, [a, b, c]);
      await insertThreatLabel(db, label({ id: 'a1', itemId: a.id, isThreat: false, createdAt: '2026-11-23T09:00:00.000Z' }));
      await insertThreatLabel(db, label({ id: 'a2', itemId: a.id, isThreat: true, stance: 'original', categories: ['threat'] }));
      await insertThreatLabel(db, label({ id: 'b1', itemId: b.id }));
      const seen: unknown[] = [];
      const m = await measureThreatLabels(db, (input) => {
        seen.push(input);
        return input.text === 'text a' ? now(['threat']) : now([]);
      });
      expect(seen).toEqual([
        { text: 'text a', language: 'en', script: 'Latn', platform: 'rss' },
        { text: 'text b', language: 'und', script: null, platform: 'rss' },
      ]);
      expect(m.counts.items).toBe(2);
      expect(m.is_threat.accuracy).toBe(1);
      expect(m.disagreements).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

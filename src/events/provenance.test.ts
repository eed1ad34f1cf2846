import { describe, expect, it } from 'vitest';
import { provenance, type ProvenanceMember } from './provenance.js';

const T0 = Date.parse('2024-03-10T08:00:00Z');
const MIN = 60_000;

const m = (key: string, minutes: number | null, over: Partial<ProvenanceMember> = {}): ProvenanceMember => ({
  key,
  platform: key.split(':')[0] ?? 'x',
  source: over.source ?? key,
  publishedAt: minutes === null ? null : T0 + minutes * MIN,
  relation: null,
  to: null,
  why: null,
  forwardedAt: null,
  forwardedFrom: null,
  ...over,
});

describe('provenance', () => {
  it('names the earliest member first, with the lead, copies and a confidence', () => {
    const p = provenance([
      m('telegram:fajr/10', 0, { source: 'telegram:fajr' }),
      m('x:2', 9, { relation: 'copy', to: 'telegram:fajr/10', why: 'near-duplicate (word shingles 0.95)', source: 'telegram:fajr' }),
      m('rss:a', 300, { relation: 'report', to: 'telegram:fajr/10', why: 'cites Telegram, 2024-03-10' }),
    ]);
    expect(p.first).toBe('telegram:fajr/10');
    expect(p.why).toMatch(/earliest of 3 members.*next: x:2 9 min later.*1 forward or copy of it/);
    expect(p.confidence).toBeGreaterThanOrEqual(0.9);
    expect(p.anomalies).toEqual([]);
    expect(p.corroboration).toBe(2); // the copy is the same voice as its origin
  });

  it('keeps the cited origin first when a report is dated before it, and says so', () => {
    const p = provenance([
      m('telegram:fajr/10', 10),
      m('rss:early', 2, { relation: 'report', to: 'telegram:fajr/10', why: 'cites Telegram, 2024-03-10' }),
    ]);
    expect(p.first).toBe('telegram:fajr/10');
    expect(p.anomalies[0]).toMatch(/rss:early .* is dated before telegram:fajr\/10/);
    expect(p.why).toMatch(/clock skew/);
    expect(p.confidence).toBeLessThan(0.8);
  });

  it('says when the first held item is a forward of an original outside the set', () => {
    const p = provenance([m('telegram:chan/5', 0, { forwardedFrom: 'media_office', forwardedAt: T0 - 30 * MIN }), m('x:7', 60)]);
    expect(p.why).toMatch(/a forward of media_office, posted there .*: the earliest copy held/);
  });

  it('copes with members without timestamps', () => {
    expect(provenance([m('web:a', null), m('web:b', null)]).confidence).toBeLessThan(0.5);
  });
});

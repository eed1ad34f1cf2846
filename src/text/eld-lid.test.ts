import { describe, expect, it } from 'vitest';
import { eldPredictions, loadEldLid } from './eld-lid.js';

describe('eldPredictions', () => {
  it('turns eld scores into probabilities that sum to one, best first', () => {
    const top = eldPredictions({ fa: 0.83, ur: 0.81, ar: 0.7 }, 3);
    expect(top.map((t) => t.code)).toEqual(['fa', 'ur', 'ar']);
    expect(top.reduce((s, t) => s + t.p, 0)).toBeCloseTo(1, 5);
    expect(top[0]?.p).toBeGreaterThan(0.6);
    expect(top[0]?.p).toBeLessThan(0.9);
  });

  it('keeps the top k and drops negligible scores', () => {
    const top = eldPredictions({ en: 0.8, fr: 0.79, de: 0.5, es: 0.4 }, 1);
    expect(top).toHaveLength(1);
    expect(top[0]?.code).toBe('en');
    expect(eldPredictions({}, 3)).toEqual([]);
  });
});

describe('loadEldLid', () => {
  it('loads the database once and identifies short texts', async () => {
    const [a, b] = await Promise.all([loadEldLid('large'), loadEldLid('large')]);
    expect((await a.predict('bonne journée', 3))[0]?.code).toBe('fr');
    expect((await b.predict('اچھا موسم', 3))[0]?.code).toBe('ur');
    expect((await a.predict('', 3)).length).toBe(0);
  }, 60_000);
});

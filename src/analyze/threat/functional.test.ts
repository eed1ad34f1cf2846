// The HateCheck-style functional suite (cases/*.jsonl): per language, the share of cases the
// stage gets right must stay above the floor, must-not-fire cases are almost never flagged, and
// every non-zero score carries spans that are exact slices of the text.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessThreat } from './assess.js';
import { type FunctionalCase, readFunctionalCases } from './functional-cases.js';
import { shippedLexicons } from './lexicons/index.js';
import { sourceKindOf } from './stance.js';

const DIR = path.join(import.meta.dirname, 'cases');
const cases: FunctionalCase[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFunctionalCases(path.join(DIR, f)));
const lexicons = shippedLexicons();
const results = cases.map((c) => ({ c, a: assessThreat(lexicons, c.text, { language: c.lang, source: sourceKindOf(c.source) }) }));

// Floors per language: the targets (≥ 90% en/ar, ≥ 85% fa/ur) with room above them.
const FLOOR: Record<string, number> = { en: 0.93, ar: 0.93, fa: 0.88, ur: 0.88 };

describe('functional suite', () => {
  it('has at least 300 cases across the four languages, each functionality in each', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    for (const lang of Object.keys(FLOOR)) expect(cases.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(80);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it.each(Object.keys(FLOOR))('tells threats from non-threats in %s', (lang) => {
    const mine = results.filter((r) => r.c.lang === lang);
    const wrong = mine.filter((r) => r.a.is_threat !== r.c.is_threat);
    const accuracy = 1 - wrong.length / mine.length;
    expect(accuracy, wrong.map((w) => `${w.c.id} ${w.c.functionality}`).join(', ')).toBeGreaterThanOrEqual(FLOOR[lang] ?? 1);
  });

  it('almost never flags reporting, quoting, counter-speech or negation as an original threat', () => {
    const mustNot = results.filter((r) => /^(reporting|quoting|counter|negated)_/.test(r.c.functionality));
    const flagged = mustNot.filter((r) => r.a.is_threat);
    expect(flagged.length / mustNot.length, flagged.map((f) => f.c.id).join(', ')).toBeLessThanOrEqual(0.05);
  });

  it('shows the spans and rules behind every non-zero score', () => {
    for (const { c, a } of results) {
      if (a.score === 0) {
        expect(a.categories).toEqual([]);
        continue;
      }
      const shown = [...a.categories, ...a.reported];
      expect(shown.length, c.id).toBeGreaterThan(0);
      for (const cat of shown) {
        expect(cat.evidence.length, c.id).toBeGreaterThan(0);
        for (const e of cat.evidence) {
          expect(c.text.slice(e.start, e.end), c.id).toBe(e.text);
          expect(e.rule, c.id).toMatch(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_]+$/);
        }
      }
      expect(a.is_threat, c.id).toBe(a.categories.length > 0);
    }
  });
});

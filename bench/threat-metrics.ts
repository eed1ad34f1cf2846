// Scores of threat predictions against gold labels: accuracy per language, precision/recall/F1
// per category (overall and per language), and how often must-not-fire posts were flagged.
import { threatCategories, type ThreatCategory } from '../src/analyze/threat/taxonomy.js';

export interface Judged {
  lang: string;
  /** Functionality or gold label group: 'reporting', 'quoting', 'counter', 'negated', 'benign', 'fire'… */
  group: string;
  gold: { isThreat: boolean; categories: readonly ThreatCategory[]; acceptable: readonly ThreatCategory[] };
  pred: { isThreat: boolean; categories: readonly ThreatCategory[] };
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp === 0 ? 1 : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { tp, fp, fn, p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** Per category: a predicted label in `acceptable` is not a false positive. */
export function categoryScores(rows: readonly Judged[]): Record<ThreatCategory, Prf> {
  const out = {} as Record<ThreatCategory, Prf>;
  for (const c of threatCategories) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const r of rows) {
      const gold = r.gold.categories.includes(c);
      const pred = r.pred.categories.includes(c);
      if (gold && pred) tp++;
      else if (gold) fn++;
      else if (pred && !r.gold.acceptable.includes(c)) fp++;
    }
    out[c] = prf(tp, fp, fn);
  }
  return out;
}

/** Threat vs non-threat: accuracy, and precision/recall of is_threat. */
export function threatScores(rows: readonly Judged[]): { n: number; accuracy: number } & Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  for (const r of rows) {
    if (r.gold.isThreat === r.pred.isThreat) right++;
    if (r.gold.isThreat && r.pred.isThreat) tp++;
    else if (r.gold.isThreat) fn++;
    else if (r.pred.isThreat) fp++;
  }
  return { n: rows.length, accuracy: rows.length === 0 ? 1 : right / rows.length, ...prf(tp, fp, fn) };
}

/** Must-not-fire groups: the share of posts wrongly flagged as original threats. */
export function wronglyFlagged(rows: readonly Judged[], groups: readonly string[]): Record<string, { n: number; flagged: number; rate: number }> {
  const out: Record<string, { n: number; flagged: number; rate: number }> = {};
  for (const g of groups) {
    const mine = rows.filter((r) => r.group === g);
    const flagged = mine.filter((r) => r.pred.isThreat).length;
    out[g] = { n: mine.length, flagged, rate: mine.length === 0 ? 0 : flagged / mine.length };
  }
  return out;
}

export const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

// Scoring and printing for `npm run bench:actors`: every query answered by Rasad and by the
// Jaro-Winkler baseline, tallied per report row, printed side by side.
import type { ActorResolver, ResolveCandidate } from '../src/actors/match/resolve-types.js';
import type { BaselineHit } from './actors-baseline.js';
import type { EvalQuery } from './actors-eval.js';

/** The Jaro-Winkler acceptance thresholds reported; the first is the baseline's headline. */
export const JW_THRESHOLDS = [0.9, 0.85, 0.95] as const;

/** One query with both systems' top answers. */
export interface Outcome {
  q: EvalQuery;
  rasad: ResolveCandidate | undefined;
  baseline: BaselineHit | null;
}

/** Rasad's top accepted candidate, or undefined when it answers "nothing". */
export function rasadTop(resolver: ActorResolver, query: string): ResolveCandidate | undefined {
  return resolver.resolve(query, { limit: 3 }).find((c) => c.accepted);
}

/** The baseline's answer at a threshold: the best alias's actor, or null. */
export function baselineAnswer(hit: BaselineHit | null, threshold: number): string | null {
  return hit && hit.score >= threshold ? hit.actorId : null;
}

/** Right answer: one of the expected actors, or nothing for a negative. */
export function isRight(q: EvalQuery, answer: string | null): boolean {
  return q.expected.size === 0 ? answer === null : answer !== null && q.expected.has(answer);
}

/** Share of outcomes answered right by Rasad and by the baseline at each threshold. */
export interface RowScore {
  n: number;
  rasad: number;
  baseline: Record<string, number>;
}

function ratio(k: number, n: number): number {
  return n === 0 ? 0 : Math.round((k / n) * 10_000) / 10_000;
}

/** Recall@1 (positives) or no-match rate (negatives) over a set of outcomes. */
export function scoreRow(outcomes: readonly Outcome[]): RowScore {
  const baseline: Record<string, number> = {};
  for (const t of JW_THRESHOLDS) baseline[t.toFixed(2)] = ratio(outcomes.filter((o) => isRight(o.q, baselineAnswer(o.baseline, t))).length, outcomes.length);
  return { n: outcomes.length, rasad: ratio(outcomes.filter((o) => isRight(o.q, o.rasad?.actorId ?? null)).length, outcomes.length), baseline };
}

/** Precision of accepted top-1 answers: right answers among all answers given (positives and negatives). */
export function answerPrecision(outcomes: readonly Outcome[]): RowScore {
  const one = (answer: (o: Outcome) => string | null): number => {
    const given = outcomes.filter((o) => answer(o) !== null);
    return ratio(given.filter((o) => o.q.expected.size > 0 && isRight(o.q, answer(o))).length, given.length);
  };
  const baseline: Record<string, number> = {};
  for (const t of JW_THRESHOLDS) baseline[t.toFixed(2)] = one((o) => baselineAnswer(o.baseline, t));
  return { n: outcomes.length, rasad: one((o) => o.rasad?.actorId ?? null), baseline };
}

/** Percent with one decimal. */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const HEAD = ['rasad', ...JW_THRESHOLDS.map((t) => `JW≥${t.toFixed(2)}`)];

/** The header of the side-by-side table. */
export function printHeader(): void {
  console.log(`${''.padEnd(44)}${'n'.padStart(6)}${HEAD.map((h) => h.padStart(10)).join('')}   target`);
}

/** One row of the side-by-side table, with the target and whether Rasad meets it. */
export function printRow(label: string, s: RowScore, target?: number): void {
  const cells = [s.rasad, ...JW_THRESHOLDS.map((t) => s.baseline[t.toFixed(2)] ?? 0)].map((x) => (s.n === 0 ? '—' : pct(x)).padStart(10)).join('');
  const goal = target === undefined ? '' : `   ≥ ${pct(target)} ${s.n > 0 && s.rasad >= target ? 'met' : 'NOT MET'}`;
  console.log(`${label.padEnd(44)}${String(s.n).padStart(6)}${cells}${goal}`);
}

/** A few of Rasad's wrong answers in a row, to read; `context` says what the query should have found. */
export function printMisses(title: string, outcomes: readonly Outcome[], context: (o: Outcome) => string, max: number): void {
  const wrong = outcomes.filter((o) => !isRight(o.q, o.rasad?.actorId ?? null));
  if (wrong.length === 0) return;
  console.log(`${title} (${wrong.length}; first ${Math.min(max, wrong.length)}):`);
  for (const o of wrong.slice(0, max)) {
    const got = o.rasad ? `${o.rasad.canonical} (${o.rasad.score}, via "${o.rasad.matchedAlias}")` : 'nothing';
    console.log(`  "${o.q.query}" → ${got}; expected ${o.q.expected.size === 0 ? 'nothing' : context(o)}`);
  }
}

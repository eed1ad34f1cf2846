// Scores for the event-clustering benchmark (bench:events): B-cubed precision/recall/F1 of a
// predicted clustering against gold events, and first-seen accuracy (did the clusterer name the
// gold origin as its event's first item). Both run in O(n) so they can score 1M items.

export interface Bcubed {
  precision: number;
  recall: number;
  f1: number;
}

export interface FirstSeen {
  correct: number;
  total: number;
  accuracy: number;
}

function increment<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function size<K>(counts: ReadonlyMap<K, number>, key: K): number {
  const n = counts.get(key);
  if (n === undefined) throw new Error(`no count for cluster ${String(key)}`);
  return n;
}

/**
 * B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009) over the items of `gold`.
 *
 * For an item i with predicted cluster P(i) and gold cluster G(i):
 *   precision(i) = |P(i) ∩ G(i)| / |P(i)|,  recall(i) = |P(i) ∩ G(i)| / |G(i)|,
 * averaged over all items; F1 is the harmonic mean of the two averages.
 *
 * - The universe is the keys of `gold`: predicted labels on items absent from `gold` are ignored,
 *   and cluster sizes count only items of the universe.
 * - An item absent from `pred`, or predicted null, is a singleton; so is an item with null gold
 *   (noise is its own event, so merging noise into an event costs precision).
 * - With no items, all three scores are 1 (nothing was got wrong).
 *
 * Computed from counts instead of per-item set intersections: every item of one (predicted, gold)
 * cell has the same intersection c, so a cell contributes c·c/|P| to the precision sum and c·c/|G|
 * to the recall sum. Singletons on either side contribute 1 on that side and 1/|other cluster| on
 * the other.
 */
export function bcubed(pred: ReadonlyMap<string, string | null>, gold: ReadonlyMap<string, string | null>): Bcubed {
  const predSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  /** Predicted label → gold label → items in both. */
  const cells = new Map<string, Map<string, number>>();
  /** Items predicted as singletons, per gold cluster (they score recall 1/|G|). */
  const aloneInPred = new Map<string, number>();
  /** Items with null gold, per predicted cluster (they score precision 1/|P|). */
  const aloneInGold = new Map<string, number>();
  let bothAlone = 0;
  for (const [id, g] of gold) {
    const p = pred.get(id) ?? null;
    if (p !== null) increment(predSize, p);
    if (g !== null) increment(goldSize, g);
    if (p !== null && g !== null) {
      let row = cells.get(p);
      if (!row) cells.set(p, (row = new Map<string, number>()));
      increment(row, g);
    } else if (g !== null) increment(aloneInPred, g);
    else if (p !== null) increment(aloneInGold, p);
    else bothAlone++;
  }
  const n = gold.size;
  if (n === 0) return { precision: 1, recall: 1, f1: 1 };

  let precisionSum = bothAlone;
  let recallSum = bothAlone;
  for (const [p, row] of cells) {
    const ps = size(predSize, p);
    for (const [g, c] of row) {
      precisionSum += (c * c) / ps;
      recallSum += (c * c) / size(goldSize, g);
    }
  }
  for (const [g, k] of aloneInPred) {
    precisionSum += k;
    recallSum += k / size(goldSize, g);
  }
  for (const [p, k] of aloneInGold) {
    precisionSum += k / size(predSize, p);
    recallSum += k;
  }
  const precision = precisionSum / n;
  const recall = recallSum / n;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

/**
 * First-seen accuracy: over gold events with at least two members (a lone item is trivially its
 * own first), take the predicted event that contains the gold first item; it is correct when that
 * predicted event's first item (`predFirstOf`) is the gold first.
 *
 * - A gold first predicted as a singleton (absent from `predEventOf`, null, or alone in its
 *   predicted cluster) is wrong: the clusterer found none of the copies it led.
 * - Predicted cluster sizes count the items of `goldEventOf`, as in bcubed.
 * - `only`, when given, restricts the events scored (e.g. the events with a clock-skewed report).
 * - With nothing to score, accuracy is 1.
 */
export function firstSeenAccuracy(
  predEventOf: ReadonlyMap<string, string | null>,
  predFirstOf: ReadonlyMap<string, string>,
  goldEventOf: ReadonlyMap<string, string | null>,
  goldFirstOf: ReadonlyMap<string, string>,
  only?: ReadonlySet<string>,
): FirstSeen {
  const goldSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  for (const [id, g] of goldEventOf) {
    if (g !== null) increment(goldSize, g);
    const p = predEventOf.get(id) ?? null;
    if (p !== null) increment(predSize, p);
  }
  let correct = 0;
  let total = 0;
  for (const [g, n] of goldSize) {
    if (n < 2 || (only && !only.has(g))) continue;
    total++;
    const first = goldFirstOf.get(g);
    if (first === undefined) throw new Error(`gold event ${g} has no first item`);
    const p = predEventOf.get(first) ?? null;
    if (p === null || (predSize.get(p) ?? 0) < 2) continue;
    if (predFirstOf.get(p) === first) correct++;
  }
  return { correct, total, accuracy: total === 0 ? 1 : correct / total };
}

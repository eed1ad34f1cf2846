// A score per item number, summed while candidates are gathered and cleared in O(1) between
// items: a dense array stamped with the current round instead of a Map per query, so adding to
// an item's score is two array reads, and no map is allocated, grown and collected per item.

export class Tally {
  private scores = new Float64Array(1024);
  private stamps = new Uint32Array(1024);
  private round = 1;
  /** Items with a score this round, in the order they were first added. */
  readonly items: number[] = [];

  /** Forgets every score (the next round starts empty). */
  clear(): void {
    this.items.length = 0;
    this.round++;
    if (this.round === 0xffffffff) {
      this.stamps.fill(0);
      this.round = 1;
    }
  }

  get size(): number {
    return this.items.length;
  }

  add(item: number, weight: number): void {
    if (item >= this.stamps.length) this.grow(item);
    if (this.stamps[item] === this.round) this.scores[item] = (this.scores[item] ?? 0) + weight;
    else {
      this.stamps[item] = this.round;
      this.scores[item] = weight;
      this.items.push(item);
    }
  }

  score(item: number): number {
    return item < this.stamps.length && this.stamps[item] === this.round ? (this.scores[item] ?? 0) : 0;
  }

  private grow(item: number): void {
    let n = this.stamps.length;
    while (n <= item) n *= 2;
    const scores = new Float64Array(n);
    scores.set(this.scores);
    const stamps = new Uint32Array(n);
    stamps.set(this.stamps);
    this.scores = scores;
    this.stamps = stamps;
  }
}

/** The k items with the largest scores (unordered; ties in the order they were added), without sorting them all. */
export function topK(tally: Tally, k: number): number[] {
  const items = tally.items;
  if (items.length <= k) return items.slice();
  const values = new Float64Array(items.length);
  for (let n = 0; n < items.length; n++) values[n] = tally.score(items[n] ?? 0);
  // quickselect the k-th largest value as a threshold
  let lo = 0;
  let hi = values.length - 1;
  const want = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) > pivot) i++;
      while ((values[j] ?? 0) < pivot) j--;
      if (i <= j) {
        const t = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (want <= j) hi = j;
    else if (want >= i) lo = i;
    else break;
  }
  const threshold = values[want] ?? 0;
  const out: number[] = [];
  for (const item of items) if (tally.score(item) > threshold) out.push(item);
  for (const item of items) {
    if (out.length >= k) break;
    if (tally.score(item) === threshold) out.push(item);
  }
  return out;
}

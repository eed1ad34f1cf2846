import { describe, expect, it } from 'vitest';
import { Tally, topK } from './tally.js';

describe('Tally', () => {
  it('sums weights per item and forgets them all on clear', () => {
    const t = new Tally();
    t.add(3, 1);
    t.add(5000, 2); // beyond the initial capacity
    t.add(3, 0.5);
    expect(t.items).toEqual([3, 5000]);
    expect(t.score(3)).toBe(1.5);
    expect(t.score(5000)).toBe(2);
    t.clear();
    expect(t.size).toBe(0);
    expect(t.score(3)).toBe(0);
    t.add(3, 4);
    expect(t.score(3)).toBe(4);
  });
});

describe('topK', () => {
  it('keeps the k best, ties in the order the items were added', () => {
    const t = new Tally();
    [[10, 1], [11, 5], [12, 3], [13, 3], [14, 3], [15, 0.5]].forEach(([item, w]) => t.add(item ?? 0, w ?? 0));
    expect(topK(t, 3).sort()).toEqual([11, 12, 13]);
    expect(topK(t, 10)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(topK(t, 1)).toEqual([11]);
  });
});

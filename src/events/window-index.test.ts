import { describe, expect, it } from 'vitest';
import { Tally } from './tally.js';
import { WindowIndex } from './window-index.js';

const DAY = 86_400_000;

describe('WindowIndex', () => {
  it('reads the newest entries of a key within the window, however many were filed under it', () => {
    const index = new WindowIndex(2, 4);
    for (let i = 0; i < 50; i++) index.add(i, 10 * DAY + i * 1000, [], [7]);
    const t = new Tally();
    index.anchorCandidates(10 * DAY, [7], [1], t);
    expect(t.items).toEqual([49, 48, 47, 46]);
  });

  it('leaves out items outside the window and drops evicted ones', () => {
    const index = new WindowIndex(1, 16);
    index.add(0, 0, [], [7]);
    index.add(1, 5 * DAY, [], [7]);
    const t = new Tally();
    index.anchorCandidates(5 * DAY, [7], [1], t);
    expect(t.items).toEqual([1]);
    const dropped = index.evictBefore(5 * DAY, 2, (item) => ({ time: item === 0 ? 0 : 5 * DAY, bandKeys: [], anchors: [7] }));
    expect(dropped).toEqual([0]);
    t.clear();
    index.anchorCandidates(0, [7], [1], t);
    expect(t.items).toEqual([]);
  });

  it('finds an item under a key only it holds, and forgets the key when the item is dropped', () => {
    const index = new WindowIndex(1, 16);
    index.add(0, 0, [11], [21]);
    index.add(1, 5 * DAY, [12], [22]);
    const t = new Tally();
    index.bandCandidates(0, [11, 12], t);
    expect(t.items).toEqual([0]);
    const keys = (item: number) => ({ time: item === 0 ? 0 : 5 * DAY, bandKeys: item === 0 ? [11] : [12], anchors: item === 0 ? [21] : [22] });
    expect(index.evictBefore(5 * DAY, 2, keys)).toEqual([0]);
    t.clear();
    index.bandCandidates(0, [11], t);
    index.anchorCandidates(0, [21], [1], t);
    expect(t.items).toEqual([]);
    index.add(2, 5 * DAY, [12], [22]);
    t.clear();
    index.bandCandidates(5 * DAY, [12], t);
    index.anchorCandidates(5 * DAY, [22], [1], t);
    expect(t.items).toEqual([2, 1]);
    expect(t.score(1)).toBe(2);
  });
});

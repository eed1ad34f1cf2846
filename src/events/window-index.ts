// The clusterer's memory of recent items: LSH band buckets for near-duplicates and postings for
// anchors, each a list of item numbers in arrival order. A query reads only the newest entries of
// the keys it asks for and keeps those within the time window around the item, so finding
// candidates costs the same at 1M stored items as at 1k; items older than the retention are
// dropped a day at a time (their entries trimmed from the front of each list), so memory stays
// bounded by the window.

import type { Tally } from './tally.js';

const DAY = 86_400_000;

/** What the index needs to know of a stored item when it drops it: its time and its keys. */
export interface IndexedItem {
  time: number;
  bandKeys: ArrayLike<number>;
  anchors: ArrayLike<number>;
}

// Keys are uint32 hashes, filed as int32 (`key | 0`): V8 keeps those unboxed, while a uint32 above
// 2^31 is a heap number that every lookup would allocate and hash. Most keys (nearly every band
// key, most anchors) belong to one item only: such a key holds the item's number itself, and only
// a second item turns it into a list, so the index allocates no array for a key seen once.
type Entry = number | number[];

export class WindowIndex {
  private readonly bands = new Map<number, Entry>();
  private readonly postings = new Map<number, Entry>();
  private readonly byDay = new Map<number, number[]>();
  private readonly times: number[] = [];
  private readonly dropped: Uint8Array[] = [];
  /** The earliest day held (Infinity when none): eviction has nothing to do until the cutoff passes it. */
  private oldestDay = Infinity;

  constructor(
    /** Days either side of an item in which candidates are looked for. */
    readonly windowDays: number,
    /** Most recent entries read per key (a common key names no particular story). */
    private readonly maxPostings = 16,
  ) {}

  /** Files an item under its band keys and anchors. `item` numbers must grow by one from 0. */
  add(item: number, time: number, bandKeys: ArrayLike<number>, anchors: ArrayLike<number>): void {
    this.times[item] = time;
    const day = Math.floor(time / DAY);
    this.oldestDay = Math.min(this.oldestDay, day);
    const list = this.byDay.get(day);
    if (list) list.push(item);
    else this.byDay.set(day, [item]);
    for (let i = 0; i < bandKeys.length; i++) this.push(this.bands, bandKeys[i] ?? 0, item);
    for (let i = 0; i < anchors.length; i++) this.push(this.postings, anchors[i] ?? 0, item);
  }

  /**
   * Files an item under a key. Queries read only a key's newest `maxPostings` entries, so a list
   * twice that long loses its older half: a common anchor's list stays short, and trimming it at
   * eviction stays cheap.
   */
  private push(map: Map<number, Entry>, key: number, item: number): void {
    const entry = map.get(key | 0);
    if (entry === undefined) map.set(key | 0, item);
    else if (typeof entry === 'number') map.set(key | 0, [entry, item]);
    else {
      entry.push(item);
      if (entry.length >= 2 * this.maxPostings) entry.splice(0, entry.length - this.maxPostings);
    }
  }

  private isDropped(item: number): boolean {
    return ((this.dropped[item >> 16]?.[item & 0xffff] ?? 0) & 1) === 1;
  }

  /** Adds `weight` to each of the newest entries of one key within `span` ms of `time`. */
  private read(entry: Entry, time: number, span: number, weight: number, into: Tally): void {
    if (typeof entry === 'number') {
      if (Math.abs((this.times[entry] ?? Infinity) - time) <= span) into.add(entry, weight);
      return;
    }
    const list = entry;
    const last = Math.max(0, list.length - this.maxPostings);
    for (let i = list.length - 1; i >= last; i--) {
      const item = list[i] ?? -1;
      if (Math.abs((this.times[item] ?? Infinity) - time) <= span) into.add(item, weight);
    }
  }

  /** Items sharing band keys with these, within `days` days, each with how many bands it shares. */
  bandCandidates(time: number, bandKeys: ArrayLike<number>, into: Tally, days = this.windowDays): void {
    const span = Math.min(days, this.windowDays) * DAY + DAY;
    for (let k = 0; k < bandKeys.length; k++) {
      const entry = this.bands.get((bandKeys[k] ?? 0) | 0);
      if (entry !== undefined) this.read(entry, time, span, 1, into);
    }
  }

  /** Items sharing anchors with these, within the window, each with the sum of the weights of the anchors it shares. */
  anchorCandidates(time: number, anchors: ArrayLike<number>, weights: ArrayLike<number>, into: Tally): void {
    const span = this.windowDays * DAY + DAY;
    for (let k = 0; k < anchors.length; k++) {
      const entry = this.postings.get((anchors[k] ?? 0) | 0);
      const w = weights[k] ?? 0;
      if (entry !== undefined && w > 0) this.read(entry, time, span, w, into);
    }
  }

  /**
   * Drops the items of days more than `retentionDays` before `time`, trimming their entries from
   * the front of each list (lists are in arrival order, so old entries are at the front); `keysOf`
   * gives a dropped item's keys. Returns the items dropped.
   */
  evictBefore(time: number, retentionDays: number, keysOf: (item: number) => IndexedItem | null): number[] {
    const cutoff = Math.floor(time / DAY) - retentionDays;
    const out: number[] = [];
    if (cutoff <= this.oldestDay) return out;
    for (const [day, items] of this.byDay) {
      if (day >= cutoff) continue;
      this.byDay.delete(day);
      for (const item of items) {
        const page = (this.dropped[item >> 16] ??= new Uint8Array(0x10000));
        page[item & 0xffff] = 1;
        out.push(item);
      }
      for (const item of items) {
        const keys = keysOf(item);
        if (!keys) continue;
        for (let k = 0; k < keys.bandKeys.length; k++) this.trim(this.bands, keys.bandKeys[k] ?? 0);
        for (let k = 0; k < keys.anchors.length; k++) this.trim(this.postings, keys.anchors[k] ?? 0);
      }
    }
    this.oldestDay = Math.min(Infinity, ...this.byDay.keys());
    return out;
  }

  private trim(map: Map<number, Entry>, key: number): void {
    const list = map.get(key | 0);
    if (list === undefined) return;
    if (typeof list === 'number') {
      if (this.isDropped(list)) map.delete(key | 0);
      return;
    }
    let n = 0;
    while (n < list.length && this.isDropped(list[n] ?? -1)) n++;
    if (n === list.length) map.delete(key | 0);
    else if (n > 0) list.splice(0, n);
  }
}



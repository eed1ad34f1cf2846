// The clusterer's memory of recent items: LSH band buckets for near-duplicates and postings for
// anchors, each a list of item numbers in arrival order. A query reads only the newest entries of
// the keys it asks for and keeps those within the time window around the item, so finding
// candidates costs the same at 1M stored items as at 1k; items older than the retention are
// dropped a day at a time (their entries trimmed from the front of each list), so memory stays
// bounded by the window.

const DAY = 86_400_000;

/** What the index needs to know of a stored item when it drops it: its time and its keys. */
export interface IndexedItem {
  time: number;
  bandKeys: readonly number[] | Uint32Array;
  anchors: readonly number[] | Uint32Array;
}

export class WindowIndex {
  private readonly bands = new Map<number, number[]>();
  private readonly postings = new Map<number, number[]>();
  private readonly byDay = new Map<number, number[]>();
  private readonly times: number[] = [];
  private readonly dropped: Uint8Array[] = [];

  constructor(
    /** Days either side of an item in which candidates are looked for. */
    readonly windowDays: number,
    /** Most recent entries read per key (a common key names no particular story). */
    private readonly maxPostings = 16,
  ) {}

  /** Files an item under its band keys and anchors. `item` numbers must grow by one from 0. */
  add(item: number, time: number, bandKeys: Iterable<number>, anchors: Iterable<number>): void {
    this.times[item] = time;
    const day = Math.floor(time / DAY);
    const list = this.byDay.get(day);
    if (list) list.push(item);
    else this.byDay.set(day, [item]);
    for (const k of bandKeys) push(this.bands, k, item);
    for (const a of anchors) push(this.postings, a, item);
  }

  private isDropped(item: number): boolean {
    return ((this.dropped[item >> 16]?.[item & 0xffff] ?? 0) & 1) === 1;
  }

  /** Reads the newest entries of one key within `span` ms of `time`, calling `take` for each. */
  private read(list: readonly number[], time: number, span: number, take: (item: number) => void): void {
    let seen = 0;
    for (let i = list.length - 1; i >= 0 && seen < this.maxPostings; i--, seen++) {
      const item = list[i] ?? -1;
      if (Math.abs((this.times[item] ?? Infinity) - time) <= span) take(item);
    }
  }

  /** Items sharing band keys with these, within `days` days, each with how many bands it shares. */
  bandCandidates(time: number, bandKeys: Iterable<number>, into: Map<number, number>, days = this.windowDays): void {
    const span = Math.min(days, this.windowDays) * DAY + DAY;
    for (const k of bandKeys) {
      const list = this.bands.get(k);
      if (list) this.read(list, time, span, (item) => into.set(item, (into.get(item) ?? 0) + 1));
    }
  }

  /** Items sharing anchors with these, within the window, each with the weight of what it shares. */
  anchorCandidates(time: number, anchors: Iterable<number>, into: Map<number, number>, weightOf: (anchor: number) => number): void {
    const span = this.windowDays * DAY + DAY;
    for (const a of anchors) {
      const list = this.postings.get(a);
      if (!list) continue;
      const w = weightOf(a);
      if (w > 0) this.read(list, time, span, (item) => into.set(item, (into.get(item) ?? 0) + w));
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
        for (const k of keys.bandKeys) this.trim(this.bands, k);
        for (const a of keys.anchors) this.trim(this.postings, a);
      }
    }
    return out;
  }

  private trim(map: Map<number, number[]>, key: number): void {
    const list = map.get(key);
    if (!list) return;
    let n = 0;
    while (n < list.length && this.isDropped(list[n] ?? -1)) n++;
    if (n === list.length) map.delete(key);
    else if (n > 0) list.splice(0, n);
  }
}

function push(map: Map<number, number[]>, key: number, item: number): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

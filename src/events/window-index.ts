// The clusterer's memory of recent items, partitioned by day of publication: LSH band buckets for
// near-duplicates and postings for anchors. A query reads only the partitions within the time
// window around the item, so finding candidates costs the same at 1M stored items as at 1k, and
// partitions older than the retention are dropped whole (memory stays bounded by the window).

const DAY = 86_400_000;

interface Partition {
  bands: Map<number, number[]>;
  postings: Map<number, number[]>;
  items: number[];
}

export class WindowIndex {
  private readonly partitions = new Map<number, Partition>();

  constructor(
    /** Days either side of an item in which candidates are looked for. */
    readonly windowDays: number,
    /** Most recent postings read per anchor and partition (a common anchor names no story). */
    private readonly maxPostings = 12,
  ) {}

  private partition(day: number): Partition {
    let p = this.partitions.get(day);
    if (!p) {
      p = { bands: new Map(), postings: new Map(), items: [] };
      this.partitions.set(day, p);
    }
    return p;
  }

  /** Files an item under its day: its band keys and anchors. */
  add(item: number, time: number, bandKeys: Iterable<number>, anchors: Iterable<number>): void {
    const p = this.partition(Math.floor(time / DAY));
    p.items.push(item);
    for (const k of bandKeys) push(p.bands, k, item);
    for (const a of anchors) push(p.postings, a, item);
  }

  private *days(time: number, span = this.windowDays): Generator<Partition> {
    const day = Math.floor(time / DAY);
    for (let d = day - span; d <= day + span; d++) {
      const p = this.partitions.get(d);
      if (p) yield p;
    }
  }

  /** Items sharing band keys with these, within the window, each with how many bands it shares. */
  bandCandidates(time: number, bandKeys: Iterable<number>, into: Map<number, number>, days = this.windowDays): void {
    const keys = [...bandKeys];
    for (const p of this.days(time, Math.min(days, this.windowDays))) {
      for (const k of keys) {
        const list = p.bands.get(k);
        if (!list) continue;
        for (let i = Math.max(0, list.length - this.maxPostings); i < list.length; i++) {
          const item = list[i] ?? -1;
          into.set(item, (into.get(item) ?? 0) + 1);
        }
      }
    }
  }

  /** Items sharing anchors with these, within the window, each with how many it shares. */
  anchorCandidates(time: number, anchors: Iterable<number>, into: Map<number, number>, weightOf: (anchor: number) => number): void {
    const list = [...anchors].map((a) => [a, weightOf(a)] as const).filter(([, w]) => w > 0);
    for (const p of this.days(time)) {
      for (const [a, w] of list) {
        const posting = p.postings.get(a);
        if (!posting) continue;
        for (let i = Math.max(0, posting.length - this.maxPostings); i < posting.length; i++) {
          const item = posting[i] ?? -1;
          into.set(item, (into.get(item) ?? 0) + w);
        }
      }
    }
  }

  /** Drops partitions more than `retentionDays` before `time`; returns the items dropped. */
  evictBefore(time: number, retentionDays: number): number[] {
    const cutoff = Math.floor(time / DAY) - retentionDays;
    const dropped: number[] = [];
    for (const [day, p] of this.partitions) {
      if (day < cutoff) {
        dropped.push(...p.items);
        this.partitions.delete(day);
      }
    }
    return dropped;
  }
}

function push(map: Map<number, number[]>, key: number, item: number): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

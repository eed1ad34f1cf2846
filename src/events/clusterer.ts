// The incremental event clusterer. Each new item finds its candidates through direct links
// (retweet, forward, quote, reply, a link to a post), LSH buckets of its MinHash signatures and the
// postings of its rarer anchors, all within a time window; it is scored against each candidate
// (relate.ts) and joins the event of the best one above the join threshold, or starts its own.
// Memory holds only the window (WindowIndex drops old days); the cost per item does not grow with
// the number of items already clustered, and nothing pairwise is stored.
import type { EventInput } from './event-input.js';
import { ANCHOR_KINDS, eventFeatures, SPECIFIC, type EventFeatures } from './features.js';
import { hashString } from './hash.js';
import { bandKeys } from './minhash.js';
import { anchorMass, conflicts, relate, type Link } from './relate.js';
import { Tally, topK } from './tally.js';
import { WindowIndex } from './window-index.js';

export interface ClustererOptions {
  /** Days either side of an item in which it looks for its event. */
  windowDays?: number;
  /** Lowest link score that puts an item into an event. */
  joinAt?: number;
  /** Lowest link score to a second event that merges the two (a copy bridging them). */
  mergeAt?: number;
  /** Most anchor candidates scored per item. */
  maxCandidates?: number;
  /** Days of items kept in memory behind the newest (≥ windowDays). */
  retentionDays?: number;
  /** True when two item keys must not share an event (an analyst split them apart). */
  separated?: (a: string, b: string) => boolean;
}

export interface MemberLink extends Link {
  /** Index of the item this one was linked to. */
  to: number;
}

const DAY = 86_400_000;
/** How much the second and third best links to one event add to the best. */
const SUPPORT = 0.25;
/** How many of an item's rarest anchors look for candidates. */
const CANDIDATE_ANCHORS = 12;
const ACTOR_KIND = ANCHOR_KINDS.indexOf('actor');
/** Days either side in which near-duplicates are looked for (copies travel fast). */
const NEAR_DUPLICATE_DAYS = 1;

export class EventClusterer {
  private readonly opts: Required<Omit<ClustererOptions, 'separated'>> & Pick<ClustererOptions, 'separated'>;
  private readonly index: WindowIndex;
  private readonly features: Array<EventFeatures | null> = [];
  private readonly inputs: EventInput[] = [];
  private readonly parent: number[] = [];
  private readonly links: Array<MemberLink | null> = [];
  private readonly members = new Map<number, number[]>();
  private readonly eventIds = new Map<number, string>();
  private readonly byEventId = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly pointedBy = new Map<string, number[]>();
  /** How many items in memory have each anchor, keyed by the hash as int32 (unboxed in V8). */
  private readonly df = new Map<number, number>();
  /** Band keys of the items in memory (null once evicted), computed once per item. */
  private readonly bandsOf: Array<Uint32Array | null> = [];
  /** Scratch scores of the candidates of the item being placed. */
  private readonly tally = new Tally();
  private live = 0;
  private newest = -Infinity;
  /** Event ids that disappeared into another event during this session: [retired, kept]. */
  readonly retired: Array<[string, string]> = [];

  constructor(opts: ClustererOptions = {}) {
    const windowDays = opts.windowDays ?? 4;
    this.opts = {
      windowDays,
      joinAt: opts.joinAt ?? 0.2,
      mergeAt: opts.mergeAt ?? 0.9,
      maxCandidates: opts.maxCandidates ?? 10,
      retentionDays: Math.max(opts.retentionDays ?? windowDays * 2, windowDays),
      separated: opts.separated,
    };
    this.index = new WindowIndex(windowDays);
  }

  get size(): number {
    return this.inputs.length;
  }

  /**
   * How rare an anchor is among the items in memory: ln((N+1)/(df+½)), near 0 for an anchor in
   * nearly every item of the window (a channel's name in its own posts), large for a rare one.
   */
  private readonly rarity = (anchor: number): number => this.rarityOfCount(this.dfOf(anchor));

  private rarityOfCount(count: number): number {
    const n = this.live + 1;
    const df = count + 1;
    return Math.max(0, Math.log((n + 1) / (df + 0.5)));
  }

  private dfOf(anchor: number): number {
    return this.df.get(anchor | 0) ?? 0;
  }

  /** Adds an item already placed earlier (read back from the store) to memory, under its event. */
  prime(input: EventInput, eventId: string | null): number {
    return this.primeFeatures(eventFeatures(input), eventId);
  }

  /** `prime` for an item whose features were computed beforehand. */
  primeFeatures(f: EventFeatures, eventId: string | null): number {
    f.mass = anchorMass(f, this.rarity);
    const i = this.storeFeatures(f, bandsOfItem(f));
    if (eventId !== null) {
      const other = this.byEventId.get(eventId);
      if (other !== undefined) this.union(other, i);
      else {
        this.eventIds.set(i, eventId);
        this.byEventId.set(eventId, i);
      }
    }
    return i;
  }

  /** Places a new item: joins the event of its best link, or starts its own. Returns its index. */
  add(input: EventInput): number {
    return this.addFeatures(eventFeatures(input));
  }

  /** Places an item whose features were computed beforehand (at ingest, or in another worker). */
  addFeatures(f: EventFeatures): number {
    // each anchor's count in the window, read once: for the rarities and the candidate anchors
    const counts = new Float64Array(f.anchors.length);
    const rarity = new Float64Array(f.anchors.length);
    for (let k = 0; k < counts.length; k++) {
      counts[k] = this.dfOf(f.anchors[k] ?? 0);
      rarity[k] = this.rarityOfCount(counts[k] ?? 0);
    }
    const rarities = Float32Array.from(rarity);
    f.rarities = rarities;
    f.mass = anchorMass(f, (_a, i) => rarities[i] ?? 0);
    const bands = bandsOfItem(f);
    const best = this.bestLinks(f, bands, counts, rarity);
    const i = this.storeFeatures(f, bands);
    const first = best[0];
    if (first && first.score >= this.opts.joinAt) {
      this.links[i] = first;
      this.union(this.find(first.to), i);
      for (const other of best.slice(1)) {
        if (other.score < this.opts.mergeAt) break;
        const a = this.find(i);
        const b = this.find(other.to);
        if (a !== b && !this.apart(a, b)) this.union(a, b);
      }
    }
    return i;
  }

  /**
   * The best link per candidate event, strongest first (events an analyst split off excluded).
   * `counts` and `rarity` are each anchor's count in the window and its rarity.
   */
  private bestLinks(f: EventFeatures, bands: Uint32Array, counts: Float64Array, rarity: Float64Array): MemberLink[] {
    const time = f.input.publishedAt ?? this.newest;
    const candidates = new Set<number>();
    for (const key of f.pointsAt.keys()) {
      const j = this.keys.get(key);
      if (j !== undefined) candidates.add(j);
    }
    for (const j of this.pointedBy.get(f.matchKey) ?? []) candidates.add(j);
    const direct = new Set(candidates);
    if (Number.isFinite(time)) {
      const tally = this.tally;
      tally.clear();
      this.index.bandCandidates(time, bands, tally, NEAR_DUPLICATE_DAYS);
      for (const j of topK(tally, this.opts.maxCandidates)) candidates.add(j);
      // Candidates through the item's rarest anchors only (common ones name no particular story),
      // in two pools, so that a report in another language, which shares a count, a place or a
      // name but few words, is not crowded out by same-language posts that share many words.
      const cap = Math.max(50, this.live * 0.02);
      const rare = rareAnchors(f, counts, cap);
      // A report naming @handle or linking t.me/<channel> looks among that account's own posts
      // (a post's "follow us" link to its own channel names no source).
      const self = f.handleKey;
      const named = f.handles.length + f.accounts.length === 0 ? [] : [...f.handles, ...f.accounts.map((a) => a.slice(a.indexOf(':') + 1))].filter((h) => h !== self);
      if (named.length > 0) {
        tally.clear();
        this.index.anchorCandidates(time, named.map(authorKey), new Float64Array(named.length).fill(1), tally);
        for (const j of tally.items) candidates.add(j);
      }
      for (const pool of [rare.filter((r) => r.specific), rare.filter((r) => !r.specific)]) {
        const top = pool.slice(0, CANDIDATE_ANCHORS);
        tally.clear();
        this.index.anchorCandidates(
          time,
          top.map((r) => f.anchors[r.k] ?? 0),
          top.map((r) => rarity[r.k] ?? 0),
          tally,
        );
        for (const j of topK(tally, this.opts.maxCandidates)) candidates.add(j);
      }
    }
    // Per event: its best link, strengthened a little by further members it also matches (an item
    // that echoes several reports of one happening belongs with them more surely than with one).
    const perEvent = new Map<number, { best: Link; to: number; more: number[] }>();
    const contradicted = new Set<number>();
    for (const j of candidates) {
      const g = this.features[j];
      if (!g || g.input.key === f.input.key) continue;
      const clash = conflicts(f, g);
      const link = relate(f, g, this.rarity, clash);
      // a post in the item's own language that tells another count, place, actor or day
      const contradicts = clash > 0 && f.input.language !== null && g.input.language === f.input.language;
      if (!link && !contradicts) continue;
      const root = this.find(j);
      if (contradicts) contradicted.add(root);
      if (!link) continue;
      const seen = perEvent.get(root);
      if (!seen) perEvent.set(root, { best: link, to: j, more: [] });
      else if (link.score > seen.best.score) {
        seen.more.push(seen.best.score);
        seen.best = link;
        seen.to = j;
      } else seen.more.push(link.score);
    }
    // An explicit link (a retweet, forward, reply, quote, link to the post) outranks any likeness.
    return [...perEvent.entries()]
      .filter(([root]) => !this.separatedFrom(f.input.key, root))
      // Across languages only names and counts carry over, so a likeness to a translation or a
      // report yields to a post in the item's own language that tells another count, place, actor
      // or day: the same words are compared there, and they say it is another happening.
      .filter(([root, { to }]) => !contradicted.has(root) || direct.has(to) || this.features[to]?.input.language === f.input.language)
      .map(([, { best, to, more }]) => {
        const [s2 = 0, s3 = 0] = more.sort((a, b) => b - a);
        return { ...best, to, score: Math.min(1, best.score + (1 - best.score) * SUPPORT * (s2 + s3)) };
      })
      .sort((a, b) => Number(direct.has(b.to)) - Number(direct.has(a.to)) || b.score - a.score);
  }

  private separatedFrom(key: string, root: number): boolean {
    const sep = this.opts.separated;
    if (!sep) return false;
    return (this.members.get(root) ?? [root]).some((m) => sep(key, this.inputs[m]?.key ?? ''));
  }

  private apart(a: number, b: number): boolean {
    const sep = this.opts.separated;
    if (!sep) return false;
    const mb = this.members.get(b) ?? [b];
    return (this.members.get(a) ?? [a]).some((x) => mb.some((y) => sep(this.inputs[x]?.key ?? '', this.inputs[y]?.key ?? '')));
  }

  private storeFeatures(f: EventFeatures, bands: Uint32Array): number {
    const i = this.inputs.length;
    this.inputs.push(f.input);
    this.features.push(f);
    this.parent.push(i);
    this.links.push(null);
    this.bandsOf.push(bands);
    this.keys.set(f.matchKey, i);
    for (const key of f.pointsAt.keys()) {
      const list = this.pointedBy.get(key);
      if (list) list.push(i);
      else this.pointedBy.set(key, [i]);
    }
    for (const a of f.anchors) this.df.set(a | 0, this.dfOf(a) + 1);
    this.live++;
    const time = f.input.publishedAt ?? this.newest;
    if (Number.isFinite(time)) {
      this.index.add(i, time, bands, postingKeys(f));
      if (time > this.newest) {
        this.newest = time;
        this.evict();
      }
    }
    return i;
  }

  /** Forgets the features of items older than the retention (their event membership stays). */
  private evict(): void {
    const keysOf = (j: number) => {
      const f = this.features[j];
      const bands = this.bandsOf[j];
      return f && bands ? { time: f.input.publishedAt ?? this.newest, bandKeys: bands, anchors: postingKeys(f) } : null;
    };
    for (const j of this.index.evictBefore(this.newest, this.opts.retentionDays, keysOf)) {
      const f = this.features[j];
      if (!f) continue;
      for (const a of f.anchors) {
        const n = (this.df.get(a | 0) ?? 1) - 1;
        if (n <= 0) this.df.delete(a | 0);
        else this.df.set(a | 0, n);
      }
      for (const key of f.pointsAt.keys()) this.pointedBy.delete(key);
      if (this.keys.get(f.matchKey) === j) this.keys.delete(f.matchKey);
      this.features[j] = null;
      this.bandsOf[j] = null;
      // keep what timelines and provenance read; drop the text
      this.inputs[j] = { ...f.input, text: '', title: null, translation: null, links: [] };
      this.live--;
    }
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] ?? r;
    let c = i;
    while (this.parent[c] !== r) {
      const next = this.parent[c] ?? r;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }

  /** Joins two events (small into large); a stored event id survives, the other is retired. */
  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    const ma = this.members.get(ra) ?? [ra];
    const mb = this.members.get(rb) ?? [rb];
    if (ma.length < mb.length) [ra, rb] = [rb, ra];
    const big = ra === this.find(a) ? ma : mb;
    const small = ra === this.find(a) ? mb : ma;
    this.parent[rb] = ra;
    for (const m of small) big.push(m);
    this.members.set(ra, big);
    this.members.delete(rb);
    const ida = this.eventIds.get(ra);
    const idb = this.eventIds.get(rb);
    this.eventIds.delete(rb);
    if (ida === undefined && idb !== undefined) this.eventIds.set(ra, idb);
    else if (ida !== undefined && idb !== undefined && ida !== idb) {
      const [keep, drop] = ida < idb ? [ida, idb] : [idb, ida];
      this.eventIds.set(ra, keep);
      this.retired.push([drop, keep]);
    }
  }

  /** Members of the event of item i (item indices), in insertion order. */
  membersOf(i: number): readonly number[] {
    const r = this.find(i);
    return this.members.get(r) ?? [r];
  }

  /** The stored event id of item i's event, if it had one when primed. */
  eventIdOf(i: number): string | undefined {
    return this.eventIds.get(this.find(i));
  }

  /** How item i joined its event (null for the item that started it). */
  linkOf(i: number): MemberLink | null {
    return this.links[i] ?? null;
  }

  inputOf(i: number): EventInput {
    const input = this.inputs[i];
    if (!input) throw new RangeError(`no item ${i}`);
    return input;
  }

  /** Every event with two or more members, as lists of item indices. */
  *events(): Generator<readonly number[]> {
    for (const [root, list] of this.members) if (this.parent[root] === root && list.length > 1) yield list;
  }
}

/** The LSH band keys of an item's word and character signatures. */
function bandsOfItem(f: EventFeatures): Uint32Array {
  const word = bandKeys(f.wordSig);
  const char = bandKeys(f.charSig);
  const out = new Uint32Array(word.length + char.length);
  out.set(word);
  out.set(char, word.length);
  return out;
}

/**
 * The item's anchors that are in the window at all but not in more than `cap` items, rarest
 * first (ties in anchor order), each marked when it names an actor or a particular.
 */
function rareAnchors(f: EventFeatures, counts: Float64Array, cap: number): Array<{ k: number; specific: boolean; df: number }> {
  const out: Array<{ k: number; specific: boolean; df: number }> = [];
  for (let k = 0; k < counts.length; k++) {
    const df = counts[k] ?? 0;
    if (df <= 0 || df > cap) continue;
    const kind = f.kinds[k] ?? 0;
    out.push({ k, specific: SPECIFIC.has(kind) || kind === ACTOR_KIND, df });
  }
  return out.sort((a, b) => a.df - b.df);
}

/** The posting key under which an account's own posts are filed (handles compare in lower case). */
function authorKey(handle: string): number {
  return hashString(`author:${handle.toLowerCase()}`);
}

/** What an item is filed under in the window: its anchors, and its author's handle when known. */
function postingKeys(f: EventFeatures): Uint32Array | number[] {
  const handle = f.input.authorHandle;
  return handle ? [...f.anchors, authorKey(handle)] : f.anchors;
}

export { DAY };

/**
 * The learned reading's sum over a post, fast on text it has seen and on text it has not: the
 * features of `learnedFeatures` (folded words, word pairs, the 3- to 5-letter pieces of each word,
 * L2-normalized). Each feature is hashed to 64 bits straight from the post's characters (never
 * built as a string) and numbered through an open-addressing table that starts with the model's
 * keys; each word remembers the numbers of its own features and of the pairs it starts, so a
 * word seen before costs a few array reads. The threat stage runs it on nearly every post;
 * `learned.test.ts` checks it against `learnedFeatures`.
 */
import { keyPrefix, PAIR_JOIN, PIECE_SIZES, WORD_END, WORD_START } from './learned-keys.js';
import type { ThreatToken } from './threat-text.js';

interface ModelWeights {
  bias: number;
  weights: ReadonlyMap<string, number>;
}

interface WordEntry {
  /** The word's number in its language (a pair is remembered by the next word's number). */
  no: number;
  /** The numbers of the word's own feature and of its pieces. */
  ids: Int32Array;
  pairs: Map<number, number>;
}

interface Numbering {
  /**
   * Open addressing on a 64-bit hash: four ints a slot (the two 32-bit halves, the number, -1 in
   * a free slot; one spare), side by side so that a probe reads one cache line.
   */
  mask: number;
  slots: Int32Array;
  /** Weight per number (0 for a feature the model has none for). */
  weight: Float64Array;
  size: number;
  words: Map<string, Map<string, WordEntry>>;
  /** Scratch, two slots per number, zero between posts: occurrences in the post, first token. */
  seen: Int32Array;
}

const PAIR_JOIN_CODE = PAIR_JOIN.charCodeAt(0);
const START_CODE = WORD_START.charCodeAt(0);
const END_CODE = WORD_END.charCodeAt(0);
/** Features numbered beyond the model's before starting afresh (new words and pairs keep coming). */
const MAX_NEW_FEATURES = 500_000;

// The running hash: two independent 32-bit hashes over UTF-16 code units (FNV-1a and a
// multiply-xorshift), so that hashing "ab" then "c" equals hashing "abc".
let ha = 0;
let hb = 0;

function reset(a: number, b: number): void {
  ha = a;
  hb = b;
}

function feedCode(c: number): void {
  ha = Math.imul(ha ^ c, 16777619);
  const m = Math.imul(hb ^ c, 0x5bd1e995);
  hb = m ^ (m >>> 15);
}

function feed(s: string): void {
  for (let k = 0; k < s.length; k++) feedCode(s.charCodeAt(k));
}

function hashOf(s: string): void {
  reset(0x811c9dc5 | 0, 0x9747b28c | 0);
  feed(s);
}

function powerOfTwoAbove(n: number): number {
  let c = 1024;
  while (c < n) c *= 2;
  return c;
}

/** The slot of the current hash: where it is, or the free slot where it would go. */
function slotOf(t: Numbering): number {
  const slots = t.slots;
  let s = (hb ^ (ha >>> 11)) & t.mask;
  while (slots[4 * s + 2] !== -1 && (slots[4 * s] !== ha || slots[4 * s + 1] !== hb)) s = (s + 1) & t.mask;
  return s;
}

/** The number of the current hash, given one if it has none. */
function numberOf(t: Numbering): number {
  const s = slotOf(t);
  const known = t.slots[4 * s + 2] as number;
  if (known !== -1) return known;
  const id = t.size++;
  t.slots[4 * s] = ha;
  t.slots[4 * s + 1] = hb;
  t.slots[4 * s + 2] = id;
  if (id >= t.weight.length) {
    const weight = new Float64Array(t.weight.length * 2);
    weight.set(t.weight);
    t.weight = weight;
    const seen = new Int32Array(t.seen.length * 2);
    seen.set(t.seen);
    t.seen = seen;
  }
  return id;
}

function freshNumbering(model: ModelWeights): Numbering {
  const capacity = powerOfTwoAbove(2 * (model.weights.size + MAX_NEW_FEATURES));
  const t: Numbering = {
    mask: capacity - 1,
    slots: new Int32Array(4 * capacity).fill(-1),
    weight: new Float64Array(powerOfTwoAbove(model.weights.size + 1)),
    size: 0,
    words: new Map(),
    seen: new Int32Array(2 * powerOfTwoAbove(model.weights.size + 1)),
  };
  for (const [key, w] of model.weights) {
    hashOf(key);
    t.weight[numberOf(t)] = w;
  }
  return t;
}

const numberings = new WeakMap<ModelWeights, { t: Numbering; base: number }>();

function numberingOf(model: ModelWeights): Numbering {
  let n = numberings.get(model);
  if (n === undefined || n.t.size - n.base > MAX_NEW_FEATURES) {
    const t = freshNumbering(model);
    n = { t, base: t.size };
    numberings.set(model, n);
  }
  return n.t;
}

/** The running hash of a key prefix, to start each feature from. */
function prefixState(lang: string, kind: 'w' | 'b' | 'c'): [number, number] {
  hashOf(keyPrefix(lang, kind));
  return [ha, hb];
}

function wordEntry(t: Numbering, lang: string, w: string): WordEntry {
  let byWord = t.words.get(lang);
  if (byWord === undefined) {
    byWord = new Map();
    t.words.set(lang, byWord);
  }
  let entry = byWord.get(w);
  if (entry !== undefined) return entry;
  const [wa, wb] = prefixState(lang, 'w');
  const [ca, cb] = prefixState(lang, 'c');
  const last = w.length + 1;
  let pieces = 0;
  for (const n of PIECE_SIZES) pieces += Math.max(0, last + 2 - n);
  const ids = new Int32Array(1 + pieces);
  reset(wa, wb);
  feed(w);
  ids[0] = numberOf(t);
  let at = 1;
  for (const n of PIECE_SIZES) {
    for (let j = 0; j + n <= last + 1; j++) {
      reset(ca, cb);
      for (let k = j; k < j + n; k++) feedCode(k === 0 ? START_CODE : k === last ? END_CODE : w.charCodeAt(k - 1));
      ids[at++] = numberOf(t);
    }
  }
  entry = { no: byWord.size, ids, pairs: new Map() };
  byWord.set(w, entry);
  return entry;
}

function pairId(t: Numbering, lang: string, entry: WordEntry, w: string, next: WordEntry, nextWord: string): number {
  let id = entry.pairs.get(next.no);
  if (id === undefined) {
    const [pa, pb] = prefixState(lang, 'b');
    reset(pa, pb);
    feed(w);
    feedCode(PAIR_JOIN_CODE);
    feed(nextWord);
    id = numberOf(t);
    entry.pairs.set(next.no, id);
  }
  return id;
}

/** Scratch (the stage is synchronous): the slots a post touched and its words' entries. */
const TOUCHED: number[] = [];
const ENTRIES: WordEntry[] = [];

/**
 * The model's sum for a post (bias included, before the sigmoid) and what each token adds to it
 * (a feature counts towards the token it first came from).
 */
export function scoreTokens(model: ModelWeights, tokens: readonly ThreatToken[], lang: string): { sum: number; perToken: Float64Array } {
  const t = numberingOf(model);
  const entries = ENTRIES;
  entries.length = tokens.length;
  for (let i = 0; i < tokens.length; i++) entries[i] = wordEntry(t, lang, (tokens[i] as ThreatToken).text);
  const pairs = new Int32Array(Math.max(0, tokens.length - 1));
  for (let i = 0; i + 1 < tokens.length; i++) {
    pairs[i] = pairId(t, lang, entries[i] as WordEntry, (tokens[i] as ThreatToken).text, entries[i + 1] as WordEntry, (tokens[i + 1] as ThreatToken).text);
  }
  // Numbering a feature may have grown the arrays: read them only now.
  const { seen, weight } = t;
  const touched = TOUCHED;
  touched.length = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ids = (entries[i] as WordEntry).ids;
    const n = i < pairs.length ? ids.length + 1 : ids.length;
    for (let k = 0; k < n; k++) {
      const at = 2 * (k < ids.length ? (ids[k] as number) : (pairs[i] as number));
      if (seen[at] === 0) {
        touched.push(at);
        seen[at + 1] = i;
      }
      seen[at] = (seen[at] as number) + 1;
    }
  }
  let norm = 0;
  for (let k = 0; k < touched.length; k++) {
    const c = seen[touched[k] as number] as number;
    norm += c * c;
  }
  const z = Math.sqrt(norm) || 1;
  let sum = model.bias;
  const perToken = new Float64Array(tokens.length);
  for (let k = 0; k < touched.length; k++) {
    const at = touched[k] as number;
    const w = weight[at >> 1] as number;
    if (w !== 0) {
      const v = (w * (seen[at] as number)) / z;
      sum += v;
      const tok = seen[at + 1] as number;
      perToken[tok] = (perToken[tok] as number) + v;
    }
    seen[at] = 0;
  }
  entries.length = 0;
  return { sum, perToken };
}

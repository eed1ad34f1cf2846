/**
 * The learned reading's sum over a post, fast on text it has seen and on text it has not: the
 * features of `learnedFeatures` (folded words, word pairs, the 3- to 5-letter pieces of each word,
 * L2-normalized). Each feature is hashed to 64 bits straight from the post's characters (never
 * built as a string) and looked up in an open-addressing table of the model's keys, numbered once;
 * a feature the model has no weight for only counts towards the norm, in a small table per post.
 * Each word remembers the numbers of its own features and of the pairs it starts, so a word seen
 * before costs a few array reads. The threat stage runs it on nearly every post;
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
  /** The numbers of the model's features among the word's own (itself and its pieces). */
  known: Int32Array;
  /** The hashes (two halves each) of the word's own features the model has no weight for. */
  unknown: Int32Array;
  /**
   * Pairs it starts, by the next word's number: the model's number, or when it has none the
   * pair's hash folded to 53 bits and stored negative (`unknownCode`), to count it for the norm.
   */
  pairs: Map<number, number>;
}

/** Open addressing on a 64-bit hash, a fixed number of ints a slot: the two 32-bit halves first, then the slot's data. */
interface HashSlots {
  mask: number;
  slots: Int32Array;
}

interface ModelTable extends HashSlots {
  /** Weight per number. */
  weight: Float64Array;
  words: Map<string, Map<string, WordEntry>>;
  /** The next word's number (never reused, so a pair map never meets a number of a forgotten word). */
  wordCount: number;
  /** Scratch, two ints per number, zero between posts: occurrences in the post, first token. */
  seen: Int32Array;
}

const PAIR_JOIN_CODE = PAIR_JOIN.charCodeAt(0);
const START_CODE = WORD_START.charCodeAt(0);
const END_CODE = WORD_END.charCodeAt(0);
/** Words remembered per language before starting afresh (new words keep coming). */
const MAX_WORDS = 300_000;
/** Slot layout of the model table: hash halves, number (-1: free), spare. */
const MODEL_STRIDE = 4;
/** Slot layout of a post's table of unknown features: hash halves, count (0: free). */
const POST_STRIDE = 3;

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

/** Where the current hash is in the model table (its first int), or the free slot where it would go. */
function modelSlot(t: ModelTable): number {
  const { slots, mask } = t;
  let s = (hb ^ (ha >>> 11)) & mask;
  for (;;) {
    const at = MODEL_STRIDE * s;
    if (slots[at + 2] === -1 || (slots[at] === ha && slots[at + 1] === hb)) return at;
    s = (s + 1) & mask;
  }
}

/** The model's number for the current hash, or -1. */
function modelNumber(t: ModelTable): number {
  return t.slots[modelSlot(t) + 2] as number;
}

function modelTable(model: ModelWeights): ModelTable {
  const capacity = powerOfTwoAbove(2 * model.weights.size);
  const t: ModelTable = {
    mask: capacity - 1,
    slots: new Int32Array(MODEL_STRIDE * capacity).fill(-1),
    weight: new Float64Array(model.weights.size),
    words: new Map(),
    wordCount: 0,
    seen: new Int32Array(2 * model.weights.size),
  };
  let n = 0;
  for (const [key, w] of model.weights) {
    hashOf(key);
    const at = modelSlot(t);
    if (t.slots[at + 2] !== -1) continue;
    t.slots[at] = ha;
    t.slots[at + 1] = hb;
    t.slots[at + 2] = n;
    t.weight[n++] = w;
  }
  return t;
}

const tables = new WeakMap<ModelWeights, ModelTable>();

function tableOf(model: ModelWeights): ModelTable {
  let t = tables.get(model);
  if (t === undefined) {
    t = modelTable(model);
    tables.set(model, t);
  }
  return t;
}

/** The running hash of a key prefix, to start each feature from. */
function prefixState(lang: string, kind: 'w' | 'b' | 'c'): [number, number] {
  hashOf(keyPrefix(lang, kind));
  return [ha, hb];
}

// Scratch for a new word's features (a word has at most a few hundred).
let KNOWN = new Int32Array(256);
let UNKNOWN = new Int32Array(512);

function wordEntry(t: ModelTable, lang: string, w: string): WordEntry {
  let byWord = t.words.get(lang);
  if (byWord === undefined) {
    byWord = new Map();
    t.words.set(lang, byWord);
  }
  let entry = byWord.get(w);
  if (entry !== undefined) return entry;
  const last = w.length + 1;
  let features = 1;
  for (const n of PIECE_SIZES) features += Math.max(0, last + 2 - n);
  if (KNOWN.length < features) {
    KNOWN = new Int32Array(2 * features);
    UNKNOWN = new Int32Array(4 * features);
  }
  let known = 0;
  let unknown = 0;
  const keep = (): void => {
    const id = modelNumber(t);
    if (id >= 0) KNOWN[known++] = id;
    else {
      UNKNOWN[unknown++] = ha;
      UNKNOWN[unknown++] = hb;
    }
  };
  const [wa, wb] = prefixState(lang, 'w');
  reset(wa, wb);
  feed(w);
  keep();
  const [ca, cb] = prefixState(lang, 'c');
  for (const n of PIECE_SIZES) {
    for (let j = 0; j + n <= last + 1; j++) {
      reset(ca, cb);
      for (let k = j; k < j + n; k++) feedCode(k === 0 ? START_CODE : k === last ? END_CODE : w.charCodeAt(k - 1));
      keep();
    }
  }
  if (byWord.size >= MAX_WORDS) byWord.clear();
  entry = { no: t.wordCount++, known: KNOWN.slice(0, known), unknown: UNKNOWN.slice(0, unknown), pairs: new Map() };
  byWord.set(w, entry);
  return entry;
}

/** Hashes the pair of words into the running hash. */
function hashPair(lang: string, w: string, next: string): void {
  const [pa, pb] = prefixState(lang, 'b');
  reset(pa, pb);
  feed(w);
  feedCode(PAIR_JOIN_CODE);
  feed(next);
}

// A post's features the model has no weight for, counted for the norm only.
let post: HashSlots = { mask: 1023, slots: new Int32Array(POST_STRIDE * 1024) };
const POST_TOUCHED: number[] = [];

function countUnknown(a: number, b: number): void {
  const { slots, mask } = post;
  let s = (b ^ (a >>> 11)) & mask;
  for (;;) {
    const at = POST_STRIDE * s;
    const c = slots[at + 2] as number;
    if (c === 0) {
      slots[at] = a;
      slots[at + 1] = b;
      slots[at + 2] = 1;
      POST_TOUCHED.push(at);
      return;
    }
    if (slots[at] === a && slots[at + 1] === b) {
      slots[at + 2] = c + 1;
      return;
    }
    s = (s + 1) & mask;
  }
}

const LOW_BITS = 2 ** 21;

/** A hash the model has no number for, as one negative number (the high half and 21 bits of the low). */
function unknownCode(a: number, b: number): number {
  return -1 - ((a >>> 0) * LOW_BITS + (b & (LOW_BITS - 1)));
}

function countUnknownCode(code: number): void {
  const x = -1 - code;
  const high = Math.floor(x / LOW_BITS);
  countUnknown(high | 0, x - high * LOW_BITS);
}

/** Scratch (the stage is synchronous): the model numbers a post touched and its words' entries. */
const TOUCHED: number[] = [];
const ENTRIES: WordEntry[] = [];

/**
 * The model's sum for a post (bias included, before the sigmoid) and what each token adds to it
 * (a feature counts towards the token it first came from).
 */
export function scoreTokens(model: ModelWeights, tokens: readonly ThreatToken[], lang: string): { sum: number; perToken: Float64Array } {
  const t = tableOf(model);
  const entries = ENTRIES;
  entries.length = tokens.length;
  let bound = 0;
  for (let i = 0; i < tokens.length; i++) {
    const entry = wordEntry(t, lang, (tokens[i] as ThreatToken).text);
    entries[i] = entry;
    bound += entry.unknown.length / 2 + 1;
  }
  if (post.mask + 1 < 2 * bound) {
    const capacity = powerOfTwoAbove(2 * bound);
    post = { mask: capacity - 1, slots: new Int32Array(POST_STRIDE * capacity) };
  }
  const { seen, weight } = t;
  const touched = TOUCHED;
  touched.length = 0;
  POST_TOUCHED.length = 0;
  const see = (id: number, token: number): void => {
    const at = 2 * id;
    if (seen[at] === 0) {
      touched.push(at);
      seen[at + 1] = token;
    }
    seen[at] = (seen[at] as number) + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const entry = entries[i] as WordEntry;
    const { known, unknown } = entry;
    for (let k = 0; k < known.length; k++) see(known[k] as number, i);
    for (let k = 0; k < unknown.length; k += 2) countUnknown(unknown[k] as number, unknown[k + 1] as number);
    const next = entries[i + 1];
    if (next === undefined) continue;
    let id = entry.pairs.get(next.no);
    if (id === undefined) {
      hashPair(lang, (tokens[i] as ThreatToken).text, (tokens[i + 1] as ThreatToken).text);
      const known = modelNumber(t);
      id = known >= 0 ? known : unknownCode(ha, hb);
      entry.pairs.set(next.no, id);
    }
    if (id >= 0) see(id, i);
    else countUnknownCode(id);
  }
  let norm = 0;
  for (let k = 0; k < touched.length; k++) {
    const c = seen[touched[k] as number] as number;
    norm += c * c;
  }
  const slots = post.slots;
  for (let k = 0; k < POST_TOUCHED.length; k++) {
    const at = POST_TOUCHED[k] as number;
    const c = slots[at + 2] as number;
    norm += c * c;
    slots[at + 2] = 0;
  }
  const z = Math.sqrt(norm) || 1;
  let sum = model.bias;
  const perToken = new Float64Array(tokens.length);
  for (let k = 0; k < touched.length; k++) {
    const at = touched[k] as number;
    const v = ((weight[at >> 1] as number) * (seen[at] as number)) / z;
    sum += v;
    const tok = seen[at + 1] as number;
    perToken[tok] = (perToken[tok] as number) + v;
    seen[at] = 0;
  }
  entries.length = 0;
  return { sum, perToken };
}

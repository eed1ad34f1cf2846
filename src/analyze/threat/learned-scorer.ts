/**
 * The learned reading's sum over a post, fast on text it has seen and on text it has not: the
 * features of `learnedFeatures` (folded words, word pairs, the 3- to 5-letter pieces of each word,
 * L2-normalized). Each feature is hashed to 64 bits straight from the post's characters (never
 * built as a string) and looked up in an open-addressing table of the model's keys, numbered once;
 * Each word remembers the numbers and weights of its own features and the pairs it starts, so a
 * word seen before costs a few array reads; a post's features are counted (for the norm, and for
 * the token each first came from) in two small tables that stay in the processor's cache, never
 * in arrays the size of the model. The threat stage runs it on nearly every post;
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
  /** Their weights, in the same order. */
  knownWeight: Float64Array;
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
/** Slot layout of a post's table of the model's features: number + 1 (0: free), first token. */
const SEEN_STRIDE = 2;

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
  const ids = KNOWN.slice(0, known);
  const knownWeight = new Float64Array(known);
  for (let k = 0; k < known; k++) knownWeight[k] = t.weight[ids[k] as number] as number;
  entry = { no: t.wordCount++, known: ids, knownWeight, unknown: UNKNOWN.slice(0, unknown), pairs: new Map() };
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

// A post's features, counted in two small tables: the model's by number (for the norm and the
// token each first came from), the others by hash (for the norm only). `norm` grows by 2c + 1 as
// a count goes from c to c + 1, so that it ends as the sum of the squared counts.
let unknownTable: HashSlots = { mask: 1023, slots: new Int32Array(POST_STRIDE * 1024) };
const UNKNOWN_TOUCHED: number[] = [];
let seenTable = { mask: 1023, shift: 22, slots: new Int32Array(SEEN_STRIDE * 1024), counts: new Int32Array(1024) };
const SEEN_TOUCHED: number[] = [];
let norm = 0;

function countUnknown(a: number, b: number): void {
  const { slots, mask } = unknownTable;
  let s = (b ^ (a >>> 11)) & mask;
  for (;;) {
    const at = POST_STRIDE * s;
    const c = slots[at + 2] as number;
    if (c === 0) {
      slots[at] = a;
      slots[at + 1] = b;
      slots[at + 2] = 1;
      UNKNOWN_TOUCHED.push(at);
      norm += 1;
      return;
    }
    if (slots[at] === a && slots[at + 1] === b) {
      slots[at + 2] = c + 1;
      norm += 2 * c + 1;
      return;
    }
    s = (s + 1) & mask;
  }
}

/** Counts one occurrence of the model's feature `id` at token `token`; the token its weight goes to. */
function countKnown(id: number, token: number): number {
  const { slots, counts, mask, shift } = seenTable;
  const key = id + 1;
  let s = Math.imul(key, 0x9e3779b1) >>> shift;
  for (;;) {
    const at = SEEN_STRIDE * s;
    const k = slots[at] as number;
    if (k === 0) {
      slots[at] = key;
      slots[at + 1] = token;
      counts[s] = 1;
      SEEN_TOUCHED.push(s);
      norm += 1;
      return token;
    }
    if (k === key) {
      const c = counts[s] as number;
      counts[s] = c + 1;
      norm += 2 * c + 1;
      return slots[at + 1] as number;
    }
    s = (s + 1) & mask;
  }
}

/** Both tables room for `features` features, at most half full. */
function makeRoom(features: number): void {
  const capacity = powerOfTwoAbove(2 * features);
  if (unknownTable.mask + 1 < capacity) unknownTable = { mask: capacity - 1, slots: new Int32Array(POST_STRIDE * capacity) };
  if (seenTable.mask + 1 < capacity) {
    seenTable = { mask: capacity - 1, shift: 32 - Math.log2(capacity), slots: new Int32Array(SEEN_STRIDE * capacity), counts: new Int32Array(capacity) };
  }
}

/** Empties both tables for the next post. */
function clearTables(): void {
  const seen = seenTable.slots;
  for (let k = 0; k < SEEN_TOUCHED.length; k++) seen[SEEN_STRIDE * (SEEN_TOUCHED[k] as number)] = 0;
  SEEN_TOUCHED.length = 0;
  const unknown = unknownTable.slots;
  for (let k = 0; k < UNKNOWN_TOUCHED.length; k++) unknown[(UNKNOWN_TOUCHED[k] as number) + 2] = 0;
  UNKNOWN_TOUCHED.length = 0;
  norm = 0;
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

/** Scratch (the stage is synchronous): the entries of a post's words. */
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
    bound += entry.known.length + entry.unknown.length / 2 + 1;
  }
  makeRoom(bound);
  const { weight } = t;
  const perToken = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const entry = entries[i] as WordEntry;
    const { known, knownWeight, unknown } = entry;
    for (let k = 0; k < known.length; k++) {
      const first = countKnown(known[k] as number, i);
      perToken[first] = (perToken[first] as number) + (knownWeight[k] as number);
    }
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
    if (id >= 0) {
      const first = countKnown(id, i);
      perToken[first] = (perToken[first] as number) + (weight[id] as number);
    } else countUnknownCode(id);
  }
  const z = Math.sqrt(norm) || 1;
  clearTables();
  let sum = model.bias;
  for (let i = 0; i < perToken.length; i++) {
    const v = (perToken[i] as number) / z;
    perToken[i] = v;
    sum += v;
  }
  entries.length = 0;
  return { sum, perToken };
}

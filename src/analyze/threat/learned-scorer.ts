/**
 * The learned reading's sum over a post, fast: the features of `learnedFeatures` (folded words,
 * word pairs, the 3- to 5-letter pieces of each word, L2-normalized), but each feature key
 * numbered once per model and each word's own keys remembered, so that a post costs a few array
 * reads per feature rather than building and hashing every piece again. The threat stage runs it
 * on nearly every post; `learned.test.ts` checks it against `learnedFeatures`.
 */
import { pairKey, pieceKeys, wordKey } from './learned-keys.js';
import type { ThreatToken } from './threat-text.js';

interface ModelWeights {
  bias: number;
  weights: ReadonlyMap<string, number>;
}

interface WordEntry {
  ids: Int32Array;
  pairs: Map<string, number>;
}

interface ScorerCache {
  /** Feature key → number. */
  ids: Map<string, number>;
  /** Weight per number (0 when the model has none). */
  weights: number[];
  /** Per language, per word: the numbers of its own feature and letter pieces, and of its pairs by the next word. */
  words: Map<string, Map<string, WordEntry>>;
  /** Scratch per number, all zero between posts: occurrences in the post, first token. */
  counts: Int32Array;
  first: Int32Array;
}

/** Numbered keys kept per model before starting afresh (new words and pairs keep coming). */
const MAX_KEYS = 2_000_000;

const caches = new WeakMap<ModelWeights, ScorerCache>();
/** Scratch: the numbers a post touched (reused, the stage being synchronous). */
const TOUCHED: number[] = [];

function freshCache(): ScorerCache {
  return { ids: new Map(), weights: [], words: new Map(), counts: new Int32Array(1 << 16), first: new Int32Array(1 << 16) };
}

function cacheOf(model: ModelWeights): ScorerCache {
  let cache = caches.get(model);
  if (cache === undefined || cache.ids.size > MAX_KEYS) {
    cache = freshCache();
    caches.set(model, cache);
  }
  return cache;
}

function idOf(cache: ScorerCache, model: ModelWeights, key: string): number {
  let id = cache.ids.get(key);
  if (id === undefined) {
    id = cache.weights.length;
    cache.ids.set(key, id);
    cache.weights.push(model.weights.get(key) ?? 0);
    if (id >= cache.counts.length) {
      const counts = new Int32Array(cache.counts.length * 2);
      counts.set(cache.counts);
      cache.counts = counts;
      const first = new Int32Array(cache.first.length * 2);
      first.set(cache.first);
      cache.first = first;
    }
  }
  return id;
}

function wordEntry(cache: ScorerCache, model: ModelWeights, lang: string, word: string): WordEntry {
  let byWord = cache.words.get(lang);
  if (byWord === undefined) {
    byWord = new Map();
    cache.words.set(lang, byWord);
  }
  let entry = byWord.get(word);
  if (entry === undefined) {
    const keys = [wordKey(lang, word), ...pieceKeys(lang, word)];
    entry = { ids: Int32Array.from(keys, (key) => idOf(cache, model, key)), pairs: new Map() };
    byWord.set(word, entry);
  }
  return entry;
}

function pairId(cache: ScorerCache, model: ModelWeights, lang: string, entry: WordEntry, word: string, next: string): number {
  let id = entry.pairs.get(next);
  if (id === undefined) {
    id = idOf(cache, model, pairKey(lang, word, next));
    entry.pairs.set(next, id);
  }
  return id;
}

/**
 * The model's sum for a post (bias included, before the sigmoid) and what each token adds to it
 * (a feature counts towards the token it first came from).
 */
export function scoreTokens(model: ModelWeights, tokens: readonly ThreatToken[], lang: string): { sum: number; perToken: Float64Array } {
  const cache = cacheOf(model);
  const touched = TOUCHED;
  touched.length = 0;
  const add = (id: number, token: number): void => {
    const { counts } = cache;
    if (counts[id] === 0) {
      touched.push(id);
      cache.first[id] = token;
    }
    counts[id] = (counts[id] ?? 0) + 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]?.text ?? '';
    const entry = wordEntry(cache, model, lang, w);
    for (const id of entry.ids) add(id, i);
    const next = tokens[i + 1];
    if (next) add(pairId(cache, model, lang, entry, w, next.text), i);
  }
  const { counts, first, weights } = cache;
  let norm = 0;
  for (const id of touched) norm += (counts[id] ?? 0) * (counts[id] ?? 0);
  const z = Math.sqrt(norm) || 1;
  let sum = model.bias;
  const perToken = new Float64Array(tokens.length);
  for (const id of touched) {
    const w = weights[id] ?? 0;
    if (w !== 0) {
      const v = (w * (counts[id] ?? 0)) / z;
      sum += v;
      const t = first[id] ?? 0;
      perToken[t] = (perToken[t] ?? 0) + v;
    }
    counts[id] = 0;
  }
  return { sum, perToken };
}

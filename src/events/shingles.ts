// The words of a post as near-duplicate detection sees them: folded (text/normalize), links,
// @handles, the retweet prefix and the truncation ellipsis removed, so that a copy with an emoji
// header, a hashtag footer or a link added still shares almost every shingle with its original.
import { normalize, searchTextOfNormalized } from '../text/normalize.js';
import { combine, hashString } from './hash.js';

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+|\bt\.me\/\S+/giu;
const HANDLE = /(^|[^\p{L}\p{N}_])@[A-Za-z0-9_]{1,30}/gu;
const RT_PREFIX = /^\s*RT\s+@[A-Za-z0-9_]+:\s*/u;
const TRUNCATED = /(?:\S*)…\s*$/u;
const WWW = /www\./i;

/** The folded word tokens of a post, without links, handles and retweet furniture. */
export function contentTokens(text: string): string[] {
  return foldedContent(text).tokens;
}

/** The folded text of a post (links, handles and retweet furniture removed) and its word tokens. */
export function foldedContent(text: string): { folded: string; tokens: string[] } {
  let t = text.replace(RT_PREFIX, '');
  // A truncated retweet ends in a half word and "…": drop the half word.
  if (t.length !== text.length) t = t.replace(TRUNCATED, '');
  // the patterns run only when their marker is there: most posts have no link and no handle
  if (t.includes('/') || WWW.test(t)) t = t.replace(URL, ' ');
  if (t.includes('@')) t = t.replace(HANDLE, '$1 ');
  const folded = normalize(t);
  const words = searchTextOfNormalized(folded);
  return { folded, tokens: words.length === 0 ? [] : words.split(' ') };
}

/**
 * Hashed word shingles: overlapping word triples (pairs or single words for very short posts), so
 * that the order of words matters but an added word disturbs at most three shingles.
 */
export function wordShingles(tokens: readonly string[]): Uint32Array {
  const k = tokens.length >= 6 ? 3 : tokens.length >= 3 ? 2 : 1;
  const n = Math.max(0, tokens.length - k + 1);
  const out = new Uint32Array(n);
  const hashes = tokens.map((t) => hashString(t));
  for (let i = 0; i < n; i++) {
    let h = hashes[i] ?? 0;
    for (let j = 1; j < k; j++) h = combine(h, hashes[i + j] ?? 0);
    out[i] = h;
  }
  return out;
}

/**
 * Hashed character 5-grams of the token text (spaces included): a light paraphrase (a changed
 * clitic, a swapped synonym, a dropped word) keeps most of them.
 */
export function charShingles(tokens: readonly string[], width = 5): Uint32Array {
  const s = tokens.join(' ');
  if (s.length === 0) return new Uint32Array(0);
  if (s.length <= width) return Uint32Array.of(hashString(s));
  const n = s.length - width + 1;
  const out = new Uint32Array(n);
  // rolling FNV is not possible; hash each window directly (width is small)
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + width; j++) {
      h ^= s.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    out[i] = h >>> 0;
  }
  return out;
}

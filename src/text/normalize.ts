import { tableFold } from './fold-table.js';

/** Bumped whenever folding changes, so stored normalized text and indexes can be rebuilt. */
export const NORMALIZE_VERSION = 1;

/** Normalized text and, for each of its UTF-16 units, the index of the original unit it came from. */
export interface NormalizedText {
  text: string;
  /** `map[i]` = UTF-16 offset in the original of normalized unit `i`; `map[text.length]` = original length. */
  map: Int32Array;
}

const MARK = /\p{M}/u;
const foldCache = new Map<number, string>();

/** How one code point folds: table, else NFKD minus combining marks, lower-cased, table again. */
function foldCodePoint(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out = tableFold(cp);
  if (out === undefined) {
    const decomposed = String.fromCodePoint(cp).normalize('NFKD');
    let kept = '';
    for (const ch of decomposed) {
      if (MARK.test(ch)) continue;
      const c = ch.codePointAt(0) ?? 0;
      const t = tableFold(c);
      kept += t ?? ch.toLowerCase();
    }
    out = kept;
  }
  if (foldCache.size < 50_000) foldCache.set(cp, out);
  return out;
}

/**
 * Folds text for matching and search, keeping a map back to the original offsets: NFKC
 * compatibility forms, Arabic tashkeel, Quranic marks, tatweel, alef/hamza seats, ta marbuta,
 * alef maqsura, Persian/Urdu letter variants, Arabic-Indic digits, bidi and zero-width marks,
 * Latin case and diacritics, apostrophe variants.
 */
export function normalizeWithMap(original: string): NormalizedText {
  const parts: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    let cp = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < original.length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    let out: string;
    if (cp < 0x80) {
      // ASCII fast path
      if (cp >= 0x41 && cp <= 0x5a) out = String.fromCharCode(cp + 32);
      else if (cp === 0x27 || cp === 0x60) out = '';
      else out = width === 1 ? original[i] ?? '' : '';
    } else {
      out = foldCodePoint(cp);
    }
    if (out.length > 0) {
      parts.push(out);
      for (let k = 0; k < out.length; k++) map.push(i);
    }
    i += width;
  }
  map.push(original.length);
  return { text: parts.join(''), map: Int32Array.from(map) };
}

/** The folded form of a text (see normalizeWithMap), without the offset map. */
export function normalize(text: string): string {
  return normalizeWithMap(text).text;
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** A search token and its UTF-16 span in the normalized text. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits normalized text into letter/digit tokens (hashtag underscores and hyphens split words). */
export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const m of normalized.matchAll(TOKEN)) {
    tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * The text given to both full-text engines: normalized tokens joined by single spaces, so that
 * SQLite FTS5 and PostgreSQL's parser see exactly the same words.
 */
export function searchText(original: string): string {
  const n = normalize(original);
  const words = n.match(TOKEN);
  return words ? words.join(' ') : '';
}

import { tableFold } from './fold-table.js';

/** Bumped whenever folding changes, so stored normalized text and indexes can be rebuilt. */
export const NORMALIZE_VERSION = 2;

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
  // Folds add at most 3 units per unit (NFKC ligatures); grown below if a fold is longer.
  let units = new Uint16Array(original.length * 3 + 8);
  let map = new Int32Array(original.length * 3 + 9);
  let n = 0;
  const put = (unit: number, from: number): void => {
    if (n >= units.length) {
      const bigger = new Uint16Array(units.length * 2);
      bigger.set(units);
      units = bigger;
      const biggerMap = new Int32Array(map.length * 2);
      biggerMap.set(map);
      map = biggerMap;
    }
    units[n] = unit;
    map[n++] = from;
  };
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path
      if (code >= 0x41 && code <= 0x5a) put(code + 32, i);
      else if (code !== 0x27 && code !== 0x60) put(code, i);
      i++;
      continue;
    }
    let cp = code;
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < original.length) {
      const low = original.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    let out: string | undefined = width === 1 ? bmpFold[cp] : undefined;
    if (out === undefined) {
      out = foldCodePoint(cp);
      if (width === 1) bmpFold[cp] = out;
    }
    for (let k = 0; k < out.length; k++) put(out.charCodeAt(k), i);
    i += width;
  }
  if (n >= map.length) {
    const biggerMap = new Int32Array(n + 1);
    biggerMap.set(map.subarray(0, n));
    map = biggerMap;
  }
  map[n] = original.length;
  return { text: utf16.decode(units.subarray(0, n)), map: map.slice(0, n + 1) };
}

// Folds of BMP code points, filled on first use: the hot path is one array read per character.
const bmpFold: Array<string | undefined> = new Array<string | undefined>(0x10000);

const utf16 = new TextDecoder('utf-16le');
let buffer = new Uint16Array(4096);

/**
 * The folded form of a text (same folds as normalizeWithMap), without the offset map. Written
 * into a code-unit buffer and decoded once, so the result is a flat string (building it by `+=`
 * made a deep rope that every later scan had to flatten).
 */
export function normalize(text: string): string {
  if (buffer.length < text.length * 3 + 8) buffer = new Uint16Array(text.length * 3 + 8);
  const buf = buffer;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) buf[n++] = c + 32;
      else if (c !== 0x27 && c !== 0x60) buf[n++] = c;
      continue;
    }
    let f: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        f = foldCodePoint((c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
        i++;
      }
    }
    if (f === undefined) {
      f = bmpFold[c];
      if (f === undefined) {
        f = foldCodePoint(c);
        bmpFold[c] = f;
      }
    }
    if (f.length === 1) buf[n++] = f.charCodeAt(0);
    else {
      if (n + f.length > buf.length) return normalizeWithMap(text).text;
      for (let k = 0; k < f.length; k++) buf[n++] = f.charCodeAt(k);
    }
  }
  return utf16.decode(buf.subarray(0, n));
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
  return searchTextOfNormalized(normalize(original));
}

// 1 = letter or digit, 2 = anything else, 0 = not yet classified (BMP only; astral = separator).
const wordClass = new Uint8Array(0x10000);
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let k = wordClass[c];
  if (k === 0) {
    k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wordClass[c] = k;
  }
  return k === 1;
}

/** searchText for text that is already normalized (saves a second pass on import). */
export function searchTextOfNormalized(n: string): string {
  let out = '';
  let start = -1;
  for (let i = 0; i <= n.length; i++) {
    const word = i < n.length && isWordChar(n.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out += out.length > 0 ? ` ${n.slice(start, i)}` : n.slice(start, i);
      start = -1;
    }
  }
  return out;
}

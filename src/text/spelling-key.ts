import { skeletonTokens } from './name-skeleton.js';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;
const LATIN_WORD = /^[a-z]+$/;
// Shorter keys collide with too many ordinary words to help.
const MIN_KEY = 4;

/**
 * The spelling-variant key of one normalized Latin search token (Hezbollah, Hizballah and
 * Hizbullah share one), or null. Latin only: in free Arabic text a consonant skeleton would also
 * match ordinary words (العسكري, al-Askari, shares its skeleton with العسكرية, "military"), so
 * Arabic-script spellings are matched by normalization, and across scripts by the actor registry.
 */
export function spellingKey(token: string): string | null {
  if (token.length < MIN_KEY || !LATIN_WORD.test(token)) return null;
  const hit = cache.get(token);
  if (hit !== undefined) return hit === '' ? null : hit;
  const keys = skeletonTokens(token);
  const key = keys.length === 1 && keys[0] !== undefined && keys[0].length >= MIN_KEY ? keys[0].toLowerCase() : null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, key ?? '');
  return key;
}

/** The spelling keys of a space-separated token text, space-separated (the third search column). */
export function spellingText(searchText: string): string {
  if (searchText === '') return '';
  const keys: string[] = [];
  for (const token of searchText.split(' ')) {
    const k = spellingKey(token);
    if (k !== null) keys.push(k);
  }
  return keys.join(' ');
}

/**
 * Whether a query word looks like a name (typed capitalised, or with an article or apostrophe:
 * "Hezbollah", "al-Askari", "Kata'ib"), the only words searched by spelling variant: an analyst
 * typing "training" wants that word, not every word with its consonants.
 */
export function looksLikeName(raw: string): boolean {
  return /^[A-Z]/.test(raw) || /^(al|el|ul)-/i.test(raw) || /['’ʿʾ`]/.test(raw);
}

/** The spelling key of a word as typed in a query, when it looks like a name (or `always`); else null. */
export function querySpellingKey(raw: string, always = false): string | null {
  if (!always && !looksLikeName(raw)) return null;
  const keys = skeletonTokens(raw);
  const key = keys.length === 1 ? keys[0] : undefined;
  return key !== undefined && key.length >= MIN_KEY && /^[A-Za-z]+$/.test(key) ? key.toLowerCase() : null;
}

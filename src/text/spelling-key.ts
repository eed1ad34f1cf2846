import { skeletonTokens } from './name-skeleton.js';
import { mapTokens, memoizeToken } from './token-map.js';

const LATIN_WORD = /^[a-z]+$/;
// Shorter keys collide with too many ordinary words to help.
const MIN_KEY = 4;

function keyOf(token: string): string | null {
  if (token.length < MIN_KEY || !LATIN_WORD.test(token)) return null;
  const keys = skeletonTokens(token);
  const key = keys.length === 1 ? keys[0] : undefined;
  return key !== undefined && key.length >= MIN_KEY ? key.toLowerCase() : null;
}

/**
 * The spelling-variant key of one normalized Latin search token (Hezbollah, Hizballah and
 * Hizbullah share one), or null. Latin only: in free Arabic text a consonant skeleton would also
 * match ordinary words (العسكري, al-Askari, shares its skeleton with العسكرية, "military"), so
 * Arabic-script spellings are matched by normalization, and across scripts by the actor registry.
 */
export const spellingKey = memoizeToken(keyOf);

/** The spelling keys of a space-separated token text, space-separated (the third search column). */
export function spellingText(searchText: string): string {
  return mapTokens(searchText, spellingKey);
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

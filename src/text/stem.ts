import snowball from 'snowball-stemmers';
import { mapTokens, memoizeToken } from './token-map.js';

/** Bumped when stemming changes, together with NORMALIZE_VERSION-driven re-indexing. */
export const STEM_VERSION = 1;

interface Stemmer {
  stem(word: string): string;
}

const arabic: Stemmer = snowball.newStemmer('arabic');
const english: Stemmer = snowball.newStemmer('english');

const ARABIC_LETTER = /^[\u0621-\u064a\u0671-\u06d3\u06d5]+$/;
const LATIN_WORD = /^[a-z]+$/;

function stemOf(token: string): string | null {
  if (token.length < 4) return null;
  let stem: string | null = null;
  if (ARABIC_LETTER.test(token)) {
    // Normalization folded ة into ه; a final ه is nearly always that ta marbuta, which the
    // stemmer only removes in its original form.
    stem = arabic.stem(token.endsWith('ه') ? `${token.slice(0, -1)}ة` : token);
  } else if (LATIN_WORD.test(token)) {
    stem = english.stem(token);
  }
  return stem !== null && stem.length >= 2 ? stem : null;
}

/**
 * The light stem of one normalized search token, for recall: Snowball Arabic (the algorithm of
 * PostgreSQL's `arabic` configuration) for Arabic-script words, Snowball English for Latin words;
 * null when the token has no stem of its own (numbers, short words, other scripts). Memoized:
 * stemming costs ~25 µs a word.
 */
export const stemToken = memoizeToken(stemOf);

/** The stems of a space-separated token text, space-separated (the second search column). */
export function stemText(searchText: string): string {
  return mapTokens(searchText, stemToken);
}

import snowball from 'snowball-stemmers';

/** Bumped when stemming changes, together with NORMALIZE_VERSION-driven re-indexing. */
export const STEM_VERSION = 1;

interface Stemmer {
  stem(word: string): string;
}

const arabic: Stemmer = snowball.newStemmer('arabic');
const english: Stemmer = snowball.newStemmer('english');

// Stemming is ~25 µs a word; vocabularies are Zipfian, so a bounded cache answers most calls.
const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

const ARABIC_LETTER = /^[\u0621-\u064a\u0671-\u06d3\u06d5]+$/;
const LATIN_WORD = /^[a-z]+$/;

/**
 * The light stem of one normalized search token, for recall: Snowball Arabic (the algorithm of
 * PostgreSQL's `arabic` configuration) for Arabic-script words, Snowball English for Latin words;
 * null when the token has no stem of its own (numbers, short words, other scripts).
 */
export function stemToken(token: string): string | null {
  if (token.length < 4) return null;
  const hit = cache.get(token);
  if (hit !== undefined) return hit === '' ? null : hit;
  let stem: string | null = null;
  if (ARABIC_LETTER.test(token)) {
    // Normalization folded ة into ه; a final ه is nearly always that ta marbuta, which the
    // stemmer only removes in its original form.
    const word = token.endsWith('ه') ? `${token.slice(0, -1)}ة` : token;
    stem = arabic.stem(word);
  } else if (LATIN_WORD.test(token)) {
    stem = english.stem(token);
  }
  if (stem !== null && stem.length < 2) stem = null;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(token, stem ?? '');
  return stem;
}

/** The stems of a space-separated token text, space-separated (the second search column). */
export function stemText(searchText: string): string {
  if (searchText === '') return '';
  const stems: string[] = [];
  for (const token of searchText.split(' ')) {
    const s = stemToken(token);
    if (s !== null) stems.push(s);
  }
  return stems.join(' ');
}

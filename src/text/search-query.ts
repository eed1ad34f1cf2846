import { normalize, tokenize } from './normalize.js';
import { stemToken } from './stem.js';

/** One required term of a search: a word, a prefix (`word*`) or a quoted phrase. */
export interface SearchTerm {
  tokens: string[];
  phrase: boolean;
  prefix: boolean;
  /** The light stem of a single-word term: matched against item stems for recall. */
  stem: string | null;
}

/**
 * Parses what an analyst typed: every word must match, "quoted phrases" match in order,
 * a trailing `*` matches a prefix. Words are normalized exactly like stored text, so a query
 * with or without diacritics, tatweel or Persian letter forms finds the same items.
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const parts = query.matchAll(/"([^"]*)"?|(\S+)/g);
  for (const m of parts) {
    if (m[1] !== undefined) {
      const tokens = tokenize(normalize(m[1])).map((t) => t.text);
      if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix: false, stem: null });
      continue;
    }
    const raw = m[2] ?? '';
    const prefix = raw.endsWith('*');
    const tokens = tokenize(normalize(raw)).map((t) => t.text);
    // "al-Askari" or "#قادة_النصر" become phrases of their parts, as the index stores them.
    const single = tokens.length === 1 && !prefix ? tokens[0] : undefined;
    if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix, stem: single ? stemToken(single) : null });
  }
  return terms;
}

/**
 * The FTS5 MATCH expression for parsed terms: every term must match, either as words in
 * `search_text` or, for single words, by light stem in `stem_text`.
 */
export function toFts5Match(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      const exact = `search_text : "${t.tokens.join(' ')}"${t.prefix ? ' *' : ''}`;
      return t.stem ? `(${exact} OR stem_text : "${t.stem}")` : exact;
    })
    .join(' AND ');
}

/** The PostgreSQL tsquery text of one term's words, for `to_tsquery('simple', …)`. */
export function termTsQuery(t: SearchTerm): string {
  const words = t.tokens.map((w, i) => `'${w}'${t.prefix && i === t.tokens.length - 1 ? ':*' : ''}`);
  return words.length > 1 ? `(${words.join(' <-> ')})` : (words[0] ?? '');
}

/** The PostgreSQL tsquery text requiring every term's words (used for ranking and tests). */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms.map(termTsQuery).join(' & ');
}

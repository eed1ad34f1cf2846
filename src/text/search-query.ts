import { normalize, tokenize } from './normalize.js';

/** One required term of a search: a word, a prefix (`word*`) or a quoted phrase. */
export interface SearchTerm {
  tokens: string[];
  phrase: boolean;
  prefix: boolean;
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
      if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix: false });
      continue;
    }
    const raw = m[2] ?? '';
    const prefix = raw.endsWith('*');
    const tokens = tokenize(normalize(raw)).map((t) => t.text);
    // "al-Askari" or "#قادة_النصر" become phrases of their parts, as the index stores them.
    if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix });
  }
  return terms;
}

/** The FTS5 MATCH expression for parsed terms (implicit AND between terms). */
export function toFts5Match(terms: SearchTerm[]): string {
  return terms
    .map((t) => `"${t.tokens.join(' ')}"${t.prefix ? '*' : ''}`)
    .join(' ');
}

/** The PostgreSQL tsquery text for parsed terms, for `to_tsquery('simple', …)`. */
export function toTsQuery(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      const words = t.tokens.map((w, i) => `'${w}'${t.prefix && i === t.tokens.length - 1 ? ':*' : ''}`);
      return words.length > 1 ? `(${words.join(' <-> ')})` : (words[0] ?? '');
    })
    .join(' & ');
}

import { normalize, tokenize } from './normalize.js';
import { querySpellingKey } from './spelling-key.js';
import { stemToken } from './stem.js';

/** One required term of a search: a word, a prefix (`word*`) or a quoted phrase. */
export interface SearchTerm {
  tokens: string[];
  phrase: boolean;
  prefix: boolean;
  /** The light stem of a single-word term: matched against item stems for recall. */
  stem: string | null;
  /** The spelling-variant key of a name-like Latin word (Hezbollah ~ Hizballah). */
  spelling: string | null;
}

/**
 * Parses what an analyst typed: every word must match, "quoted phrases" match in order,
 * a trailing `*` matches a prefix. Words are normalized exactly like stored text, so a query
 * with or without diacritics, tatweel or Persian letter forms finds the same items.
 */
export function parseSearchQuery(query: string, opts: { spellingForAllWords?: boolean } = {}): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const parts = query.matchAll(/"([^"]*)"?|(\S+)/g);
  for (const m of parts) {
    if (m[1] !== undefined) {
      const tokens = tokenize(normalize(m[1])).map((t) => t.text);
      if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix: false, stem: null, spelling: null });
      continue;
    }
    const raw = m[2] ?? '';
    const prefix = raw.endsWith('*');
    const tokens = tokenize(normalize(raw)).map((t) => t.text);
    // "al-Askari" or "#قادة_النصر" become phrases of their parts, as the index stores them.
    const single = tokens.length === 1 && !prefix ? tokens[0] : undefined;
    const spelling = prefix || !/^[\p{Script=Latin}'’ʿʾ`-]+$/u.test(raw) ? null : querySpellingKey(raw, opts.spellingForAllWords ?? false);
    if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, prefix, stem: single ? stemToken(single) : null, spelling });
  }
  return terms;
}

/**
 * The FTS5 MATCH expression for parsed terms: every term must match, as words in `search_text`,
 * by light stem in `stem_text` (single words), or by spelling key in `spelling_text` (name-like
 * Latin words).
 */
export function toFts5Match(terms: SearchTerm[]): string {
  return terms
    .map((t) => {
      const options = [`search_text : "${t.tokens.join(' ')}"${t.prefix ? ' *' : ''}`];
      if (t.stem) options.push(`stem_text : "${t.stem}"`);
      if (t.spelling) options.push(`spelling_text : "${t.spelling}"`);
      return options.length > 1 ? `(${options.join(' OR ')})` : (options[0] ?? '');
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

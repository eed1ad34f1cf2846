import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { glossaryEntrySchema, glossaryLanguages, type GlossaryEntry } from './glossary/entry.js';
import { terms } from './glossary/terms.js';
import { normalize, normalizeWithMap, tokenize, type Token } from './normalize.js';

export type { GlossaryCategory, GlossaryEntry, GlossaryLanguage } from './glossary/entry.js';
export { glossaryCategories, glossaryLanguages } from './glossary/entry.js';

/** Bumped whenever entries or matching change, so stored gloss annotations can be recomputed. */
export const GLOSSARY_VERSION = 1;

/** A glossary term found in a text; `start`/`end` are UTF-16 offsets into the ORIGINAL text. */
export interface GlossHit {
  start: number;
  end: number;
  /** `text.slice(start, end)` of the original: the words as published, tashkeel and all. */
  text: string;
  id: string;
  lang: string;
  gloss: string;
  category: string;
}

/** Options of findGlossTerms. */
export interface GlossOptions {
  /** Only entries of these languages, preferred in this order when one spelling is in several. */
  languages?: readonly string[];
}

/** One folded form: the tokens after the first, and the entry of each language that lists it. */
interface Candidate {
  rest: readonly string[];
  /** Entries by language, in glossaryLanguages order (first = the pick when no language is asked). */
  byLang: ReadonlyMap<string, GlossaryEntry>;
  first: GlossaryEntry;
}

/** Validated entries and a lookup from a form's first folded token to its candidates. */
export interface GlossaryIndex {
  entries: readonly GlossaryEntry[];
  /** Candidates under one first token, longest phrase first. */
  byFirstToken: ReadonlyMap<string, readonly Candidate[]>;
}

const FILE = 'src/text/glossary/terms.ts';
const MAX_LISTED_PROBLEMS = 25;

/** Folded tokens of a form, as findGlossTerms will see them in a text. */
function formTokens(form: string): string[] {
  return tokenize(normalize(form)).map((t) => t.text);
}

/**
 * Validates glossary entries (schema, unique ids, forms that fold to at least one token, no
 * spelling claimed by two entries of one language) and indexes them. Every problem is listed in
 * one ValidationError, so a bad edit to the data is fixed in one pass.
 */
export function buildGlossaryIndex(input: readonly unknown[]): GlossaryIndex {
  const problems: string[] = [];
  const parsed = z.array(glossaryEntrySchema).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
    throw glossaryError(problems);
  }
  const entries = parsed.data;
  const ids = new Set<string>();
  // folded form -> language -> entry
  const byKey = new Map<string, Map<string, GlossaryEntry>>();
  for (const entry of entries) {
    if (ids.has(entry.id)) problems.push(`${entry.id}: duplicate id`);
    ids.add(entry.id);
    if (!entry.id.startsWith(`${entry.lang}.`)) problems.push(`${entry.id}: id does not start with its language "${entry.lang}."`);
    for (const form of entry.forms) {
      const tokens = formTokens(form);
      if (tokens.length === 0) {
        problems.push(`${entry.id}: form "${form}" has no letters or digits`);
        continue;
      }
      const key = tokens.join(' ');
      let langs = byKey.get(key);
      if (!langs) {
        langs = new Map();
        byKey.set(key, langs);
      }
      const other = langs.get(entry.lang);
      if (other && other !== entry) problems.push(`${entry.id}: form "${form}" is also a form of ${other.id}`);
      else langs.set(entry.lang, entry);
    }
  }
  if (problems.length > 0) throw glossaryError(problems);

  const byFirstToken = new Map<string, Candidate[]>();
  for (const [key, langs] of byKey) {
    const [head = '', ...rest] = key.split(' ');
    const ordered = new Map<string, GlossaryEntry>();
    for (const lang of glossaryLanguages) {
      const entry = langs.get(lang);
      if (entry) ordered.set(lang, entry);
    }
    const first = ordered.values().next().value;
    if (!first) continue;
    const list = byFirstToken.get(head) ?? [];
    list.push({ rest, byLang: ordered, first });
    byFirstToken.set(head, list);
  }
  for (const list of byFirstToken.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return { entries: Object.freeze(entries), byFirstToken };
}

function glossaryError(problems: string[]): ValidationError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length > listed.length ? `; and ${problems.length - listed.length} more` : '';
  return new ValidationError(`invalid glossary: ${listed.join('; ')}${more}`, { file: FILE });
}

// Validated once, when the module loads: bad data fails at start, not on the first post.
const defaultIndex = buildGlossaryIndex(terms);

/** Every glossary entry, validated. */
export function glossary(): readonly GlossaryEntry[] {
  return defaultIndex.entries;
}

/**
 * Finds known threat and militancy terms in a post: whole folded tokens only, phrases across
 * spaces, ZWNJ, hyphens and hashtag underscores, the longest match winning where matches
 * overlap, hits left to right with spans in the original text.
 */
export function findGlossTerms(text: string, opts: GlossOptions = {}): GlossHit[] {
  return matchGlossary(defaultIndex, text, opts);
}

/**
 * The glossary entries a text names, left to right, as findGlossTerms chooses them but without
 * their spans in the original (which cost a second normalization): for callers that only need
 * the terms, such as event features.
 */
export function glossEntriesIn(text: string, opts: GlossOptions = {}): GlossaryEntry[] {
  const norm = normalize(text);
  const tokens = tokenize(norm);
  return findMatches(defaultIndex, norm, tokens, opts).map((m) => m.entry);
}

interface Match {
  from: number;
  count: number;
  entry: GlossaryEntry;
}

/** findGlossTerms against a given index (tests build small ones). */
export function matchGlossary(index: GlossaryIndex, text: string, opts: GlossOptions = {}): GlossHit[] {
  const norm = normalize(text);
  const tokens = tokenize(norm);
  const chosen = findMatches(index, norm, tokens, opts);
  if (chosen.length === 0) return [];
  const { map } = normalizeWithMap(text);
  return chosen.map(({ from, count, entry }) => {
    const first = tokens[from];
    const last = tokens[from + count - 1];
    const start = map[first?.start ?? 0] ?? 0;
    const end = originalEnd(text, map, last?.end ?? 0);
    return { start, end, text: text.slice(start, end), id: entry.id, lang: entry.lang, gloss: entry.gloss, category: entry.category };
  });
}

/** The matches of the index's phrases in a normalized text, overlaps resolved, left to right. */
function findMatches(index: GlossaryIndex, norm: string, tokens: readonly Token[], opts: GlossOptions): Match[] {
  const languages = opts.languages;
  const matches: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = index.byFirstToken.get(tokens[i]?.text ?? '');
    if (!candidates) continue;
    for (const cand of candidates) {
      if (!phraseMatches(norm, tokens, i, cand.rest)) continue;
      const entry = pick(cand, languages);
      if (!entry) continue;
      matches.push({ from: i, count: cand.rest.length + 1, entry });
      break;
    }
  }
  return matches.length === 0 ? matches : resolveOverlaps(matches, tokens.length);
}

function pick(cand: Candidate, languages: readonly string[] | undefined): GlossaryEntry | undefined {
  if (!languages) return cand.first;
  for (const lang of languages) {
    const entry = cand.byLang.get(lang);
    if (entry) return entry;
  }
  return undefined;
}

/** Whether tokens after `i` spell `rest`, each separated only by joining characters. */
function phraseMatches(norm: string, tokens: readonly Token[], i: number, rest: readonly string[]): boolean {
  if (i + rest.length >= tokens.length) return rest.length === 0;
  for (let k = 0; k < rest.length; k++) {
    const prev = tokens[i + k];
    const next = tokens[i + k + 1];
    if (!prev || !next || next.text !== rest[k]) return false;
    for (let c = prev.end; c < next.start; c++) if (!isJoiner(norm.charCodeAt(c))) return false;
  }
  return true;
}

// Between the words of a phrase: whitespace, ZWNJ (Persian), hyphens and dashes, and the
// underscore of hashtags (#قادة_النصر). Any other punctuation ends the phrase.
function isJoiner(c: number): boolean {
  return c === 0x20 || c === 0x5f || c === 0x2d || c === 0x200c || c === 0xa0 || (c >= 0x09 && c <= 0x0d) || (c >= 0x2010 && c <= 0x2015);
}

/** Keeps the longest of overlapping matches (then the leftmost), returned left to right. */
function resolveOverlaps(matches: Match[], tokenCount: number): Match[] {
  if (matches.length === 1) return matches;
  const byLength = [...matches].sort((a, b) => b.count - a.count || a.from - b.from);
  const taken = new Uint8Array(tokenCount);
  const chosen: Match[] = [];
  for (const m of byLength) {
    let free = true;
    for (let t = m.from; t < m.from + m.count; t++) if (taken[t] === 1) free = false;
    if (!free) continue;
    taken.fill(1, m.from, m.from + m.count);
    chosen.push(m);
  }
  return chosen.sort((a, b) => a.from - b.from);
}

const MARK = /\p{M}/u;

/**
 * End of a match in the original text: just past the original unit of its last folded character,
 * then past the tashkeel and tatweel that folding dropped, so the slice is the word as published.
 */
function originalEnd(text: string, map: Int32Array, normEnd: number): number {
  const last = map[normEnd - 1] ?? 0;
  const code = text.charCodeAt(last);
  let end = last + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c !== 0x0640 && !(c >= 0x0300 && MARK.test(text.charAt(end)))) break;
    end++;
  }
  return end;
}

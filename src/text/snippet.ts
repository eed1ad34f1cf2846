import { normalizeWithMap, tokenize } from './normalize.js';
import type { SearchTerm } from './search-query.js';

/** A short excerpt of the original text around the first match, and where matches are. */
export interface Snippet {
  text: string;
  /** UTF-16 spans of matched words in the original text. */
  highlights: Array<{ start: number; end: number }>;
}

/**
 * Builds a snippet from the ORIGINAL text (not the folded one), locating matched words through
 * the normalization offset map, so Arabic with tashkeel is shown as published.
 */
export function buildSnippet(original: string, terms: SearchTerm[], radius = 80): Snippet {
  const { text: norm, map } = normalizeWithMap(original);
  const wanted = terms.flatMap((t) => t.tokens.map((w, i) => ({ w, prefix: t.prefix && i === t.tokens.length - 1 })));
  const highlights: Array<{ start: number; end: number }> = [];
  for (const tok of tokenize(norm)) {
    if (wanted.some(({ w, prefix }) => (prefix ? tok.text.startsWith(w) : tok.text === w))) {
      highlights.push({ start: map[tok.start] ?? 0, end: map[tok.end] ?? original.length });
    }
  }
  const first = highlights[0];
  if (!first) return { text: clip(original, 0, radius * 2), highlights: [] };
  const from = Math.max(0, first.start - radius);
  const to = Math.min(original.length, first.end + radius);
  return { text: clip(original, from, to), highlights: highlights.filter((h) => h.start >= from && h.end <= to) };
}

function clip(text: string, from: number, to: number): string {
  const body = text.slice(from, Math.min(to, text.length)).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

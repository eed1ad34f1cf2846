import { ValidationError } from '../../core/errors.js';
import { type CueClass, cueClasses, type Lexicon, lexiconSchema } from './lexicon-schema.js';
import { PhraseIndex } from './phrase-index.js';
import type { ThreatText } from './threat-text.js';

/** A cue found in a post: a class over a token range, and the lexicon phrase that matched. */
export interface CueHit {
  cls: CueClass;
  /** First token. */
  from: number;
  /** One past the last token. */
  to: number;
  source: string;
}

/** A validated lexicon and the index of its phrases. */
export interface CompiledLexicon {
  lexicon: Lexicon;
  phrases: PhraseIndex<{ cls: CueClass; source: string }>;
}

const CLASS_INDEX = new Map<CueClass, number>(cueClasses.map((c, i) => [c, i]));

/** Classes that describe the frame, not the content; `benign` does not remove them. */
export const FRAME_CLASSES: ReadonlySet<CueClass> = new Set<CueClass>([
  'report_verb', 'report_source', 'speaker_desc', 'quote_intro', 'counter', 'negator', 'denial', 'hypothetical', 'modal',
  'question_word', 'partisan', 'benign', 'benign_domain', 'religious',
]);

/** Validates a lexicon (one ValidationError naming the bad entries) and indexes its phrases. */
export function compileLexicon(input: unknown, file: string): CompiledLexicon {
  const parsed = lexiconSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ValidationError(`${file}: invalid lexicon: ${problems.join('; ')}`);
  }
  const lexicon = parsed.data;
  const phrases = new PhraseIndex<{ cls: CueClass; source: string }>({ stripArticle: lexicon.lang === 'ar' });
  const problems: string[] = [];
  for (const [cls, list] of Object.entries(lexicon.cues) as Array<[CueClass, string[]]>) {
    for (const source of list) {
      const problem = phrases.add(source, { cls, source });
      if (problem) problems.push(`cues.${cls}: ${problem}`);
    }
  }
  const known = new Set(Object.keys(lexicon.cues));
  const ids = new Set<string>();
  for (const rule of lexicon.rules) {
    if (ids.has(rule.id)) problems.push(`rules.${rule.id}: duplicate id`);
    ids.add(rule.id);
    for (const cls of [...rule.all, ...(rule.none ?? [])]) {
      if (!known.has(cls)) problems.push(`rules.${rule.id}: class "${cls}" has no phrases in this lexicon`);
    }
  }
  if (problems.length > 0) throw new ValidationError(`${file}: ${problems.slice(0, 10).join('; ')}`);
  return { lexicon, phrases };
}

/**
 * Every cue of the lexicons in the post; per class and start only the longest phrase is kept.
 * Cues of class `benign` remove the content cues they overlap ("heart attack" is not an attack),
 * and a `benign_domain` word inside a longer content phrase is part of that phrase, not a domain
 * ("game" in "fair game", "match" in "no match for our rockets").
 */
export function findCues(text: ThreatText, lexicons: readonly CompiledLexicon[]): CueHit[] {
  const longest = new Map<number, CueHit>();
  for (const lex of lexicons) {
    for (const m of lex.phrases.matchAll(text)) {
      if (lex.lexicon.lang === 'ar' && m.payload.cls === 'report_verb' && verbReadAsNoun(text, m.from, m.payload.source)) continue;
      const key = (CLASS_INDEX.get(m.payload.cls) ?? 0) + m.from * 64;
      const prior = longest.get(key);
      if (!prior || prior.to < m.to) longest.set(key, { cls: m.payload.cls, from: m.from, to: m.to, source: m.payload.source });
    }
  }
  const hits = withoutDomainInsideContent([...longest.values()]);
  const benign = hits.filter((h) => h.cls === 'benign');
  if (benign.length === 0) return hits;
  return hits.filter((h) => FRAME_CLASSES.has(h.cls) || !benign.some((b) => b.from < h.to && h.from < b.to));
}

/**
 * An Arabic reporting verb found in a word that carries the article: a noun (معارض الكتب, book
 * fairs, is not كتب, wrote). The index reads every word without its article as well, for the
 * nouns of the lexicons; a verb never takes one.
 */
function verbReadAsNoun(text: ThreatText, from: number, phrase: string): boolean {
  const written = text.tokens[from]?.text ?? '';
  return written.startsWith('ال') && !phrase.startsWith('ال');
}

/** Drops `benign_domain` cues that lie inside a longer content cue. */
function withoutDomainInsideContent(hits: CueHit[]): CueHit[] {
  const content = hits.filter((h) => !FRAME_CLASSES.has(h.cls));
  return hits.filter((h) => h.cls !== 'benign_domain' || !content.some((c) => c.from <= h.from && h.to <= c.to && c.to - c.from > h.to - h.from));
}

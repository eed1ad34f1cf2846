import { z } from 'zod';
import { threatCategories } from './taxonomy.js';

/**
 * Cue classes every language fills. Content classes feed the rules; frame classes decide who
 * speaks (docs/THREAT.md and lexicons/README.md define each).
 */
export const cueClasses = [
  // content
  'first_person', 'our_side', 'future', 'violence_verb', 'violence_noun', 'we_will_violence', 'imperative_violence',
  'veiled_threat', 'menace', 'ultimatum', 'enemy', 'call', 'duty', 'offer', 'support_noun', 'beneficiary', 'claim', 'attack_past',
  'recruit', 'cause', 'glory', 'martyr', 'vow', 'gloat', 'weapon',
  // frame
  'report_verb', 'report_source', 'speaker_desc', 'quote_intro', 'counter', 'negator', 'denial', 'hypothetical', 'modal',
  'question_word', 'partisan', 'benign', 'benign_domain', 'religious',
] as const;
export type CueClass = (typeof cueClasses)[number];

const phrase = z.string().trim().min(1);

/** A rule: cue classes that must all be present (in one sentence unless scope is `post`). */
export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z]{2}\.[a-z_]+\.[a-z0-9_]+$/, 'rule id must be "<lang>.<category>.<name>"'),
  category: z.enum(threatCategories),
  weight: z.number().gt(0).max(1),
  all: z.array(z.enum(cueClasses)).min(1),
  /** The classes must appear in the listed order. */
  ordered: z.boolean().optional(),
  /** Most tokens from the first to the last cue. */
  window: z.number().int().positive().optional(),
  /** `sentence` (default) or the whole `post`. */
  scope: z.enum(['sentence', 'post']).optional(),
  /** The rule does not fire when one of these classes is in the same sentence. */
  none: z.array(z.enum(cueClasses)).optional(),
  note: z.string().optional(),
});
export type ThreatRule = z.infer<typeof ruleSchema>;

/**
 * One language's lexicon: phrases per cue class and the rules over them. A phrase is words
 * separated by spaces, written as published (the matcher folds them like the text); `word*`
 * matches any word starting with `word`; `(a|b)` and `[optional]` expand; a leading `^` anchors
 * the phrase at the start of a sentence.
 */
export const lexiconSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2}$/),
  sources: z.array(z.string().min(1)).min(1),
  cues: z.partialRecord(z.enum(cueClasses), z.array(phrase)),
  /** Verb-final languages (fa, ur): a negator just after the violent word negates it too. */
  negationAfter: z.boolean().optional(),
  rules: z.array(ruleSchema),
});
export type Lexicon = z.infer<typeof lexiconSchema>;

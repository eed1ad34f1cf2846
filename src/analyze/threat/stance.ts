import type { CueClass } from './lexicon-schema.js';
import type { CueHit } from './cue-matcher.js';
import type { CueIndex, FiredRule } from './rule-engine.js';
import type { Stance, StanceReason } from './taxonomy.js';

/** Where the post was published, as far as the stance is concerned. */
export type SourceKind = 'news' | 'social' | 'unknown';

/** A feed item or web article presumes reporting; a channel post or tweet does not. */
export function sourceKindOf(platform: string | null | undefined): SourceKind {
  if (platform === 'rss' || platform === 'web') return 'news';
  if (platform === 'telegram' || platform === 'x') return 'social';
  return 'unknown';
}

/** How a fired rule is framed: who speaks, and whether the words are asserted. */
export interface Frame {
  stance: Stance;
  modality: 'asserted' | 'question' | 'hypothetical';
  reasons: StanceReason[];
}

// Content cues a negation in front of them turns around ("we will not attack").
const NEGATABLE = new Set<CueClass>(['violence_verb', 'we_will_violence', 'imperative_violence', 'attack_past', 'offer', 'claim', 'recruit', 'call', 'weapon', 'violence_noun', 'support_noun']);
// "has been declared" is not someone reporting, nor is "you wrote" (the author addresses someone).
// "will say" (خواهد گفت) is a promise, not a report; "you weren't told" is no report either.
const PASSIVE = new Set(['been', 'was', 'were', 'is', 'are', 'be', 'will', 'shall', 'would', 'werent', 'wasnt', 'arent', 'isnt', 'خواهد', 'خواهند', 'خواهیم', 'سوف']);
const SECOND_PERSON = new Set(['you', 'u', 'انت', 'انتم', 'شما', 'تو', 'تم', 'آپ', 'اپ', 'vous', 'tu']);
// Cues that say the author speaks for themselves.
const OWN_VOICE = new Set<CueClass>(['first_person', 'our_side', 'we_will_violence', 'imperative_violence']);

/** A stance reason over a cue's words, its rule named `class:phrase`. */
export function reason(cues: CueIndex, kind: StanceReason['kind'], hit: CueHit, cls: string): StanceReason {
  const tokens = cues.text.tokens;
  const start = tokens[hit.from]?.start ?? 0;
  const end = tokens[hit.to - 1]?.end ?? start;
  return { kind, start, end, text: cues.text.original.slice(start, end), rule: `${cls}:${hit.source}` };
}

function overlaps(h: CueHit, list: readonly CueHit[]): boolean {
  return list.some((c) => c.from < h.to && h.from < c.to);
}

function sentencesOf(fired: FiredRule, cues: CueIndex): Set<number> {
  return new Set(fired.hits.map((h) => cues.sentenceOf(h)));
}

function inSentences(cues: CueIndex, cls: CueClass, sentences: ReadonlySet<number>, content: readonly CueHit[]): CueHit[] {
  return (cues.byClass.get(cls) ?? []).filter((h) => sentences.has(cues.sentenceOf(h)) && !overlaps(h, content));
}

function firstOf(cues: CueIndex, cls: CueClass, content: readonly CueHit[]): CueHit | undefined {
  return (cues.byClass.get(cls) ?? []).find((h) => !overlaps(h, content));
}

/**
 * A description of a third-party speaker ("militia commander", "analyst") in subject position:
 * before the reporting verb when there is one, else before the fired words. After them it is
 * more likely the object ("strike the militia") and says nothing about who speaks.
 */
function subjectDesc(cues: CueIndex, sentences: ReadonlySet<number>, content: readonly CueHit[], verb: CueHit | undefined): CueHit | undefined {
  const limit = verb && sentences.has(cues.sentenceOf(verb)) ? verb.from : Math.min(...content.map((h) => h.from));
  return inSentences(cues, 'speaker_desc', sentences, content).find((h) => h.to <= limit);
}

/** The negation cue that governs one of the fired cues, if any. */
function negation(fired: FiredRule, cues: CueIndex, sentences: ReadonlySet<number>, negationAfter: boolean): StanceReason | null {
  // A denial may contain the violent word itself ("no intention of targeting"): overlap allowed.
  const denial = inSentences(cues, 'denial', sentences, fired.hits.filter((h) => !NEGATABLE.has(h.cls)))[0];
  if (denial) return reason(cues, 'negated', denial, 'denial');
  for (const n of inSentences(cues, 'negator', sentences, fired.hits)) {
    for (const c of fired.hits) {
      if (!NEGATABLE.has(c.cls)) continue;
      if (n.to <= c.from && c.from - n.to <= 2) return reason(cues, 'negated', n, 'negator');
      if (negationAfter && c.to <= n.from && n.from - c.to <= 2 && !clauseBreak(cues, c.to, n.from)) return reason(cues, 'negated', n, 'negator');
    }
  }
  return null;
}

/**
 * Whether a comma or the conjunction و separates token `from` (exclusive end of a cue) from token
 * `to`: "…می‌کشیم، و هیچ محافظی…" — the negator after it belongs to the next clause.
 */
function clauseBreak(cues: CueIndex, from: number, to: number): boolean {
  const { tokens, original } = cues.text;
  const start = tokens[from - 1]?.end ?? 0;
  const end = tokens[to]?.start ?? start;
  if (/[,،]/.test(original.slice(start, end))) return true;
  for (let i = from; i < to; i++) if (tokens[i]?.text === 'و') return true;
  return false;
}

/** Is the author speaking in their own voice in the fired words (first person, imperative)? */
function ownVoice(fired: FiredRule, cues: CueIndex, sentences: ReadonlySet<number>): boolean {
  if (fired.hits.some((h) => OWN_VOICE.has(h.cls))) return true;
  return ['first_person', 'our_side'].some((cls) => inSentences(cues, cls as CueClass, sentences, []).length > 0);
}

/** A reporting verb whose subject is not "we"/"I" ("we said" is the author speaking). */
function reportingVerb(cues: CueIndex, sentences: ReadonlySet<number> | null, content: readonly CueHit[]): CueHit | undefined {
  const partisan = cues.byClass.get('partisan') ?? [];
  // A verb inside the fired words is theirs ("threatened" as a threat word); a longer phrase that
  // frames them ("the channel that claimed") still reports.
  const inside = (h: CueHit): boolean => content.some((c) => c.from <= h.from && h.to <= c.to);
  const verbs = (cues.byClass.get('report_verb') ?? []).filter(
    (h) => !inside(h) && !overlaps(h, partisan) && (sentences === null || sentences.has(cues.sentenceOf(h))),
  );
  const firstPerson = cues.byClass.get('first_person') ?? [];
  const tokens = cues.text.tokens;
  return verbs.find((v) => {
    const before = tokens[v.from - 1]?.text ?? '';
    const word = tokens[v.from]?.text ?? '';
    // "we said", "you wrote your last story", "has been declared", النشر (a noun, not نشر)
    return !firstPerson.some((f) => f.to <= v.from && v.from - f.to <= 3 && cues.sentenceOf(f) === cues.sentenceOf(v)) && !PASSIVE.has(before) && !SECOND_PERSON.has(before) && !/^(ال|لل)/.test(word);
  });
}

/**
 * Decides the frame of one fired rule: negated, a question or hypothetical, quoted, countered,
 * reported, or the author's own words. Partisan reposts ("🔴 Breaking | Abu X: «…» · follow us")
 * with no distancing keep the author's voice.
 */
export function frameOf(fired: FiredRule, cues: CueIndex, source: SourceKind, negationAfter = false): Frame {
  const sentences = fired.sentence >= 0 ? new Set([fired.sentence]) : sentencesOf(fired, cues);
  const reasons: StanceReason[] = [];
  const text = cues.text;

  let modality: Frame['modality'] = 'asserted';
  // a question only when every sentence the rule drew on is one ("…and honestly? Best night…")
  const question = [...sentences].every((s) => text.sentences[s]?.question);
  const qword = inSentences(cues, 'question_word', sentences, fired.hits).find((h) => text.sentences[cues.sentenceOf(h)]?.first === h.from);
  // "Is there no man left who will avenge…?": a rhetorical call, not a question.
  const rhetorical = fired.hits.some((h) => h.cls === 'call' || h.cls === 'imperative_violence');
  if ((question || qword) && !rhetorical) {
    modality = 'question';
    const at = qword ?? fired.hits[0];
    if (at) reasons.push({ ...reason(cues, 'question', at, qword ? 'question_word' : 'question_mark') });
  } else if (!fired.hits.some((h) => h.cls === 'ultimatum')) {
    const firstContent = Math.min(...fired.hits.map((h) => h.from));
    // a supposition (what if, لو) or a bare modal (would, ربما, شاید) before the fired words
    const hypo = [...inSentences(cues, 'hypothetical', sentences, fired.hits), ...inSentences(cues, 'modal', sentences, fired.hits)].find((h) => h.from < firstContent);
    if (hypo) {
      modality = 'hypothetical';
      reasons.push(reason(cues, 'hypothetical', hypo, hypo.cls));
    }
  }

  const negated = negation(fired, cues, sentences, negationAfter);
  if (negated) return { stance: 'negated', modality, reasons: [...reasons, negated] };

  const quotedHit = (h: CueHit): boolean => text.tokens[h.from]?.quoted === true;
  // The fired words themselves say "we", "our fighters", or give an order.
  const strongOwn = fired.hits.some((h) => OWN_VOICE.has(h.cls) && !quotedHit(h));
  const own = strongOwn || ownVoice(fired, cues, sentences);
  // Counter-speech may repeat the violent words ("we condemn the attack"): overlap allowed.
  const counter = firstOf(cues, 'counter', []);
  const partisan = firstOf(cues, 'partisan', fired.hits);
  // "follow the channel" is a partisan footer, not "on his channel"
  const partisanHits = cues.byClass.get('partisan') ?? [];
  const hardDistance = [...(cues.byClass.get('report_source') ?? []), ...(cues.byClass.get('quote_intro') ?? [])].find(
    (h) => !overlaps(h, fired.hits) && !overlaps(h, partisanHits),
  );
  const verb = reportingVerb(cues, null, fired.hits);
  const core = fired.hits.filter((h) => !['first_person', 'our_side', 'future', 'enemy', 'beneficiary', 'cause'].includes(h.cls));
  const quoted = core.length > 0 && core.every(quotedHit);
  const amplified = partisan !== undefined && verb === undefined && hardDistance === undefined;
  const withReason = (stance: Stance, kind: StanceReason['kind'], hit: CueHit | undefined, cls: string): Frame => ({
    stance,
    modality,
    reasons: hit ? [...reasons, reason(cues, kind, hit, cls)] : reasons,
  });

  if (counter && (!strongOwn || quoted || (sentences.has(cues.sentenceOf(counter)) && !fired.hits.some((h) => h.cls === 'first_person')))) {
    return withReason('counter', 'counter', counter, 'counter');
  }
  if (quoted) {
    if (amplified) return withReason('original', 'amplification', partisan, 'partisan');
    const why = verb ?? hardDistance ?? firstOf(cues, 'speaker_desc', fired.hits) ?? core[0];
    return withReason('quoting', 'quoting', why, why === verb ? 'report_verb' : why === core[0] ? 'quotation_marks' : (why?.cls ?? 'quotation_marks'));
  }
  if (strongOwn) return amplified ? withReason('original', 'amplification', partisan, 'partisan') : { stance: 'original', modality, reasons };
  // "The committee announces: … from our stores": a group's own statement, not a report of it.
  const ownSentence = inSentences(cues, 'first_person', sentences, []).some((h) => !quotedHit(h));
  const described = subjectDesc(cues, sentences, fired.hits, verb) ?? inSentences(cues, 'report_source', sentences, fired.hits)[0];
  if (ownSentence && !described) return amplified ? withReason('original', 'amplification', partisan, 'partisan') : { stance: 'original', modality, reasons };
  const localVerb = reportingVerb(cues, sentences, fired.hits);
  if (localVerb) return withReason('reporting', 'reporting', localVerb, 'report_verb');
  const localSource = inSentences(cues, 'report_source', sentences, fired.hits)[0];
  if (localSource) return withReason('reporting', 'reporting', localSource, 'report_source');
  if (amplified) return withReason('original', 'amplification', partisan, 'partisan');
  if (!own) {
    const why = verb ?? hardDistance ?? subjectDesc(cues, sentences, fired.hits, undefined);
    if (why) return withReason('reporting', 'reporting', why, why === verb ? 'report_verb' : why.cls);
    if (source === 'news') {
      const at = fired.hits[0];
      const r: StanceReason[] = at ? [{ ...reason(cues, 'source', at, 'source'), text: 'news source', rule: 'source:news' }] : [];
      return { stance: 'reporting', modality, reasons: [...reasons, ...r] };
    }
  }
  return { stance: 'original', modality, reasons };
}

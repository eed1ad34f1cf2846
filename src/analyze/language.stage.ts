import type { Stage } from '../core/stage.js';
import { arabicScriptEvidence, ARABIC_SCRIPT_LANGUAGES, type ArabicScriptLanguage } from '../text/arabic-script-language.js';
import { detectArabizi } from '../text/arabizi.js';
import type { LanguageModel } from '../text/fasttext-lid.js';
import type { WordListPort } from '../text/persian-lexicon.js';
import { dominantOf, scriptRuns, type Script, type ScriptRun } from '../text/script.js';

/** Which rule decided a language. */
export type LanguageMethod = 'fasttext' | 'fasttext+eld' | 'eld' | 'letters' | 'arabizi' | 'script' | 'none';

/** The language stage's output (CLI.md `language`). */
export interface LanguageResult {
  code: string;
  confidence: number;
  script: Script | null;
  /** Other languages with a sizeable part of a mixed post (an English sign-off under Arabic text). */
  others: string[];
  method: LanguageMethod;
}

export interface LanguageInput {
  text: string;
  title?: string | null;
}

/** fastText lid.176 (`model`) and, when given, eld as a second opinion on short or unsure texts. */
export interface LanguageContext {
  model: LanguageModel;
  second?: LanguageModel;
  /** The Persian dictionary, asked about the words of short Arabic-script texts. */
  persian?: WordListPort;
  /** Rasad's list of Urdu word forms, asked the same. */
  urdu?: WordListPort;
  /** The forms of both lists that Urdu uses far more than Persian, asked about words both know. */
  urduLeaning?: WordListPort;
}

// Languages each script can be written in, as the models name them, so a Latin-script guess is
// never accepted for Arabic-script text and vice versa.
const SCRIPT_LANGS: Partial<Record<Script, ReadonlySet<string>>> = {
  Arab: new Set(['ar', 'fa', 'ur', 'ps', 'ku', 'sd', 'ug', 'pa', 'az', 'bal', 'ks', 'ms', 'mzn', 'glk']),
  Hebr: new Set(['he', 'yi']),
  Cyrl: new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn', 'tt', 'ba', 'cv', 'ce', 'os', 'uz']),
};

// Scripts used by essentially one language.
const SCRIPT_ONLY: Partial<Record<Script, string>> = {
  Grek: 'el', Hang: 'ko', Kana: 'ja', Thai: 'th', Armn: 'hy', Geor: 'ka', Thaa: 'dv', Syrc: 'syr', Hebr: 'he',
};

const SCRIPT_DEFAULT: Partial<Record<Script, string>> = { Arab: 'ar', Cyrl: 'ru', Hani: 'zh', Deva: 'hi', Beng: 'bn' };

// (Not 'ku': Kurmanji Kurdish is written in Latin letters, Sorani in Arabic ones.)
const NON_LATIN = new Set(['ar', 'fa', 'ur', 'ps', 'sd', 'he', 'yi', 'ru', 'uk', 'bg', 'be', 'sr', 'mk', 'zh', 'ja', 'ko', 'el', 'hi', 'bn', 'th', 'hy', 'ka', 'am']);

// Arabic-script languages outside the six Rasad separates by letter, and whose letters they share:
// fastText often calls two Urdu words Punjabi (Shahmukhi) and short Persian Mazanderani or
// Gilaki. They stay possible, but need the models' clear preference (PRIOR_RARE).
const SHARES_LETTERS_WITH: Record<string, ArabicScriptLanguage> = { pa: 'ur', ks: 'ur', mzn: 'fa', glk: 'fa', az: 'fa', bal: 'fa' };
const PRIOR_RARE = -1.5;

// The second opinion is asked when the text is short or fastText unsure.
const SHORT_LETTERS = 25;
// Confidence is capped at 1 − e^(−letters/SURE_LETTERS): 0.39 for 2 letters, 0.86 for 8, 0.99 for 20.
const SURE_LETTERS = 4;
// fastText's top-k search costs more for larger k on short texts (top 5: ~27 µs on a word pair,
// top 3: ~16 µs); the fourth and fifth guesses changed 4 of 6,000 dev answers.
const FIRST_K = 3;
const UNSURE_P = 0.7;
// The models see at most this much text, cut at a word: their cost grows with length (fastText
// ~0.35 µs a character) and on the lingua dev sentences 100 characters were as accurate as 240
// for every language but Urdu, which needs more (Arabic script reaches the models only when its
// letters were not conclusive).
const MODEL_CHARS = 100;
const MODEL_CHARS_ARAB = 160; // fastText only; eld, slower per character, reads MODEL_CHARS
// Letters decide alone, without the models, when they are overwhelming: this lead, this many
// letters, and not one letter the winner's alphabet lacks (0 errors in 900 dev sentences; the
// Persian-on-Arabic-keyboard sentences stay below it).
const LETTERS_ALONE_MARGIN = 10;
const LETTERS_ALONE_MIN = 20;
// Yiddish in Hebrew letters: the ligatures װ ױ ײ, rafe (פֿ) and pointed alef (אַ אָ), which
// Hebrew does not use. Hebrew-script text of 20 letters without any of them is Hebrew.
const YIDDISH = /[\u05F0-\u05F2\u05BF\uFB2E\uFB2F\uFB4C]|\u05D0[\u05B7\u05B8]/;
// Russian in Cyrillic: ы э ё, which Ukrainian, Bulgarian, Serbian and Macedonian lack, and none
// of the letters of Ukrainian, Belarusian, the South Slavic and the Turkic and Iranian Cyrillic
// alphabets (Belarusian has ы э too, but also ў і).
const RUSSIAN_ONLY = /[ыэё]/;
const NOT_RUSSIAN = /[іїєґўђјљњћџѓќѕәғқңөұүһҳҷӣӯӑӗҫӳӕҗҡҙ]/;

// Combination: weighted log-probabilities of both models plus the letter evidence
// (arabic-script-language). Weights were set on the lingua dev lines (see bench/text.bench.ts):
// on short Arabic-script text fastText mostly answers Persian (43% right on Urdu word pairs)
// where eld tells Urdu from Persian far better (90%), so eld leads there (the two models weigh
// the same on longer text); letters settle what the models cannot (Pashto, Sorani, Sindhi;
// Persian ی against Arabic ي). On the dev lines the combined confidence is calibrated (expected
// calibration error 1%).
const FLOOR = 0.01; // probability floor, so one model's zero cannot veto
const ELD_WEIGHT = 3;
const FASTTEXT_WEIGHT_SHORT_ARAB = 0.25;
const LETTER_WEIGHT = 0.75;
// Per word of a short Arabic-script text, for Persian: known to its dictionary, unknown (about
// the log-odds of 90% against 36%, and of 10% against 64%), when the Urdu list is not at hand.
const LEXICON_KNOWN = 0.9;
const LEXICON_UNKNOWN = -1.9;
// Per word of a short Arabic-script text, for Urdu: in Rasad's Urdu list, or not (the log-odds
// of 78% against 21%, and of 22% against 79%), when the Persian dictionary is not at hand.
const URDU_KNOWN = 1.3;
const URDU_UNKNOWN = -1.25;
// With both lists, per word by which of them know it: the log of how often Persian and Urdu
// words fall in each class against how often Arabic ones do (words of the lingua dev
// sentences; shares floored at 0.5%, logs capped at ±3). Persian: both and Urdu-leaning 0.5%,
// both otherwise 22%, Urdu list only 0.1%, Persian dictionary only 71%, neither 7%; Urdu: 15%,
// 17%, 47%, 2.5%, 19%; Arabic: 1.5%, 7%, 0.3%, 19%, 73%. A shared loanword says little, unless
// Urdu uses it far more; a word only one list knows says much. Without the leaning list, a
// shared word counts as `both` at the shares of the two classes together (the same within 0.2).
const BOTH_LISTS: Record<'leaning' | 'both' | 'urdu' | 'persian' | 'neither', LexiconScores> = {
  leaning: { fa: -1.1, ur: 2.3 },
  both: { fa: 1.2, ur: 0.9 },
  urdu: { fa: 0, ur: 3 },
  persian: { fa: 1.3, ur: -2.0 },
  neither: { fa: -2.3, ur: -1.3 },
};
// eld has no Pashto or Sindhi: for them its silence is not evidence, so they get this share of
// eld's best probability instead of zero.
const ELD_SILENT_SHARE = 0.5;
// A mixed post's other languages need this many letters and this share of all letters (or
// OTHER_ALWAYS letters, a full sentence, whatever the share), two words, and a sure answer.
const OTHER_MIN_LETTERS = 8;
const OTHER_MIN_SHARE = 0.15;
const OTHER_ALWAYS = 40;
const OTHER_MIN_CONFIDENCE = 0.6;
// See mainScript.
const NON_LATIN_MIN_WORDS = 4;

interface Decision {
  code: string;
  confidence: number;
  method: LanguageMethod;
}

/**
 * Language identification: script first; Arabizi by its digit-letters and words; then fastText
 * lid.176 restricted to the languages of the script, eld's opinion when the text is short or
 * fastText unsure, and for Arabic script the letters and function words that set Arabic,
 * Persian, Urdu, Pashto, Sorani and Sindhi apart. Text with no letters (only links, hashtag
 * marks, emoji, numbers) is `und`. Other scripts' runs of a mixed post are identified too.
 */
export const languageStage: Stage<LanguageInput, LanguageResult, LanguageContext> = {
  name: 'language',
  version: 4,
  async run(input, ctx) {
    const raw = rawText(input);
    const runs = scriptRuns(raw);
    const counts = letterCounts(runs);
    const { script, letters } = mainScript(runs, counts);
    // Hashtags are labels, not prose: a post of only hashtags has no language of its own, and a
    // hashtag in another language does not make a post mixed.
    const prose = raw.includes('#') ? scriptRuns(raw.replace(HASHTAGS, ' ')) : runs;
    const proseCounts = prose === runs ? counts : letterCounts(prose);
    let proseLetters = 0;
    for (const n of proseCounts.values()) proseLetters += n;
    if (!script || letters < 2 || proseLetters < 2) return { code: 'und', confidence: 0, script, others: [], method: 'none' };
    const main = await identify(script, runsText(runs, script, raw, counts), ctx);
    const others = await otherLanguages(prose, proseCounts, proseLetters, script, main.code, ctx);
    if (script === 'Arab') otherArabicScriptSentences(runsText(prose, script, raw, proseCounts), proseLetters, main.code, others);
    return { code: main.code, confidence: main.confidence, script, others, method: main.method };
  },
};

const HASHTAGS = /#[\p{L}\p{N}_]+/gu;

function letterCounts(runs: ScriptRun[]): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const r of runs) counts.set(r.script, (counts.get(r.script) ?? 0) + r.letters);
  return counts;
}

/**
 * The script the post is written in: the one with most words, except that a non-Latin script
 * with at least a third of the words (and NON_LATIN_MIN_WORDS) wins over Latin. Latin-script
 * names, handles, sign-offs and site chrome ride along in Arabic, Persian and Urdu posts, and
 * the Arabic-script text is what the analyst must read; the Latin part is still listed in
 * `others`. Words rather than letters, because Arabic-script languages leave short vowels
 * unwritten and take about a third fewer letters for the same sentence.
 */
function mainScript(runs: ScriptRun[], counts: Map<Script, number>): { script: Script | null; letters: number } {
  if (counts.size <= 1) return dominantOf(counts);
  const words = new Map<Script, number>();
  let allWords = 0;
  for (const r of runs) {
    words.set(r.script, (words.get(r.script) ?? 0) + r.words);
    allWords += r.words;
  }
  let best: Script | null = null;
  let bestKey = -1;
  let letters = 0;
  for (const [script, n] of counts) {
    letters += n;
    const w = words.get(script) ?? 0;
    const preferred = script !== 'Latn' && w >= NON_LATIN_MIN_WORDS && w * 3 >= allWords;
    const key = (preferred ? 1e9 : 0) + w * 10_000 + n;
    if (key > bestKey) {
      bestKey = key;
      best = script;
    }
  }
  return { script: best, letters };
}

/** Title and text, the part that decides the language. */
function rawText(input: LanguageInput): string {
  // The first few hundred characters decide the language; longer texts only cost model time.
  const text = input.title ? `${input.title}\n${input.text}` : input.text;
  return text.length > 400 ? text.slice(0, 400) : text;
}

/** The text of one script's runs (the whole text when it is all in that script). */
function runsText(runs: ScriptRun[], script: Script, raw: string, counts: Map<Script, number>): string {
  if (counts.size === 1) return raw;
  return runs.filter((r) => r.script === script).map((r) => r.text).join(' ');
}

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LINKS = /https?:\/\/\S+|www\.\S+|t\.me\/\S+|@\w+/giu;
const SEPARATOR = /[\p{N}\p{S}\p{P}\s]/u;
// 1 when a BMP code unit separates words for the models (digit, symbol, punctuation, space),
// 2 when it is kept, 0 not yet looked at. Filled on first sight: one array read per character.
const separatorClass = new Uint8Array(0x10000);

function isSeparator(code: number): boolean {
  let c = separatorClass[code] ?? 0;
  if (c === 0) {
    // Surrogates (emoji and other astral symbols) separate too.
    c = (code >= 0xd800 && code <= 0xdfff) || SEPARATOR.test(String.fromCharCode(code)) ? 1 : 2;
    separatorClass[code] = c;
  }
  return c === 1;
}

/**
 * What the models read: links and @handles gone, hashtags split into words (# and _ are
 * punctuation), no digits, symbols or punctuation, single spaces, lower case. One pass over the
 * text instead of a regex per rule.
 */
function modelText(text: string): string {
  let t = PRESENTATION_FORMS.test(text) ? text.normalize('NFKC') : text; // Arabic copied out of PDFs
  if (t.includes('http') || t.includes('www.') || t.includes('t.me/') || t.includes('@')) t = t.replace(LINKS, ' ');
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 0x20;
    const sep = c < 0x80 ? !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) : isSeparator(c);
    if (!sep) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(t.slice(start, i));
      start = -1;
    }
  }
  // join() gives a flat string (repeated + would build a rope every later scan must walk).
  return words.join(' ').toLowerCase();
}

function fitsScript(script: Script, code: string): boolean {
  const allowed = SCRIPT_LANGS[script];
  if (allowed) return allowed.has(code);
  return script === 'Latn' ? !NON_LATIN.has(code) : true;
}

/** The language of a text whose letters are (mostly) in one script. */
async function identify(script: Script, text: string, ctx: LanguageContext): Promise<Decision> {
  const only = SCRIPT_ONLY[script];
  if (only && !SCRIPT_LANGS[script]) return { code: only, confidence: 0.99, method: 'script' };
  if (script === 'Latn') {
    const arabizi = detectArabizi(text);
    if (arabizi) return { code: 'ar', confidence: arabizi.confidence, method: 'arabizi' };
  }
  const clean = modelText(text);
  if (script === 'Hebr' && countLetters(clean) >= LETTERS_ALONE_MIN && !YIDDISH.test(text)) {
    return { code: 'he', confidence: 0.99, method: 'letters' };
  }
  if (script === 'Cyrl' && countLetters(clean) >= LETTERS_ALONE_MIN && RUSSIAN_ONLY.test(clean) && !NOT_RUSSIAN.test(clean)) {
    return { code: 'ru', confidence: 0.99, method: 'letters' };
  }
  const evidence = script === 'Arab' ? arabicScriptEvidence(clean, false) : null;
  if (evidence?.best && evidence.margin >= LETTERS_ALONE_MARGIN && evidence.letters >= LETTERS_ALONE_MIN && evidence.against[evidence.best] === 0) {
    return { code: evidence.best, confidence: 0.99, method: 'letters' };
  }
  const input = cutAtWord(clean, script === 'Arab' ? MODEL_CHARS_ARAB : MODEL_CHARS);
  const first = (await ctx.model.predict(input, FIRST_K)).filter((c) => fitsScript(script, c.code));
  const letters = countLetters(clean);
  const top = first[0];
  const askSecond = ctx.second !== undefined && (letters < SHORT_LETTERS || !top || top.p < UNSURE_P);
  const second = askSecond && ctx.second ? (await ctx.second.predict(input.length > MODEL_CHARS ? cutAtWord(input, MODEL_CHARS) : input, 8)).filter((c) => fitsScript(script, c.code)) : null;
  const letterScores = evidence?.scores ?? null;
  if (!top && !second?.length && !letterScores) return { code: SCRIPT_DEFAULT[script] ?? only ?? 'und', confidence: 0.3, method: 'script' };
  const short = letters < SHORT_LETTERS;
  const lexicon = script === 'Arab' && short ? await lexiconScores(input, ctx) : NO_LEXICON;
  const decision = combine(first, second, letterScores, script === 'Arab' && second && short ? FASTTEXT_WEIGHT_SHORT_ARAB : 1, lexicon);
  // A handful of letters cannot make anyone sure ("ok": two letters, any of a dozen languages).
  return { ...decision, confidence: round(Math.min(decision.confidence, 1 - Math.exp(-letters / SURE_LETTERS))) };
}

interface LexiconScores {
  fa: number;
  ur: number;
}

const NO_LEXICON: LexiconScores = { fa: 0, ur: 0 };

/**
 * The word lists' evidence on a short Arabic-script text's words (one-letter words aside), for
 * Persian and for Urdu. Most Persian words are in the Persian dictionary (Lilak, with its
 * affixes) and most Urdu words in Rasad's Urdu list; many loanwords are in both. With one list
 * only, each word it knows counts for its language and each it lacks against.
 */
async function lexiconScores(text: string, ctx: LanguageContext): Promise<LexiconScores> {
  const words = text.split(' ').filter((w) => w.length > 1);
  if (words.length === 0) return NO_LEXICON;
  const persian = ctx.persian ? await ctx.persian.knows(words) : null;
  const urdu = ctx.urdu ? await ctx.urdu.knows(words) : null;
  const leaning = ctx.urduLeaning && persian && urdu ? await ctx.urduLeaning.knows(words) : null;
  const out = { fa: 0, ur: 0 };
  for (let i = 0; i < words.length; i++) {
    const p = persian?.[i];
    const u = urdu?.[i];
    if (p !== undefined && u !== undefined) {
      const w = BOTH_LISTS[p && u ? (leaning?.[i] ? 'leaning' : 'both') : u ? 'urdu' : p ? 'persian' : 'neither'];
      out.fa += w.fa;
      out.ur += w.ur;
    } else {
      if (p !== undefined) out.fa += p ? LEXICON_KNOWN : LEXICON_UNKNOWN;
      if (u !== undefined) out.ur += u ? URDU_KNOWN : URDU_UNKNOWN;
    }
  }
  return out;
}

/** The first `max` characters, cut at the last space when there is one in the second half. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max / 2 ? space : max);
}

/** Letters in a cleaned (lower-case, no digits or punctuation) text: everything but spaces. */
function countLetters(clean: string): number {
  let n = 0;
  for (let i = 0; i < clean.length; i++) if (clean.charCodeAt(i) !== 0x20) n++;
  return n;
}

type Candidates = Array<{ code: string; p: number }>;

/** Adds the models' weighted log-probabilities and the letter evidence; the best total wins. */
function combine(
  first: Candidates,
  second: Candidates | null,
  letters: Record<ArabicScriptLanguage, number> | null,
  firstWeight: number,
  lexicon: LexiconScores,
): Decision {
  const codes = new Set<string>();
  for (const c of first) codes.add(c.code);
  if (second) for (const c of second) codes.add(c.code);
  if (letters) for (const l of ARABIC_SCRIPT_LANGUAGES) codes.add(l);
  const pFirst = new Map(first.map((c) => [c.code, c.p]));
  const pSecond = new Map(second?.map((c) => [c.code, c.p]) ?? []);
  const silent = ELD_SILENT_SHARE * (second?.[0]?.p ?? 0);
  let best = '';
  let bestScore = -Infinity;
  let modelBest = '';
  let modelBestScore = -Infinity;
  const totals: number[] = [];
  for (const code of codes) {
    // fastText often calls short Urdu Punjabi (Shahmukhi, same letters): that mass counts for Urdu.
    const p1 = (pFirst.get(code) ?? 0) + (code === 'ur' ? (pFirst.get('pa') ?? 0) : 0);
    let model = firstWeight * Math.log(p1 + FLOOR);
    if (second) {
      const p2 = pSecond.get(code) ?? (isSeparated(code) && !ELD_LANGS.has(code) ? silent : 0);
      model += ELD_WEIGHT * Math.log(p2 + FLOOR);
    }
    let total = model + (code === 'fa' ? lexicon.fa : code === 'ur' ? lexicon.ur : 0);
    if (letters) {
      const like = SHARES_LETTERS_WITH[code];
      total += isSeparated(code) ? LETTER_WEIGHT * letters[code] : like ? LETTER_WEIGHT * letters[like] + PRIOR_RARE : PRIOR_RARE;
    }
    totals.push(total);
    if (total > bestScore) {
      bestScore = total;
      best = code;
    }
    if (model > modelBestScore) {
      modelBestScore = model;
      modelBest = code;
    }
  }
  // Confidence: the winner's share of the combined scores read as log-likelihoods.
  let z = 0;
  for (const t of totals) z += Math.exp(t - bestScore);
  const confidence = round(1 / z);
  const firstTop = first[0]?.code;
  const method: LanguageMethod =
    best !== modelBest ? 'letters' : !second ? 'fasttext' : best === firstTop ? 'fasttext+eld' : 'eld';
  return { code: best, confidence, method };
}

const SEPARATED: ReadonlySet<string> = new Set(ARABIC_SCRIPT_LANGUAGES);
function isSeparated(code: string): code is ArabicScriptLanguage {
  return SEPARATED.has(code);
}

// The 60 languages eld knows (no Pashto, no Sindhi).
const ELD_LANGS = new Set(
  'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy is it ja ka kn ko ku lo lt lv ml mr ms nl no or pa pl pt ro ru sk sl sq sr sv ta te th tl tr uk ur vi yo zh'.split(' '),
);

/** Languages of the other scripts' runs, when they are big enough to matter. */
async function otherLanguages(
  runs: ScriptRun[],
  counts: Map<Script, number>,
  letters: number,
  main: Script,
  mainCode: string,
  ctx: LanguageContext,
): Promise<string[]> {
  const others: string[] = [];
  for (const [script, n] of counts) {
    if (script === main || n < OTHER_MIN_LETTERS || (n / letters < OTHER_MIN_SHARE && n < OTHER_ALWAYS)) continue;
    const own = runs.filter((r) => r.script === script);
    if (own.reduce((w, r) => w + r.words, 0) < 2) continue;
    const d = await identify(script, own.map((r) => r.text).join(' '), ctx);
    // Names and codes in another script ("Ferrari 365 GT", "DSV-2G") get unsure or conflicting
    // guesses (the two models disagree): skip those.
    if (d.confidence < OTHER_MIN_CONFIDENCE || d.method === 'eld') continue;
    if (d.code !== mainCode && d.code !== 'und' && !others.includes(d.code)) others.push(d.code);
  }
  return others;
}

const SENTENCE_END = /[.!?؟۔\n]+/;

/**
 * Sentences of an Arabic-script post in another Arabic-script language (an Urdu post quoting a
 * Persian verse): by letters alone, and only when they are conclusive, so it costs no model call.
 */
function otherArabicScriptSentences(text: string, letters: number, mainCode: string, others: string[]): void {
  if (!SENTENCE_END.test(text)) return;
  for (const sentence of text.split(SENTENCE_END)) {
    const e = arabicScriptEvidence(sentence, false);
    if (e.letters < OTHER_MIN_LETTERS || (e.letters / letters < OTHER_MIN_SHARE && e.letters < OTHER_ALWAYS)) continue;
    if (e.best && e.best !== mainCode && e.against[e.best] === 0 && !others.includes(e.best)) others.push(e.best);
  }
}

function round(p: number): number {
  return Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000;
}


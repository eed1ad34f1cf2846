import { cliticVariants } from '../../text/arabic-clitics.js';
import { normalizeWithMap } from '../../text/normalize.js';

/** A word of the post, on folded text, with what the rules need to know about its place. */
export interface ThreatToken {
  /** Folded word. */
  text: string;
  /** The word and its readings without Arabic-script clitics (و، ف، ال، ب، ل، لل، بال…). */
  variants: readonly string[];
  /** UTF-16 offsets into the ORIGINAL text. */
  start: number;
  end: number;
  sentence: number;
  /** Inside quotation marks (« » “ ” " „). */
  quoted: boolean;
  /** Part of a hashtag (#الثأر_لقادة_النصر). */
  hashtag: boolean;
}

/** A sentence: its token range and how it ends. */
export interface ThreatSentence {
  first: number;
  /** Exclusive. */
  end: number;
  question: boolean;
}

/** The post as the threat rules read it. */
export interface ThreatText {
  original: string;
  tokens: ThreatToken[];
  sentences: ThreatSentence[];
}

const SENTENCE_END = new Set(['.', '!', '?', '؟', ';', '؛', '\n', '|', '•', '…', '۔', '\u06d4']);
const QUESTION = new Set(['?', '؟']);
const OPEN_QUOTE = new Set(['«', '“', '„', '‹', '「']);
const CLOSE_QUOTE = new Set(['»', '”', '›', '」']);
/** Emoji that carry menace on their own (coffin, knife, bomb, blood, skull, noose, gun, target, hourglass). */
export const THREAT_EMOJI: ReadonlySet<number> = new Set([0x26b0, 0x1faa6, 0x1f52a, 0x1f5e1, 0x1f4a3, 0x1f9e8, 0x1fa78, 0x2620, 0x1f480, 0x1faa2, 0x1f52b, 0x1f3af, 0x23f3, 0x231b]);
const ANY_QUOTE = /["'«»“”„‹›「」‘’]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CAMEL_PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;


const WORD = /[\p{L}\p{N}]/u;
// Whether each BMP code unit is a letter or digit (1) or not (2); 0 until first seen.
const wordUnit = new Uint8Array(0x10000);

function isWordAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i) ?? c;
    return WORD.test(String.fromCodePoint(cp)) ? 2 : 0; // width of a supplementary letter, or 0
  }
  let k = wordUnit[c] ?? 0;
  if (k === 0) {
    k = WORD.test(String.fromCharCode(c)) ? 1 : 2;
    wordUnit[c] = k;
  }
  return k === 1 ? 1 : 0;
}

/** Words (runs of letters and digits) of folded text, like `tokenize` but without a regex per word. */
function scanWords(text: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let i = 0;
  while (i < text.length) {
    let w = isWordAt(text, i);
    if (w === 0) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < text.length && (w = isWordAt(text, i)) > 0) i += w;
    out.push({ text: text.slice(start, i), start, end: i });
  }
  return out;
}

/** Folds and splits a post into words and sentences, marking quotes and hashtags. */
export function readThreatText(original: string): ThreatText {
  const norm = normalizeWithMap(original);
  const text = norm.text;
  const words = scanWords(text);
  const tokens: ThreatToken[] = [];
  const sentences: ThreatSentence[] = [];
  let sentence = 0;
  let sentenceFirst = 0;
  const quoted = quotedRegions(original);
  let prevEnd = 0;
  let hashtagRun = false;
  const closeSentence = (end: number, question: boolean): void => {
    if (end > sentenceFirst) {
      sentences.push({ first: sentenceFirst, end, question });
      sentence++;
    }
    sentenceFirst = end;
  };
  // Reads the characters between two words: sentence ends close the sentence there, menacing
  // emoji (⚰️ 🔪 🩸…) become words of their own, `#` starts a hashtag.
  const readGap = (from: number, to: number): { hash: boolean } => {
    let hash = false;
    for (let i = from; i < to; i++) {
      const ch = text[i] ?? '';
      if (SENTENCE_END.has(ch)) {
        closeSentence(tokens.length, QUESTION.has(ch));
        continue;
      }
      if (ch === '#') hash = true;
      const cp = text.codePointAt(i) ?? 0;
      if (cp > 0x2000 && THREAT_EMOJI.has(cp)) {
        const width = cp > 0xffff ? 2 : 1;
        const at = norm.map[i] ?? 0;
        const glyph = String.fromCodePoint(cp);
        tokens.push({ text: glyph, variants: [glyph], start: at, end: norm.map[i + width] ?? at + width, sentence, quoted: quoted[at] === 1, hashtag: false });
        i += width - 1;
      }
    }
    return { hash };
  };
  for (const w of words) {
    const { hash } = readGap(prevEnd, w.start);
    const gap = text.slice(prevEnd, w.start);
    // a hashtag runs on across underscores: #الثأر_لقادة_النصر
    hashtagRun = hash || (hashtagRun && gap === '_');
    const start = norm.map[w.start] ?? 0;
    const end = norm.map[w.end] ?? original.length;
    const raw = original.slice(start, end);
    // #WeWillAvengeHim reads as words, like #we_will_avenge_him
    const parts = hashtagRun && /[a-z][A-Z]/.test(raw) ? [...raw.matchAll(CAMEL_PART)].map((m) => ({ text: m[0].toLowerCase(), at: start + m.index })) : null;
    for (const part of parts ?? [{ text: w.text, at: start }]) {
      const partEnd = parts ? part.at + part.text.length : end;
      tokens.push({ text: part.text, variants: cliticVariants(part.text), start: part.at, end: partEnd, sentence, quoted: quoted[part.at] === 1, hashtag: hashtagRun });
    }
    prevEnd = w.end;
  }
  readGap(prevEnd, text.length);
  closeSentence(tokens.length, false);
  return { original, tokens, sentences };
}

/**
 * Marks the characters of the original text that sit inside quotation marks: « », “ ”, ‘ ’,
 * straight double quotes in pairs, and straight single quotes that open after a space and close
 * before one (so apostrophes in don't or Brigades' are not quotes). Unclosed quotes mark nothing.
 */
export function quotedRegions(original: string): Uint8Array {
  const marks = new Uint8Array(original.length + 1);
  if (!ANY_QUOTE.test(original)) return marks;
  const open: number[] = [];
  let straight = -1;
  let single = -1;
  const mark = (from: number, to: number): void => {
    for (let i = from; i < to; i++) marks[i] = 1;
  };
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] ?? '';
    if (OPEN_QUOTE.has(ch)) open.push(i);
    else if (CLOSE_QUOTE.has(ch)) {
      const from = open.pop();
      if (from !== undefined) mark(from + 1, i);
    } else if (ch === '"') {
      if (straight < 0) straight = i;
      else {
        mark(straight + 1, i);
        straight = -1;
      }
    } else if (ch === "'" || ch === '‘' || ch === '’') {
      const prev = original[i - 1] ?? ' ';
      const before = WORD_CHAR.test(prev);
      const after = WORD_CHAR.test(original[i + 1] ?? '');
      if (!before && after && single < 0 && ch !== '’') single = i;
      else if (!/\s/.test(prev) && !after && single >= 0 && ch !== '‘') {
        mark(single + 1, i);
        single = -1;
      }
    }
  }
  return marks;
}

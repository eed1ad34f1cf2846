import { type SkeletonCache, type SkeletonWord, skeletonWords } from '../../text/name-skeleton.js';
import { normalize } from '../../text/normalize.js';
import { romanizeName } from '../../text/transliterate.js';
import { calqueKey } from './calques.js';

/** One word of a name as the matcher compares it. */
export interface NameToken {
  /** Consonant-skeleton key (`ASKR`). */
  key: string;
  /** The skeleton key of the Arabic word this word translates (Brigades → `KTB`), when known. */
  calque: string | undefined;
  /** Normalized text (`askary`, `العسكري`). */
  text: string;
  /** As written (`Askary`). */
  raw: string;
  /** The vowel shape of its Latin reading, articles dropped (`askara` for Askary and for العسكري). */
  latin: string;
  /** A function word (of, the, du…) that says little about who is named. */
  stop: boolean;
  arabic: boolean;
}

/** A name taken apart for matching: its words, its normalized whole, its one-word key. */
export interface NameForm {
  tokens: NameToken[];
  normalized: string;
  /**
   * The keys written as one word: initial-vowel marks of later words dropped, so that "Abu Ali",
   * "Abuali" and ابوعلی agree.
   */
  compact: string;
}

// Function words of English, French and German group names, and Arabic prepositions that
// appear inside names. Kept as words of the name but with almost no weight.
const STOP = new Set([
  'the', 'of', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'l', 'd',
  'der', 'die', 'das', 'und', 'von', 'fur', 'y', 'del', 'e', 'o', 'في', 'من', 'و', 'ل',
]);

const ARABIC = /[\u0600-\u06ff]/;

/** Drops the initial-vowel mark of a non-initial word key (A, and the glide marks W/Y stay). */
function compactPart(key: string, first: boolean): string {
  return !first && key.length > 1 && key.startsWith('A') ? key.slice(1) : key;
}

function collapse(s: string): string {
  let out = '';
  for (const c of s) if (out.charAt(out.length - 1) !== c) out += c;
  return out;
}

const romanized = new Map<string, string>();

/** Letters only, articles dropped: what two readings of one word are compared on. */
function latinLetters(s: string): string {
  return s.toLowerCase().replace(/\b(?:al|el|ul|il|ad|as|ash|at|ath|ar|az|an|ud|ur)-/g, '').replace(/[^a-z]/g, '');
}

/**
 * The vowel shape of a Latin reading: doubled letters single, vowel runs (and y/w used as
 * vowels: Zayd, Aly, Daoud) one `a`. Youssef and Yusuf, Mohamed and Muhammad, Qais and Qays
 * come out the same; Salah and Syawal do not.
 */
export function readingShape(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; i++) {
    let c = latin.charAt(i);
    const next = latin.charAt(i + 1);
    if ((c === 'y' || c === 'w') && i > 0 && !/[aeiou]/.test(next)) c = 'a';
    else if (/[aeiou]/.test(c)) c = 'a';
    if (out.charAt(out.length - 1) !== c) out += c;
  }
  return out;
}

function latinReading(raw: string, text: string, arabic: boolean): string {
  if (!arabic) return readingShape(latinLetters(text));
  let r = romanized.get(raw);
  if (r === undefined) {
    r = readingShape(latinLetters(romanizeName(raw)));
    if (romanized.size > 100_000) romanized.clear();
    romanized.set(raw, r);
  }
  return r;
}

/** One word of a name (or of running text) as the matcher compares it. */
export function nameToken(word: SkeletonWord, source: string): NameToken {
  const arabic = ARABIC.test(word.text);
  const raw = source.slice(word.start, word.end);
  return {
    key: word.key,
    calque: arabic ? undefined : calqueKey(word.text),
    text: word.text,
    raw,
    latin: latinReading(raw, word.text, arabic),
    stop: STOP.has(word.text),
    arabic,
  };
}

/** Takes a name (or a query) apart into weighted-match tokens. */
export function nameForm(name: string, cache?: SkeletonCache): NameForm {
  const tokens: NameToken[] = skeletonWords(name, cache).map((w) => nameToken(w, name));
  const content = tokens.filter((t) => !t.stop);
  const compact = collapse(content.map((t, i) => compactPart(t.key, i === 0)).join(''));
  return { tokens, normalized: normalize(name), compact };
}

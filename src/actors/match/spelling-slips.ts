/**
 * Spellings of one word that no skeleton class absorbs: a slip of the pen in a long Latin word,
 * and one Chinese or Korean syllable in two romanizations. Used by `name-score.ts` when the
 * keys of two words differ.
 */
import type { NameToken } from './name-form.js';

/** A letter mistyped, left out or doubled in a long Latin word, whatever its skeleton (see `isLatinTypo`). */
export const SIM_TYPO = 0.8;
/** Letters a word must have for one slip to leave it recognisable. */
export const TYPO_MIN_LETTERS = 6;

/**
 * One slip of the pen in a long Latin word (PODOBED for POBOBED, BADGIE for BADJIE, Dzhordzhik
 * for Dzhorzhik): a consonant skeleton is short, so one wrong consonant moves it further than the
 * word itself has moved. Within one script, on words of six letters or more, one edit apart as
 * written, never a common given name (Hamid is not Hamed's typo, it is another name).
 */
export function isLatinTypo(q: NameToken, a: NameToken, commonName: boolean): boolean {
  if (q.arabic || a.arabic || commonName) return false;
  // (on the letters as written: the vowel shape folds too much, Aramex and Alumix read one apart)
  const x = q.text;
  const y = a.text;
  if (Math.min(x.length, y.length) < TYPO_MIN_LETTERS - 1 || Math.max(x.length, y.length) < TYPO_MIN_LETTERS || Math.abs(x.length - y.length) > 1) return false;
  return oneEditApart(x, y);
}

/** One letter changed, added, dropped, or two neighbours swapped (linear: run on many word pairs). */
function oneEditApart(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  if (i === s.length) return l.length - s.length <= 1;
  if (s.length === l.length) {
    // a change at i, or i and i + 1 swapped; the rest the same
    const swapped = s.charCodeAt(i) === l.charCodeAt(i + 1) && s.charCodeAt(i + 1) === l.charCodeAt(i);
    return s.slice(i + (swapped ? 2 : 1)) === l.slice(i + (swapped ? 2 : 1));
  }
  return s.slice(i) === l.slice(i + 1);
}

/** Two romanizations of one Chinese or Korean syllable (see `sameSyllable`). */
export const SIM_SYLLABLE = 0.85;
// One syllable of a Chinese or Korean name as Latin writes it: an initial, a medial glide, a
// vowel group and a final n, ng or m (Zhang, Kwang, Huang, Yun, Ken, Fu).
const SYLLABLE = /^(?:[zcs]h|ts|hs|[bcdfghjklmnpqrstwxyz])?[wy]?[aeiouy]{1,3}(?:ng|n|m)?$/;

/** A syllable with what Wade-Giles, pinyin and Korean romanizations write apart folded together. */
function syllableFold(text: string): string {
  return text.replace(/ng$/, 'n').replace(/^(?:zh|ch|j)/, 'j').replace(/^[kg]/, 'g').replace(/^[td]/, 'd').replace(/^[pb]/, 'b');
}

/**
 * One syllable of a Chinese or Korean given name romanized two ways: Zhang and Chang, Kwang and
 * Gwang, Ken and Gen, Wang and Wan (a final ng for n). Both words must be Latin syllables of at
 * most six letters; the initial's voicing and a final g are all that may differ.
 */
export function sameSyllable(q: NameToken, a: NameToken): boolean {
  if (q.arabic || a.arabic || q.text.length > 6 || a.text.length > 6 || q.text.length < 2 || a.text.length < 2) return false;
  return SYLLABLE.test(q.text) && SYLLABLE.test(a.text) && syllableFold(q.text) === syllableFold(a.text);
}

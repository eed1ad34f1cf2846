/**
 * The feature keys of the learned reading, in one place for training (`learnedFeatures`) and
 * scoring (`learned-scorer.ts`, which hashes the same characters without building the strings):
 * a folded word, a pair of neighbouring words and the 3- to 5-letter pieces of a word (with `<`
 * and `>` marking its ends), each behind a prefix naming the language and the kind of feature.
 */

export type FeatureKind = 'w' | 'b' | 'c';

/** What comes before a feature's text in its key. */
export function keyPrefix(lang: string, kind: FeatureKind): string {
  return `${lang}|${kind}|`;
}

/** Between the two words of a pair. */
export const PAIR_JOIN = ' ';
/** Around a word before it is cut into pieces. */
export const WORD_START = '<';
export const WORD_END = '>';
export const PIECE_SIZES = [3, 4, 5] as const;

export function wordKey(lang: string, word: string): string {
  return keyPrefix(lang, 'w') + word;
}

export function pairKey(lang: string, word: string, next: string): string {
  return keyPrefix(lang, 'b') + word + PAIR_JOIN + next;
}

export function pieceKeys(lang: string, word: string): string[] {
  const padded = WORD_START + word + WORD_END;
  const prefix = keyPrefix(lang, 'c');
  const keys: string[] = [];
  for (const n of PIECE_SIZES) for (let j = 0; j + n <= padded.length; j++) keys.push(prefix + padded.slice(j, j + n));
  return keys;
}

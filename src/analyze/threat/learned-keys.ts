/**
 * The feature keys of the learned reading, in one place for training (`learnedFeatures`) and
 * scoring (`learned-scorer.ts`): a folded word, a pair of neighbouring words and the 3- to
 * 5-letter pieces of a word (with `<` and `>` marking its ends), each prefixed by the language.
 */

export function wordKey(lang: string, word: string): string {
  return `${lang}|w|${word}`;
}

export function pairKey(lang: string, word: string, next: string): string {
  return `${lang}|b|${word} ${next}`;
}

export function pieceKeys(lang: string, word: string): string[] {
  const padded = `<${word}>`;
  const keys: string[] = [];
  for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= padded.length; j++) keys.push(`${lang}|c|${padded.slice(j, j + n)}`);
  return keys;
}

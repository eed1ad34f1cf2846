import { readHunspell, type Lexicon } from './hunspell-lexicon.js';

let loading: Promise<Lexicon> | null = null;

/**
 * The Persian word list of Lilak (the `dictionary-fa` package, Apache-2.0: ~100,000 stems with
 * their affix rules), read once per process (~0.3 s, ~20 MB). Persian and Urdu share most of
 * their letters and many words; a word this list lacks is, on short texts, the best sign that
 * the text is not Persian.
 */
export function loadPersianLexicon(): Promise<Lexicon> {
  loading ??= import('dictionary-fa').then(({ default: dictionary }) => {
    const utf8 = new TextDecoder('utf-8');
    return readHunspell(utf8.decode(dictionary.aff), utf8.decode(dictionary.dic));
  });
  return loading;
}

/** Which of some words a language's word list knows (async: the list loads on first use). */
export interface WordListPort {
  knows(words: readonly string[]): Promise<boolean[]>;
}

// Tashkeel and superscript alef: the dictionary spells words without them.
const MARKS = /[\u064B-\u065F\u0670]/g;

/** A word as the Persian dictionary spells it: Persian ی and ک for the Arabic keyboard's ي and ك. */
export function persianSpelling(word: string): string {
  return word.replace(MARKS, '').replaceAll('ي', 'ی').replaceAll('ك', 'ک');
}

/** The Persian lexicon behind the port, loaded when first asked. */
export function persianWordList(load: () => Promise<Lexicon> = loadPersianLexicon): WordListPort {
  let lexicon: Promise<Lexicon> | null = null;
  return {
    async knows(words) {
      lexicon ??= load();
      const lx = await lexicon;
      return words.map((w) => lx.knows(persianSpelling(w)));
    },
  };
}

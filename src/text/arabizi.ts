/**
 * Arabizi: Arabic written in Latin letters, with digits standing for the letters Latin lacks
 * (3 ع, 7 ح, 2 ء, 5 خ, 6 ط, 9 ق, 8 غ). No statistical model here knows it, so it is recognised by
 * those digit-letters inside words and by its most common words, while English with numbers
 * ("b2b", "covid19", "4u", "room 3a", "3am") is left alone.
 */

/** The result when a text reads as Arabizi. */
export interface ArabiziResult {
  /** 0–1, from how many words carry the evidence. */
  confidence: number;
  /** The words that did, e.g. `7abibi`, `inshallah`. */
  evidence: string[];
}

// Words that are Arabizi whatever surrounds them.
const STRONG_WORDS = new Set([
  'inshallah', 'inshalla', 'insha2allah', 'inshaallah', 'inchallah', 'wallah', 'wallahi', 'wallahy', 'walla',
  'habibi', 'habibti', 'habibty', 'yalla', 'yallah', 'yala', 'mashallah', 'mashalla', 'alhamdulillah',
  'hamdulillah', 'hamdellah', 'ya3ni', 'yaani', 'ya3ny', 'khalas', '5alas', 'kteer', 'ktir', 'kter', 'shukran',
  'marhaba', 'ahlan', 'msh', 'mish', 'mesh', 'mosh', 'ezzay', 'ezay', 'izzay', 'keda', 'kida', 'leish', 'lesh', 'leh',
  'akeed', 'tayeb', 'tayyeb', 'bukra', 'bokra', 'shou', 'shu', 'sho', 'shlon', 'shlonak', 'kifak', 'kifik', 'keefak',
  'ana', 'enta', 'enti', 'inta', 'inti', 'ehna', 'e7na', 'howa', 'heya', 'hiya', 'ma3', 'la2', 'sa7', '3ala',
  '3an', 'mn', 'fe', 'bas', 'kaman', 'kamen', 'hayda', 'hayde', 'hek', 'hayk', 'wayn', 'wein', 'fein', 'feen',
  'kolo', 'kol', 'ba3d', 'ba2a', '3ashan', '3shan', 'akhi', 'ukhti', 'ya', 'el', 'w', 'wel', 'fel', 'bel',
  'allahu', 'akbar', 'assalamu', 'alaikum', 'aleikum', 'alaykum', 'bismillah', 'subhanallah', 'jazakallah',
  'astaghfirullah', 'salam',
  '3am', 'ro7', 'wa7ed', 'ta3', 'ta3al', 'sa7', 'mo5', 'ma2', 'fa2', 'ra7', 'ba7', 'la7', 'ne7na',
]);

// Of those, words that are also common in English, French or Spanish ("ana", "bas", "el", "ya",
// "leh", "shu", "3am" as in 3 a.m.): they count only when the text has other evidence.
const SHARED_WORDS = new Set(['salam', '3am', 'ana', 'bas', 'el', 'ya', 'w', 'fe', 'mn', 'leh', 'shu', 'sho', 'mesh', 'kol', 'wel', 'fel', 'bel', 'howa', 'hiya', 'inti', 'inta']);

// Digits used as letters; 4 is not one of them ("4u", "4ever"), 1 and 0 are read as l/i and o.
const LETTER_DIGITS = new Set(['2', '3', '5', '6', '7', '8', '9']);

// English words written with a digit (text-speak), and digit+unit forms.
// A digit at the end of a word (web3, iphone7, mp3) counts only in the listed words (la2, ma3, sa7).
const ENGLISH_DIGIT_WORD = /^(?:2(?:day|morrow|moro|nite|night|gether)|\d+(?:st|nd|rd|th|am|pm|s|k|m|g|h|x|p|v|mb|gb|kb|tb|km|kg|cm|mm|ml|hz|fps|mp|yo|yrs?|min|sec|hrs?)|\d[a-z]{1,2}|[a-z]+\d+|[a-z]\d[a-z])$/;

/** True when a word uses a digit as an Arabic letter: 7abibi, ba3d, sa7, 2al, ya3ni. */
export function isDigitLetterWord(word: string): boolean {
  if (word.length < 3 || ENGLISH_DIGIT_WORD.test(word)) return false;
  let letters = 0;
  let letterDigits = 0;
  for (const ch of word) {
    if (ch >= 'a' && ch <= 'z') letters++;
    else if (LETTER_DIGITS.has(ch)) letterDigits++;
    else if (ch >= '0' && ch <= '9') return false; // 4, 1, 0 mixed in: a code, not a word
  }
  // Two or more letters around at most two digit-letters, as in ba3d, 7abibi, la2, sa7ten.
  return letters >= 2 && letterDigits >= 1 && letterDigits <= 2 && letterDigits < letters;
}

const LINKS_AND_TAGS = /https?:\/\/\S+|www\.\S+|[@#]\w+/g;

/**
 * Arabizi or not: needs at least two pieces of evidence (digit-letter words or Arabizi words),
 * at least one of them unambiguous (or three ambiguous ones), making up a fair share of the words.
 */
export function detectArabizi(text: string): ArabiziResult | null {
  let t = text.toLowerCase();
  if (t.includes('http') || t.includes('www.') || t.includes('@') || t.includes('#')) t = t.replace(LINKS_AND_TAGS, ' ');
  const evidence: string[] = [];
  let strong = 0;
  let weak = 0;
  let latinWords = 0;
  // One pass over words of a–z, 0–9 and apostrophes (no regex per word: this runs on every
  // Latin-script post).
  let start = -1;
  let letters = 0;
  let digits = 0;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 0x20;
    const letter = c >= 0x61 && c <= 0x7a;
    const digit = c >= 0x30 && c <= 0x39;
    if (letter || digit || c === 0x27) {
      if (start < 0) start = i;
      if (letter) letters++;
      else if (digit) digits++;
      continue;
    }
    if (start >= 0 && letters > 0) {
      latinWords++;
      let w = t.slice(start, i);
      if (w.includes("'")) w = w.replace(/'/g, '');
      if (STRONG_WORDS.has(w)) {
        if (SHARED_WORDS.has(w)) weak++;
        else strong++;
        evidence.push(w);
      } else if (digits > 0 && isDigitLetterWord(w)) {
        strong++;
        evidence.push(w);
      }
    }
    start = -1;
    letters = 0;
    digits = 0;
  }
  const hits = strong + weak;
  const share = hits / Math.max(1, latinWords);
  // Without an unambiguous word, only a run of shared ones ("ana 3am ... el") is enough.
  if (strong === 0 && !(weak >= 3 && share >= 0.5)) return null;
  // One strong word is enough only when it is (nearly) the whole text: "yalla habibi", "inshallah".
  if (!(hits >= 2 ? share >= 0.2 : latinWords <= 2)) return null;
  const confidence = Math.min(0.95, 0.55 + 0.1 * strong + 0.05 * weak + 0.2 * share);
  return { confidence: Math.round(confidence * 1000) / 1000, evidence };
}

/** ISO 15924 script codes Rasad distinguishes. */
export type Script = 'Arab' | 'Hebr' | 'Cyrl' | 'Latn' | 'Grek' | 'Deva' | 'Hani' | 'Hang' | 'Kana' | 'Thai' | 'Armn' | 'Geor' | 'Ethi' | 'Syrc' | 'Thaa' | 'Beng';

const SCRIPTS: Array<[Script, RegExp]> = [
  ['Arab', /\p{Script=Arabic}/u],
  ['Latn', /\p{Script=Latin}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
  ['Syrc', /\p{Script=Syriac}/u],
  ['Thaa', /\p{Script=Thaana}/u],
];

const LETTER = /\p{L}/u;
const NONE = 0;
const UNKNOWN = 255;

// Script of each BMP code point's letter (index into SCRIPTS + 1; NONE for non-letters), filled on
// first sight so the hot loop is one array read per character and no regex.
const bmpScript = new Uint8Array(0x10000).fill(UNKNOWN);

function classify(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (!LETTER.test(ch)) return NONE;
  for (let i = 0; i < SCRIPTS.length; i++) {
    if (SCRIPTS[i]?.[1].test(ch)) return i + 1;
  }
  return NONE;
}

for (let cp = 0; cp < 0x80; cp++) bmpScript[cp] = classify(cp);

/** Index into SCRIPTS + 1 of a code point's script when it is a letter, else 0. */
function scriptIndex(cp: number): number {
  if (cp < 0x10000) {
    let s = bmpScript[cp] ?? UNKNOWN;
    if (s === UNKNOWN) {
      s = classify(cp);
      bmpScript[cp] = s;
    }
    return s;
  }
  return classify(cp);
}

const URLS_AND_HANDLES = /https?:\/\/\S+|www\.\S+|@\w+/giu;

/** Letter counts per script, ignoring digits, punctuation, emoji, URLs, @handles and #hashtags' marks. */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const run of scriptRuns(text)) counts.set(run.script, (counts.get(run.script) ?? 0) + run.letters);
  return counts;
}

/** A stretch of text whose letters are all in one script (spaces, digits and punctuation inside it are kept). */
export interface ScriptRun {
  script: Script;
  /** The run's text, from its first letter to its last. */
  text: string;
  letters: number;
  /** Words of two letters or more (an apostrophe or a mark does not split one; "N" in "N-USA" is no word). */
  words: number;
}

/** Splits text into runs of one script each, in order (URLs and @handles are skipped). */
export function scriptRuns(text: string): ScriptRun[] {
  const stripped = text.includes('http') || text.includes('www.') || text.includes('@') ? text.replace(URLS_AND_HANDLES, ' ') : text;
  const runs: ScriptRun[] = [];
  let current = NONE;
  let start = 0;
  let end = 0;
  let letters = 0;
  let words = 0;
  let wordLetters = 0; // letters of the current word; 0 between words
  for (let i = 0; i < stripped.length; i++) {
    let cp = stripped.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < stripped.length) {
      const low = stripped.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const s = scriptIndex(cp);
    if (s !== NONE) {
      if (s !== current) {
        if (current !== NONE) pushRun(runs, current, stripped.slice(start, withDigits(stripped, end)), letters, words);
        current = s;
        // Digits written against a word belong to it (Arabizi 7abibi, la2).
        start = i;
        while (start > end && isAsciiDigit(stripped.charCodeAt(start - 1))) start--;
        letters = 0;
        words = 0;
        wordLetters = 0;
      }
      letters++;
      if (++wordLetters === 2) words++;
      end = i + width;
    } else if (wordLetters > 0 && !joinsWord(cp)) wordLetters = 0;
    i += width - 1;
  }
  if (current !== NONE) pushRun(runs, current, stripped.slice(start, withDigits(stripped, end)), letters, words);
  return runs;
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** `end` moved past ASCII digits that follow it directly. */
function withDigits(text: string, end: number): number {
  let e = end;
  while (e < text.length && isAsciiDigit(text.charCodeAt(e))) e++;
  return e;
}

// Apostrophes, combining marks (tashkeel), tatweel and ZWNJ/ZWJ sit inside words.
function joinsWord(cp: number): boolean {
  return (
    cp === 0x27 || cp === 0x2019 || cp === 0x0640 || cp === 0x200c || cp === 0x200d ||
    (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x064b && cp <= 0x065f) || cp === 0x0670 || (cp >= 0x06d6 && cp <= 0x06ed)
  );
}

function pushRun(runs: ScriptRun[], index: number, text: string, letters: number, words: number): void {
  const script = SCRIPTS[index - 1]?.[0];
  if (script) runs.push({ script, text, letters, words });
}

/** The script with the most letters, or null when the text has no letters. */
export function dominantScript(text: string): { script: Script | null; letters: number; share: number } {
  return dominantOf(scriptCounts(text));
}

/** The script with the most letters in a count table (see scriptCounts). */
export function dominantOf(counts: ReadonlyMap<Script, number>): { script: Script | null; letters: number; share: number } {
  let best: Script | null = null;
  let bestN = 0;
  let total = 0;
  for (const [s, n] of counts) {
    total += n;
    if (n > bestN) {
      best = s;
      bestN = n;
    }
  }
  return { script: best, letters: total, share: total === 0 ? 0 : bestN / total };
}

/** Scripts written right to left. */
export const RTL_SCRIPTS: ReadonlySet<string> = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa']);

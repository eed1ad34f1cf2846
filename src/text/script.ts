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

// Range checks for the two scripts that make up nearly all traffic; everything else uses regexes.
function fastScript(cp: number): Script | null {
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return 'Latn';
  if (cp < 0x80) return null;
  if (cp >= 0x0621 && cp <= 0x064a) return 'Arab';
  if ((cp >= 0x0671 && cp <= 0x06d3) || cp === 0x06d5 || (cp >= 0x06fa && cp <= 0x06fc)) return 'Arab';
  if ((cp >= 0x0750 && cp <= 0x077f) || (cp >= 0x08a0 && cp <= 0x08c9)) return 'Arab';
  if ((cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff)) return 'Latn';
  return null;
}

/** Letter counts per script, ignoring digits, punctuation, emoji, URLs, @handles and #hashtags' marks. */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  const stripped = text.replace(/https?:\/\/\S+|www\.\S+|@\w+/giu, ' ');
  for (const ch of stripped) {
    const cp = ch.codePointAt(0) ?? 0;
    const fast = fastScript(cp);
    if (fast) {
      counts.set(fast, (counts.get(fast) ?? 0) + 1);
      continue;
    }
    if (cp < 0x80 || !LETTER.test(ch)) continue;
    for (const [script, re] of SCRIPTS) {
      if (re.test(ch)) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  return counts;
}

/** The script with the most letters, or null when the text has no letters. */
export function dominantScript(text: string): { script: Script | null; letters: number; share: number } {
  const counts = scriptCounts(text);
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

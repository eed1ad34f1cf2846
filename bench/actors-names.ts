// Plain string helpers for the actors bench. They deliberately use none of Rasad's own text code
// (normalize, romanize, skeleton keys): the bench must build and classify its eval set without the
// algorithm it measures.

const APOSTROPHES = /['’‘ʿʾ`´ʼ]/g;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/u;
const LATIN = /\p{Script=Latin}/u;

/** Lower-cased words of a name: marks, tatweel and apostrophes dropped, other punctuation splits. */
export function plainTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Letters and digits only, lower-cased: two aliases with the same key differ only in case, marks or punctuation. */
export function lettersKey(name: string): string {
  return plainTokens(name).join('');
}

/** The sorted set of words: equal for "AL-KHAZALI, Qais" and "Qais al-Khazali". */
export function tokenSetKey(name: string): string {
  return [...new Set(plainTokens(name))].sort().join(' ');
}

export type NameScript = 'Arab' | 'Latn' | 'other';

/** The script most of a name's letters are written in (only Arabic and Latin are told apart). */
export function scriptOf(name: string): NameScript {
  let arabic = 0;
  let latin = 0;
  let other = 0;
  for (const ch of name) {
    if (ARABIC.test(ch)) arabic++;
    else if (LATIN.test(ch)) latin++;
    else if (/\p{L}/u.test(ch)) other++;
  }
  if (arabic === 0 && latin === 0 && other === 0) return 'other';
  if (arabic >= latin && arabic >= other) return 'Arab';
  return latin >= other ? 'Latn' : 'other';
}

/** Levenshtein distance over UTF-16 code units (the keys compared here are letters only), two rows. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** 1 − normalized Levenshtein distance, in [0, 1]. */
export function editSimilarity(a: string, b: string): number {
  const m = Math.max(a.length, b.length);
  return m === 0 ? 1 : 1 - levenshtein(a, b) / m;
}

// One fixed Latin string per Arabic-script letter (the translit bench's naive table), for telling a
// transliterated name from a translated one; no vowels, articles or hamza rules needed for that.
const NAIVE: Readonly<Record<string, string>> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'ب': 'b', 'ت': 't',
  'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z', 'س': 's',
  'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'w', 'ي': 'y', 'ى': 'a', 'ة': 'a',
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ی': 'y', 'ڤ': 'v', 'ھ': 'h', 'ے': 'y',
};

/** Consonants of a Latin name with the common digraphs and voicing pairs folded (kh → k, dh → t, q → k …). */
function consonants(latin: string): string {
  return latin
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/sh|ch/g, 's')
    .replace(/th|dh/g, 't')
    .replace(/ph/g, 'f')
    .replace(/[aeiouyw]/g, '')
    .replace(/[qc]/g, 'k')
    .replace(/[zx]/g, 's')
    .replace(/d/g, 't')
    .replace(/(.)\1+/g, '$1');
}

/**
 * True when an Arabic-script name and a Latin one are the same words written in two scripts, not a
 * translation: their consonants (Arabic through the naive letter table) are at least half alike.
 * "طارق عزيز" / "TARIQ AZIZ" is; "الجماعة الاسلامية المسلحة" / "ARMED ISLAMIC GROUP" is not.
 */
export function looksTransliterated(arabic: string, latin: string): boolean {
  const romanized = [...arabic.normalize('NFKC')].map((c) => NAIVE[c] ?? c).join('');
  return editSimilarity(consonants(romanized), consonants(latin)) >= 0.5;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** One element, uniformly. */
export function pick<T>(items: readonly T[], rnd: () => number): T | undefined {
  return items[Math.floor(rnd() * items.length)];
}

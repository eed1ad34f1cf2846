/**
 * How alike two skeleton keys of different spellings are, for the variants one skeleton class
 * cannot absorb: a typo, a dropped or added letter, Persian Ghasem for Qasem (ق read as gh),
 * Osman for Uthman (ث read as s), Munzir for Mundhir (ذ read as z). Weighted edit distance:
 * those sound-alike class swaps cost half an edit, two neighbouring letters swapped three
 * quarters; anything else costs one. Never used for keys
 * shorter than three letters, where one edit changes the name.
 */

function pairCode(a: number, b: number): number {
  return a * 65536 + b;
}

const HALF_COST_PAIRS = new Set(
  ['SZ', 'ZS', 'TD', 'DT', 'DZ', 'ZD', 'KX', 'XK', 'KJ', 'JK', 'TS', 'ST'].map((p) => pairCode(p.charCodeAt(0), p.charCodeAt(1))),
);

/**
 * Lowest similarity returned as a match; below it the keys are different names. One full edit
 * passes from five letters (0.8); three- and four-letter keys allow only a sound-alike swap
 * (Muhammad MHMD and Ahmad AHMD are different names).
 */
export const MIN_KEY_SIMILARITY = 0.78;

/**
 * Two neighbouring letters swapped (a list's typo or a vowel moved: Galdino JLDN and Galindo
 * JLND; Epimenio and Epinemio) cost less than the two edits they would otherwise be: a
 * four-letter key still passes with one swap, a three-letter one does not.
 */
const TRANSPOSITION_COST = 0.75;

// Three reusable rows: distances run millions of times in a mention pass, so no allocation per call.
let rowA = new Float64Array(64);
let rowB = new Float64Array(64);
let rowC = new Float64Array(64);

/** Weighted Damerau-Levenshtein distance (optimal string alignment) between two strings (keys or Latin readings: code units). */
export function keyDistance(a: string, b: string): number {
  if (b.length + 1 > rowA.length) {
    rowA = new Float64Array(b.length * 2 + 2);
    rowB = new Float64Array(b.length * 2 + 2);
    rowC = new Float64Array(b.length * 2 + 2);
  }
  // rows i-2, i-1 and i of the table
  let before = rowC;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = ca === cb ? 0 : HALF_COST_PAIRS.has(pairCode(ca, cb)) ? 0.5 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + sub);
      if (i > 1 && j > 1 && ca !== cb && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, (before[j - 2] ?? 0) + TRANSPOSITION_COST);
      cur[j] = d;
    }
    const free = before;
    before = prev;
    prev = cur;
    cur = free;
  }
  return prev[b.length] ?? 0;
}

/** Similarity in [0, 1] of two keys; 0 when they are too short or too far apart to be one name. */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 3 || b.length < 3) return 0;
  const sim = 1 - keyDistance(a, b) / Math.max(a.length, b.length);
  return sim >= MIN_KEY_SIMILARITY ? sim : 0;
}

/** Every key one deletion away (the SymSpell neighbourhood used to index keys for fuzzy lookup). */
export function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) {
    const d = key.slice(0, i) + key.slice(i + 1);
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

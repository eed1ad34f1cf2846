import { normalize } from './normalize.js';

/**
 * Consonant-skeleton keys for cross-script name matching: العسكري, al-ʿAskarī, Al Askary and
 * alaskari all give `ASKR`. A key is a blocking key (cheap candidate generation for the actors
 * issue), not a verdict: it trades some precision for recall, and callers compare further.
 *
 * How a name becomes a key (per token, token order kept, keys joined by one space):
 * 1. `normalize` first: Arabic tashkeel, tatweel and hamza seats gone (أ إ آ ٱ → ا, ؤ → و,
 *    ئ → ي), ة → ه, ى/ی/ے → ي, ک → ك, Latin lower-cased without diacritics, ' ʿ ʾ ’ dropped.
 * 2. Tokens split on anything that is not a letter or digit (spaces, hyphens, dots, underscores).
 * 3. The definite article goes: Arabic ال attached (when at least two letters follow) or spaced;
 *    Latin al/el/ul/il spaced, and al el ul il l ad as ash at ath adh ar az an ed es esh er et en
 *    ez ud ur us un when hyphenated (al-Askari, ash-Shammari, ud-Din). An article glued to a
 *    Latin word (`alaskari`) stays, because the same letters start Western names (Alan, Albert).
 * 4. Compounds that news write as one word or two become one key: عبد + next token (Abd al-Aziz,
 *    Abdelaziz, Abdul Aziz), and الله / الدين after a token (حزب الله = Hizballah = Hezbollah,
 *    صلاح الدين = Salahuddin = Salah ad-Din).
 * 5. Letters fold to consonant classes (below); vowels and vowel letters vanish except at the
 *    start of a token, where any vowel, alef or ع becomes `A` (Ali = علي, Omar = عمر, Osama =
 *    أسامة); initial و/w → `W`, initial ي/y → `Y`, elsewhere و ي w y are treated as vowels
 *    (Qays = Qais = قيس, Marwan = مروان, Husayn = Hussein = حسين).
 * 6. A final h/ه/ة/ح is dropped (ta marbuta is written a, ah or eh; final ح/ه is often
 *    unwritten or written as a vowel: Hamza = Hamzah = حمزة, Saleh = Salih = صالح).
 * 7. Repeated classes collapse (shadda, doubled Latin letters: Abbas = عباس, Hizballah's ll).
 *
 * Classes (Arabic letters; Latin letters and digraphs), with the reason for each merge:
 * - `B` ب پ; b p — Arabic has no p, foreign p is written ب (and Persian پ is often read so).
 * - `T` ت ط ث ٹ; t th — emphatic ط is t in every romanization; ث is th in Iraqi/Gulf usage and
 *   foreign th is written ت or ث.
 * - `D` د ض ذ ڈ; d dh — dh renders ذ (Mundhir) and also ض in Iraqi/Gulf spellings (Ramadhan).
 * - `Z` ز ظ; z — ظ is z in Levantine/Egyptian spellings (Nazim).
 * - `S` س ص; s, c before e/i/y — emphatic ص is plain s in romanizations.
 * - `C` ش چ تش; sh ch tch tsh — French-style ch is ش (Chaker, Achraf), English ch is written تش
 *   or Persian چ.
 * - `J` ج ژ غ گ; j dj zh g gh — ج is j or (Egyptian, and in names taken from Western languages)
 *   g; g in Western names is written غ (most often) or ج; gh is غ. One class makes all of those
 *   agree; the cost is that ج/غ pairs (Jazi/Ghazi) share a key, which is rare in names.
 * - `X` خ; kh — kept apart from غ so that Khazali ≠ Ghazali.
 * - `H` ح ه ة; h — ASCII romanizations do not tell ḥ from h.
 * - `K` ق ك; q k c ck, x → KS — Qais = Kais, Iraqi/Gulf ق is often written k or g (only k here).
 * - `F` ف ڤ; f v ph — Arabic writes foreign v with ف (or ڤ).
 * - `L` ل, `M` م, `N` ن ں, `R` ر ڑ — one letter each.
 * - dropped: ا ع ء و ي (except initially), a e i o u, y w (except initially), ' ʿ ʾ.
 * - Arabizi digits inside a Latin word: 2 3 like ء ع, 5 = X, 6 = T, 7 = H, 9 = S (8 is ق or غ
 *   depending on the writer, so it is left alone). A token of digits only keeps its digits.
 */

/** Bumped whenever keys change, so stored keys can be recomputed. */
export const SKELETON_VERSION = 1;

const ARABIC_CLASS: Readonly<Record<string, string>> = {
  'ب': 'B', 'پ': 'B',
  'ت': 'T', 'ط': 'T', 'ث': 'T', 'ٹ': 'T',
  'د': 'D', 'ض': 'D', 'ذ': 'D', 'ڈ': 'D',
  'ز': 'Z', 'ظ': 'Z',
  'س': 'S', 'ص': 'S',
  'ش': 'C', 'چ': 'C',
  'ج': 'J', 'ژ': 'J', 'غ': 'J', 'گ': 'J',
  'خ': 'X',
  'ح': 'H', 'ه': 'H', 'ة': 'H',
  'ق': 'K', 'ك': 'K', 'ک': 'K',
  'ف': 'F', 'ڤ': 'F',
  'ل': 'L', 'م': 'M', 'ن': 'N', 'ں': 'N', 'ر': 'R', 'ڑ': 'R',
};

// Arabic letters that are vowels or glottal stops for the key: `A` at the start of a token, nothing elsewhere.
const ARABIC_VOWELISH = new Set(['ا', 'ع', 'ء', 'ى', 'ی', 'ے', 'آ', 'أ', 'إ', 'ٱ']);
const ARABIC_FINAL_H = new Set(['ه', 'ة', 'ح', 'ہ', 'ۃ', 'ھ']);
const ZWNJ = '\u200c';

const LATIN_CLASS: Readonly<Record<string, string>> = {
  b: 'B', p: 'B', t: 'T', d: 'D', z: 'Z', s: 'S', j: 'J', g: 'J', h: 'H',
  k: 'K', q: 'K', x: 'KS', f: 'F', v: 'F', l: 'L', m: 'M', n: 'N', r: 'R',
  '5': 'X', '6': 'T', '7': 'H', '9': 'S',
};
// Latin consonant + h digraphs.
const LATIN_H_DIGRAPH: Readonly<Record<string, string>> = {
  s: 'C', c: 'C', k: 'X', g: 'J', t: 'T', d: 'D', p: 'F', z: 'J',
};
const LATIN_VOWELISH = new Set(['a', 'e', 'i', 'o', 'u', '2', '3']);

const SPACED_ARTICLES = new Set(['al', 'el', 'ul', 'il']);
const HYPHEN_ARTICLES = new Set([
  'al', 'el', 'ul', 'il', 'l', 'ad', 'as', 'ash', 'at', 'ath', 'adh', 'ar', 'az', 'an',
  'ed', 'es', 'esh', 'er', 'et', 'en', 'ez', 'ud', 'ur', 'us', 'un',
]);
// Latin spellings of a leading عبد with the article glued on (Abdul, Abdel, Abdur, Abdoul…).
const LATIN_ABD = /^abd(?:[aeiou]{1,2}[lrsnzdt]?)?$/;
const LATIN_ABD_GLUED = /^(abd)[aeiou]{1,2}l(?=[a-z]{2})/;
const LATIN_ALLAH = new Set(['allah', 'ullah', 'ollah', 'illah', 'alla']);
const LATIN_DIN = new Set(['din', 'deen', 'dine', 'eddin', 'eddine', 'uddin', 'addin', 'iddin']);

const ARABIC_LETTER = /[\u0600-\u06ff]/;
// Tokens are cut from the original text (not the normalized one) so that the article check can
// see the bare alef of ال: أل… (Alban, Albiol) is a name, not an article. Apostrophes and ayn
// signs stay inside a token (Kata'ib) and are dropped later by `normalize`.
const TOKEN = /[\p{L}\p{M}\p{N}\u200c'’‘ʿʾ`´]+/gu;
const MARKS = /[\p{M}\u0640]/gu;

interface RawToken {
  /** Normalized token text. */
  text: string;
  /** UTF-16 offsets of the token in the original string. */
  start: number;
  end: number;
  /** The original starts with a bare-alef article (ال or ٱل), not أل/إل. */
  article: boolean;
  /** The separator that follows the token holds a hyphen (al-Askari, ud-Din). */
  hyphenAfter: boolean;
}

function isArabic(s: string): boolean {
  return ARABIC_LETTER.test(s);
}

const HYPHEN = /[-‐‑–]/;

/** The normalized text of one raw token and whether it starts with a bare-alef article. */
function tokenText(raw: string): { text: string; article: boolean } {
  // Slavic carons and acutes carry a consonant (Andrić = أندريتش) that normalize would fold away
  const text = normalize(raw.replace(/[ćčĆČ]/g, 'ch').replace(/[šŠ]/g, 'sh').replace(/[žŽ]/g, 'zh'));
  return { text, article: /^[\u0627\u0671]ل/.test(raw.replace(MARKS, '')) };
}

/** A memo of raw token → normalized text, for callers that key many texts (the mentions stage). */
export type SkeletonCache = Map<string, { text: string; article: boolean }>;
const CACHE_LIMIT = 200_000;

function splitTokens(original: string, cache?: SkeletonCache): RawToken[] {
  const out: RawToken[] = [];
  let last: RawToken | undefined;
  let lastEnd = 0;
  for (const m of original.matchAll(TOKEN)) {
    if (last) last.hyphenAfter = HYPHEN.test(original.slice(lastEnd, m.index));
    lastEnd = m.index + m[0].length;
    let t = cache?.get(m[0]);
    if (t === undefined) {
      t = tokenText(m[0]);
      if (cache) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(m[0], t);
      }
    }
    if (t.text.length === 0) continue;
    last = { text: t.text, article: t.article, start: m.index, end: lastEnd, hyphenAfter: false };
    out.push(last);
  }
  return out;
}

/** Class string of one Arabic-script chunk; `initial` when it starts a token. */
function arabicClasses(s: string, initial: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const first = initial && i === 0;
    if (c === ZWNJ) continue;
    // ه before a Persian ZWNJ is a silent vowel (خامنه‌ای = Khamenei).
    if (ARABIC_FINAL_H.has(c) && s.charAt(i + 1) === ZWNJ) continue;
    if (c === 'ت' && s.charAt(i + 1) === 'ش') {
      out += 'C';
      i++;
      continue;
    }
    const cls = ARABIC_CLASS[c];
    if (cls !== undefined) out += cls;
    else if (c === 'و') out += first ? 'W' : '';
    else if (c === 'ي') out += first ? 'Y' : '';
    else if (ARABIC_VOWELISH.has(c)) out += first ? 'A' : '';
    else if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

/** Class string of one Latin chunk; `initial` when it starts a token. */
function latinClasses(s: string, initial: boolean): string {
  let out = '';
  const onlyDigits = /^[0-9]+$/.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const d = s.charAt(i + 1);
    const first = initial && i === 0;
    if (onlyDigits) {
      out += c;
      continue;
    }
    if (c === 't' && (d === 'c' || d === 's') && s.charAt(i + 2) === 'h') {
      out += 'C';
      i += 2;
      continue;
    }
    if (d === 'h') {
      const digraph = LATIN_H_DIGRAPH[c];
      if (digraph !== undefined) {
        out += digraph;
        i++;
        continue;
      }
    }
    if (c === 'd' && d === 'j') {
      out += 'J';
      i++;
      continue;
    }
    if (c === 'c') {
      if (d === 'k') i++;
      out += d === 'e' || d === 'i' || d === 'y' ? 'S' : 'K';
      continue;
    }
    const cls = LATIN_CLASS[c];
    if (cls !== undefined) out += cls;
    else if (c === 'w') out += first ? 'W' : '';
    else if (c === 'y') out += first ? 'Y' : '';
    else if (LATIN_VOWELISH.has(c)) out += first ? 'A' : '';
    else if (c >= '0' && c <= '9') continue; // 0 1 4 8 have no reliable Arabizi reading
    else if (!/[a-z]/.test(c) && /\p{L}/u.test(c)) out += c; // other scripts: kept, so they at least match themselves
  }
  return out;
}

/** Whether the chunk ends in a letter whose final form is dropped (ta marbuta, ه, ح, Latin h). */
function endsInDroppableH(s: string): boolean {
  const last = s.charAt(s.length - 1);
  if (ARABIC_FINAL_H.has(last)) return true;
  if (last !== 'h' || s.length < 2) return false;
  const before = s.charAt(s.length - 2);
  // the h of sh, kh, gh, th, dh, ph, zh, ch is part of a consonant
  return LATIN_H_DIGRAPH[before] === undefined;
}

function collapse(s: string): string {
  let out = '';
  for (const c of s) if (out.charAt(out.length - 1) !== c) out += c;
  return out;
}

/** A token after article removal, with the pieces that join into its key. */
interface Word {
  pieces: string[];
  start: number;
  end: number;
}

/** One name word: its skeleton key, its normalized text and where it is in the original string. */
export interface SkeletonWord {
  key: string;
  /** The normalized pieces of the word joined by a space (`عبد الرحمن`, `abd rahman`). */
  text: string;
  start: number;
  end: number;
}

function stripArabicArticle(t: string): string {
  return t.length >= 4 && t.startsWith('ال') && t !== 'الله' ? t.slice(2) : t;
}

// Latin spellings whose letters say something else than the English reading: German sch,
// Italian cc before e/i and South Slavic -vić written without its accent (-vic) are ش/تش in Arabic.
function respellLatin(t: string): string {
  if (!t.includes('c')) return t; // every respelling below involves a c
  return t.replace(/sch/g, 'sh').replace(/cc(?=[ei])/g, 'ch').replace(/([aeiou]vi)c$/, '$1ch');
}

/**
 * The words of a name (or of running text) with their keys and spans: articles dropped,
 * compounds (عبد …, … الله, … الدين) joined into one word. Words whose key is empty (a lone
 * vowel) are left out.
 */
export function skeletonWords(name: string, cache?: SkeletonCache): SkeletonWord[] {
  const raw = splitTokens(name, cache);
  const words: Word[] = [];
  let joinNext = false;
  for (let i = 0; i < raw.length; i++) {
    const tok = raw[i];
    if (tok === undefined) continue;
    const hasNext = i + 1 < raw.length;
    const arabic = isArabic(tok.text);
    let t = arabic ? tok.text : respellLatin(tok.text);
    if (hasNext) {
      if (arabic && t === 'ال') continue;
      if (!arabic && (SPACED_ARTICLES.has(t) || (tok.hyphenAfter && HYPHEN_ARTICLES.has(t)))) continue;
      if (!arabic && tok.hyphenAfter && /^ab[ou]l$/.test(t)) t = 'abu'; // Abu'l-Fadl
    }
    const prev = words[words.length - 1];
    const isTail = arabic ? t === 'الله' || t === 'الدين' : LATIN_ALLAH.has(t) || LATIN_DIN.has(t);
    let pieces: string[];
    let head = false;
    if (arabic) {
      if (t === 'عبد') {
        pieces = ['عبد'];
        head = true;
      } else if (t.startsWith('عبدال') && t.length > 6) {
        pieces = ['عبد', t === 'عبدالله' ? 'الله' : stripArabicArticle(t.slice(3))];
      } else {
        pieces = [t === 'الله' || !tok.article ? t : stripArabicArticle(t)];
      }
    } else if (LATIN_ABD.test(t) && hasNext) {
      pieces = ['abd'];
      head = true;
    } else {
      const glued = LATIN_ABD_GLUED.exec(t);
      pieces = glued ? ['abd', t.slice(glued[0].length)] : [t];
    }
    if (prev !== undefined && (joinNext || isTail)) {
      prev.pieces.push(...pieces);
      prev.end = tok.end;
    } else words.push({ pieces, start: tok.start, end: tok.end });
    joinNext = head;
  }
  const out: SkeletonWord[] = [];
  for (const w of words) {
    const single = w.pieces.length === 1 ? (w.pieces[0] ?? '') : undefined;
    // one-piece words (nearly all) are memoized: the same key string comes back for the same
    // word, which also spares hashing it again in the callers' maps
    let key = single === undefined ? undefined : singleKeys.get(single);
    if (key === undefined) {
      key = wordKey(w.pieces);
      if (single !== undefined) {
        if (singleKeys.size >= CACHE_LIMIT) singleKeys.clear();
        singleKeys.set(single, key);
      }
    }
    if (key.length > 0) out.push({ key, text: single ?? w.pieces.join(' '), start: w.start, end: w.end });
  }
  return out;
}

const singleKeys = new Map<string, string>();

function wordKey(pieces: string[]): string {
  let key = '';
  pieces.forEach((p, k) => {
    if (p === 'الله') key += k === 0 ? 'ALH' : 'LH';
    else key += isArabic(p) ? arabicClasses(p, k === 0) : latinClasses(p, k === 0);
  });
  // final h before collapsing, so that جبهة (JBHH) keeps its ه like Jabha (JBH)
  const lastPiece = pieces[pieces.length - 1] ?? '';
  if (key.length > 1 && key.endsWith('H') && endsInDroppableH(lastPiece)) key = key.slice(0, -1);
  return collapse(key);
}

/** One key per name token: articles dropped, compounds (عبد …, … الله, … الدين) joined. */
export function skeletonTokens(name: string): string[] {
  return skeletonWords(name).map((w) => w.key);
}

/** The skeleton key of a name in Arabic or Latin script: per-token keys joined by a space. */
export function skeletonKey(name: string): string {
  return skeletonTokens(name).join(' ');
}

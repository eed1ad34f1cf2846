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
 *    Latin word (`alaskari`) stays, because the same letters start Western names (Alan, Albert),
 *    except an e- assimilated to a doubled sun letter (Essaadi, Ennahda: es-Saadi, an-Nahda).
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
 * - Pashto letters join the class Latin writes them with: ټ T, ډ D, ځ (dz) Z (Zadran, ځدران),
 *   څ (ts) S, ښ C, ږ J, ڼ N, ړ R; ې and ۍ are vowels.
 * - dropped: ا ع ء و ي (except initially), a e i o u, y w (except initially), ' ʿ ʾ.
 * - Arabizi digits inside a Latin word: 2 3 like ء ع, 5 = X, 6 = T, 7 = H, 9 = S (8 is ق or غ
 *   depending on the writer, so it is left alone). A token of digits only keeps its digits.
 */

/** Bumped whenever keys change, so stored keys can be recomputed. */
export const SKELETON_VERSION = 2;

const ARABIC_CLASS: Readonly<Record<string, string>> = {
  'ب': 'B', 'پ': 'B',
  'ت': 'T', 'ط': 'T', 'ث': 'T', 'ٹ': 'T', 'ټ': 'T',
  'د': 'D', 'ض': 'D', 'ذ': 'D', 'ڈ': 'D', 'ډ': 'D',
  'ز': 'Z', 'ظ': 'Z', 'ځ': 'Z',
  'س': 'S', 'ص': 'S', 'څ': 'S',
  'ش': 'C', 'چ': 'C', 'ښ': 'C',
  'ج': 'J', 'ژ': 'J', 'غ': 'J', 'گ': 'J', 'ږ': 'J',
  'خ': 'X',
  'ح': 'H', 'ه': 'H', 'ة': 'H',
  'ق': 'K', 'ك': 'K', 'ک': 'K',
  'ف': 'F', 'ڤ': 'F',
  'ل': 'L', 'م': 'M', 'ن': 'N', 'ں': 'N', 'ڼ': 'N', 'ر': 'R', 'ڑ': 'R', 'ړ': 'R',
};

// Arabic letters that are vowels or glottal stops for the key: `A` at the start of a token, nothing elsewhere.
const ARABIC_VOWELISH = new Set(['ا', 'ع', 'ء', 'ى', 'ی', 'ے', 'ې', 'ۍ', 'آ', 'أ', 'إ', 'ٱ']);
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
  // Persian romanization writes the article ol- (Amir-ol-Momenin, Saif-ol-Eslam)
  'ol',
]);
// The articles that keep their l when a name is written as one word (see `SkeletonWord.article`).
const MOON_ARTICLES = new Set(['al', 'el', 'ul', 'il', 'l', 'ol']);
// Latin spellings of a leading عبد with the article glued on (Abdul, Abdel, Abdur, Abdoul…).
const GLUED_FILIATION = /^(bin|ben|ibn)n?(?:al|el)l?([a-z]{4,})$/;
// Arabic "and" (wa) and "and the" (wal) between the words of a name, dropped when a word follows.
const LATIN_AND = new Set(['wa', 'wal']);
// The article assimilated to a sun letter and glued to the word, as Maghrebi French spellings
// write it (ESSAADI, ESSABAR, Ennahda, Ettadamon for es-Saadi, as-Sabbar, an-Nahda): e, the
// doubled letter, three letters or more. (Not ez: Ezzeddine is عز الدين.)
const GLUED_SUN_ARTICLE = /^e([stdnr])\1([a-z]{3,})$/;
const LATIN_ABD = /^abd(?:[aeiou]{1,2}[lrsnzdt]?)?$/;
const LATIN_ABD_GLUED = /^(abd)[aeiou]{1,2}l(?=[a-z]{2})/;
const LATIN_ALLAH = new Set(['allah', 'ullah', 'ollah', 'illah', 'alla']);
const LATIN_DIN = new Set(['din', 'deen', 'dine', 'eddin', 'eddine', 'uddin', 'addin', 'iddin']);

// Tokens are cut from the original text (not the normalized one) so that the article check can
// see the bare alef of ال: أل… (Alban, Albiol) is a name, not an article. Apostrophes and ayn
// signs stay inside a token (Kata'ib) and are dropped later by `normalize`.
const TOKEN_CHAR = /^[\p{L}\p{M}\p{N}\u200c'’‘ʿʾ`´]$/u;
const HYPHEN_CHAR = /^[-‐‑–]$/;
// Marks and tatweel, skipped when looking for the bare alef of ال.
const MARK_CHAR = /^[\p{M}\u0640]$/u;
const MARKS = /[\p{M}\u0640]/gu;
const BARE_ARTICLE = /^[\u0627\u0671]ل/;

// What a UTF-16 unit is to the scanner. A table filled on first use (0 = not classified yet)
// replaces a Unicode-property regex run over every post; astral characters are tested directly.
const SEPARATOR = 1;
const HYPHEN = 2; // a separator that hyphenates the token before it (al-Askari, ud-Din)
const LETTER = 3; // inside a token
const MARK = 4; // inside a token, and invisible to the article check
const unitClass = new Uint8Array(0x10000);

function classOfUnit(unit: number): number {
  let k = unitClass[unit] ?? 0;
  if (k === 0) {
    // a lone surrogate matches none of the classes, as in the u-flag regexes
    const c = String.fromCharCode(unit);
    k = MARK_CHAR.test(c) ? MARK : TOKEN_CHAR.test(c) ? LETTER : HYPHEN_CHAR.test(c) ? HYPHEN : SEPARATOR;
    unitClass[unit] = k;
  }
  return k;
}

/** UTF-16 units taken by the token character at `i`, or 0 if there is none there. */
function tokenCharWidth(s: string, i: number): number {
  const unit = s.charCodeAt(i);
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const low = s.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return TOKEN_CHAR.test(s.slice(i, i + 2)) ? 2 : 0;
  }
  return classOfUnit(unit) >= LETTER ? 1 : 0;
}

interface RawToken {
  /** Normalized token text (never empty). */
  text: string;
  /** UTF-16 offsets of the token in the original string. */
  start: number;
  end: number;
  /** The original starts with a bare-alef article (ال or ٱل), not أل/إل. */
  article: boolean;
  /** The text holds an Arabic-script letter (else it is handled as Latin). */
  arabic: boolean;
  /** The separator right before the token (after any token normalizing to nothing) holds a hyphen. */
  hyphenBefore: boolean;
}

interface TokenText {
  text: string;
  article: boolean;
}
/** A memo of raw token → normalized text, for callers that key many texts (the mentions stage). */
export type SkeletonCache = Map<string, TokenText>;
const CACHE_LIMIT = 200_000;

/** Reads the tokens of a string one at a time, leaving out those that normalize to nothing. */
class TokenReader {
  private pos = 0;

  constructor(
    private readonly original: string,
    private readonly cache: SkeletonCache | undefined,
  ) {}

  /** The next token, or undefined at the end of the string. */
  next(): RawToken | undefined {
    const s = this.original;
    let pos = this.pos;
    let hyphen = false;
    while (pos < s.length) {
      if (tokenCharWidth(s, pos) === 0) {
        if (classOfUnit(s.charCodeAt(pos)) === HYPHEN) hyphen = true;
        pos++;
        continue;
      }
      const start = pos;
      let ascii = true;
      while (pos < s.length) {
        const width = tokenCharWidth(s, pos);
        if (width === 0) break;
        if (s.charCodeAt(pos) >= 0x80) ascii = false;
        pos += width;
      }
      const { text, article } = this.cachedTokenText(s.slice(start, pos), ascii);
      if (text.length > 0) {
        this.pos = pos;
        return { text, article, arabic: !ascii && isArabic(text), start, end: pos, hyphenBefore: hyphen };
      }
      hyphen = false; // only the separator right before the next token counts
    }
    this.pos = pos;
    return undefined;
  }

  private cachedTokenText(raw: string, ascii: boolean): TokenText {
    let t = this.cache?.get(raw);
    if (t === undefined) {
      t = tokenText(raw, ascii);
      if (this.cache) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(raw, t);
      }
    }
    return t;
  }
}

/** What `normalize` makes of an ASCII token (letters, digits, ' and `): lower case, apostrophes gone. */
function asciiTokenText(raw: string): string {
  let lower = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x27 || c === 0x60) return raw.toLowerCase().replace(/['`]/g, '');
    if (c >= 0x41 && c <= 0x5a) lower = true;
  }
  return lower ? raw.toLowerCase() : raw;
}

/** The normalized text of one raw token and whether it starts with a bare-alef article. */
function tokenText(raw: string, ascii: boolean): TokenText {
  if (ascii) return { text: asciiTokenText(raw), article: false };
  // Slavic carons and acutes carry a consonant (Andrić = أندريتش) that normalize would fold away
  const text = normalize(hasSlavicConsonant(raw) ? raw.replace(/[ćčĆČ]/g, 'ch').replace(/[šŠ]/g, 'sh').replace(/[žŽ]/g, 'zh') : raw);
  return { text, article: startsWithBareArticle(raw) };
}

function hasSlavicConsonant(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x106 || c === 0x107 || c === 0x10c || c === 0x10d || c === 0x160 || c === 0x161 || c === 0x17d || c === 0x17e) return true;
  }
  return false;
}

/** Whether the token, marks and tatweel aside, starts with ال or ٱل. */
function startsWithBareArticle(raw: string): boolean {
  let first = -1;
  for (let i = 0; i < raw.length; i++) {
    const unit = raw.charCodeAt(i);
    // astral characters (a token holds only whole pairs) may be marks: rare, so the regexes decide
    if (unit >= 0xd800 && unit <= 0xdfff) return BARE_ARTICLE.test(raw.replace(MARKS, ''));
    if (classOfUnit(unit) === MARK) continue;
    if (first >= 0) return (first === 0x627 || first === 0x671) && unit === 0x644;
    first = unit;
  }
  return false;
}

function isArabic(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x600 && c <= 0x6ff) return true;
  }
  return false;
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

/** One name word: its skeleton key, its normalized text and where it is in the original string. */
export interface SkeletonWord {
  key: string;
  /** The normalized pieces of the word joined by a space (`عبد الرحمن`, `abd rahman`). */
  text: string;
  start: number;
  end: number;
  /**
   * A spaced or hyphenated al-/el-/ul- (or an attached ال) was dropped before the word: a name
   * written as one word keeps it as an l (Amir al-Momenin, Amirolmomenin; Hameed ul Hasan,
   * Hameedul Hasan). Assimilated forms (ad-, ash-, ud-…) double the next letter instead.
   */
  article: boolean;
}

function stripArabicArticle(t: string): string {
  return t.length >= 4 && t.startsWith('ال') && t !== 'الله' ? t.slice(2) : t;
}

// Latin spellings whose letters say something else than the English reading: German sch,
// Italian cc before e/i and South Slavic -vić written without its accent (-vic) are ش/تش in Arabic.
// Each regex runs only on words that hold its letters.
function respellLatin(t: string): string {
  if (!t.includes('c')) return t; // every respelling below involves a c
  let out = t;
  if (out.includes('sch')) out = out.replace(/sch/g, 'sh');
  if (out.includes('cc')) out = out.replace(/cc(?=[ei])/g, 'ch');
  if (out.endsWith('vic')) out = out.replace(/([aeiou]vi)c$/, '$1ch');
  return out;
}

/** A Latin article dropped before the next token: spaced (al Askari) or hyphenated (ash-Shammari). */
function isLatinArticle(t: string, hyphenAfter: boolean): boolean {
  if (t.length > 3) return false;
  return SPACED_ARTICLES.has(t) || (hyphenAfter && HYPHEN_ARTICLES.has(t));
}

/** A Latin word that is a whole spelling of عبد with a glued article (Abdul, Abdel, Abdur…). */
function isLatinAbd(t: string): boolean {
  return t.length <= 6 && t.startsWith('abd') && LATIN_ABD.test(t);
}

/** After a word with a glued عبد (عبدالرحمن, Abdulrahman), what follows it; undefined for other words. */
function abdRest(t: string, arabic: boolean): string | undefined {
  if (arabic) {
    if (!t.startsWith('عبدال') || t.length <= 6) return undefined;
    return t === 'عبدالله' ? 'الله' : stripArabicArticle(t.slice(3));
  }
  if (!t.startsWith('abd')) return undefined;
  const glued = LATIN_ABD_GLUED.exec(t);
  return glued ? t.slice(glued[0].length) : undefined;
}

/** A word that joins the word before it: الله, الدين and their Latin spellings. */
function isTail(t: string, arabic: boolean): boolean {
  if (arabic) return t === 'الله' || t === 'الدين';
  return t.length >= 3 && t.length <= 6 && (LATIN_ALLAH.has(t) || LATIN_DIN.has(t));
}

/**
 * Collects the words of one string from its tokens. A word is kept open while tokens may still
 * join it; its pieces after the first are only held in an array for compounds (rare).
 */
class WordCollector {
  readonly words: SkeletonWord[] = [];
  private open = false;
  private first = '';
  private more: string[] | undefined;
  private start = 0;
  private end = 0;
  /** The last word kept was a lone عبد / abd, which takes the next word in. */
  private joinNext = false;
  /** An al-/ul- article was dropped right before the next token. */
  private articleBefore = false;
  /** The open word came after such an article. */
  private article = false;

  /** Adds a token; `next` is the token after it, if any. */
  add(tok: RawToken, next: RawToken | undefined): void {
    // "son of the" glued to the name (BINALSHIBH, Benalhadj): two words, as بن الشيبة writes them
    const glued = tok.arabic ? null : GLUED_FILIATION.exec(tok.text);
    if (glued?.[1] && glued[2]) {
      const rest: RawToken = { ...tok, text: glued[2], hyphenBefore: false };
      this.add({ ...tok, text: glued[1] }, rest);
      this.add(rest, next);
      return;
    }
    const arabic = tok.arabic;
    let t = arabic ? tok.text : respellLatin(tok.text);
    const sun = arabic || isTail(t, false) ? null : GLUED_SUN_ARTICLE.exec(t);
    if (sun?.[1] && sun[2]) t = sun[1] + sun[2];
    // "and the" glued to a word (والمسلمين, wal-Jihad, wa al-Jihad): the conjunction goes like an article
    const conjoined = arabic && t.length >= 6 && t.startsWith('وال');
    if (conjoined) t = t.slice(1);
    if (next !== undefined) {
      if (arabic ? t === 'ال' : isLatinArticle(t, next.hyphenBefore) || LATIN_AND.has(t)) {
        this.articleBefore = arabic || MOON_ARTICLES.has(t);
        return;
      }
      if (!arabic && next.hyphenBefore && /^ab[ou]l$/.test(t)) t = 'abu'; // Abu'l-Fadl
    }
    const head = arabic ? t === 'عبد' : next !== undefined && isLatinAbd(t);
    const rest = head ? undefined : abdRest(t, arabic);
    let piece = t;
    if (head || rest !== undefined) piece = arabic ? 'عبد' : 'abd';
    else if (arabic && (tok.article || conjoined)) piece = stripArabicArticle(t);
    const article = this.articleBefore || (arabic && piece !== t && !head && rest === undefined);
    this.articleBefore = false;
    if (this.open && (this.joinNext || isTail(t, arabic))) {
      this.more ??= [];
      this.more.push(piece);
      if (rest !== undefined) this.more.push(rest);
      this.end = tok.end;
    } else {
      this.flush();
      this.open = true;
      this.first = piece;
      this.more = rest === undefined ? undefined : [rest];
      this.start = tok.start;
      this.end = tok.end;
      this.article = article;
    }
    this.joinNext = head;
  }

  /** Emits the open word, unless its key is empty (a lone vowel). */
  flush(): void {
    if (!this.open) return;
    this.open = false;
    const pieces = this.more === undefined ? undefined : [this.first, ...this.more];
    const key = pieces === undefined ? singleKey(this.first) : wordKey(pieces);
    if (key.length > 0) this.words.push({ key, text: pieces === undefined ? this.first : pieces.join(' '), start: this.start, end: this.end, article: this.article });
  }
}

/**
 * The words of a name (or of running text) with their keys and spans: articles dropped,
 * compounds (عبد …, … الله, … الدين) joined into one word. Words whose key is empty (a lone
 * vowel) are left out.
 */
export function skeletonWords(name: string, cache?: SkeletonCache): SkeletonWord[] {
  const reader = new TokenReader(name, cache);
  const collector = new WordCollector();
  // one token of lookahead: whether a token is an article depends on the one after it
  for (let tok = reader.next(); tok !== undefined; ) {
    const next = reader.next();
    collector.add(tok, next);
    tok = next;
  }
  collector.flush();
  return collector.words;
}

// One-piece words (nearly all) are memoized: the same key string comes back for the same word,
// which also spares hashing it again in the callers' maps.
const singleKeys = new Map<string, string>();

function singleKey(piece: string): string {
  let key = singleKeys.get(piece);
  if (key === undefined) {
    key = wordKey([piece]);
    if (singleKeys.size >= CACHE_LIMIT) singleKeys.clear();
    singleKeys.set(piece, key);
  }
  return key;
}

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

/**
 * Readable romanization of Arabic-script names and text for display: the ALA-LC / IJMES style
 * that analysts and news write (al-ʿAskarī), simplified to ASCII by default (al-Askari).
 *
 * Rules (ASCII mode unless `diacritics`):
 * - Article ال → `al-`, lower-case, hyphenated, no sun-letter assimilation (al-Shams), as news
 *   and analysts write it. و + article → `wa-al-`. الله → Allah; عبد … → Abd …, and the glued
 *   forms عبدالله / عبدالرحمن are split into Abd Allah / Abd al-Rahman.
 * - Consonants: th dh kh gh sh for ث ذ خ غ ش; ص ض ط ظ → s d t z (ṣ ḍ ṭ ẓ with diacritics);
 *   ح h (ḥ); ق q; ج j; ع and hamza are dropped (ʿ ʾ with diacritics). Persian/Urdu: پ p, چ ch,
 *   ژ zh, گ g, ک k, ڤ v, ٹ t, ڈ d, ڑ r, ں n, ہ ھ h, ی like ي, ے e; Pashto ټ t, ډ d, ځ z, څ s, ښ sh, ږ zh, ڼ n, ړ r, ې e, ۍ i.
 * - Tashkeel, when a word has any vowel mark, decides the vowels: fatha a, damma u, kasra i,
 *   sukun none, shadda doubles, superscript alef ā, fathatan an; the last short vowel (case
 *   ending) is dropped, as in the pausal forms news use (Muhammad, not Muhammadun).
 * - Without tashkeel: a short lexicon of frequent name and organisation words (below) gives
 *   their vocalized form; other words follow simple, predictable heuristics:
 *   ا → a; و → w at the start, next to a long vowel or before ا, else u; ي → y at the start,
 *   next to a long vowel or before ا/ة, `ay` as the second letter before a consonant when no
 *   other vowel letter follows (Qays, Zaynab, Haydar; a word full of vowel letters is usually
 *   a foreign name spelled out: فيدلر is Fiedler), else i; ى → a; ة → a (t after ا: Salat);
 *   initial أ a, إ i, آ a; medial أ leaves an a before it; ئ ؤ give i u after the hamza. A short vowel is inserted only where a reader must say one:
 *   after the first consonant of a word-initial cluster (`a`, or `i` before y: Ziyad), before
 *   the third consonant of any run (al-Askari, al-Khazali), and `i` in CāCC at a word end or
 *   before a vowel (Khalid, al-Amiri); `u` in CūCC at the end (Yunus).
 * - Each romanized word is capitalized except the article and a medial bin/ibn/bint (titleCase,
 *   the default); Latin, digits and punctuation pass through (Arabic ، ؛ ؟ and digits → ASCII).
 */

/** Options for romanize. */
export interface RomanizeOptions {
  /** ʿ ʾ, long-vowel macrons and underdots (al-ʿAskarī) instead of plain ASCII (al-Askari). */
  diacritics?: boolean;
  /** Capitalize romanized words except the article (default true); false gives lower case. */
  titleCase?: boolean;
}

type Vowel = 'a' | 'i' | 'u' | 'e';
interface Cons {
  k: 'C';
  ascii: string;
  dia: string;
  gem: boolean;
}
interface Vow {
  k: 'V';
  v: Vowel;
  long: boolean;
}
type Phone = Cons | Vow;

// letter → [ascii, with diacritics]
const CONSONANTS: Readonly<Record<string, readonly [string, string]>> = {
  'ب': ['b', 'b'], 'ت': ['t', 't'], 'ث': ['th', 'th'], 'ج': ['j', 'j'], 'ح': ['h', 'ḥ'],
  'خ': ['kh', 'kh'], 'د': ['d', 'd'], 'ذ': ['dh', 'dh'], 'ر': ['r', 'r'], 'ز': ['z', 'z'],
  'س': ['s', 's'], 'ش': ['sh', 'sh'], 'ص': ['s', 'ṣ'], 'ض': ['d', 'ḍ'], 'ط': ['t', 'ṭ'],
  'ظ': ['z', 'ẓ'], 'ع': ['', 'ʿ'], 'غ': ['gh', 'gh'], 'ف': ['f', 'f'], 'ق': ['q', 'q'],
  'ك': ['k', 'k'], 'ل': ['l', 'l'], 'م': ['m', 'm'], 'ن': ['n', 'n'], 'ه': ['h', 'h'],
  'و': ['w', 'w'], 'ي': ['y', 'y'], 'ء': ['', 'ʾ'],
  'پ': ['p', 'p'], 'چ': ['ch', 'ch'], 'ژ': ['zh', 'zh'], 'گ': ['g', 'g'], 'ک': ['k', 'k'],
  'ڤ': ['v', 'v'], 'ٹ': ['t', 'ṭ'], 'ڈ': ['d', 'ḍ'], 'ڑ': ['r', 'ṛ'], 'ں': ['n', 'n'],
  'ہ': ['h', 'h'], 'ھ': ['h', 'h'],
  // Pashto
  'ټ': ['t', 'ṭ'], 'ډ': ['d', 'ḍ'], 'ځ': ['z', 'dz'], 'څ': ['s', 'ts'], 'ښ': ['sh', 'x̌'], 'ږ': ['zh', 'ǵ'], 'ڼ': ['n', 'ṇ'], 'ړ': ['r', 'ṛ'],
};
const HAMZA: readonly [string, string] = ['', 'ʾ'];

const FATHA = '\u064e', DAMMA = '\u064f', KASRA = '\u0650', SUKUN = '\u0652', SHADDA = '\u0651';
const FATHATAN = '\u064b', DAMMATAN = '\u064c', KASRATAN = '\u064d', DAGGER_ALEF = '\u0670';
const VOWEL_MARKS = new Set([FATHA, DAMMA, KASRA, SUKUN, FATHATAN, DAMMATAN, KASRATAN, DAGGER_ALEF]);
const ZWNJ = '\u200c';
const LONG_LETTERS = new Set(['ا', 'ى', 'ة', 'ے', 'ې', 'ۍ']); // letters that are always vowels after the first position

/**
 * Vocalized forms of frequent words whose unvocalized spelling the heuristics misread (Muhammad,
 * Husayn, Hizb, Umar…), keyed by the bare spelling. Kept to names and militancy vocabulary that
 * recurs in the sources Rasad watches; anything else goes through the rules.
 */
const LEXICON_SOURCE = [
  'مُحَمَّد', 'مَحْمُود', 'حَسَن', 'حُسَيْن', 'حُسَيْنِيّ', 'عُمَر', 'عُثْمَان', 'عَبْد', 'يُوسُف', 'يُونُس',
  'مُوسَى', 'عِيسَى', 'مُصْطَفَى', 'مُهَنْدِس', 'أُسَامَة', 'سَيِّد', 'حِزْب', 'قُدْس', 'نُصْرَة', 'دَوْلَة',
  'شُهَدَاء', 'حَرَكَة', 'نُجَبَاء', 'بِن', 'اِبْن', 'بِنْت', 'أُمّ', 'سُلَيْمَانِيّ', 'سُلَيْمَان', 'مُقْتَدَى',
  'عَمَّار', 'عَبَّاس', 'مُحْسِن', 'مُسْلِم', 'مُجَاهِدِين', 'مُجَاهِدُون', 'جِهَاد', 'عِرَاق', 'يَمَن',
  'مَوْصِل', 'فَلُّوجَة', 'نَجَف', 'حَلَب', 'دِمَشْق', 'إِدْلِب', 'رَقَّة', 'وِلَايَة', 'مُقَاوَمَة', 'حَقَّانِيّ',
  'قَسَّام', 'دَاوُد', 'دِين', 'نُور', 'خُرَاسَان', 'كُرْدِسْتَان', 'سُورِيَا', 'لُبْنَان', 'فِلَسْطِين',
  'حَمَد', 'أَسَد', 'أَنَس', 'قَمَر', 'إِيرَان', 'مُنْذِر', 'حُذَيْفَة', 'مُعَاذ', 'مُصْعَب', 'طَلْحَة',
  'خَامِنَئِيّ', 'رُوحَانِيّ', 'عِزّ', 'إِمَام', 'قُوَّات', 'قُوَّة', 'جُنُود', 'فَيْلَق', 'جُنْد', 'فُرْقَان',
  'حُسَام', 'هِشَام', 'صُهَيْب', 'بُشْرَى', 'نِزَار', 'عُدَيّ', 'قُصَيّ', 'لُؤَيّ', 'كُوت', 'بَدْر',
  'يَحْيَى', 'عِمَاد', 'بِلَال', 'فِرَاس', 'شِهَاب', 'سِنَان', 'هِلَال', 'عِصَام', 'عِزَّت', 'صَدَّام', 'مُعَمَّر',
  'عَزَّام', 'عُبَيْدَة', 'مَلِك', 'تِكْرِيت', 'سَامَرَّاء', 'جُرْف', 'بَيْرُوت', 'طِهْرَان', 'حُدَيْدَة', 'ثَوْرِيّ',
  'إِسْلَامِيَّة', 'عِرَاقِيّ', 'سُنِّيّ', 'شِيعِيّ',
];
const LEXICON = new Map<string, string>();
for (const w of LEXICON_SOURCE) LEXICON.set(bare(w), w);

/** Spelling without marks and with hamza seats, ى, ة and Persian letters folded: the lexicon key. */
function bare(w: string): string {
  return w
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك');
}

interface Unit {
  ch: string;
  marks: string;
}

function units(word: string): Unit[] {
  const out: Unit[] = [];
  for (const ch of word) {
    if (ch === '\u0640') continue; // tatweel
    const last = out[out.length - 1];
    if (/\p{M}/u.test(ch)) {
      if (last) last.marks += ch;
    } else out.push({ ch, marks: '' });
  }
  return out;
}

function cons(letter: string, gem = false): Cons {
  const [ascii, dia] = CONSONANTS[letter] ?? HAMZA;
  return { k: 'C', ascii, dia, gem };
}
const vow = (v: Vowel, long = false): Vow => ({ k: 'V', v, long });

function markVowel(marks: string): Vowel | undefined {
  if (marks.includes(FATHA) || marks.includes(FATHATAN)) return 'a';
  if (marks.includes(DAMMA) || marks.includes(DAMMATAN)) return 'u';
  if (marks.includes(KASRA) || marks.includes(KASRATAN)) return 'i';
  return undefined;
}

function lastPhone(p: Phone[]): Phone | undefined {
  return p[p.length - 1];
}

/** Phones of a word that carries vowel marks: the marks decide. */
function vocalizedPhones(us: Unit[]): Phone[] {
  const p: Phone[] = [];
  let tanwin = false; // fathatan already gave -an: its carrier alef is silent
  us.forEach((u, i) => {
    const last = i === us.length - 1;
    const prev = lastPhone(p);
    const mv = markVowel(u.marks);
    const gem = u.marks.includes(SHADDA);
    const prevShort = prev?.k === 'V' && !prev.long ? prev : undefined;
    switch (u.ch) {
      case 'ا':
      case 'ى':
        if (tanwin) return;
        if (prevShort?.v === 'a') prevShort.long = true;
        else if (prev?.k === 'V' && i > 0) return; // alef after tanwin fath (…ًا) or a long vowel
        else p.push(i === 0 ? vow(mv ?? 'a') : vow('a', true));
        return;
      case 'أ':
      case 'إ':
      case 'آ':
      case 'ٱ':
        if (i > 0) p.push(cons('ء'));
        p.push(vow(mv ?? (u.ch === 'إ' || u.ch === 'ٱ' ? 'i' : 'a'), u.ch === 'آ'));
        return;
      case 'ة':
        if (prevShort?.v !== 'a' && !(prev?.k === 'V' && prev.v === 'a')) p.push(vow('a'));
        return;
      case 'و':
      case 'ي':
      case 'ی': {
        const v: Vowel = u.ch === 'و' ? 'u' : 'i';
        if (gem && last && prevShort?.v === 'i' && v === 'i') {
          prevShort.long = true; // nisba -iyy read as ī in pausal form (ʿAlī, al-ʿAskarī)
          return;
        }
        if (mv === undefined && !gem && prevShort?.v === v) {
          prevShort.long = true;
          return;
        }
        if (mv === undefined && !gem && i > 0 && prev?.k === 'C' && !u.marks.includes(SUKUN)) {
          p.push(vow(v, true));
          return;
        }
        break;
      }
      default:
        break;
    }
    // a final -ayy/-aww is written single in pausal romanization (ʿUday, Qusay)
    const gemHere = gem && i > 0 && !(last && (u.ch === 'ي' || u.ch === 'و' || u.ch === 'ی'));
    if (u.ch === 'ئ' || u.ch === 'ؤ') p.push(cons('ء', gem));
    else p.push(cons(u.ch === 'ی' ? 'ي' : u.ch, gemHere));
    const restIsAlef = us.slice(i + 1).every((r) => r.ch === 'ا' || r.ch === 'ى');
    if (u.marks.includes(DAGGER_ALEF)) p.push(vow('a', true));
    else if (u.marks.includes(FATHATAN) && restIsAlef) {
      p.push(vow('a'), cons('ن'));
      tanwin = true;
    } else if (mv !== undefined && !last) p.push(vow(mv));
  });
  return p;
}

function isVowelLetter(ch: string | undefined): boolean {
  return ch === undefined ? false : LONG_LETTERS.has(ch) || ch === 'ا';
}

/** Whether a vowel letter (ا و ي) follows position `from`, other than a final ى or nisba ي (final or before ة). */
function hasLaterMater(us: Unit[], from: number): boolean {
  const n = us.length;
  const nisbaFrom = us[n - 1]?.ch === 'ة' ? n - 2 : n - 1;
  for (let k = from; k < n; k++) {
    const ch = us[k]?.ch ?? '';
    if (ch === 'ا' || ch === 'و' || (ch === 'ى' && k < n - 1) || ((ch === 'ي' || ch === 'ی') && k < nisbaFrom)) return true;
  }
  return false;
}

/** Phones of an unvocalized word: matres read by position, short vowels inserted by rule. */
function heuristicPhones(us: Unit[]): Phone[] {
  const p: Phone[] = [];
  const n = us.length;
  us.forEach((u, i) => {
    const prev = lastPhone(p);
    const next = us[i + 1]?.ch;
    const gem = u.marks.includes(SHADDA) && i > 0;
    const prevLong = prev?.k === 'V' && (prev.long || i === 1);
    switch (u.ch) {
      case 'ا':
        p.push(i === 0 ? vow('a') : vow('a', true));
        return;
      case 'ى':
        p.push(vow('a', true));
        return;
      case 'ے':
      case 'ې':
        p.push(vow('e', true));
        return;
      case 'ۍ':
        p.push(vow('i', true));
        return;
      case 'ة':
      case 'ۃ':
        if (us[i - 1]?.ch === 'ا') p.push(cons('ت'));
        else p.push(vow('a'));
        return;
      case 'أ':
      case 'إ':
      case 'آ':
      case 'ٱ': {
        const v: Vowel = u.ch === 'إ' || u.ch === 'ٱ' ? 'i' : 'a';
        if (i === 0) p.push(vow(v, u.ch === 'آ'));
        else if (u.ch === 'أ') {
          // medial أ sits on a preceding a; what follows it is unknown (maʾrib, saʾala)
          if (prev?.k === 'C') p.push(vow('a'));
          p.push(cons('ء'));
        } else p.push(cons('ء'), vow(v, u.ch === 'آ'));
        return;
      }
      case 'ئ':
      case 'ؤ':
        p.push(cons('ء'));
        if (next !== undefined && !isVowelLetter(next) && next !== 'و' && next !== 'ي') p.push(vow(u.ch === 'ئ' ? 'i' : 'u'));
        return;
      case 'و':
      case 'ي':
      case 'ی': {
        const y = u.ch !== 'و';
        if (y && i === 1 && prev?.k === 'V' && prev.v === 'i' && !isVowelLetter(next)) {
          prev.long = true; // إي… is ī (Iran, Ibrahim's spelling إيبراهيم)
          return;
        }
        const consonantal =
          i === 0 || gem || isVowelLetter(next) || next === 'و' || prevLong || (prev?.k === 'V' && !prev.long && i > 1);
        if (consonantal) break;
        if (y && i === 1 && next !== undefined && i < n - 1 && !hasLaterMater(us, 2)) {
          p.push(vow('a'), cons('ي')); // CayC: Qays, Zaynab, Haydar, Shaykh
          return;
        }
        p.push(vow(y ? 'i' : 'u', true));
        return;
      }
      case 'ه':
        if (next === ZWNJ) {
          p.push(vow('e')); // Persian silent h before ZWNJ
          return;
        }
        break;
      case ZWNJ:
        return;
      default:
        break;
    }
    const letter = u.ch === 'ی' ? 'ي' : u.ch;
    if (CONSONANTS[letter] === undefined) return;
    p.push(cons(letter, gem));
  });
  return insertVowels(p);
}

/** Inserts the short vowels a reader supplies in an unvocalized word (rules in the file comment). */
function insertVowels(p: Phone[]): Phone[] {
  // CāCC / CūCC: Khalid, al-Amiri, Yunus
  const withLong: Phone[] = [];
  for (let k = 0; k < p.length; k++) {
    const cur = p[k];
    if (cur === undefined) continue;
    withLong.push(cur);
    const a = p[k + 1], b = p[k + 2], after = p[k + 3];
    if (cur.k !== 'V' || !cur.long || a?.k !== 'C' || b?.k !== 'C' || a.gem || b.gem) continue;
    if ((cur.v === 'a' && (after === undefined || after.k === 'V')) || (cur.v === 'u' && after === undefined)) {
      withLong.push(a, vow(cur.v === 'a' ? 'i' : 'u'));
      k++;
    }
  }
  const out: Phone[] = [];
  let run = 0;
  let atStart = true;
  for (const ph of withLong) {
    if (ph.k === 'V') {
      out.push(ph);
      run = 0;
      atStart = false;
      continue;
    }
    const y = ph.ascii === 'y';
    if ((ph.gem && run >= 1) || (atStart && run === 1) || run >= 2 || (y && run >= 1)) {
      out.push(vow(y ? 'i' : 'a'));
      run = 0;
      atStart = false;
    }
    out.push(ph);
    run += ph.gem ? 2 : 1;
  }
  return out;
}

const MACRON: Readonly<Record<Vowel, string>> = { a: 'ā', i: 'ī', u: 'ū', e: 'ē' };

function render(p: Phone[], dia: boolean): string {
  let s = '';
  for (const ph of p) {
    if (ph.k === 'V') s += dia && ph.long ? MACRON[ph.v] : ph.v;
    else {
      const c = dia ? ph.dia : ph.ascii;
      s += ph.gem ? c + c : c;
    }
  }
  return s;
}

function capitalize(s: string): string {
  const i = s.search(/[\p{Ll}\p{Lu}]/u); // skips ʿ ʾ (modifier letters)
  return i < 0 ? s : s.slice(0, i) + s.charAt(i).toUpperCase() + s.slice(i + 1);
}

function hasVowelMarks(us: Unit[]): boolean {
  return us.some((u) => [...u.marks].some((m) => VOWEL_MARKS.has(m)));
}

/** Romanizes one Arabic-script word without its article. */
function romanizeStem(word: string, dia: boolean): string {
  const us = units(word);
  if (us.length === 0) return '';
  const b = bare(word);
  if (b === 'الله') return dia ? 'Allāh' : 'Allah';
  let phones: Phone[];
  if (hasVowelMarks(us)) phones = vocalizedPhones(us);
  else {
    const lex = LEXICON.get(b);
    phones = lex !== undefined ? vocalizedPhones(units(lex)) : heuristicPhones(us);
  }
  return render(phones, dia);
}

interface Piece {
  text: string;
  /** `conj` is the prefix و of و+ال (wa-al-); `article` is a stem that had ال. */
  kind: 'word' | 'article' | 'conj';
}

/** Splits a word into article and stem pieces (ال…, وال…, عبدال…). */
function pieces(word: string): Piece[] {
  const b = bare(word);
  const letters = b.replace(/\u200c/g, '').length;
  const stripLetters = (n: number): string => {
    // drop the first n letters of the original word together with their marks
    let seen = 0;
    let k = 0;
    for (const ch of word) {
      if (!/[\p{M}\u0640]/u.test(ch)) {
        if (seen === n) break;
        seen++;
      }
      k += ch.length;
    }
    return word.slice(k);
  };
  if (b === 'الله') return [{ text: word, kind: 'word' }];
  if (b.startsWith('عبدال') && letters > 6) {
    const rest = stripLetters(3);
    return [{ text: word.slice(0, word.length - rest.length), kind: 'word' }, ...pieces(rest)];
  }
  // bare alef only: أل… / إل… start names (Alban, Elba), never the article
  if (/^[اٱ]ل/.test(word.replace(/[\p{M}\u0640]/gu, '')) && letters >= 4) return [{ text: stripLetters(2), kind: 'article' }];
  if (b.startsWith('وال') && letters >= 6) return [{ text: 'و', kind: 'conj' }, { text: stripLetters(3), kind: 'article' }];
  return [{ text: word, kind: 'word' }];
}

// Script_Extensions, not Script: tashkeel and tatweel are Inherited/Common but belong to the word.
const ARABIC_WORD = /[\p{scx=Arabic}\u200c]+/u;
const PUNCT: Readonly<Record<string, string>> = { '،': ',', '؛': ';', '؟': '?', '٪': '%', '٫': '.', '٬': ',', '۔': '.' };
const LOWER_PARTICLES = new Set(['bin', 'ibn', 'bint', 'fi']);

/** Arabic-script text → readable romanization (al-Askari); non-Arabic text passes through. */
export function romanize(arabic: string, opts: RomanizeOptions = {}): string {
  const dia = opts.diacritics ?? false;
  const title = opts.titleCase ?? true;
  const text = arabic.normalize('NFKC');
  let out = '';
  let wordIndex = 0;
  for (const seg of text.split(/([\p{scx=Arabic}\u200c]+)/u)) {
    if (!ARABIC_WORD.test(seg)) {
      out += seg;
      if (/[^\s]/.test(seg)) wordIndex = /[.!?\n]\s*$/.test(seg) ? 0 : wordIndex;
      continue;
    }
    // Arabic digits and punctuation inside the run split it into words.
    for (const part of seg.split(/([\u0660-\u0669\u06f0-\u06f9،؛؟٪٫٬۔\u060c-\u060f\u061b-\u061f\u066a-\u066d\u06d4]+)/u)) {
      if (part === '') continue;
      if (/^[\u0660-\u0669\u06f0-\u06f9\u060c-\u061f\u066a-\u066d\u06d4]/.test(part)) {
        for (const ch of part) {
          const c = ch.charCodeAt(0);
          if (c >= 0x0660 && c <= 0x0669) out += String(c - 0x0660);
          else if (c >= 0x06f0 && c <= 0x06f9) out += String(c - 0x06f0);
          else out += PUNCT[ch] ?? ch;
        }
        continue;
      }
      const ps = pieces(part);
      let word = '';
      ps.forEach((pc, k) => {
        let stem = pc.kind === 'conj' ? 'wa' : romanizeStem(pc.text, dia);
        const plain = stem.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        const particle = pc.kind === 'conj' || (LOWER_PARTICLES.has(plain) && (wordIndex > 0 || k > 0));
        stem = title && !particle ? capitalize(stem) : stem.toLowerCase();
        const joiner = k === 0 ? '' : ps[k - 1]?.kind === 'conj' ? '-' : ' ';
        word += joiner + (pc.kind === 'article' ? 'al-' : '') + stem;
      });
      out += word;
      wordIndex++;
    }
  }
  return out;
}

/** Romanization of an actor's name: romanize with title case (Abu Ali al-Askari). */
export function romanizeName(name: string, opts: Pick<RomanizeOptions, 'diacritics'> = {}): string {
  return romanize(name.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim(), {
    ...opts,
    titleCase: true,
  });
}

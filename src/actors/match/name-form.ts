import { type SkeletonCache, type SkeletonWord, skeletonWords } from '../../text/name-skeleton.js';
import { normalize } from '../../text/normalize.js';
import { romanizeName } from '../../text/transliterate.js';
import { calqueKey } from './calques.js';

/** One word of a name as the matcher compares it. */
export interface NameToken {
  /** Consonant-skeleton key (`ASKR`). */
  key: string;
  /** The skeleton key of the Arabic word this word translates (Brigades → `KTB`), when known. */
  calque: string | undefined;
  /** Normalized text (`askary`, `العسكري`). */
  text: string;
  /** As written (`Askary`). */
  raw: string;
  /** The vowel shape of its Latin reading, articles dropped (`askara` for Askary and for العسكري). */
  latin: string;
  /** Key and vowel shape together (`ASKR|askara`): one spelling family of the word, for lookups. */
  shape: string;
  /** A function word (of, the, du…) that says little about who is named. */
  stop: boolean;
  arabic: boolean;
  /** An al-/ul- article was dropped before it (see `SkeletonWord.article`). */
  article: boolean;
}

/** A name taken apart for matching: its words, its normalized whole, its one-word key. */
export interface NameForm {
  tokens: NameToken[];
  normalized: string;
  /**
   * The keys written as one word: initial-vowel marks of later words dropped, so that "Abu Ali",
   * "Abuali" and ابوعلی agree.
   */
  compact: string;
  /**
   * The same with the l of each dropped al-/ul- article before a later word kept, as a name run
   * together writes it (Amir al-Momenin AMRLMN, as Amirolmomenin): equal to `compact` when the
   * name has no such article.
   */
  compactArticled: string;
}

// Function words of English, French and German group names, and Arabic prepositions that
// appear inside names. Kept as words of the name but with almost no weight.
// Honorifics and titles are treated the same way: Sheikh Hassan is Hassan, U Hein (Burmese) is
// Hein; a lone u is also the "of" of Persian and Urdu compounds written apart (Zia u Rahman).
const STOP = new Set([
  'the', 'of', 'and', 'for', 'in', 'on', 'to', 'a', 'an', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'l', 'd',
  'der', 'die', 'das', 'und', 'von', 'fur', 'y', 'del', 'e', 'o', 'u', 'في', 'من', 'و', 'ل',
  'sheikh', 'shaykh', 'sheik', 'shaikh', 'cheikh', 'sayyid', 'sayyed', 'sayed', 'syed', 'seyed', 'seyyed', 'mullah',
  'mulla', 'haji', 'hajji', 'hajj', 'al-hajj', 'imam', 'dr', 'mr', 'mrs', 'ms', 'general', 'gen', 'colonel', 'col',
  'brigadier', 'commander', 'prof', 'professor', 'maulana', 'mawlana', 'maulvi', 'mawlawi', 'maulawi',
  'maulavi', 'mawlavi', 'mulavi', 'molawi', 'molavi', 'mowlawi', 'mowlavi', 'moulavi', 'moulvi', 'molvi',
  'شيخ', 'سيد', 'حاج', 'حاجي', 'الحاج', 'دكتور', 'ملا', 'مولوی', 'مولوي',
  // Pashto "of" and "and", inside Afghan company and group names (د حاجی بصیر او …)
  'د', 'او',
  // Legal forms and their abbreviations: one list writes MESBAH ENERGY CO., another MESBAH
  // ENERGY COMPANY, a third leaves it out (SYRIATEL MOBILE TELECOM SA); none names the company.
  'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'ltda', 'limited', 'llc', 'llp', 'plc',
  'gmbh', 'sa', 'sarl', 'sas', 'sal', 'spa', 'srl', 'bv', 'nv', 'jsc', 'ojsc', 'cjsc', 'pjsc', 'oao', 'zao',
  // "na" (not available) trails some UN list names (FAIZULLAH KHAN NOORZAI na)
  'na',
  'pao', 'ooo', 'ood', 'eood', 'fze', 'fzco', 'fzc', 'fzllc', 'pte', 'pvt', 'bhd', 'sdn', 'messrs',
  'sarlu', 'eurl', 'sasu', 'bvba', 'kg', 'kft', 'zrt', 'doo', 'dooel', 'ad', 'ead', 'lda', 'slu', 'pty', 'tbk',
  'sae', 'wll', 'saog', 'saoc', 'qsc', 'qpsc', 'dmcc', 'eireli',
  // "organization" abbreviated after a name (ISLAMIC REPUBLIC OF IRAN BROADCASTING ORG.)
  'org',
  // foundations and associations by their legal form (Dutch stichting, STG.; German e.V.; Belgian vzw, asbl)
  'stichting', 'stg', 'ev', 'vzw', 'asbl',
  // sports clubs (FC AKHMAT GROZNY, AKHMAT GROZNY)
  'fc',
  'شركه', 'شركت', 'كمپني', 'كمبني', // (normalized: شركة, شرکت, کمپنی)
]);

// A single letter is an initial (Alexander B., Mohammed I., عدنان س.) or a piece of an
// abbreviation (S.A., M/S.): it says almost nothing about who is named.
const INITIAL = /^[a-z\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]$/;

const ARABIC = /[\u0600-\u06ff]/;

/** Whether a normalized word is a function word or title (of, the, du, Sheikh…). */
export function isStopWord(text: string): boolean {
  return STOP.has(text) || INITIAL.test(text);
}

/** Drops the initial-vowel mark of a non-initial word key (A, and the glide marks W/Y stay). */
function compactPart(key: string, first: boolean): string {
  return !first && key.length > 1 && key.startsWith('A') ? key.slice(1) : key;
}

function collapse(s: string): string {
  let out = '';
  for (const c of s) if (out.charAt(out.length - 1) !== c) out += c;
  return out;
}

/** Memo of readings: Arabic words by their raw form (romanized), Latin ones by normalized text. */
const readings = new Map<string, string>();

/**
 * Letters only, articles dropped: what two readings of one word are compared on. The vowel that
 * links a name to a final Allah is case grammar spelled any way (Abdullah, Abdallah, Abd Allah,
 * عبد الله; Hizbullah, Hezbollah), so it is dropped like an article.
 */
function latinLetters(s: string): string {
  return s
    .toLowerCase()
    .replace(/\bwa-(?=[a-z]{1,3}-)/g, '') // "and the" (والمسلمين: wa-al-Muslimin)
    .replace(/\b(?:al|el|ul|il|ad|as|ash|at|ath|ar|az|an|ud|ur)-/g, '')
    .replace(/[^a-z]/g, '')
    .replace(/(?<=[a-z]{2}[^aeiou])[aeiou]+llah?$/, 'lah'); // (not in Dallah, Billah: no name before)
}

// Latin letters folded to one per consonant class (the key already says the consonants agree;
// the shape compares the vowels around them): q/k/c, dh/d, th/t, sh/ch/tch, ph/v/f, p/b, g/j/dj.
const FOLD: ReadonlyArray<[RegExp, string]> = [
  [/t(?=[cs]h)/g, ''], [/dj/g, 'j'], [/dh/g, 'd'], [/th/g, 't'], [/kh/g, 'x'], [/gh/g, 'j'], [/sh|ch/g, 'ʃ'], [/ph/g, 'f'],
  [/q|ck|c(?![eiy])/g, 'k'], [/c/g, 's'], [/v/g, 'f'], [/p/g, 'b'], [/g/g, 'j'],
];

/**
 * The vowel shape of a Latin reading: consonants folded as above, doubled letters single, vowel
 * runs (and y/w used as vowels: Zayd, Aly, Daoud) one `a`, except a final i (nisba: Askari,
 * Askary, العسكري) or u, which keep their quality; a final h after a vowel (ta marbuta, ح, ه:
 * Qaidah, Saleh, Salih, صالح) goes, and the vowel before it stays `a`, since romanizations write
 * that ending -ah, -eh or -ih alike. Youssef and Yusuf, Mohamed and Muhammad, Qais and Kays come
 * out the same; Salah and Syawal, Soleimani and Souleiman, Jazeera and Jazairi do not.
 * `romanized`: the reading was made from Arabic script (its ي between vowels is a hamza seat).
 */
export function readingShape(latin: string, romanized = false): string {
  let s = latin;
  for (const [from, to] of FOLD) s = s.replace(from, to);
  // after i or e, a doubled y is the glide a single one writes (Haniyyah, Haniyeh, Hanieh)
  if (s.includes('yy')) s = s.replace(/([ie])yy/g, '$1y');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charAt(i);
    const next = s.charAt(i + 1);
    const last = i === s.length - 1 || (i === s.length - 2 && /[aeiou]/.test(next) && /[aeiouy]/.test(c));
    // y and w are vowels unless they start the word, are doubled (Fayyaz is not Faiz) or stand
    // between a consonant and a vowel (Marwan): Viyan = Vian, Dawud = Daoud, Qays = Qais;
    // and, in Latin spellings, y after a, o or u before a vowel, single or doubled (Fayad,
    // Fayyad; Sayed is not Saeed; a romanized ي between vowels is a hamza seat: نايل Nail)
    const glideConsonant =
      i === 0 || next === c || s.charAt(i - 1) === c || (/[aeiou]/.test(next) && (!/[aeiouyw]/.test(s.charAt(i - 1)) || (c === 'y' && !romanized && /[aou]/.test(s.charAt(i - 1)))));
    if ((c === 'y' || c === 'w') && !glideConsonant) c = c === 'y' && i === s.length - 1 ? 'i' : 'a';
    else if (/[aeiou]/.test(c)) c = last && (c === 'i' || c === 'u') ? c : last && /[ei]/.test(c) && /[ei]/.test(next) ? 'i' : 'a';
    if (out.charAt(out.length - 1) !== c) out += c;
  }
  return out.replace(/a([iu])$/, '$1').replace(/(?<=.a)h$/, '');
}

function latinReading(raw: string, text: string, arabic: boolean): string {
  const memo = arabic ? raw : text;
  let r = readings.get(memo);
  if (r === undefined) {
    r = readingShape(latinLetters(arabic ? romanizeName(raw) : text), arabic);
    if (readings.size > 200_000) readings.clear();
    readings.set(memo, r);
  }
  return r;
}

/** One word of a name (or of running text) as the matcher compares it. */
export function nameToken(word: SkeletonWord, source: string): NameToken {
  const arabic = ARABIC.test(word.text);
  const raw = source.slice(word.start, word.end);
  const latin = latinReading(raw, word.text, arabic);
  return {
    key: word.key,
    calque: arabic ? undefined : calqueKey(word.text),
    text: word.text,
    raw,
    latin,
    shape: `${word.key}|${latin}`,
    stop: isStopWord(word.text),
    arabic,
    article: word.article,
  };
}

/** The Latin readings of a name's words that are not function words, run together. */
export function joinedReading(form: NameForm): string {
  return form.tokens
    .filter((t) => !t.stop)
    .map((t) => t.latin)
    .join('');
}

/** The key of two words written as one (Akhund zada, Akhundzada; Hameed ul, Hameedul). */
export function joinedKey(first: NameToken, second: NameToken): string {
  return collapse(first.key + compactPart(second.key, false));
}

/** Takes a name (or a query) apart into weighted-match tokens. */
/**
 * East Slavic names romanized the German, Polish or Czech way write j for y (Sergej, Jurij,
 * Tatjana, DIKIJ for Sergey, Yuriy, Tatyana, DIKIY), and Ukrainian and Belarusian ones write Г as
 * h (Henadz, Ihor, Oleh for Gennadi, Igor, Oleg): in a name with a sign of it (a patronymic, a
 * -skij ending, a given name in -ej, a Ukrainian given name written with h: Ihor, Oleh, Serhiy,
 * Yevhen, Olha), every j not after d is read as y and every h not in kh, zh,
 * sh or ch as g. Elsewhere j stays the j of Jamal and Faraj, and h the h of Hasan.
 */
const SLAVIC_SIGN =
  /(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna|[sc]kij|[sc]kyj|[^\sdD]ej)(?![a-z])|(?<![a-z])(?:ihor|oleh|serhi[iy]?|hennadi[iy]?|heorhi[iy]?|hryhori[iy]?|yevhen|ievhen|yevheni[iy]a|olha|halyna)(?![a-z])/i;

function readSlavic(name: string): string {
  return name
    .replace(/(?<![dD])j/g, 'y')
    .replace(/(?<![dD])J/g, 'Y')
    .replace(/(?<![kzscgKZSCG])[hH]/g, (h) => (h === 'h' ? 'g' : 'G'));
}

export function nameForm(name: string, cache?: SkeletonCache): NameForm {
  // ç is an s in Portuguese and French names (Idriça, Idrissa) and close to one in Turkish
  // (Çelik, Celik), never the k that a bare c before a, o, u would give
  let read = name.includes('ç') || name.includes('Ç') ? name.replace(/ç/g, 's').replace(/Ç/g, 'S') : name;
  if (SLAVIC_SIGN.test(read)) read = readSlavic(read);
  const tokens: NameToken[] = skeletonWords(read, cache).map((w) => nameToken(w, name));
  const content = tokens.filter((t) => !t.stop);
  let plain = '';
  let articled = '';
  content.forEach((t, i) => {
    const part = compactPart(t.key, i === 0);
    plain += part;
    articled += (i > 0 && t.article ? 'L' : '') + part;
  });
  const compact = collapse(plain);
  return { tokens, normalized: normalize(name), compact, compactArticled: articled === plain ? compact : collapse(articled) };
}

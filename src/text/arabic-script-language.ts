/**
 * Which language an Arabic-script text is in, from letters and function words alone: each
 * language's alphabet has letters the others lack (Urdu ے ں ٹ, Pashto ټ ښ ړ, Sorani ڕ ۆ ێ, Sindhi
 * ڄ ڻ ٻ, Arabic ة ى, Persian's ی ک against Arabic's ي ك) and each has short, frequent words.
 * Used next to the statistical models, which are weak on two-word texts and on Pashto.
 */

export const ARABIC_SCRIPT_LANGUAGES = ['ar', 'fa', 'ur', 'ps', 'ku', 'sd'] as const;
export type ArabicScriptLanguage = (typeof ARABIC_SCRIPT_LANGUAGES)[number];

/** Scores per language (log-odds-like: > 0 typical of it, < 0 letters its alphabet lacks). */
export interface ArabicScriptEvidence {
  scores: Record<ArabicScriptLanguage, number>;
  /** The part of each score from letters the language's alphabet lacks or rarely uses (≤ 0). */
  against: Record<ArabicScriptLanguage, number>;
  /** What each score rests on, e.g. `ے×3`, `-ة`, `word ہے`. */
  evidence: Record<ArabicScriptLanguage, string[]>;
  /** Arabic-script letters read. */
  letters: number;
  /** The top language when it leads the runner-up by at least `DECISIVE_MARGIN`, else null. */
  best: ArabicScriptLanguage | null;
  /** Lead of the top language over the runner-up. */
  margin: number;
}

/** A lead this large rests on letters the runner-up's alphabet does not have. */
export const DECISIVE_MARGIN = 4;

const LANGS = ARABIC_SCRIPT_LANGUAGES;
const N = LANGS.length;
type Weights = Partial<Record<ArabicScriptLanguage, number>>;

// Letters a language's alphabet lacks cost this much unless listed with a milder weight.
const FOREIGN = -3;

// Per character: weight per language. Letters shared by every language (ا ب ت د ر س …) carry
// no information and are not listed. Weights are log-odds-like and deliberately round.
const RETROFLEX_UR: Weights = { ur: 3, ar: FOREIGN, fa: FOREIGN, ps: FOREIGN, ku: FOREIGN, sd: -2 };
const PASHTO: Weights = { ps: 3, ar: FOREIGN, fa: FOREIGN, ur: FOREIGN, ku: FOREIGN, sd: FOREIGN };
const SORANI: Weights = { ku: 3, ar: FOREIGN, fa: FOREIGN, ur: FOREIGN, ps: FOREIGN, sd: FOREIGN };
const SINDHI: Weights = { sd: 3, ar: FOREIGN, fa: FOREIGN, ur: FOREIGN, ps: FOREIGN, ku: FOREIGN };
// پ چ گ: every language here but Arabic (whose dialects borrow them for names and loans).
const NON_ARABIC: Weights = { ar: -1.5, fa: 0.5, ur: 0.5, ps: 0.5, ku: 0.5, sd: 0.5 };

const CHAR_WEIGHTS: Array<[string, Weights]> = [
  // Arabic spelling: ta marbuta, alef maqsura, Arabic yeh and kaf, hamza seats.
  ['ة', { ar: 3, fa: -1, ur: -2, ps: -2, ku: -2.5, sd: -1.5 }],
  ['ى', { ar: 2, fa: -0.5, ur: -1, ps: -1, ku: -2, sd: -1 }],
  // Persian typed on an Arabic keyboard keeps ي and ك: a mild cost, not a veto. They tell the
  // keyboard more than the language, so they count once however often they occur (FLAT).
  ['ي', { ar: 1.2, fa: -0.5, ur: -1, ps: 0.5, ku: -1.5, sd: 0 }],
  ['ك', { ar: 1.2, fa: -0.5, ur: -1.5, ps: -1, ku: -1.5, sd: -1 }],
  ['أ', { ar: 1.5, fa: -1, ur: -2, ps: -1, ku: -2, sd: -1 }],
  ['إ', { ar: 2, fa: -1.5, ur: -2, ps: -1.5, ku: -2, sd: -1.5 }],
  ['ؤ', { ar: 0.5, fa: -0.3, ur: 0, ps: -0.5, ku: -1, sd: -0.5 }],
  ['ٱ', { ar: 1, fa: -1, ur: -1, ps: -1, ku: -1, sd: -1 }],
  // Alef madda opens many Persian and Urdu words (آن، آب، آج) and few Arabic ones.
  ['آ', { ar: -0.5, fa: 0.5, ur: 0.3, ps: 0.3, ku: -0.5, sd: 0.3 }],
  // Persian, Urdu, Pashto, Kurdish, Sindhi yeh and keheh.
  ['ی', { ar: -2.5, fa: 1, ur: 1, ps: 0.5, ku: 1, sd: 0.5 }],
  ['ک', { ar: -2.5, fa: 1, ur: 1, ps: 0.5, ku: 1, sd: 0.5 }],
  ['پ', NON_ARABIC],
  ['چ', NON_ARABIC],
  ['گ', { ar: -1.5, fa: 0.5, ur: 0.5, ps: 0, ku: 0.5, sd: 0.5 }],
  ['ژ', { ar: -2, fa: 1.5, ur: -0.3, ps: 0.5, ku: 0.5, sd: -1 }],
  // Plain heh: Urdu writes ہ and ھ instead, Sorani ە and ھ.
  ['ه', { ar: 0, fa: 0.5, ur: -1.5, ps: 0.5, ku: -0.5, sd: 0.5 }],
  ['ۀ', { ar: -2, fa: 2, ur: -2, ps: 1, ku: -2, sd: -2 }],
  ['\u0654', { ar: -0.5, fa: 1, ur: -0.3, ps: 0, ku: -0.5, sd: -0.5 }], // hamza above (Persian ezafe هٔ)
  ['\u200c', { ar: -1, fa: 1.5, ur: -0.5, ps: -0.5, ku: -0.5, sd: -0.5 }], // ZWNJ: می‌شود, کتاب‌ها
  // Urdu.
  ['ٹ', RETROFLEX_UR],
  ['ڈ', RETROFLEX_UR],
  ['ڑ', RETROFLEX_UR],
  ['ں', { ur: 3, ar: FOREIGN, fa: FOREIGN, ps: FOREIGN, ku: FOREIGN, sd: -1 }],
  ['ے', { ur: 3, ar: FOREIGN, fa: FOREIGN, ps: FOREIGN, ku: FOREIGN, sd: -1.5 }],
  ['ہ', { ur: 3, ar: FOREIGN, fa: FOREIGN, ps: -2, ku: FOREIGN, sd: -1 }],
  ['ۂ', { ur: 2, ar: FOREIGN, fa: -2, ps: -2, ku: FOREIGN, sd: -2 }],
  ['ۃ', { ur: 2, ar: FOREIGN, fa: -2, ps: -2, ku: FOREIGN, sd: -2 }],
  ['ۓ', { ur: 2, ar: FOREIGN, fa: FOREIGN, ps: FOREIGN, ku: FOREIGN, sd: -2 }],
  ['۔', { ur: 2, ar: -2, fa: -2, ps: -1, ku: -1, sd: 0 }], // Urdu full stop
  // Aspiration heh: Urdu, Sorani (as h) and Sindhi.
  ['ھ', { ur: 2, ku: 2, sd: 1, ar: -2.5, fa: -2, ps: -2 }],
  // Pashto.
  ...[...'ټډځڅښږړڼېۍګ'].map((c): [string, Weights] => [c, PASHTO]),
  // Sorani Kurdish.
  ...[...'ڕۆێڵە'].map((c): [string, Weights] => [c, SORANI]),
  ['ڤ', { ku: 2, ar: -0.5, fa: -2, ur: -2, ps: -2, sd: -2 }],
  // Sindhi.
  ...[...'ڄڃڇڏڌڍڙڦڳڱڻٺٻڀٽڊٿڪ۾'].map((c): [string, Weights] => [c, SINDHI]),
  // Letters of other Arabic-script alphabets (Uyghur ۇ ۈ ۋ, Punjabi ݨ ݪ, Kashmiri ٲ ۄ, Malay
  // Jawi ڠ ۏ ݢ): none of the six, so the models must decide.
  ...[...'ۇۈۋݨݪٲۄڠۏݢ'].map((c): [string, Weights] => [c, { ar: FOREIGN, fa: FOREIGN, ur: FOREIGN, ps: FOREIGN, ku: FOREIGN, sd: FOREIGN }]),
  // Digits: Arabic-Indic in Arab countries, the extended (Persian) forms in Iran, Afghanistan, Pakistan.
  ...[...'٠١٢٣٤٥٦٧٨٩'].map((c): [string, Weights] => [c, { ar: 0.5, fa: -0.5, ur: -0.5, ps: -0.3, ku: 0, sd: -0.3 }]),
  ...[...'۰۱۲۳۴۵۶۷۸۹'].map((c): [string, Weights] => [c, { ar: -0.5, fa: 0.3, ur: 0.3, ps: 0.3, ku: -0.3, sd: 0.3 }]),
];

// Letters nearly every sentence of a language has (Urdu ے ہ, Sorani ە, Pashto ې ښ …): a text of
// 20 letters or more with none of them is unlikely to be in it. Cost when all are missing.
const HALLMARKS: Array<[ArabicScriptLanguage, string, number]> = [
  // Arabic: the article ال (counted apart) or ة ى أ إ are in ~90% of Arabic word pairs and nearly
  // every sentence; ي and ك are not hallmarks, as Persian typed on Arabic keyboards has them too.
  ['ar', 'ةىأإ', 3],
  ['fa', 'یکپچگژۀ\u200c', 1],
  ['fa', 'هۀ\u200c', 1.3], // silent final heh (خانه), ezafe and ZWNJ: half of Persian word pairs, most sentences
  ['ur', 'ٹڈڑںےہھۂۃۓ۔', 2],
  ['ps', 'ټډځڅښږړڼېۍګ', 2],
  ['ku', 'ڕۆێڵەڤھ', 2.5],
  ['sd', 'ڄڃڇڏڌڍڙڦڳڱڻٺٻڀٽڊٿڪ۾', 2],
];
const HALLMARK_LETTERS = 20;
const FLAT = 'يك';

// Short frequent words. A word shared by two languages gets a weight in each.
const WORD_WEIGHTS: Array<[string, Weights]> = [
  // Arabic
  ...['في', 'على', 'إلى', 'الى', 'التي', 'الذي', 'الذين', 'هذا', 'هذه', 'ذلك', 'تلك', 'كانت', 'حيث', 'وفي', 'إن', 'أن', 'لم', 'لن', 'قد', 'ولا', 'منذ', 'عند', 'هناك', 'أو', 'عليه', 'إلا', 'هو', 'هي', 'كل', 'بين']
    .map((w): [string, Weights] => [w, { ar: 1.5 }]),
  ['من', { ar: 1, fa: 0.3 }],
  ['عن', { ar: 1 }],
  ['مع', { ar: 1 }],
  ['كان', { ar: 1 }],
  ['ان', { ar: 0.5 }],
  ['ما', { ar: 0.5, fa: 0.5 }], // Arabic 'what, not'; Persian 'we'
  ['لا', { ar: 0.5 }],
  ['بعد', { ar: 0.5, fa: 0.3, ur: 0.3 }],
  // Persian
  // را (object marker), است (is) and the verb prefix می have no Arabic or Urdu look-alike.
  ['را', { fa: 3 }],
  ['است', { fa: 3 }],
  ['می', { fa: 2.5 }],
  // The same words typed on an Arabic keyboard (ي ك for ی ک), none of them Arabic words.
  ['مي', { fa: 2 }],
  ['اين', { fa: 1.5 }],
  ['براي', { fa: 1.5 }],
  ['نمي', { fa: 1.5 }],
  ['هاي', { fa: 1.5 }],
  ['يك', { fa: 1 }],
  ['كه', { fa: 1.5 }],
  ...['برای', 'نیز', 'شود', 'شده', 'بود', 'کرد', 'کند', 'یک', 'این', 'آن', 'اند', 'هستند', 'نمی', 'خود', 'شد', 'باید', 'اما', 'چه', 'همه', 'دارد']
    .map((w): [string, Weights] => [w, { fa: 1.5 }]),
  ['که', { fa: 1.5, ps: 0.5 }],
  ['های', { fa: 1.5 }],
  ['ها', { fa: 1 }],
  ['از', { fa: 1.5, ps: 0.3 }],
  ['در', { fa: 1, ps: 0.3 }],
  ['به', { fa: 1, ku: 0.3 }],
  ['با', { fa: 0.7, ps: 0.3 }],
  ['تا', { fa: 0.7, ps: 0.3 }],
  ['هم', { fa: 0.5, ps: 0.5 }],
  ['او', { fa: 0.7, ps: 1.5 }],
  ['نه', { fa: 0.7, ps: 0.7 }],
  ['یا', { fa: 0.5, ur: 0.5 }],
  // Urdu
  ...['ہے', 'ہیں', 'کے', 'میں', 'اور', 'یہ', 'وہ', 'نہیں', 'سے', 'نے', 'تھا', 'تھی', 'تھے', 'بھی', 'ہو', 'لیے', 'کہ', 'گیا', 'گئی', 'رہا', 'ساتھ']
    .map((w): [string, Weights] => [w, { ur: 1.5 }]),
  ['کی', { ur: 1.5, fa: 0.3 }],
  ['کا', { ur: 1.5 }],
  ['کو', { ur: 1.5 }],
  ['پر', { ur: 1, fa: 0.3 }],
  ['کیا', { ur: 1.5 }],
  ['ایک', { ur: 1 }],
  ['جو', { ur: 1, sd: 1.5 }],
  // Pashto
  ['د', { ps: 2.5 }],
  ['په', { ps: 2.5 }],
  ['چې', { ps: 3 }],
  ['کې', { ps: 3 }],
  ['يې', { ps: 3 }],
  ['دی', { ps: 1.5 }],
  ['ده', { ps: 1, fa: 0.3 }],
  ['ته', { ps: 1.5, sd: 0.5 }],
  ['له', { ps: 1.5 }],
  ['سره', { ps: 1.5 }],
  ['دا', { ps: 1 }],
  ['شوي', { ps: 2 }],
  ['وو', { ps: 1 }],
  ['زه', { ps: 2 }],
  ['ستاسو', { ps: 2 }],
  ['هغه', { ps: 2 }],
  ['دغه', { ps: 2 }],
  ['لپاره', { ps: 2.5 }],
  ['کوي', { ps: 2 }],
  ['وايي', { ps: 2 }],
  // Sorani Kurdish (most carry Sorani letters too)
  ...['لە', 'بۆ', 'ئەو', 'ئەم', 'لەگەڵ', 'دەکات', 'نییە', 'کە', 'بە', 'هەموو', 'ئێمە'].map((w): [string, Weights] => [w, { ku: 2 }]),
  // Sindhi
  ['جي', { sd: 2 }],
  ['جا', { sd: 1.5 }],
  ['کي', { sd: 1.5 }],
  ['تي', { sd: 1.5 }],
  ['آهي', { sd: 3 }],
  ['هن', { sd: 1.5 }],
];

// Precomputed tables: one array read per character on the hot path.
const TABLE_START = 0x0600;
const TABLE_END = 0x0900; // exclusive; covers Arabic, Arabic Supplement and Extended-A
const ZWNJ = 0x200c;
const charFeature = new Uint8Array(TABLE_END - TABLE_START); // 0 = not a feature
const featureChars: string[] = [''];
const featureWeights: Float32Array[] = [new Float32Array(N)];
let zwnjFeature = 0;
for (const [ch, w] of CHAR_WEIGHTS) {
  const cp = ch.codePointAt(0) ?? 0;
  const id = featureChars.length;
  featureChars.push(ch);
  featureWeights.push(Float32Array.from(LANGS, (l) => w[l] ?? 0));
  if (cp === ZWNJ) zwnjFeature = id;
  else charFeature[cp - TABLE_START] = id;
}
const flat = Uint8Array.from(featureChars, (ch) => (ch !== '' && FLAT.includes(ch) ? 1 : 0));
const hallmarkOf: number[] = new Array<number>(featureChars.length).fill(0); // bit h: in HALLMARKS[h]
HALLMARKS.forEach(([, chars], h) => {
  for (const ch of chars) {
    const f = featureChars.indexOf(ch);
    if (f > 0) hallmarkOf[f] = (hallmarkOf[f] ?? 0) | (1 << h);
  }
});
const wordWeights = new Map<string, Float32Array>(WORD_WEIGHTS.map(([w, ws]) => [w, Float32Array.from(LANGS, (l) => ws[l] ?? 0)]));
const MAX_WORD_LENGTH = Math.max(...WORD_WEIGHTS.map(([w]) => w.length));

// Arabic-script letters (not marks, digits or punctuation) within the table range.
const isLetter = new Uint8Array(TABLE_END - TABLE_START);
for (let cp = TABLE_START; cp < TABLE_END; cp++) isLetter[cp - TABLE_START] = /\p{L}/u.test(String.fromCharCode(cp)) ? 1 : 0;

const ARTICLE_MAX = 3.2; // cap on the evidence from words with the Arabic article
const WORDS_MAX = 7.5; // cap on function-word evidence per language
// Scratch space reused by every call (the function is synchronous, so calls never overlap).
const counts = new Uint16Array(featureChars.length);
const scratchScores = new Float64Array(N);
const scratchAgainst = new Float64Array(N);
const scratchWords = new Float64Array(N);

/** Diminishing returns: one occurrence counts 1, ten count ~3.3. */
function saturate(n: number): number {
  return n <= 1 ? n : 1 + Math.log(n);
}

/**
 * Scores an Arabic-script text for Arabic, Persian, Urdu, Pashto, Sorani Kurdish and Sindhi.
 * `explain: false` skips building the evidence strings (the hot path needs only the scores).
 */
export function arabicScriptEvidence(text: string, explain = true): ArabicScriptEvidence {
  counts.fill(0);
  scratchScores.fill(0);
  scratchAgainst.fill(0);
  scratchWords.fill(0);
  const scores = scratchScores;
  const against = scratchAgainst;
  const wordScores = scratchWords;
  let letters = 0;
  let article = 0;
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x20;
    const inTable = c >= TABLE_START && c < TABLE_END;
    if (inTable) {
      const f = charFeature[c - TABLE_START] ?? 0;
      if (f !== 0) counts[f] = (counts[f] ?? 0) + 1;
    } else if (c === ZWNJ) counts[zwnjFeature] = (counts[zwnjFeature] ?? 0) + 1;
    const letter = inTable && isLetter[c - TABLE_START] === 1;
    if (letter) {
      letters++;
      if (start < 0) start = i;
    } else if (start >= 0 && !(inTable && !isLetterBoundary(c))) {
      // Only short words can be function words: longer ones are not cut out of the text.
      if (i - start <= MAX_WORD_LENGTH || explain) {
        const word = text.slice(start, i);
        if (explain) words.push(word);
        const ww = wordWeights.get(word);
        if (ww) for (let l = 0; l < N; l++) wordScores[l] = (wordScores[l] ?? 0) + (ww[l] ?? 0);
      }
      if (hasArticle(text, start, i)) article++;
      start = -1;
    }
  }
  const evidence = emptyEvidence();
  let hallmarks = article > 0 ? 1 : 0; // the article is Arabic's hallmark too (HALLMARKS[0])
  for (let f = 1; f < counts.length; f++) {
    const n = counts[f] ?? 0;
    if (n === 0) continue;
    hallmarks |= hallmarkOf[f] ?? 0;
    const s = flat[f] === 1 ? 1 : saturate(n);
    const w = featureWeights[f];
    if (!w) continue;
    for (let l = 0; l < N; l++) {
      const wl = w[l] ?? 0;
      if (wl === 0) continue;
      scores[l] = (scores[l] ?? 0) + wl * s;
      if (wl < 0) against[l] = (against[l] ?? 0) + wl * s;
      const lang = LANGS[l];
      if (explain && lang) evidence[lang].push(`${wl > 0 ? '' : '-'}${label(featureChars[f] ?? '')}${n > 1 ? `×${n}` : ''}`);
    }
  }
  for (let l = 0; l < N; l++) {
    const ws = Math.min(WORDS_MAX, wordScores[l] ?? 0);
    if (ws > 0) scores[l] = (scores[l] ?? 0) + ws;
  }
  if (article > 0) {
    // The article ال (also after و ب ف ك ل): Arabic; Persian and Urdu keep it only in loan phrases.
    scores[0] = (scores[0] ?? 0) + Math.min(ARTICLE_MAX, 0.8 * article);
    if (explain) evidence.ar.push(`ال-×${article}`);
  }
  const scale = Math.min(1, letters / HALLMARK_LETTERS);
  for (let h = 0; h < HALLMARKS.length; h++) {
    const [lang, chars, cost] = HALLMARKS[h] ?? ['ar', '', 0];
    if ((hallmarks & (1 << h)) !== 0 || letters < 4) continue;
    const l = LANGS.indexOf(lang);
    scores[l] = (scores[l] ?? 0) - cost * scale;
    if (explain) evidence[lang].push(`-none of ${chars.replace('\u200c', 'ZWNJ')}`);
  }
  if (explain && words.length > 0) explainWords(words, evidence);
  return finish(scores, against, evidence, letters);
}

// Inside an Arabic-script word: marks (tashkeel), tatweel and the like are not boundaries.
function isLetterBoundary(c: number): boolean {
  // digits, punctuation and signs in the Arabic block end a word; combining marks (064B–065F,
  // 0670, 06D6–06ED) and tatweel (0640) do not.
  if (c === 0x0640 || (c >= 0x064b && c <= 0x065f) || c === 0x0670 || (c >= 0x06d6 && c <= 0x06ed)) return false;
  return true;
}

const ALEF = 0x0627;
const LAM = 0x0644;

/** Whether text[start, end) starts with the article: ال or لل, or و ب ف ك before ال. */
function hasArticle(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 4) return false;
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  if ((a === ALEF || a === LAM) && b === LAM) return true;
  return (a === 0x0648 || a === 0x0628 || a === 0x0641 || a === 0x0643) && b === ALEF && text.charCodeAt(start + 2) === LAM && length >= 5;
}

function explainWords(words: string[], evidence: Record<ArabicScriptLanguage, string[]>): void {
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w)) continue;
    seen.add(w);
    const ww = wordWeights.get(w);
    if (!ww) continue;
    for (let l = 0; l < N; l++) {
      const lang = LANGS[l];
      if (lang && (ww[l] ?? 0) > 0) evidence[lang].push(`word ${w}`);
    }
  }
}

function label(ch: string): string {
  return ch === '\u200c' ? 'ZWNJ' : ch === '\u0654' ? 'hamza above' : ch;
}

function emptyEvidence(): Record<ArabicScriptLanguage, string[]> {
  return { ar: [], fa: [], ur: [], ps: [], ku: [], sd: [] };
}

function finish(raw: Float64Array, rawAgainst: Float64Array, evidence: Record<ArabicScriptLanguage, string[]>, letters: number): ArabicScriptEvidence {
  const scores = { ar: 0, fa: 0, ur: 0, ps: 0, ku: 0, sd: 0 } satisfies Record<ArabicScriptLanguage, number>;
  const against = { ar: 0, fa: 0, ur: 0, ps: 0, ku: 0, sd: 0 } satisfies Record<ArabicScriptLanguage, number>;
  let top: ArabicScriptLanguage = 'ar';
  let topScore = -Infinity;
  let second = -Infinity;
  for (let l = 0; l < N; l++) {
    const lang = LANGS[l];
    if (!lang) continue;
    const s = Math.round((raw[l] ?? 0) * 100) / 100;
    scores[lang] = s;
    against[lang] = Math.round((rawAgainst[l] ?? 0) * 100) / 100;
    if (s > topScore) {
      second = topScore;
      topScore = s;
      top = lang;
    } else if (s > second) second = s;
  }
  const margin = topScore - second;
  return { scores, against, evidence, letters, best: margin >= DECISIVE_MARGIN ? top : null, margin };
}

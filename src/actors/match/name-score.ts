import { keyDistance, keySimilarity } from './key-similarity.js';
import type { IndexedAlias, NameIndex } from './name-index.js';
import { type NameForm, type NameToken, joinedKey, joinedReading } from './name-form.js';
import { isLatinTypo, SIM_SYLLABLE, SIM_TYPO, sameSyllable } from './spelling-slips.js';

/** How one query word met one alias word. */
export type WordRelation = 'same' | 'variant' | 'script' | 'near' | 'typo' | 'syllable' | 'clash' | 'translation' | 'other-alias' | 'joined';

export interface WordMatch {
  query: NameToken;
  /** The alias word, or undefined when the word was found in another alias of the same actor. */
  alias: NameToken | undefined;
  sim: number;
  relation: WordRelation;
  /** For `joined`: the next word of the side that wrote the two words (the query's or the alias's). */
  joined?: { token: NameToken; side: 'query' | 'alias' };
}

/** A query compared with one alias. */
export interface AliasScore {
  alias: IndexedAlias;
  score: number;
  /** Weighted share of the query's words that the alias (or its actor) accounts for. */
  queryCoverage: number;
  /** Weighted share of the alias's words that the query accounts for. */
  aliasCoverage: number;
  /** Weighted share of the query's words matched at all (however closely). */
  queryMatched: number;
  /** Weighted share of the alias's words matched at all. */
  aliasMatched: number;
  /** Information of the matched query words, on the scale of a word only one actor uses (1). */
  information: number;
  /** Weight of the rarest matched query word, on the same scale. */
  rarest: number;
  /** Every content word of the query is a common given name (Ahmed Hassan, Mohamed Salah). */
  commonOnly: boolean;
  /** Information of the alias words the query does not give, on the same scale. */
  missingInformation: number;
  /** The query's one word is the alias's last word (a surname, a nisba, a group's name). */
  lastWord: boolean;
  /** The alias names a person (word order varies) rather than a group (it does not). */
  person: boolean;
  matches: WordMatch[];
  /** Alias words the query does not give (a partial name). */
  missing: NameToken[];
  /** Query words found nowhere in the actor's names. */
  extra: NameToken[];
  reordered: boolean;
  /** `exact`: same normalized text; `compact`: same key written as one word; `words`: word by word. */
  basis: 'exact' | 'compact' | 'words';
  /** For `compact`: the one-word key the two names share (an article's l kept or not). */
  compactKey?: string;
}

const SCORE_EXACT = 1;
const SCORE_COMPACT = 0.95;
export const SIM_VARIANT = 0.97;
const MIN_READING_SIMILARITY = 0.6;
/** Names compared written as one word must read closer (Taha Hussein is not Tahsin). */
const MIN_COMPACT_READING = 0.8;
const SIM_CLASH = 0.75;
const SIM_SHORT_CLASH = 0.6;
const SIM_TRANSLATION = 0.9;
/** Two script forms whose keys are one sound-alike swap apart (see `wordSimilarity`). */
const SIM_SCRIPT_SWAP = 0.9;
/** A word of an organisation's name in the singular for the plural or back (`isPluralOf`). */
const SIM_PLURAL = 0.9;
const NEAR_FACTOR = 0.92;
const SIM_OTHER_ALIAS = 0.85;
const REORDER_FACTOR = 0.97;
const LOW_QUALITY_FACTOR = 0.9;
/** Kunyas (Abu Ali) and weak a.k.a.s name many people: a match on one alone counts for less. */
const KIND_FACTOR: Readonly<Record<string, number>> = { kunya: 0.85, weak: 0.9 };

/** What an alias's kind and the list's quality mark leave of a full score (fixed per alias). */
export function aliasFactor(confidence: number, kind: string): number {
  return (confidence < 1 ? LOW_QUALITY_FACTOR : 1) * (KIND_FACTOR[kind] ?? 1);
}

/** Normalized edit similarity of two Latin readings. */
function readingSimilarity(a: string, b: string): number {
  const m = Math.max(a.length, b.length);
  return m === 0 ? 1 : 1 - keyDistance(a, b) / m;
}


/** Where a reading has vowels: each vowel as `a`, each consonant (glides included) as `C`. */
function vowelFrame(reading: string): string {
  return reading.replace(/[aiu]/g, 'a').replace(/[^a]/g, 'C');
}

/** Whether `inner` can be had from `outer` by leaving letters out. */
function isSubsequence(inner: string, outer: string): boolean {
  let k = 0;
  for (let i = 0; i < outer.length && k < inner.length; i++) if (outer.charAt(i) === inner.charAt(k)) k++;
  return k === inner.length;
}

/**
 * Unvocalized Arabic writes long vowels only, so the reading romanized from it lacks the short
 * vowels and the glides a Latin spelling gives (نظر Nazr for Nazir, انور Anur for Anwar, نیازی
 * Niyazi for Nyazi): across scripts, the Arabic word's vowels need only appear in the Latin
 * spelling's, in order, with its final vowel (a nisba -i, a final -u, a final -a that Arabic writes
 * ة ا ى or ه: گوگوش is not Googoosha) the same. The consonants are the key's business.
 */
export function readsAcrossScripts(q: NameToken, a: NameToken): boolean {
  if (q.arabic === a.arabic) return false;
  // (a word after the article may carry the case vowel that lists write into group names and
  // Arabic does not: الذهب, al-Dhahaba)
  return fitsAcross(q.arabic, q.latin, a.latin, q.article || a.article);
}

/** `arabicFitsLatin` on two readings from different scripts, whichever of them is the Arabic one. */
function fitsAcross(firstArabic: boolean, first: string, second: string, caseVowel = false): boolean {
  return firstArabic ? arabicFitsLatin(first, second, caseVowel) : arabicFitsLatin(second, first, caseVowel);
}

/** A reading's final vowel (a, i or u; a case vowel after the article aside), or '' for a final consonant. */
function finalVowel(r: string, caseVowel = false): string {
  return (caseVowel ? /[iu]$/ : /[iua]$/).test(r) ? r.charAt(r.length - 1) : '';
}

/** The reading check of `readsAcrossScripts`, on the readings (of a word or of a name run together). */
function arabicFitsLatin(arabic: string, latin: string, caseVowel: boolean): boolean {
  return finalVowel(arabic, caseVowel) === finalVowel(latin, caseVowel) && isSubsequence(vowelFrame(arabic), vowelFrame(latin));
}

/**
 * Whether a name written as one word reads like the query run together: closely within a script;
 * across scripts, with the Arabic vowels found in the Latin spelling (طه حسين is not Tahsin).
 */
function compactReadsAlike(ctx: QueryContext, alias: IndexedAlias): boolean {
  const queryArabic = ctx.form.tokens[0]?.arabic ?? false;
  const aliasArabic = alias.form.tokens[0]?.arabic ?? false;
  if (queryArabic === aliasArabic) return readingSimilarity(ctx.joinedReading, alias.joinedReading) >= MIN_COMPACT_READING;
  return fitsAcross(queryArabic, ctx.joinedReading, alias.joinedReading);
}

/**
 * Same skeleton, but are they the same word? The skeleton drops vowels and final ي, so the Latin
 * readings are checked too: Salah and Syawal (both SL), Oscar and Askari (both ASKR), PMU and BMI
 * share a key but not a name; Soleimani (nisba, final -i) is not Souleiman. Across scripts the
 * Arabic reading is checked against the Latin one for what Arabic writes (`readsAcrossScripts`),
 * except for common given names, whose spellings must read alike (محمود is not Muhammad).
 */
export function sameKeySimilarity(q: NameToken, a: NameToken, commonName = false, particle = false): number {
  if (q.latin === a.latin || particle) return SIM_VARIANT;
  if (!commonName && readsAcrossScripts(q, a)) return SIM_VARIANT;
  const clash = q.key.length <= 2 ? SIM_SHORT_CLASH : SIM_CLASH;
  // short words and common given names must read alike exactly (Mahmoud is not Muhammad)
  if (commonName || Math.min(q.latin.length, a.latin.length) <= 4) return clash;
  if (readingSimilarity(q.latin, a.latin) < MIN_READING_SIMILARITY) return clash;
  // a nisba is not the name it is made from (Soleimani, Souleiman; Jazairi, Jazeera)
  if (q.latin.endsWith('i') !== a.latin.endsWith('i')) return clash;
  // nor a feminine or a longer name the name itself (Samer, Samara; Karim, Karima; فيروز, Firouzeh):
  // a final vowel is written in Arabic script too (ة ا ى ه ي و)
  if ((finalVowel(q.latin) === '') !== (finalVowel(a.latin) === '')) return clash;
  return SIM_VARIANT;
}

/** What is compared of one query against every shortlisted alias, worked out once per query. */
export interface QueryContext {
  form: NameForm;
  /** Weight of each token (see `NameIndex.weight`). */
  weights: number[];
  /** Per token (undefined for function words): keys of near spellings and of sound-alike swaps, with their similarity. */
  near: Array<Map<string, number> | undefined>;
  swaps: Array<Map<string, number> | undefined>;
  /** Per token: keys of listed words one slip of the pen away (`NameIndex.typos`). */
  typos: string[][];
  /** Every content word is a common given name (see `AliasScore.commonOnly`). */
  commonOnly: boolean;
  /** Per token: a common given name (see `NameIndex.isCommonGivenName`). */
  commonGiven: boolean[];
  contentWords: number;
  joinedReading: string;
  /** The query's last content word. */
  last: NameToken | undefined;
}

/** Takes a query apart for scoring once, rather than again for every alias it is compared with. */
export function queryContext(index: NameIndex, form: NameForm): QueryContext {
  const content = form.tokens.filter((t) => !t.stop);
  return {
    form,
    weights: form.tokens.map(index.weight),
    near: form.tokens.map((t) => (t.stop ? undefined : index.near(t.key))),
    swaps: form.tokens.map((t) => (t.stop ? undefined : index.swaps(t.key))),
    typos: form.tokens.map(index.typos),
    commonOnly: content.every(index.isCommonName),
    commonGiven: form.tokens.map(index.isCommonGivenName),
    contentWords: content.length,
    joinedReading: joinedReading(form),
    last: lastContentWord(form.tokens),
  };
}

/** Arabic letters that romanizations write with more than one consonant: ض ذ ظ as d, z or dh, ث as th or s, ق as q or g. */
const VARIABLY_READ = /[ضذظثق]/;

/**
 * Two script forms of one word whose keys are one sound-alike swap apart (see `NameIndex.swaps`):
 * a consonant swapped only when the Arabic word has a letter read more than one way (ض and ذ as z
 * in Persian and Urdu: عوض Ewaz; ق as g: قاسمي Gasmi; not ش as s); a letter added or dropped (a
 * glued article: الصيد Elsseid; a written ة or final ه: طه Taha) always. The vowels must agree as
 * `readsAcrossScripts` asks.
 */
function swapAcrossScripts(q: NameToken, a: NameToken): boolean {
  const arabic = q.arabic ? q : a;
  if (q.key.length === a.key.length && !VARIABLY_READ.test(arabic.text)) return false;
  return readsAcrossScripts(q, a);
}

/**
 * One Latin word the plural of the other (SHIP and SHIPS, SECOUR and SECOURS): organisations are
 * listed with either; people's names have no plural (Idris is not Idri), so only for them.
 */
export function isPluralOf(q: NameToken, a: NameToken): boolean {
  if (q.arabic || a.arabic || Math.abs(q.key.length - a.key.length) !== 1) return false;
  const [one, many] = q.key.length < a.key.length ? [q, a] : [a, q];
  return one.key.length >= 2 && many.key === `${one.key}S` && many.text === `${one.text}s`;
}

/** How query word `i` meets an alias word. */
function wordSimilarity(index: NameIndex, ctx: QueryContext, i: number, q: NameToken, a: NameToken, alias: IndexedAlias): [number, WordRelation] {
  const organisation = !alias.person;
  if (q.stop || a.stop) return q.text === a.text ? [1, 'same'] : [0, 'same'];
  if (q.key === a.key) {
    if (q.text === a.text) return [1, 'same'];
    // (Abu, Ibn, Abd lead into a name: a last word is a name of its own, Aban is not Ibn)
    const particle = index.isParticle(q.key) && q !== ctx.last && a !== alias.lastContent;
    const sim = sameKeySimilarity(q, a, index.isCommonGivenName(q) || index.isCommonGivenName(a), particle);
    return [sim, sim < SIM_VARIANT ? 'clash' : q.arabic === a.arabic ? 'variant' : 'script'];
  }
  if ((q.calque !== undefined && (q.calque === a.key || q.calque === a.calque)) || (a.calque !== undefined && a.calque === q.key)) {
    return [SIM_TRANSLATION, 'translation'];
  }
  if (organisation && isPluralOf(q, a)) return [SIM_PLURAL, 'near'];
  if (q.arabic !== a.arabic && ctx.swaps[i]?.has(a.key) === true && !ctx.commonGiven[i] && !index.isCommonGivenName(a) && swapAcrossScripts(q, a)) {
    return [SIM_SCRIPT_SWAP, 'script'];
  }
  if (sameSyllable(q, a)) return [SIM_SYLLABLE, 'syllable'];
  const near = ctx.near[i]?.get(a.key) ?? ctx.swaps[i]?.get(a.key) ?? 0;
  // one slip of the pen may also leave a near key, further than the word itself moved (REZWAN RZN, REZVAN RZFN)
  const typo = isLatinTypo(q, a, ctx.commonGiven[i] === true || index.isCommonGivenName(a));
  if (near === 0) return typo ? [SIM_TYPO, 'typo'] : [0, 'near'];
  // a near spelling must still read like the word, nisba ending included (Nasr is not Nazari);
  // an article glued on is read without it (ALZROONI, AL ZAROONI)
  if (readingSimilarity(withoutGluedArticle(q, a), withoutGluedArticle(a, q)) < MIN_READING_SIMILARITY) return [0, 'near'];
  if (q.key.length === a.key.length && q.latin.endsWith('i') !== a.latin.endsWith('i')) return [0, 'near'];
  return typo && SIM_TYPO > near * NEAR_FACTOR ? [SIM_TYPO, 'typo'] : [near * NEAR_FACTOR, 'near'];
}

/** The reading of `t` without the article glued on in front, when the other word's key is `t`'s without it. */
function withoutGluedArticle(t: NameToken, other: NameToken): string {
  return t.key.startsWith('AL') && other.key === t.key.slice(2) && /^[ae]l/.test(t.latin) ? t.latin.slice(2) : t.latin;
}

// East Slavic and Turkic patronymics (Arkadyevich, Ivanovna, Aliyev oglu): lists give them, most
// other sources leave them out, so a name without one is hardly a partial name.
const SLAVIC_ENDINGS = 'ovich|evich|ovych|evych|ovna|evna|ivna|ichna';
const PATRONYMIC = new RegExp(`^[a-z]{3,}(?:${SLAVIC_ENDINGS}|ogly|oglu|uly|kyzy|qizi)$`);
const SLAVIC_PATRONYMIC = new RegExp(`^[a-z]{3,}(?:${SLAVIC_ENDINGS})$`);
/** Share of a left-out patronymic's weight not counted against a partial name. */
const PATRONYMIC_SPARED = 0.75;

/** Weight of a person alias's patronymics that the query left out. */
function patronymicWeight(alias: IndexedAlias, aUsed: ArrayLike<number>): number {
  if (!alias.person) return 0;
  let w = 0;
  const tokens = alias.form.tokens;
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (t !== undefined && (aUsed[j] ?? 0) === 0 && !t.stop && !t.arabic && PATRONYMIC.test(t.text)) w += alias.weights[j] ?? 0;
  }
  return w;
}

/**
 * A query's patronymic (Gennadievich) when the person alias gives none (NAZARENKO, Yuri): as
 * with a patronymic the query leaves out, the name is not the less the same for it. One that
 * differs from the alias's own patronymic still counts against the match.
 */
function isSparedPatronymic(q: NameToken, query: NameForm, alias: IndexedAlias): boolean {
  // (East Slavic ones only: a Turkic -oglu is as often a surname, Davutoglu; and never the last
  // word of the name in running order, which is the surname: Kazakevich, Televich)
  // (and only beside a given name and a surname: Ibrahimovic Jess is not Sayed Ghias)
  if (!alias.person || alias.contentWords < 2 || q.stop || q.arabic || !SLAVIC_PATRONYMIC.test(q.text) || q === lastContentWord(query.tokens)) return false;
  const last = alias.lastContent;
  return !alias.form.tokens.some((t) => t !== last && !t.stop && !t.arabic && PATRONYMIC.test(t.text));
}

function lastContentWord(tokens: readonly NameToken[]): NameToken | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]?.stop === false) return tokens[i];
  return undefined;
}

/** Consonants from which a key two words share run together says enough without its vowels. */
const LONG_JOINED_KEY = 5;

/**
 * Words that one name writes as one and the other as two (Akhunzada, آخوند زاده; Hameedul,
 * Hameed ul; Faizullah, فیض الله), among the words the one-to-one alignment left unmatched or,
 * across scripts, matched only loosely (Akhunzada to آخوند as a near spelling, زاده left over): a word whose key
 * is the two neighbours' keys run together (or one sound-alike edit from it).
 */
function joinWords(q: readonly NameToken[], a: readonly NameToken[], qUsed: Int32Array, aUsed: Uint8Array, aSecond: Int32Array, qHalfOf: Int32Array, sims: Float64Array): void {
  const free = (t: NameToken | undefined): t is NameToken => t !== undefined && !t.stop;
  const fits = (one: NameToken, first: NameToken, second: NameToken): boolean => {
    const key = joinedKey(first, second);
    if (key.length < 3 || (key !== one.key && keySimilarity(key, one.key) === 0)) return false;
    // and it reads alike, as a name run together must (طه حسين is not Tahsin); across scripts a
    // consonant the run-together spelling drops (Akhunzada, آخوند زاده) or a vowel the
    // romanization of the two words puts between them moves the vowel frame, so only the final
    // vowel is asked of a near key or of a long one (five consonants or more: AKHUNDZADA)
    const reading = first.latin + second.latin;
    if (one.arabic === first.arabic) return readingSimilarity(reading, one.latin) >= MIN_COMPACT_READING;
    const loose = key !== one.key || key.length >= LONG_JOINED_KEY;
    return loose ? finalVowel(reading) === finalVowel(one.latin) : fitsAcross(first.arabic, reading, one.latin);
  };
  for (let i = 0; i < q.length; i++) {
    const qt = q[i];
    const now = qUsed[i] ?? -1;
    if (!free(qt) || (now >= 0 && (sims[i * a.length + now] ?? 0) >= SIM_VARIANT)) continue;
    // (the alias word it took loosely may be one of the two; only across scripts, where a
    // near key is a consonant the romanization dropped: OOO VO TECHNOPROMEXPORT is not one word)
    const open = (j: number): boolean => !aUsed[j] || j === now;
    for (let j = 0; j + 1 < a.length; j++) {
      const first = a[j];
      const second = a[j + 1];
      if (!open(j) || !open(j + 1) || !free(first) || !free(second) || (now >= 0 && first.arabic === qt.arabic) || !fits(qt, first, second)) continue;
      if (now >= 0) aUsed[now] = 0;
      qUsed[i] = j;
      aSecond[i] = j + 1;
      aUsed[j] = 1;
      aUsed[j + 1] = 1;
      break;
    }
  }
  for (let i = 0; i + 1 < q.length; i++) {
    const first = q[i];
    const second = q[i + 1];
    if ((qUsed[i] ?? -1) >= 0 || (qUsed[i + 1] ?? -1) >= 0 || !free(first) || !free(second)) continue;
    for (let j = 0; j < a.length; j++) {
      const at = a[j];
      if (aUsed[j] || !free(at) || !fits(at, first, second)) continue;
      qUsed[i] = j;
      qHalfOf[i + 1] = i;
      aUsed[j] = 1;
      break;
    }
  }
}

/**
 * Whether two names have the same content words, key for key, in order: then the word-by-word
 * score is the whole story, and their compacts agree trivially. Names with as many words cut at
 * other places are for the compact comparison only around a glued article (Fazlur Rehman, Fazl
 * ur-Rahman; not Kamel Daoud, Kamal Awad).
 */
function sameWordKeys(q: NameForm, a: NameForm): boolean {
  let j = 0;
  for (const t of q.tokens) {
    if (t.stop) continue;
    while (j < a.tokens.length && a.tokens[j]?.stop === true) j++;
    if (a.tokens[j]?.key !== t.key) return false;
    j++;
  }
  while (j < a.tokens.length && a.tokens[j]?.stop === true) j++;
  return j === a.tokens.length;
}

// A word that ends in an article glued on from the next word (Fazlur Rehman, Hameedul Hasan,
// Amirol Momenin): the same number of words can then be cut at other places.
const GLUED_ARTICLE_END = /^[a-z]{3,}(?:ul|ur|ol)$/;

function gluedArticle(form: NameForm): boolean {
  return form.tokens.some((t) => !t.stop && !t.arabic && GLUED_ARTICLE_END.test(t.text));
}

/** The one-word key two names share, the l of a dropped article kept on either side or none; undefined if none. */
function sharedCompact(q: NameForm, a: NameForm): string | undefined {
  if (q.compact === a.compact || q.compact === a.compactArticled) return q.compact;
  return q.compactArticled === a.compact ? a.compact : undefined;
}

/**
 * Whether the two names are cut into words at other places, so that their one-word keys say
 * more than their words: other word counts, an article's l kept on one side, or the same count
 * around a glued article.
 */
function cutElsewhere(ctx: QueryContext, alias: IndexedAlias, shared: string): boolean {
  const query = ctx.form;
  if (ctx.contentWords !== alias.contentWords || shared !== query.compact || shared !== alias.form.compact) return true;
  return !sameWordKeys(query, alias.form) && (gluedArticle(query) || gluedArticle(alias.form));
}

/**
 * Whether query word `i`, left without a partner, has a key that this alias holds but another
 * query word already took: then it is not "in another name" of the actor (Brolin Bourillon is
 * not BRELYAN twice), unless some name of the actor holds the key twice (Hamid Hamad Hamid
 * al-Ali), or it is the second half of the word its neighbour took (لا لا, LALA).
 */
function spentTwice(index: NameIndex, alias: IndexedAlias, q: readonly NameToken[], i: number, qUsed: Int32Array): boolean {
  const qt = q[i];
  const a = alias.form.tokens;
  if (qt === undefined || !a.some((t) => t.key === qt.key) || index.actorRepeatedKeys[alias.actor]?.has(qt.key) === true) return false;
  const prev = q[i - 1];
  const took = a[qUsed[i - 1] ?? -1];
  return !(prev !== undefined && took !== undefined && joinedKey(prev, qt) === took.key);
}

/** Compares a query with one alias: words aligned one to one, best pairs first. */
const WHOLE = { queryCoverage: 1, aliasCoverage: 1, queryMatched: 1, aliasMatched: 1, missing: [], extra: [] };

// Scratch for one comparison: the word-similarity matrix, and the alignment (the alias word
// each query word took, -1 for none; whether each alias word is taken).
let SIMS = new Float64Array(64);
let RELS = new Array<WordRelation>(64).fill('same');
let Q_USED = new Int32Array(16);
let A_USED = new Uint8Array(16);
// Words one side writes as two (see `joinWords`): the second alias word of query word i's match,
// and for a query word taken as the second half of its neighbour's match, that neighbour.
let A_SECOND = new Int32Array(16);
let Q_HALF_OF = new Int32Array(16);
/** Similarity of two words written as one on one side, by how alike the keys are. */
const SIM_JOINED = 0.95;

export function scoreAlias(index: NameIndex, ctx: QueryContext, alias: IndexedAlias): AliasScore {
  const { form: query, weights: qWeights } = ctx;
  const confidence = alias.factor;
  const q = query.tokens;
  const a = alias.form.tokens;
  // word-by-word similarities, then a greedy one-to-one alignment, best pairs first (names
  // are a few words long: no allocation beyond the small result arrays)
  const cells = q.length * a.length;
  if (SIMS.length < cells) {
    SIMS = new Float64Array(cells * 2);
    RELS = new Array<WordRelation>(cells * 2).fill('same');
  }
  if (Q_USED.length < q.length) {
    Q_USED = new Int32Array(q.length * 2);
    A_SECOND = new Int32Array(q.length * 2);
    Q_HALF_OF = new Int32Array(q.length * 2);
  }
  if (A_USED.length < a.length) A_USED = new Uint8Array(a.length * 2);
  for (let i = 0; i < q.length; i++) {
    const qt = q[i];
    for (let j = 0; j < a.length; j++) {
      const at = a[j];
      const [sim, relation] = qt === undefined || at === undefined ? [0, 'same' as const] : wordSimilarity(index, ctx, i, qt, at, alias);
      SIMS[i * a.length + j] = sim;
      RELS[i * a.length + j] = relation;
    }
  }
  const qUsed = Q_USED.fill(-1, 0, q.length);
  const aUsed = A_USED.fill(0, 0, a.length);
  for (let round = Math.min(q.length, a.length); round > 0; round--) {
    let bi = -1;
    let bj = -1;
    let bs = 0;
    for (let i = 0; i < q.length; i++) {
      if (qUsed[i] !== -1) continue;
      for (let j = 0; j < a.length; j++) {
        const sim = SIMS[i * a.length + j] ?? 0;
        if (!aUsed[j] && sim > bs) {
          bs = sim;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    qUsed[bi] = bj;
    aUsed[bj] = 1;
  }

  const aSecond = A_SECOND.fill(-1, 0, q.length);
  const qHalfOf = Q_HALF_OF.fill(-1, 0, q.length);
  joinWords(q, a, qUsed, aUsed, aSecond, qHalfOf, SIMS);

  const actorKeys = index.actorKeys[alias.actor];
  let matchedQ = 0;
  let matchedA = 0;
  let hitQ = 0;
  let hitA = 0;
  let totalQ = 0;
  let rarest = 0;
  let lastJ = -1;
  let reordered = false;
  const matches: WordMatch[] = [];
  const extra: NameToken[] = [];
  for (let i = 0; i < q.length; i++) {
    const qt = q[i];
    const w = qWeights[i] ?? 0;
    if (qt === undefined) continue;
    totalQ += w;
    const j = qUsed[i] ?? -1;
    const half = qHalfOf[i] ?? -1;
    if (half >= 0) {
      // the second of two query words the alias writes as one: counted with the first
      matchedQ += w * SIM_JOINED;
      hitQ += w;
    } else if (j >= 0) {
      const second = aSecond[i] ?? -1;
      const joinedQuery = i + 1 < q.length && qHalfOf[i + 1] === i;
      const sim = second >= 0 || joinedQuery ? SIM_JOINED : (SIMS[i * a.length + j] ?? 0);
      const aWeight = (alias.weights[j] ?? 0) + (second >= 0 ? (alias.weights[second] ?? 0) : 0);
      matchedQ += w * sim;
      matchedA += aWeight * sim;
      hitQ += w;
      hitA += aWeight;
      if (!qt.stop) rarest = Math.max(rarest, w);
      if (j < lastJ) reordered = true;
      lastJ = second >= 0 ? second : j;
      const other = second >= 0 ? a[second] : joinedQuery ? q[i + 1] : undefined;
      if (other !== undefined) matches.push({ query: qt, alias: a[j], sim, relation: 'joined', joined: { token: other, side: second >= 0 ? 'alias' : 'query' } });
      else matches.push({ query: qt, alias: a[j], sim, relation: RELS[i * a.length + j] ?? 'same' });
    } else if (
      !qt.stop &&
      actorKeys !== undefined &&
      (actorKeys.has(qt.key) || (qt.calque !== undefined && actorKeys.has(qt.calque))) &&
      !spentTwice(index, alias, q, i, qUsed)
    ) {
      matchedQ += w * SIM_OTHER_ALIAS;
      hitQ += w;
      matches.push({ query: qt, alias: undefined, sim: SIM_OTHER_ALIAS, relation: 'other-alias' });
    } else if (isSparedPatronymic(qt, query, alias)) {
      // a patronymic the alias has none of: the list left it out, as most sources do
      totalQ -= w;
    } else if (!qt.stop) extra.push(qt);
  }
  const missing = a.filter((t, j) => !aUsed[j] && !t.stop);
  const queryCoverage = totalQ > 0 ? matchedQ / totalQ : 0;
  const aliasCoverage = alias.total > 0 ? matchedA / alias.total : 0;
  const base = totalQ + alias.total > 0 ? (matchedQ + matchedA) / (totalQ + alias.total) : 0;
  const words: AliasScore = {
    alias,
    score: Math.min(1, base * (reordered ? REORDER_FACTOR : 1) * confidence),
    queryCoverage,
    aliasCoverage,
    queryMatched: totalQ > 0 ? hitQ / totalQ : 0,
    aliasMatched: alias.total > 0 ? hitA / alias.total : 0,
    information: matchedQ / index.rareWeight,
    commonOnly: ctx.commonOnly,
    missingInformation: (alias.total - hitA - PATRONYMIC_SPARED * patronymicWeight(alias, aUsed)) / index.rareWeight,
    person: alias.person,
    lastWord: matches.length === 1 && matches[0]?.alias !== undefined && matches[0].alias === alias.lastContent,
    rarest: rarest / index.rareWeight,
    matches,
    missing,
    extra,
    reordered,
    basis: 'words',
  };
  if (query.normalized === alias.form.normalized) {
    return { ...words, score: SCORE_EXACT * confidence, ...WHOLE, basis: 'exact' };
  }
  const shared = query.compact.length >= 3 ? sharedCompact(query, alias.form) : undefined;
  if (shared !== undefined && cutElsewhere(ctx, alias, shared) && words.score < SCORE_COMPACT * confidence && compactReadsAlike(ctx, alias)) {
    return { ...words, score: SCORE_COMPACT * confidence, ...WHOLE, basis: 'compact', compactKey: shared };
  }
  return words;
}


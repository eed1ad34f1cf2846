import type { RegistryActor } from '../../store/actor.repository.js';
import { type SkeletonCache, skeletonTokens } from '../../text/name-skeleton.js';
import { deletions, keySimilarity } from './key-similarity.js';
import { type NameForm, type NameToken, joinedKey, joinedReading, nameForm } from './name-form.js';
import { aliasFactor } from './name-score.js';
import { isLatinTypo, TYPO_MIN_LETTERS } from './spelling-slips.js';

/** One alias in the index, taken apart once. */
export interface IndexedAlias {
  /** Position of its actor in `NameIndex.actors`. */
  actor: number;
  alias: string;
  kind: string;
  confidence: number;
  form: NameForm;
  /** Weight of each token (information of its key), and their sum. */
  weights: number[];
  total: number;
  /** What its kind and quality leave of a full score (`aliasFactor`). */
  factor: number;
  /** Its actor is a person (word order varies) rather than a group. */
  person: boolean;
  /** Its last word that is not a function word (a surname, a nisba, a group's name). */
  lastContent: NameToken | undefined;
  /** How many of its words are not function words. */
  contentWords: number;
  /** The Latin readings of those words run together, for names compared written as one word. */
  joinedReading: string;
}

/**
 * The registry as an in-memory index for name matching: aliases by skeleton key of each word
 * (and by the key of the word it translates), by normalized text and by one-word key, plus a
 * deletion index over word keys for near spellings. Built once; lookups never scan the aliases.
 */
export interface NameIndex {
  actors: RegistryActor[];
  aliases: IndexedAlias[];
  /** Each alias's total word weight, contiguous for the shortlist's hot loop. */
  aliasTotals: Float64Array;
  /** Each alias's actor (position in `actors`), contiguous for the same loop. */
  aliasActors: Int32Array;
  /** Every word key and calque key of each actor, for words a query takes from another alias. */
  actorKeys: Array<Set<string>>;
  /** Word keys some alias of the actor holds twice or more (Hamid Hamad Hamid: HMD). */
  actorRepeatedKeys: Array<Set<string>>;
  postings: Map<string, number[]>;
  /** Aliases by word key and vowel shape (`ASKR|askari`): the closer spellings among a key's aliases. */
  shapePostings: Map<string, number[]>;
  byNormalized: Map<string, number[]>;
  byCompact: Map<string, number[]>;
  /** Aliases by the key of two neighbouring words run together (آخوند زاده as AKHUNDZADA). */
  pairPostings: Map<string, number[]>;
  /** Weight of a key only one actor uses: the scale partial-name thresholds are measured on. */
  rareWeight: number;
  /** How many actors use a word key in any of their names. */
  actorCount: (key: string) => number;
  /** Weight of a key: log inverse share of actors using it. Unknown keys weigh the most. */
  weight: (token: NameToken) => number;
  /** Whether a word is one of the common given names (Muhammad, Ali, Hasan…) or a particle (Abu, bin). */
  isCommonName: (token: NameToken) => boolean;
  /** Common given names (not particles): their spellings must read exactly alike to match. */
  isCommonGivenName: (token: NameToken) => boolean;
  /** Name particles (Abu/Abi/Abou, bin/ibn, Umm): any spelling of the key is the same word. */
  isParticle: (key: string) => boolean;
  /** Keys within a small weighted edit distance of `key`, with their similarity. */
  near: (key: string) => Map<string, number>;
  /** Keys one sound-alike consonant swap away (D/Z/T/S, K/X/J), or one construct t, final h or glued article apart. */
  swaps: (key: string) => Map<string, number>;
  /**
   * Keys of the listed Latin words one slip of the pen from a long Latin word (see
   * `isLatinTypo`: NIYONZIMA for NIJONZIMA), however far apart their skeletons.
   */
  typos: (token: NameToken) => string[];
  cache: SkeletonCache;
}

/**
 * Given names and name particles common across the Arabic-, Persian- and Urdu-speaking world.
 * However rare they are in a small registry, they say little about who is meant, so their weight
 * is capped (as if several hundred listed actors shared them).
 */
const COMMON_NAMES = [
  'Muhammad', 'Mohammed', 'Ahmad', 'Mahmud', 'Ali', 'Hasan', 'Husayn', 'Abdullah', 'Abd al-Rahman', 'Umar', 'Uthman',
  'Yusuf', 'Ibrahim', 'Ismail', 'Khalid', 'Mustafa', 'Salih', 'Said', 'Karim', 'Jamal', 'Jafar', 'Hamid', 'Nasir',
  'Abbas', 'Musa', 'Isa', 'Yasin', 'Sulayman', 'Salman', 'Khalil', 'Ayyub', 'Yaqub', 'Mahdi', 'Hamza', 'Tariq',
  'Abu', 'Umm', 'bin', 'ibn', 'bint', 'Sayyid', 'Shaykh', 'Haji', 'Mulla', 'Mawlawi', 'Muhammadi', 'Rahman', 'Zayd',
  'Amir', 'Adil', 'Faisal', 'Walid', 'Majid', 'Rashid', 'Fadl', 'Aziz', 'Ghulam', 'Gul', 'Khan', 'Shah', 'Mir',
  'Sharif', 'Hashim', 'Qasim', 'Yunus', 'Idris', 'Anwar', 'Iqbal', 'Abd', 'Abdu', 'Salah', 'Saleh',
];
// by key and vowel shape: Sulayman is common, Soleimani (the nisba) is not
const COMMON_NAME_FORMS = new Set(COMMON_NAMES.flatMap((n) => nameForm(n).tokens.map((t) => t.shape)));
/** Particles (Abu, Abi, Abou; bin, ibn; Umm) vary by grammar and spelling, not by person. */
const PARTICLE_KEYS = new Set(['Abu', 'Umm', 'bin', 'ibn', 'bint', 'Abd'].flatMap((n) => skeletonTokens(n)));
/** The cap, as a share of the weight of a word only one actor uses. */
const COMMON_NAME_SHARE = 0.35;

/** Consonant classes that one spelling tradition writes for another's (ذ as z or d, ث as s or t, ق as g). */
// (A, Y and W only ever begin a key: Evgeny/Yevgeny, Ibarra/Ybarra, Persian Vahid/Arabic Wahid;
// C is sh: Sufaat/Shufaat.)
const SOUND_ALIKE: Readonly<Record<string, string>> = { S: 'ZTC', Z: 'SD', D: 'TZ', T: 'DS', K: 'XJ', X: 'K', J: 'KY', C: 'S', A: 'YW', Y: 'AJ', W: 'AF', F: 'W' };
/** Similarity of two keys one sound-alike swap apart. */
const SWAP_SIMILARITY = 0.88;

function isCommonName(t: NameToken): boolean {
  return PARTICLE_KEYS.has(t.key) || COMMON_NAME_FORMS.has(t.shape);
}

function isCommonGivenName(t: NameToken): boolean {
  return !PARTICLE_KEYS.has(t.key) && COMMON_NAME_FORMS.has(t.shape);
}

/** Weight of a function word (of, the, du): present, but saying almost nothing. */
export const STOP_WEIGHT = 0.15;

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

// "DAEDONG CREDIT BANK (DCB)", "Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM)": a name with its
// acronym in brackets at the end. A longer bracketed tail (a place, a date, a note) is kept.
const ACRONYM_TAIL = /^(.*\S)\s*\(\s*([\p{Lu}\p{N}][\p{Lu}\p{N}.&-]{1,9})\s*\)$/u;

type NameEntry = { alias: string; kind: string; confidence: number };

/**
 * The names of an actor, each written "NAME (ACRONYM)" also indexed as the name and the acronym
 * apart: a query gives one or the other, and the acronym is not a word the name is missing.
 */
function withoutAcronymTails(names: NameEntry[]): NameEntry[] {
  const out = [...names];
  for (const n of names) {
    const m = ACRONYM_TAIL.exec(n.alias);
    if (!m?.[1] || !m[2]) continue;
    out.push({ alias: m[1], kind: n.kind, confidence: n.confidence });
    out.push({ alias: m[2], kind: 'acronym', confidence: n.confidence });
  }
  return out;
}

/** Builds the index over every alias (and the canonical name) of every actor. */
export function buildNameIndex(actors: RegistryActor[]): NameIndex {
  const cache: SkeletonCache = new Map();
  const forms: Array<{ actor: number; alias: string; kind: string; confidence: number; form: NameForm }> = [];
  actors.forEach((actor, i) => {
    const seen = new Set<string>();
    const names = withoutAcronymTails([{ alias: actor.canonicalName, kind: 'primary', confidence: 1 }, ...actor.aliases]);
    for (const a of names) {
      if (seen.has(a.alias)) continue;
      seen.add(a.alias);
      // list entries write people "SURNAME, Given": compare them in running order, so that
      // word order and the surname (the last word) mean the same for every alias
      const comma = actor.kind === 'person' ? a.alias.indexOf(',') : -1;
      const form = nameForm(comma > 0 ? `${a.alias.slice(comma + 1)} ${a.alias.slice(0, comma)}` : a.alias, cache);
      if (form.tokens.length === 0) continue;
      forms.push({ actor: i, alias: a.alias, kind: a.kind, confidence: a.confidence, form });
    }
  });

  // Document frequency over actors: a word shared by a thousand listed people (Muhammad) tells
  // less than one used by two (Askari).
  const actorKeys = actors.map(() => new Set<string>());
  const actorRepeatedKeys = actors.map(() => new Set<string>());
  for (const f of forms) {
    const keys = actorKeys[f.actor];
    if (!keys) continue;
    const once = new Set<string>();
    for (const t of f.form.tokens) {
      if (t.stop) continue;
      if (once.has(t.key)) actorRepeatedKeys[f.actor]?.add(t.key);
      once.add(t.key);
      keys.add(t.key);
      if (t.calque !== undefined) keys.add(t.calque);
    }
  }
  const df = new Map<string, number>();
  for (const keys of actorKeys) for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
  // the same count per word key and vowel shape: Askari and Oscar share ASKR but are two names
  const shapeKeys = actors.map(() => new Set<string>());
  for (const f of forms) for (const t of f.form.tokens) if (!t.stop) shapeKeys[f.actor]?.add(t.shape);
  const dfShape = new Map<string, number>();
  for (const keys of shapeKeys) for (const k of keys) dfShape.set(k, (dfShape.get(k) ?? 0) + 1);
  const n = Math.max(actors.length, 1);
  const maxWeight = Math.log((n + 1) / 0.5);
  const rareWeight = Math.log((n + 1) / 1.5);
  // A word weighs by how many actors use it, counted by key and vowel shape when that spelling
  // is known, else by key; common given names are capped.
  const weight = (t: NameToken): number => {
    if (t.stop) return STOP_WEIGHT;
    const d = dfShape.get(t.shape) ?? df.get(t.key);
    const w = d === undefined ? maxWeight : Math.log((n + 1) / (d + 0.5));
    return isCommonName(t) ? Math.min(w, COMMON_NAME_SHARE * rareWeight) : w;
  };
  const isParticle = (key: string): boolean => PARTICLE_KEYS.has(key);

  const aliases: IndexedAlias[] = [];
  const postings = new Map<string, number[]>();
  const shapePostings = new Map<string, number[]>();
  const byNormalized = new Map<string, number[]>();
  const byCompact = new Map<string, number[]>();
  const pairPostings = new Map<string, number[]>();
  for (const f of forms) {
    const id = aliases.length;
    const weights = f.form.tokens.map(weight);
    const content = f.form.tokens.filter((t) => !t.stop);
    aliases.push({
      ...f,
      weights,
      total: weights.reduce((s, w) => s + w, 0),
      factor: aliasFactor(f.confidence, f.kind),
      person: actors[f.actor]?.kind === 'person',
      lastContent: content.at(-1),
      contentWords: content.length,
      joinedReading: joinedReading(f.form),
    });
    for (const t of f.form.tokens) {
      if (t.stop) continue;
      push(postings, t.key, id);
      push(shapePostings, t.shape, id);
      if (t.calque !== undefined) push(postings, t.calque, id);
    }
    for (let k = 0; k + 1 < content.length; k++) {
      const first = content[k];
      const second = content[k + 1];
      if (first !== undefined && second !== undefined) push(pairPostings, joinedKey(first, second), id);
    }
    push(byNormalized, f.form.normalized, id);
    if (f.form.compact.length >= 3) push(byCompact, f.form.compact, id);
    if (f.form.compactArticled !== f.form.compact) push(byCompact, f.form.compactArticled, id);
  }

  // Deletion neighbourhood of every word key of three letters or more (SymSpell, distance 1).
  const vocabulary = new Set<string>();
  for (const key of postings.keys()) if (key.length >= 3) vocabulary.add(key);
  const byDeletion = new Map<string, string[]>();
  for (const key of vocabulary) {
    for (const d of deletions(key)) {
      const list = byDeletion.get(d);
      if (list === undefined) byDeletion.set(d, [key]);
      else list.push(key);
    }
  }
  const nearCache = new Map<string, Map<string, number>>();
  const near = (key: string): Map<string, number> => {
    const hit = nearCache.get(key);
    if (hit !== undefined) return hit;
    const found = new Set<string>();
    if (key.length >= 3) {
      for (const k of byDeletion.get(key) ?? []) found.add(k); // one letter added
      for (const d of deletions(key)) {
        if (vocabulary.has(d)) found.add(d); // one letter dropped
        for (const k of byDeletion.get(d) ?? []) found.add(k); // one letter changed
      }
    }
    found.delete(key);
    const out = new Map<string, number>();
    for (const k of found) {
      const sim = keySimilarity(key, k);
      if (sim > 0) out.set(k, sim);
    }

    if (nearCache.size > 100_000) nearCache.clear();
    nearCache.set(key, out);
    return out;
  };

  const actorCount = (key: string): number => df.get(key) ?? 0;
  // one sound-alike swap (Fayyadh/Fayyaz, Fadhil/Fazil, Qasem/Ghasem), however short the key
  const swapCache = new Map<string, Map<string, number>>();
  const swaps = (key: string): Map<string, number> => {
    let out = swapCache.get(key);
    if (out !== undefined) return out;
    out = new Map<string, number>();
    // a one-letter key too (ضیا, Zia): across scripts the Arabic word must have a letter read
    // more than one way, within a script the readings must agree (Taha is not Dawud)
    for (let i = 0; i < key.length; i++) {
      for (const partner of SOUND_ALIKE[key.charAt(i)] ?? '') {
        const k = key.slice(0, i) + partner + key.slice(i + 1);
        if (postings.has(k)) out.set(k, SWAP_SIMILARITY);
      }
    }
    // spellings that add or drop a letter the skeleton keeps: the construct t of ة (Asbat, عصبة;
    // Jabhat), a final h (Taha, طه) and an article glued on (Elsseid, الصيد; Alaskari), either way
    const variants = [`${key}T`, `${key}H`];
    if ((key.length >= 3 && key.endsWith('T')) || (key.length >= 2 && key.endsWith('H'))) variants.push(key.slice(0, -1));
    if (key.length >= 4 && key.startsWith('AL')) variants.push(key.slice(2), `A${key.slice(2)}`);
    if (key.length >= 2) variants.push(`AL${key.startsWith('A') ? key.slice(1) : key}`);
    // a Latin sh or kh that is two letters (Eshaq, اسحاق; Lakhal, لكحل), either way
    for (let i = 0; i < key.length; i++) {
      const c = key.charAt(i);
      if (c === 'C' || c === 'X') variants.push(`${key.slice(0, i)}${c === 'C' ? 'SH' : 'KH'}${key.slice(i + 1)}`);
      const two = key.slice(i, i + 2);
      if (two === 'SH' || two === 'KH') variants.push(`${key.slice(0, i)}${two === 'SH' ? 'C' : 'X'}${key.slice(i + 2)}`);
    }
    // a Persian v where Arabic spellings write a w the skeleton drops (Rezvan, Rezwan; Parviz,
    // Parwiz): an F after the first letter, dropped or added
    for (let i = 1; i < key.length; i++) if (key.charAt(i) === 'F') variants.push(key.slice(0, i) + key.slice(i + 1));
    if (key.length >= 2) for (let i = 1; i <= key.length; i++) if (key.charAt(i - 1) !== 'F' && key.charAt(i) !== 'F') variants.push(`${key.slice(0, i)}F${key.slice(i)}`);
    for (const k of variants) if (k !== key && postings.has(k) && !out.has(k)) out.set(k, SWAP_SIMILARITY);
    if (swapCache.size > 100_000) swapCache.clear();
    swapCache.set(key, out);
    return out;
  };
  const typos = typoFinder(forms.flatMap((f) => f.form.tokens), isCommonGivenName);
  const aliasTotals = Float64Array.from(aliases, (a) => a.total);
  const aliasActors = Int32Array.from(aliases, (a) => a.actor);
  return { actors, aliases, aliasTotals, aliasActors, actorKeys, actorRepeatedKeys, postings, shapePostings, byNormalized, byCompact, pairPostings, rareWeight, actorCount, weight, isCommonName, isCommonGivenName, isParticle, near, swaps, typos, cache };
}

/**
 * The listed Latin words long enough for a slip of the pen, by their first three letters and
 * length and by their last three and length: a word one edit from another keeps one of the two
 * (an edit in the first three letters leaves the last three of a six-letter word alone).
 */
function typoFinder(tokens: NameToken[], isCommonGivenName: (t: NameToken) => boolean): (token: NameToken) => string[] {
  const words = new Map<string, NameToken>();
  for (const t of tokens) if (!t.arabic && !t.stop && t.text.length >= TYPO_MIN_LETTERS - 1 && !words.has(t.text)) words.set(t.text, t);
  const buckets = new Map<string, NameToken[]>();
  const file = (bucket: string, t: NameToken): void => {
    const list = buckets.get(bucket);
    if (list === undefined) buckets.set(bucket, [t]);
    else list.push(t);
  };
  for (const [text, t] of words) {
    file(`<${text.slice(0, 3)}${text.length}`, t);
    file(`>${text.slice(-3)}${text.length}`, t);
  }
  const cache = new Map<string, string[]>();
  return (token: NameToken): string[] => {
    const text = token.text;
    if (token.arabic || token.stop || text.length < TYPO_MIN_LETTERS - 1) return [];
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const keys = new Set<string>();
    const common = isCommonGivenName(token);
    for (let n = text.length - 1; n <= text.length + 1; n++) {
      for (const bucket of [`<${text.slice(0, 3)}${n}`, `>${text.slice(-3)}${n}`]) {
        for (const w of buckets.get(bucket) ?? []) {
          if (w.key !== token.key && !keys.has(w.key) && isLatinTypo(token, w, common || isCommonGivenName(w))) keys.add(w.key);
        }
      }
    }
    const out = [...keys];
    if (cache.size > 100_000) cache.clear();
    cache.set(text, out);
    return out;
  };
}

const built = new WeakMap<RegistryActor[], NameIndex>();

/** The index of a registry snapshot, built once per snapshot (the resolver and the mention finder share it). */
export function nameIndexOf(actors: RegistryActor[]): NameIndex {
  let index = built.get(actors);
  if (index === undefined) {
    index = buildNameIndex(actors);
    built.set(actors, index);
  }
  return index;
}

// The hidden-alias eval set of `npm run bench:actors`: which records are one entity, which alias to
// hide, and what kind of query the hidden alias is. Built from the lists alone, with plain string
// rules (actors-names.ts), never with Rasad's resolver.
import type { ActorDraft } from '../src/actors/actor-draft.js';
import type { RegistryActor } from '../src/store/actor.repository.js';
import { editSimilarity, lettersKey, looksTransliterated, plainTokens, scriptOf, shuffled } from './actors-names.js';

/** What a query tests; only cross-spelling and the two cross-script directions have targets in the issue. */
export type QueryClass = 'cross-spelling' | 'cross-script ar→latin' | 'cross-script latin→ar' | 'cross-script translation' | 'other';

/** One name to resolve and the actors that count as a right answer (empty: it must resolve to nothing). */
export interface EvalQuery {
  query: string;
  expected: ReadonlySet<string>;
  /** The row of the report it counts in. */
  row: string;
  /** The entity's canonical name, to print misses. */
  entity: string;
}

// Aliases that name more than one person by nature; they do not make two records one entity.
const WEAK_KINDS: ReadonlySet<string> = new Set(['kunya', 'acronym', 'weak', 'nisba']);

/** Which list an actor came from: the starter registry, or the list of its (only) designation. */
export function sourceOf(actor: RegistryActor, starterIds: ReadonlySet<string>): string {
  if (starterIds.has(actor.id)) return 'rasad';
  return actor.designations[0]?.split(':')[0] ?? 'unknown';
}

/**
 * The words of a name as lists that share it write it alike: parenthesized additions (an acronym,
 * a gloss) left out and doubled letters single (ISLAMIYYAH, Islamiyah), sorted, a repeated word
 * kept twice (IBRAHIM SABAWI IBRAHIM HASAN, the son, is not SABAWI IBRAHIM HASAN, the father).
 */
function twinKey(name: string): string {
  return plainTokens(name.replace(/\([^()]*\)/g, ' ').replace(/(\p{L})\1+/gu, '$1'))
    .filter((w) => !TITLES.has(w))
    .sort()
    .join(' ');
}

// Titles one list writes into a name and another leaves out (UN ABDUL MANAN AGHA, OFAC AGHA, Haji
// Abdul Manan), as plainTokens writes them (doubled letters already single).
const TITLES: ReadonlySet<string> = new Set(['haji', 'hajj', 'mula', 'mulah', 'maulavi', 'mawlawi', 'maulvi', 'molavi', 'sheikh', 'shaykh', 'sheik', 'qari', 'mufti', 'dr']);

// A full name of three words or more, in two lists, one word of which is spelt a little apart
// (Mohmed, Mohammed; Ruslanovish, Ruslanovich): a list's typo, not a namesake.
const NEAR_TWIN_WORDS = 3;
const NEAR_TWIN_SIMILARITY = 0.75;
// A name held by more records than this is a common name, not evidence that two records are one.
const SHARED_NAMES_HOLDERS = 4;

/** Same words but one, which is within NEAR_TWIN_SIMILARITY (both sorted word lists of one length). */
function nearTwins(a: readonly string[], b: readonly string[]): boolean {
  const rest = b.filter((w) => !a.includes(w));
  const mine = a.filter((w) => !b.includes(w));
  return mine.length === 1 && rest.length === 1 && editSimilarity(mine[0] ?? '', rest[0] ?? '') >= NEAR_TWIN_SIMILARITY;
}

/**
 * The same person or group is several records (OFAC, UN, EU, the starter registry); any of them is
 * a right answer. Two records are one entity when they share a designation (the starter registry
 * points at OFAC entries), or when they come from different lists and share a full name (≥ 2 words,
 * same word set as `twinKey` writes it, a strong alias; or ≥ 3 words, one of them a letter or two
 * apart) that no two records of one list share; or when, whatever their lists, they share two
 * such names or more. Same-list records with one name in common are namesakes, not twins.
 */
export function entityGroups(actors: readonly RegistryActor[], starterIds: ReadonlySet<string>, birthDates: ReadonlyMap<string, ReadonlySet<string>> = new Map()): Map<string, string[]> {
  const parent = new Map(actors.map((a) => [a.id, a.id]));
  const find = (id: string): string => {
    let cur = id;
    while (parent.get(cur) !== cur) cur = parent.get(cur) ?? cur;
    parent.set(id, cur);
    return cur;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const byDesignation = new Map<string, string>();
  const byName = new Map<string, Array<{ id: string; source: string }>>();
  for (const actor of actors) {
    for (const d of actor.designations) {
      const other = byDesignation.get(d);
      if (other) union(actor.id, other);
      else byDesignation.set(d, actor.id);
    }
    const source = sourceOf(actor, starterIds);
    for (const key of new Set(actor.aliases.filter((a) => a.confidence >= 1 && !WEAK_KINDS.has(a.kind)).map((a) => twinKey(a.alias)))) {
      if (!key.includes(' ')) continue;
      const holders = byName.get(key) ?? [];
      holders.push({ id: actor.id, source });
      byName.set(key, holders);
    }
  }
  const distinctSources = (holders: ReadonlyArray<{ source: string }>): boolean => new Set(holders.map((h) => h.source)).size === holders.length;
  // records sharing two full names or more, whatever their lists: one list can hold a person twice,
  // under two programmes (HASSAN DAHIR AWEYS, UN QDi.042 and SOi.002), but namesakes share one name
  const shared = new Map<string, number>();
  for (const holders of byName.values()) {
    if (holders.length < 2) continue;
    if (distinctSources(holders)) {
      const [first, ...rest] = holders;
      for (const h of rest) if (first) union(first.id, h.id);
    }
    if (holders.length > SHARED_NAMES_HOLDERS) continue;
    for (let x = 0; x < holders.length; x++) {
      for (let y = x + 1; y < holders.length; y++) {
        const pair = [holders[x]?.id ?? '', holders[y]?.id ?? ''].sort().join(' ');
        shared.set(pair, (shared.get(pair) ?? 0) + 1);
      }
    }
  }
  for (const [pair, n] of shared) {
    const [a, b] = pair.split(' ');
    if (n >= 2 && a && b) union(a, b);
  }
  // people two lists give the same full date of birth and a name word in common (UN ABDUL MANAN
  // AGHA, born 1968; OFAC AGHA, Haji Abdul Manan, born the same day): namesakes born on one day
  // are far rarer than one person listed twice
  const byBirth = new Map<string, Array<{ id: string; source: string; words: Set<string> }>>();
  for (const actor of actors) {
    const dates = birthDates.get(actor.id);
    if (dates === undefined || actor.kind !== 'person') continue;
    const words = new Set([actor.canonicalName, ...actor.aliases.map((a) => a.alias)].flatMap((n) => twinKey(n).split(' ')).filter((w) => w.length >= 4));
    for (const date of dates) {
      const list = byBirth.get(date) ?? [];
      list.push({ id: actor.id, source: sourceOf(actor, starterIds), words });
      byBirth.set(date, list);
    }
  }
  for (const born of byBirth.values()) {
    for (let x = 0; x < born.length; x++) {
      for (let y = x + 1; y < born.length; y++) {
        const a = born[x];
        const b = born[y];
        if (a === undefined || b === undefined || a.source === b.source || ![...a.words].some((w) => b.words.has(w))) continue;
        union(a.id, b.id);
      }
    }
  }
  // near twins, compared within blocks of one word count and one set of initials
  const blocks = new Map<string, Array<{ key: string; words: string[]; holders: Array<{ id: string; source: string }> }>>();
  for (const [key, holders] of byName) {
    const words = key.split(' ');
    if (words.length < NEAR_TWIN_WORDS) continue;
    const block = `${words.length}:${words.map((w) => w.charAt(0)).sort().join('')}`;
    const list = blocks.get(block) ?? [];
    list.push({ key, words, holders });
    blocks.set(block, list);
  }
  for (const names of blocks.values()) {
    for (let x = 0; x < names.length; x++) {
      for (let y = x + 1; y < names.length; y++) {
        const a = names[x];
        const b = names[y];
        if (a === undefined || b === undefined || !distinctSources([...a.holders, ...b.holders]) || !nearTwins(a.words, b.words)) continue;
        for (const h of [...a.holders, ...b.holders]) union(h.id, a.holders[0]?.id ?? h.id);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const actor of actors) {
    const root = find(actor.id);
    const members = groups.get(root) ?? [];
    members.push(actor.id);
    groups.set(root, members);
  }
  const out = new Map<string, string[]>();
  for (const members of groups.values()) for (const id of members) out.set(id, members);
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The full dates (YYYY-MM-DD) in a text: ISO dates and "10 Jul 1968". */
function fullDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) if (m[2] !== '00' && m[3] !== '00') out.push(`${m[1]}-${m[2]}-${m[3]}`);
  for (const m of text.matchAll(/\b(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})\b/g)) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
    if (month >= 0) out.push(`${m[3]}-${String(month + 1).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`);
  }
  return out;
}

/**
 * Each listed person's full dates of birth, by actor id, as the lists publish them: UN
 * INDIVIDUAL_DATE_OF_BIRTH, the "DOB …" parts of OFAC remarks, the EU birth date.
 */
export function birthDatesOf(drafts: ReadonlyArray<{ id: string; draft: ActorDraft }>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { id, draft } of drafts) {
    if (draft.kind !== 'person') continue;
    const texts: string[] = [];
    if (draft.list === 'un') texts.push(JSON.stringify(draft.extra.datesOfBirth ?? ''));
    if (draft.list === 'eu' && typeof draft.extra.birthDate === 'string') texts.push(draft.extra.birthDate);
    if (draft.list === 'ofac') for (const m of (draft.remarks ?? '').matchAll(/DOB ([^;]+)/g)) texts.push(m[1] ?? '');
    const dates = new Set(texts.flatMap(fullDates));
    if (dates.size > 0) out.set(id, dates);
  }
  return out;
}

/** Actor ids by the letters key of each of their aliases, over the whole registry. */
export function aliasKeyIndex(actors: readonly RegistryActor[]): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const actor of actors) {
    for (const a of actor.aliases) {
      const key = lettersKey(a.alias);
      const ids = index.get(key) ?? new Set<string>();
      ids.add(actor.id);
      index.set(key, ids);
    }
  }
  return index;
}

// Articles are not words of their own for the class rule: al-/el-/ul- and the assimilated forms,
// spaced, hyphenated or attached (Alaskari, العسكري).
const ARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'il', 'ad', 'ed', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ال']);

function classWords(name: string): string[] {
  return plainTokens(name)
    .filter((t) => !ARTICLES.has(t))
    .map((t) => (t.length > 4 && /^(?:al|el|ال)/u.test(t) ? t.slice(2) : t));
}

interface Word {
  text: string;
  /** Made by joining two written words: pairs with a higher bar. */
  merged: boolean;
}

// Words written split or joined ("Abd al-Rahman" / "Abdulrahman") pair off only this close.
const MERGED_SIMILARITY = 0.75;

/** True when the words pair off one to one (any order), each pair within the similarity bar. */
function wordsPairOff(a: readonly Word[], b: readonly Word[], threshold: number): boolean {
  if (a.length !== b.length || a.length === 0) return false;
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      const sim = editSimilarity(x.text, y.text);
      if (sim >= (x.merged || y.merged ? Math.max(threshold, MERGED_SIMILARITY) : threshold)) pairs.push({ i, j, sim });
    }),
  );
  pairs.sort((p, q) => q.sim - p.sim);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
  }
  return usedA.size === a.length;
}

/** Every way to join `times` pairs of adjacent words. */
function joinings(words: readonly Word[], times: number): Word[][] {
  if (times === 0) return [[...words]];
  const out: Word[][] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const joined = [...words.slice(0, i), { text: `${words[i]?.text ?? ''}${words[i + 1]?.text ?? ''}`, merged: true }, ...words.slice(i + 2)];
    out.push(...joinings(joined, times - 1));
  }
  return out;
}

/**
 * The class rule, on plain strings (lower case, letters only, marks and apostrophes dropped,
 * articles set aside): a hidden alias is a cross-spelling variant of a remaining alias in the same
 * script when their words pair off one to one in any order, each pair with Levenshtein similarity
 * ≥ `threshold` ("KHEKMATIYAR, Gulbuddin" / "HEKMATYAR, Gulbuddin"; "AL-KHAZALI, Qais" / "Qays
 * al-Khazali"); words written split in one and joined in the other ("Abd al-Rahman" / "Abdulrahman",
 * up to two joins) pair off at ≥ 0.75. A name with a word added, dropped or replaced ("SARRIA DIAZ,
 * Edgar Alberto" / "SARRIA, Edgar Alberto", "IMAM KHOMEINI SUPPORT COMMITTEE" / "… RELIEF
 * COMMITTEE") is `other`, as are former names, translations and other noms de guerre; close
 * cognates ("FUNDACION RAFA MARQUEZ" / "RAFA MARQUEZ FOUNDATION") can pass for spellings.
 */
export function isCrossSpelling(hidden: string, remaining: readonly string[], threshold: number): boolean {
  const script = scriptOf(hidden);
  const words = classWords(hidden).map((text) => ({ text, merged: false }));
  return remaining.some((r) => {
    if (scriptOf(r) !== script) return false;
    const other = classWords(r).map((text) => ({ text, merged: false }));
    const diff = words.length - other.length;
    if (Math.abs(diff) > 2) return false;
    const [longer, shorter] = diff >= 0 ? [words, other] : [other, words];
    return joinings(longer, Math.abs(diff)).some((joined) => wordsPairOff(joined, shorter, threshold));
  });
}

export interface HiddenAliasEval {
  /** The registry with every hidden alias removed, for one resolver over the whole eval. */
  actors: RegistryActor[];
  queries: EvalQuery[];
  /** Candidate queries left out, by reason. */
  skipped: Record<string, number>;
  /** Number of queries wanted per class (cross-script is split between both directions). */
  wanted: Record<QueryClass, number>;
}

export interface HiddenAliasOptions {
  perClass: Record<QueryClass, number>;
  similarity: number;
  rnd: () => number;
}

/**
 * Hides one alias (cross-spelling, other) or one script (cross-script) per sampled entity. Every
 * copy of the hidden alias that differs only in case, marks or punctuation goes too, on every record
 * of the entity, so that the query cannot succeed as an exact lookup. Cross-script queries use the
 * UN NAME_ORIGINAL_SCRIPT form (alias kind `native`), which is by definition the primary name in
 * Arabic script: Arabic → Latin queries the native name with every Arabic alias of the entity
 * removed; Latin → Arabic queries the primary name with every Latin alias removed. Where the two
 * are a translation rather than a transliteration (looksTransliterated), the query is counted
 * apart, as `cross-script translation`.
 */
export function buildHiddenAliasEval(actors: readonly RegistryActor[], groups: ReadonlyMap<string, string[]>, opts: HiddenAliasOptions): HiddenAliasEval {
  const byId = new Map(actors.map((a) => [a.id, a]));
  const keyIndex = aliasKeyIndex(actors);
  const removed = new Map<string, Set<string>>();
  const usedGroups = new Set<string[]>();
  const queries: EvalQuery[] = [];
  const skipped: Record<string, number> = { ambiguous: 0, short: 0, 'other script': 0, 'class full': 0 };
  const count: Record<QueryClass, number> = { 'cross-spelling': 0, 'cross-script ar→latin': 0, 'cross-script latin→ar': 0, 'cross-script translation': 0, other: 0 };
  const members = (id: string): RegistryActor[] => (groups.get(id) ?? [id]).flatMap((m) => byId.get(m) ?? []);
  const heldOutside = (key: string, group: readonly string[]): boolean => [...(keyIndex.get(key) ?? [])].some((id) => !group.includes(id));
  const remove = (actorId: string, alias: string): void => {
    const set = removed.get(actorId) ?? new Set<string>();
    set.add(alias);
    removed.set(actorId, set);
  };
  const add = (cls: QueryClass, query: string, entity: RegistryActor, group: string[]): void => {
    count[cls]++;
    usedGroups.add(group);
    queries.push({ query, expected: new Set(group), row: cls, entity: entity.canonicalName });
  };

  // Cross-script first: few entities have a native-script name, so they are not spent on other classes.
  for (const actor of shuffled(actors, opts.rnd)) {
    const native = actor.aliases.find((a) => a.kind === 'native' && scriptOf(a.alias) === 'Arab');
    const primary = actor.aliases.find((a) => a.kind === 'primary' && scriptOf(a.alias) === 'Latn');
    const group = groups.get(actor.id);
    if (!native || !primary || !group || usedGroups.has(group)) continue;
    const toLatin = count['cross-script ar→latin'] <= count['cross-script latin→ar'];
    // A group's native name is often a translation of its Latin one ("ARMED ISLAMIC GROUP"): no target for those.
    const cls: QueryClass = !looksTransliterated(native.alias, primary.alias)
      ? 'cross-script translation'
      : toLatin
        ? 'cross-script ar→latin'
        : 'cross-script latin→ar';
    if (count[cls] >= opts.perClass[cls]) continue;
    const query = toLatin ? native.alias : primary.alias;
    if (heldOutside(lettersKey(query), group)) {
      skipped.ambiguous = (skipped.ambiguous ?? 0) + 1;
      continue;
    }
    const hideScript = toLatin ? 'Arab' : 'Latn';
    for (const m of members(actor.id)) for (const a of m.aliases) if (scriptOf(a.alias) === hideScript) remove(m.id, a.alias);
    add(cls, query, actor, group);
  }

  for (const actor of shuffled(actors, opts.rnd)) {
    const group = groups.get(actor.id);
    if (!group || usedGroups.has(group) || new Set(actor.aliases.map((a) => lettersKey(a.alias))).size < 2) continue;
    if (count['cross-spelling'] >= opts.perClass['cross-spelling'] && count.other >= opts.perClass.other) break;
    for (const hidden of shuffled(actor.aliases, opts.rnd)) {
      const key = lettersKey(hidden.alias);
      if (key.length < 4) {
        skipped.short = (skipped.short ?? 0) + 1;
        continue;
      }
      if (scriptOf(hidden.alias) === 'other') {
        skipped['other script'] = (skipped['other script'] ?? 0) + 1;
        continue;
      }
      if (heldOutside(key, group)) {
        skipped.ambiguous = (skipped.ambiguous ?? 0) + 1;
        continue;
      }
      const remaining = members(actor.id).flatMap((m) => m.aliases.filter((a) => lettersKey(a.alias) !== key).map((a) => a.alias));
      // A hidden alias with nothing left in its script is a cross-script query; those come from the native names above.
      if (!remaining.some((r) => scriptOf(r) === scriptOf(hidden.alias))) continue;
      const cls: QueryClass = isCrossSpelling(hidden.alias, remaining, opts.similarity) ? 'cross-spelling' : 'other';
      if (count[cls] >= opts.perClass[cls]) {
        skipped['class full'] = (skipped['class full'] ?? 0) + 1;
        continue;
      }
      for (const m of members(actor.id)) for (const a of m.aliases) if (lettersKey(a.alias) === key) remove(m.id, a.alias);
      add(cls, hidden.alias, actor, group);
      break;
    }
  }

  const out: RegistryActor[] = [];
  for (const actor of actors) {
    const gone = removed.get(actor.id);
    if (!gone) {
      out.push(actor);
      continue;
    }
    const aliases = actor.aliases.filter((a) => !gone.has(a.alias));
    // A record left with no name at all is dropped; a hidden primary name must not survive as the canonical name.
    if (aliases.length === 0) continue;
    const canonicalName = gone.has(actor.canonicalName) ? (aliases.find((a) => a.kind === 'primary') ?? aliases[0])?.alias ?? actor.canonicalName : actor.canonicalName;
    out.push({ ...actor, canonicalName, aliases });
  }
  return { actors: out, queries, skipped, wanted: opts.perClass };
}

import type { RegistryActor } from '../../store/actor.repository.js';
import { type NameForm, joinedKey, nameForm } from './name-form.js';
import { type IndexedAlias, type NameIndex, nameIndexOf } from './name-index.js';
import { type AliasScore, type QueryContext, queryContext, scoreAlias, type WordRelation } from './name-score.js';
import type { ActorResolver, ResolveCandidate, ResolveOptions } from './resolve-types.js';
import { comparePreference } from './actor-preference.js';
import { keyDistance } from './key-similarity.js';
import { SIM_TYPO } from './spelling-slips.js';
import { explainMatch } from './why.js';

// Acceptance, in words: a full match (nearly every word of the query and of the alias accounted
// for) is accepted from ACCEPT_FULL; a partial name (every query word found, the alias longer)
// only when the words given are rare enough among listed actors to point at someone
// (al-Askari, Khazali) and not just common names (Muhammad Hasan).
const ACCEPT_FULL = 0.8;
const FULL_QUERY = 0.9;
const FULL_ALIAS = 0.85;
const ACCEPT_PARTIAL = 0.5;
const PARTIAL_QUERY = 0.95;
/**
 * Information the words of a partial name must carry together, on the scale where a word only
 * one listed actor uses counts 1 (with the full lists: about 6.5 nats, two or three actors per
 * word), and the rarest of them alone (about 5 nats: a word some fifty actors share).
 */
const PARTIAL_INFORMATION = 0.74;
const PARTIAL_RAREST = 0.57;
/**
 * How much more than a lone word gives the rest of the name may weigh (information, as above):
 * a surname or a group's distinctive word outweighs common given names and particles (ratio
 * below 1: Soleimani, al-Muhandis, الحشد), a word from the middle of a longer name does not
 * (about 1.7 for Jazeera in القاعدة في جزيرة العرب).
 */
const LONE_WORD_SHARE = 1.5;
/** Candidates this far below the best are near-misses, not answers. */
const DOMINANCE_MARGIN = 0.25;
/** A word spelled by more aliases than this: its near spellings only add to aliases found otherwise. */
const NEAR_FINDS_BELOW = 4;
/** Share of a word's weight given to aliases that write it as two words, or two of its words as one. */
const JOINED_FACTOR = 0.85;
/** Aliases fully scored per query, after cheap accumulation over the postings. */
const SHORTLIST = 12;
/**
 * Aliases of one actor on the shortlist: three, so that its two spellings of the query's rarest
 * word cannot keep out a third alias that matches the rest (NIYONZIMA, Mathias and NIYONZIMA,
 * Salvator before NIJONZIMA, Joseph for NIYONZIMA, Joseph).
 */
const PER_ACTOR = 3;
const EPSILON = 1e-9;

function isFull(s: AliasScore): boolean {
  // a group's words in another order, one left out, make another group's name
  if (s.reordered && !s.person && s.missing.length > 0) return false;
  return s.queryMatched >= FULL_QUERY && s.aliasMatched >= FULL_ALIAS;
}

/**
 * A name made only of common given names (Mahmoud Abbas, Mohamed Salah) is accepted only in the
 * alias's own order, every word the same name (a spelling variant or another script at most):
 * no near spellings, translations or reordering; and never one such name alone.
 */
function plainEnough(s: AliasScore): boolean {
  if (!s.commonOnly) return true;
  // one common given name alone (Karim, Abdul Rahman) names no one in particular, however spelled
  if (s.matches.filter((m) => !m.query.stop).length + s.extra.length <= 1) return false;
  if (s.basis === 'exact') return true;
  return !s.reordered && s.matches.every((m) => m.relation === 'same' || m.relation === 'variant' || m.relation === 'script');
}

/** How words may meet in a full name but not in a partial one: near, mistyped or clashing spellings, words of other aliases. */
const LOOSE_RELATIONS: ReadonlySet<WordRelation> = new Set<WordRelation>(['near', 'typo', 'syllable', 'clash', 'other-alias']);

/**
 * A partial name holds only when its words are matched as themselves or translated (no near
 * spellings or words borrowed from other aliases), one word is the alias's last (the surname
 * or nisba: al-Askari, Khazali; never a lone given name), and several words leave out less of
 * the name than they give (Haddad Karim for Karim Nasser Haddad; not Pedro Sánchez for Pedro
 * Sánchez Medrano).
 */
function partialHolds(s: AliasScore): boolean {
  if (s.extra.length > 0 || s.matches.some((m) => LOOSE_RELATIONS.has(m.relation))) return false;
  // one word: a person's surname or nisba (never a lone given name); any rare word of a group's
  // name (الحشد for al-Hashd al-Shaabi; a whole-name match elsewhere outranks it: Hizballah),
  // carrying a fair share of the name: the words left out weigh at most LONE_WORD_SHARE times
  // as much (Muhandis for Abu Mahdi al-Muhandis; not Jazeera for al-Qaida fi Jazirat al-Arab)
  if (s.matches.length === 1) {
    const relation = s.matches[0]?.relation;
    return (s.lastWord || !s.person) && relation !== 'translation' && relation !== 'joined' && s.missingInformation <= LONE_WORD_SHARE * s.information;
  }
  // a group's name keeps its order (Pakistan Muslim League is not Milli Muslim League Pakistan)
  if (s.reordered && !s.person) return false;
  // (as much as they give is enough: two words of a three-word name; EPSILON for the rounding)
  return s.missingInformation <= 0.5 * s.information + EPSILON;
}

function acceptable(s: AliasScore): boolean {
  if (isFull(s)) return s.score >= ACCEPT_FULL && plainEnough(s);
  return (
    s.queryMatched >= PARTIAL_QUERY &&
    s.information >= PARTIAL_INFORMATION &&
    s.rarest >= PARTIAL_RAREST &&
    s.score >= ACCEPT_PARTIAL &&
    partialHolds(s)
  );
}

/** Share of a word's weight earned only by aliases spelling it in the same vowel shape. */
const SHAPE_BONUS = 0.1;
/** Posting lists longer than this (Muhammad, Abu, Hasan) only add to aliases found through rarer words. */
const COMMON_POSTINGS = 200;

function sortedHas(list: number[], id: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid] ?? 0;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Scratch space reused across queries: per-alias accumulated weight and a per-word stamp. */
interface Scratch {
  acc: Float64Array;
  stamp: Int32Array;
  touched: number[];
  tick: number;
}

function scratchFor(index: NameIndex): Scratch {
  return { acc: new Float64Array(index.aliases.length), stamp: new Int32Array(index.aliases.length), touched: [], tick: 0 };
}

/** Adds one query word's weight to every alias in the posting list of `key` (hot path: no closures). */
function accumulate(index: NameIndex, scratch: Scratch, key: string, weight: number, tick: number, postings = index.postings, extendOnly = false): void {
  const list = postings.get(key);
  if (list === undefined) return;
  const { acc, stamp, touched } = scratch;
  if ((extendOnly || list.length > COMMON_POSTINGS) && touched.length > 0) {
    // only aliases already found (stamped): walk the shorter side, the list or the found ones
    // (posting lists are sorted, so a found alias is looked up by bisection)
    if (list.length <= touched.length * 8) {
      for (let k = 0; k < list.length; k++) {
        const id = list[k] ?? 0;
        const st = stamp[id] ?? 0;
        if (st === 0 || st === tick) continue;
        stamp[id] = tick;
        acc[id] = (acc[id] ?? 0) + weight;
      }
      return;
    }
    for (let k = 0; k < touched.length; k++) {
      const id = touched[k] ?? 0;
      if (stamp[id] === tick || !sortedHas(list, id)) continue;
      stamp[id] = tick;
      acc[id] = (acc[id] ?? 0) + weight;
    }
    return;
  }
  for (let k = 0; k < list.length; k++) {
    const id = list[k] ?? 0;
    if (stamp[id] === tick) continue;
    if (stamp[id] === 0) touched.push(id);
    stamp[id] = tick;
    acc[id] = (acc[id] ?? 0) + weight;
  }
}

/** Aliases worth scoring: those sharing a word key (or a near or translated key) with the query. */
function shortlist(index: NameIndex, scratch: Scratch, ctx: QueryContext): number[] {
  const { form: query, weights } = ctx;
  const { acc, stamp, touched } = scratch;
  touched.length = 0;
  // rarest words first, so that common ones can be limited to the aliases already found
  const order: number[] = [];
  for (let i = 0; i < query.tokens.length; i++) if (query.tokens[i]?.stop === false) order.push(i);
  order.sort((x, y) => (weights[y] ?? 0) - (weights[x] ?? 0));
  for (const i of order) {
    const t = query.tokens[i];
    if (t === undefined) continue;
    const w = weights[i] ?? 0;
    const tick = ++scratch.tick;
    accumulate(index, scratch, t.key, w * (1 - SHAPE_BONUS), tick);
    if (t.calque !== undefined) accumulate(index, scratch, t.calque, w * 0.9, tick);
    // near spellings find new aliases only for words no more than a few aliases spell this
    // way (CHATARAPRAPAPORN, one other record's spelling of CHANTARAPRAPAPORN)
    const known = (index.postings.get(t.key)?.length ?? 0) > NEAR_FINDS_BELOW;
    for (const [k, sim] of ctx.near[i] ?? []) accumulate(index, scratch, k, w * sim * (1 - SHAPE_BONUS), tick, index.postings, known);
    for (const [k, sim] of ctx.swaps[i] ?? []) accumulate(index, scratch, k, w * sim * (1 - SHAPE_BONUS), tick);
    for (const k of ctx.typos[i] ?? []) accumulate(index, scratch, k, w * SIM_TYPO * (1 - SHAPE_BONUS), tick);
    // a word some alias writes as two (Akhundzada, آخوند زاده)
    accumulate(index, scratch, t.key, w * JOINED_FACTOR, tick, index.pairPostings);
    // the same spelling family (Soleimani, not Souleiman) ranks first among a key's aliases
    accumulate(index, scratch, t.shape, w * SHAPE_BONUS, ++scratch.tick, index.shapePostings);
  }
  // two words some alias writes as one (Hameed ul, Hameedul)
  for (let k = 0; k + 1 < query.tokens.length; k++) {
    const first = query.tokens[k];
    const second = query.tokens[k + 1];
    if (first === undefined || second === undefined || first.stop || second.stop) continue;
    const w = ((weights[k] ?? 0) + (weights[k + 1] ?? 0)) * JOINED_FACTOR;
    accumulate(index, scratch, joinedKey(first, second), w, ++scratch.tick);
  }
  const chosen = new Set<number>();
  for (const id of index.byNormalized.get(query.normalized) ?? []) chosen.add(id);
  for (const id of index.byCompact.get(query.compact) ?? []) chosen.add(id);
  if (query.compactArticled !== query.compact) for (const id of index.byCompact.get(query.compactArticled) ?? []) chosen.add(id);
  // the SHORTLIST aliases with the most query information (at least half the best); among
  // equals the shortest aliases, which leave the fewest words unmatched
  let best = 0;
  for (let k = 0; k < touched.length; k++) best = Math.max(best, acc[touched[k] ?? 0] ?? 0);
  const kept: number[] = [];
  for (let k = 0; k < touched.length; k++) {
    const id = touched[k] ?? 0;
    if ((acc[id] ?? 0) >= best * 0.5) kept.push(id);
  }
  if (kept.length > SHORTLIST) {
    // bounded insertion of the best SHORTLIST by information, then by shortness
    // (at most PER_ACTOR aliases per actor, so that one much-aliased record cannot crowd out others)
    const { aliasActors, aliasTotals } = index;
    const top: number[] = [];
    const topValues: number[] = [];
    for (const id of kept) {
      const v = (acc[id] ?? 0) - (aliasTotals[id] ?? 0) * 1e-6;
      if (top.length === SHORTLIST && v <= (topValues[SHORTLIST - 1] ?? v)) continue;
      const actor = aliasActors[id];
      let same = 0;
      for (const t of top) if (aliasActors[t] === actor) same++;
      if (same >= PER_ACTOR) continue;
      let at = top.length;
      while (at > 0 && v > (topValues[at - 1] ?? v)) at--;
      top.splice(at, 0, id);
      topValues.splice(at, 0, v);
      if (top.length > SHORTLIST) {
        top.pop();
        topValues.pop();
      }
    }
    kept.length = 0;
    kept.push(...top);
  }
  for (const id of kept) chosen.add(id);
  for (let k = 0; k < touched.length; k++) {
    const id = touched[k] ?? 0;
    acc[id] = 0;
    stamp[id] = 0;
  }
  if (scratch.tick > 1_000_000_000) scratch.tick = 0;
  return [...chosen];
}

/** The best-scoring alias of each actor among the shortlisted ones, best first. */
export function rankActors(index: NameIndex, scratch: Scratch, query: NameForm): AliasScore[] {
  const ctx = queryContext(index, query);
  const bestByActor = new Map<number, AliasScore>();
  for (const id of shortlist(index, scratch, ctx)) {
    const alias: IndexedAlias | undefined = index.aliases[id];
    if (alias === undefined) continue;
    const s = scoreAlias(index, ctx, alias);
    const prev = bestByActor.get(alias.actor);
    if (prev === undefined || s.score > prev.score || (s.score === prev.score && isFull(s) && !isFull(prev))) bestByActor.set(alias.actor, s);
  }
  return [...bestByActor.values()].sort(byScore(index, query));
}

/** Scores below this are not worth a tie-break (see `byScore`): far below acceptance, and many. */
const TIE_BREAK_FROM = 0.7;

/**
 * Best first; among equal scores (as printed, to three places) the alias written closest to the
 * query (ALI, Aus: ALI, Aous before Ali Awas, both one vowel spelling away by key), then the
 * preferred record (see `comparePreference`).
 */
function byScore(index: NameIndex, query: NameForm): (x: AliasScore, y: AliasScore) => number {
  const distance = new Map<AliasScore, number>();
  const surface = (s: AliasScore): number => {
    if (s.score < TIE_BREAK_FROM) return 0;
    let d = distance.get(s);
    if (d === undefined) {
      d = keyDistance(query.normalized, s.alias.form.normalized);
      distance.set(s, d);
    }
    return d;
  };
  return (x, y) => round(y.score) - round(x.score) || surface(x) - surface(y) || comparePreference(index.actors[x.alias.actor], index.actors[y.alias.actor]);
}

/** The better score per actor of two rankings of one name, best first. */
function mergeRanked(index: NameIndex, query: NameForm, a: AliasScore[], b: AliasScore[]): AliasScore[] {
  const best = new Map<number, AliasScore>();
  for (const s of [...a, ...b]) {
    const prev = best.get(s.alias.actor);
    if (prev === undefined || s.score > prev.score) best.set(s.alias.actor, s);
  }
  return [...best.values()].sort(byScore(index, query));
}

/** Ranks one name; "SURNAME, Given" as lists write people is also read in running order, the better kept. */
function rankName(index: NameIndex, scratch: Scratch, name: string, form: NameForm): AliasScore[] {
  const ranked = rankActors(index, scratch, form);
  const comma = name.indexOf(',');
  if (comma <= 0 || name.indexOf(',', comma + 1) >= 0 || name.slice(comma + 1).trim() === '') return ranked;
  // (ties go to the alias written closest to the name in running order, as person aliases are indexed)
  const naturalForm = nameForm(`${name.slice(comma + 1)} ${name.slice(0, comma)}`, index.cache);
  return mergeRanked(index, naturalForm, ranked, rankActors(index, scratch, naturalForm));
}

/** The name with its parenthesized parts left out (the name itself when it has none). */
function withoutParentheses(name: string): string {
  return name.replace(/\s*\([^()]*\)/g, '').trim();
}

/** Which of the ranked candidates are answers: acceptable on their own and not dominated. */
export function acceptance(ranked: AliasScore[]): boolean[] {
  const best = ranked.find(acceptable);
  if (best === undefined) return ranked.map(() => false);
  const bestIsFull = isFull(best);
  return ranked.map((s) => {
    if (!acceptable(s)) return false;
    if (s.score < best.score - DOMINANCE_MARGIN) return false;
    // a whole-name match rules out people whose longer names merely contain the words
    if (bestIsFull && !isFull(s) && s.score < best.score - 0.1) return false;
    return true;
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Builds the name index over the registry once; `resolve` then answers from memory. */
export function createResolver(actors: RegistryActor[]): ActorResolver {
  const index = nameIndexOf(actors);
  const scratch = scratchFor(index);
  return {
    size: { actors: actors.length, aliases: index.aliases.length },
    resolve(name: string, options: ResolveOptions = {}): ResolveCandidate[] {
      const limit = options.limit ?? 10;
      const query = nameForm(name, index.cache);
      if (query.tokens.length === 0) return [];
      let ranked = rankName(index, scratch, name, query);
      // "TEHRIK-E TALIBAN PAKISTAN (TTP)": lists add an acronym or a gloss in parentheses that
      // other spellings of the name leave out, so the name is also read without it
      const bare = withoutParentheses(name);
      if (bare !== name) {
        const bareForm = nameForm(bare, index.cache);
        if (bareForm.tokens.length > 0) ranked = mergeRanked(index, query, ranked, rankName(index, scratch, bare, bareForm));
      }
      const accepted = acceptance(ranked);
      const out: ResolveCandidate[] = [];
      ranked.forEach((s, i) => {
        const ok = accepted[i] ?? false;
        if (!ok && (!options.all || s.score < 0.3)) return;
        const actor = index.actors[s.alias.actor];
        if (actor === undefined) return;
        out.push({
          actorId: actor.id,
          canonical: actor.canonicalName,
          matchedAlias: s.alias.alias,
          score: round(s.score),
          why: explainMatch(s),
          designations: actor.designations,
          accepted: ok,
        });
      });
      return out.slice(0, limit);
    },
  };
}

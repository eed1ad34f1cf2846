import { survivorResolver } from '../core/merge-chain.js';
import { type RegistrySnapshot, registrySnapshot } from '../store/actor-edit.repository.js';
import type { Db } from '../store/database.js';
import { skeletonTokens } from '../text/name-skeleton.js';
import { actorIdFor } from './actor-import.service.js';

/** One side of a suggested merge. */
export interface SuggestedActor {
  id: string;
  kind: string;
  canonical: string;
  /** `list:reference`, including those of actors already merged into it. */
  designations: string[];
  aliases: number;
}

/** Why two actors look like one: a pair of their aliases that agree, and how. */
export interface MergeReason {
  /**
   * `same_alias`: equal after `normalize` (punctuation aside); `same_skeleton`: equal consonant
   * skeletons, same token order; `same_tokens_reordered`: the same skeleton tokens in another order;
   * `same_designation`: one actor carries a designation (`ofac:11462`) that is the other's own list
   * entry (then the aliases are the two canonical names).
   */
  how: 'same_alias' | 'same_skeleton' | 'same_tokens_reordered' | 'same_designation';
  aliasA: string;
  aliasB: string;
  /** The key both aliases share (the designation for `same_designation`). */
  key: string;
  /** This reason's weight in the score, in [0, 1]. */
  weight: number;
}

/** Two actors that may be one, for an analyst to merge or dismiss; never merged automatically. */
export interface MergeSuggestion {
  /** The actor to keep (more designations, then more aliases) … */
  keep: SuggestedActor;
  /** … and the one to merge into it: `rasad actors merge <keep> <merge>`. */
  merge: SuggestedActor;
  /** In [0, 1]. */
  score: number;
  /** Best first; `aliasA` is `keep`'s alias. */
  reasons: MergeReason[];
  /** What lowered the score (e.g. both are separate entries of one list). */
  caveats: string[];
}

// A key shared by more actors than this says nothing about any two of them (a common given
// name, a generic "Islamic Army"): skipping such buckets also bounds the pairs to look at.
const MAX_BUCKET = 30;
const MAX_REASONS = 5;

type How = MergeReason['how'];

interface Entry {
  actor: number;
  alias: string;
  kind: string;
  confidence: number;
  /** The alias's skeleton key, tokens in their order. */
  skeleton: string;
}

/** Alias tokens after normalize, punctuation dropped: the `same_alias` key. */
function aliasKey(normalized: string): string {
  return normalized.split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');
}

/** The weight of two aliases agreeing on a key, before bucket size and alias quality. */
function baseWeight(how: How, key: string): number {
  const tokens = key.split(' ').length;
  const letters = key.replace(/ /g, '').length;
  switch (how) {
    case 'same_alias':
      if (tokens >= 3) return 0.95;
      if (tokens === 2 && letters >= 8) return 0.9;
      if (letters >= 6) return 0.7;
      return 0.4;
    case 'same_skeleton':
      if (tokens >= 3) return 0.85;
      if (tokens === 2) return 0.75;
      return 0.55;
    case 'same_tokens_reordered':
      return tokens >= 3 ? 0.8 : 0.7;
    case 'same_designation':
      return 0.95;
  }
}

const kindClass = (kind: string): string => (kind === 'person' ? 'P' : 'G');

// Registries smaller than the designation lists have no useful token statistics: a token is then
// judged as rare as it would be among this many actors.
const MIN_POPULATION = 10_000;
// Bits of evidence at which a shared name counts fully (two rare tokens, or three ordinary ones).
const FULL_BITS = 18;

/**
 * How much a shared name says, in [0, 1]: the bits of its skeleton tokens, each worth
 * log2(population / actors having it) but at most 3.5 bits per key letter. "Abu Abdullah" or
 * "Muhammad Hussein" (common tokens) say little; "Dawood Ibrahim Kaskar" says a lot.
 */
function specificity(skeleton: string, frequency: ReadonlyMap<string, { actors: number }>, actors: number): number {
  const population = Math.max(actors, MIN_POPULATION);
  let bits = 0;
  for (const t of skeleton.split(' ')) {
    if (t === '') continue;
    bits += Math.min(Math.log2(population / (frequency.get(t)?.actors ?? 1)), 3.5 * t.length);
  }
  return Math.min(1, bits / FULL_BITS);
}

/**
 * Pairs of distinct, unmerged actors of compatible kind (person–person, group/organization with
 * group/organization) that share an alias after `normalize`, or whose alias skeleton keys agree
 * (≥ 2 tokens or ≥ 5 key letters), or hold the same skeleton tokens in another order; dismissed
 * pairs left out. Aliases of merged actors count for their survivor. Candidates come from
 * grouping aliases by those keys, never from comparing all pairs. Ranked by score.
 */
export function suggestMerges(snapshot: RegistrySnapshot, options: { limit?: number; minScore?: number } = {}): MergeSuggestion[] {
  const survivor = survivorResolver(snapshot.actors);
  const actors = snapshot.actors.filter((a) => a.mergedInto === null);
  const n = actors.length;
  const index = new Map(actors.map((a, i) => [a.id, i]));
  const indexOf = (id: string): number | undefined => index.get(survivor(id));
  // Pairs are numbered x * n + y with x < y: cheap map keys over tens of thousands of pairs.
  const pairKey = (i: number, j: number): number => (i < j ? i * n + j : j * n + i);
  const designations = actors.map(() => [] as string[]);
  for (const d of snapshot.designations) {
    const list = designations[indexOf(d.actorId) ?? -1];
    const label = `${d.list}:${d.reference}`;
    if (list && !list.includes(label)) list.push(label);
  }
  const aliasCount = actors.map(() => 0);
  const dismissed = new Set<number>();
  for (const d of snapshot.dismissals) {
    const [x, y] = [indexOf(d.actorA), indexOf(d.actorB)];
    if (x !== undefined && y !== undefined) dismissed.add(pairKey(x, y));
  }

  // key → the aliases that have it (most keys have one: arrays keep the garbage collector idle)
  const buckets = new Map<string, Entry[]>();
  const add = (key: string, e: Entry): void => {
    const bucket = buckets.get(key);
    if (bucket) bucket.push(e);
    else buckets.set(key, [e]);
  };
  // In how many actors' aliases each skeleton token occurs (aliases come grouped by actor).
  const tokenFrequency = new Map<string, { actors: number; last: number }>();
  const skeletons = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const a of snapshot.aliases) {
    const actor = indexOf(a.actorId);
    const owner = actor === undefined ? undefined : actors[actor];
    if (actor === undefined || !owner) continue;
    if (seen.has(`${actor}\u0000${a.alias}`)) continue;
    seen.add(`${actor}\u0000${a.alias}`);
    aliasCount[actor] = (aliasCount[actor] ?? 0) + 1;
    const cls = kindClass(owner.kind);
    // The same spelling recurs across lists (UN and EU share most of theirs): key it once.
    let tokens = skeletons.get(a.alias);
    if (!tokens) skeletons.set(a.alias, (tokens = skeletonTokens(a.alias)));
    const skeleton = tokens.join(' ');
    for (const t of tokens) {
      const f = tokenFrequency.get(t);
      if (!f) tokenFrequency.set(t, { actors: 1, last: actor });
      else if (f.last !== actor) {
        f.actors++;
        f.last = actor;
      }
    }
    const entry: Entry = { actor, alias: a.alias, kind: a.kind, confidence: a.confidence, skeleton };
    const normalizedKey = aliasKey(a.normalized);
    if (normalizedKey !== '') add(`${cls}\u0001same_alias\u0001${normalizedKey}`, entry);
    if (tokens.length >= 2 || skeleton.length >= 5) add(`${cls}\u0001same_skeleton\u0001${skeleton}`, entry);
    // Keyed by the sorted tokens, so "AL-KHAZALI, Qais" meets "Qais al-Khazali"; pairs in the
    // same order are left to the skeleton key.
    if (tokens.length >= 2) add(`${cls}\u0001same_tokens_reordered\u0001${[...tokens].sort().join(' ')}`, entry);
  }

  /** Reasons found for one pair; `x` < `y` are actor indexes, reasons oriented x → y. */
  interface PairAcc {
    x: number;
    y: number;
    reasons: MergeReason[];
  }
  const pairs = new Map<number, PairAcc>();
  const reasonFor = (i: number, j: number): PairAcc | undefined => {
    const k = pairKey(i, j);
    if (dismissed.has(k)) return undefined;
    let acc = pairs.get(k);
    if (!acc) pairs.set(k, (acc = { x: Math.min(i, j), y: Math.max(i, j), reasons: [] }));
    return acc;
  };
  for (const [bucketKey, bucket] of buckets) {
    if (bucket.length < 2) continue;
    // one entry per actor: its best alias for this key
    const best = new Map<number, Entry>();
    for (const e of bucket) {
      const prev = best.get(e.actor);
      if (!prev || e.confidence > prev.confidence) best.set(e.actor, e);
    }
    if (best.size < 2 || best.size > MAX_BUCKET) continue;
    const [, howRaw = '', key = ''] = bucketKey.split('\u0001');
    const how = howRaw as How;
    const entries = [...best.values()];
    // A key that many actors share is weaker evidence for any one pair of them.
    const base = baseWeight(how, key) * Math.sqrt(2 / entries.length) * specificity(entries[0]?.skeleton ?? '', tokenFrequency, n);
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const ea = entries[i];
        const eb = entries[j];
        if (!ea || !eb) continue;
        if (how === 'same_tokens_reordered' && ea.skeleton === eb.skeleton) continue;
        const acc = reasonFor(ea.actor, eb.actor);
        if (!acc) continue;
        const [p, q] = ea.actor < eb.actor ? [ea, eb] : [eb, ea];
        let weight = base * (0.5 + 0.5 * Math.min(p.confidence, q.confidence));
        if (p.kind === 'acronym' || q.kind === 'acronym' || p.kind === 'weak' || q.kind === 'weak') weight *= 0.6;
        acc.reasons.push({ how, aliasA: p.alias, aliasB: q.alias, key, weight });
      }
    }
  }

  // A curated actor that names a list entry as its designation (`ofac:11462`) is most likely that
  // entry. Only a list's own record counts: program codes shared by many (`us-state:FTO`) do not.
  for (const d of snapshot.designations) {
    const x = indexOf(d.actorId);
    const y = indexOf(actorIdFor(d.list, d.reference));
    const xa = x === undefined ? undefined : actors[x];
    const ya = y === undefined ? undefined : actors[y];
    if (x === undefined || y === undefined || x === y || !xa || !ya || kindClass(xa.kind) !== kindClass(ya.kind)) continue;
    const acc = reasonFor(x, y);
    if (!acc) continue;
    const label = `${d.list}:${d.reference}`;
    if (acc.reasons.some((r) => r.how === 'same_designation' && r.key === label)) continue;
    const [p, q] = x < y ? [xa, ya] : [ya, xa];
    acc.reasons.push({ how: 'same_designation', aliasA: p.canonicalName, aliasB: q.canonicalName, key: label, weight: baseWeight('same_designation', label) });
  }

  const listsOf = designations.map((ds) => [...new Set(ds.map((d) => d.slice(0, d.indexOf(':'))))]);
  const scored: Array<{ acc: PairAcc; reasons: MergeReason[]; score: number; strength: number; caveats: string[] }> = [];
  for (const acc of pairs.values()) {
    const reasons = acc.reasons.length > 1 ? acc.reasons.sort((r, s) => s.weight - r.weight) : acc.reasons;
    // Independent agreeing aliases add up; each alias of either side counts once (its best reason).
    let miss = 1;
    // ties at the 0.99 cap are ranked by how much agrees
    let strength = 0;
    const kept: MergeReason[] = [];
    for (const r of reasons) {
      if (r.how !== 'same_designation' && kept.some((k) => k.how !== 'same_designation' && (k.aliasA === r.aliasA || k.aliasB === r.aliasB))) continue;
      kept.push(r);
      miss *= 1 - r.weight;
      strength += r.weight;
    }
    let score = Math.min(0.99, 1 - miss);
    const caveats: string[] = [];
    const lx = listsOf[acc.x] ?? [];
    const ly = listsOf[acc.y] ?? [];
    // One list rarely lists one actor twice: two entries of the same list are more often namesakes.
    if (lx.length === 1 && ly.length === 1 && lx[0] === ly[0] && !(designations[acc.x] ?? []).some((d) => (designations[acc.y] ?? []).includes(d))) {
      score *= 0.8;
      caveats.push(`both are separate entries of the ${lx[0]} list`);
    }
    score = Math.round(score * 1000) / 1000;
    if (score >= (options.minScore ?? 0)) scored.push({ acc, reasons: kept, score, strength, caveats });
  }
  const idOf = (i: number): string => actors[i]?.id ?? '';
  scored.sort((s, t) => t.score - s.score || t.strength - s.strength || idOf(s.acc.x).localeCompare(idOf(t.acc.x)) || idOf(s.acc.y).localeCompare(idOf(t.acc.y)));

  const side = (i: number): SuggestedActor => {
    const a = actors[i];
    return { id: a?.id ?? '', kind: a?.kind ?? '', canonical: a?.canonicalName ?? '', designations: designations[i] ?? [], aliases: aliasCount[i] ?? 0 };
  };
  return scored.slice(0, options.limit ?? scored.length).map(({ acc, reasons, score, caveats }) => {
    const a = side(acc.x);
    const b = side(acc.y);
    const aFirst = a.designations.length !== b.designations.length ? a.designations.length > b.designations.length : a.aliases !== b.aliases ? a.aliases > b.aliases : a.id < b.id;
    return {
      keep: aFirst ? a : b,
      merge: aFirst ? b : a,
      score,
      reasons: reasons.slice(0, MAX_REASONS).map((r) => ({
        ...r,
        aliasA: aFirst ? r.aliasA : r.aliasB,
        aliasB: aFirst ? r.aliasB : r.aliasA,
        weight: Math.round(r.weight * 1000) / 1000,
      })),
      caveats,
    };
  });
}

/** Merge suggestions over the registry in the database. */
export async function findMergeSuggestions(db: Db, options: { limit?: number; minScore?: number } = {}): Promise<MergeSuggestion[]> {
  return suggestMerges(await registrySnapshot(db), options);
}

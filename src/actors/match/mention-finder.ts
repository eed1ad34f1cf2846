import type { RegistryActor } from '../../store/actor.repository.js';
import { type SkeletonWord, skeletonTokens, skeletonWords } from '../../text/name-skeleton.js';
import { type NameToken, isStopWord, nameForm, nameToken } from './name-form.js';
import { type NameIndex, nameIndexOf } from './name-index.js';
import { SIM_VARIANT, sameKeySimilarity } from './name-score.js';
import { preferredActor } from './actor-preference.js';
import type { FoundMention, MentionFinder } from './resolve-types.js';

/**
 * Bumped whenever mention finding changes, the name index under it included (skeleton keys,
 * calques, weights): it is the actors stage version, so stored mentions are found again.
 */
export const MENTION_FINDER_VERSION = 1;

/** A whole alias as a sequence of word keys, looked up by its first key. */
interface Pattern {
  alias: number;
  actor: number;
  tokens: NameToken[];
  /** Words that are not function words. */
  content: number;
  /** Position of the first of them. */
  firstContent: number;
  /** An acronym (KH, PMU): a one-word alias of four letters or fewer, or marked so. */
  acronym: boolean;
  /** Information of the words (see `information`). */
  information: number;
}

/** One possible mention at a text position, before context is weighed. */
interface Candidate {
  start: number;
  end: number;
  /** Words of the text it covers. */
  span: number;
  actors: number[];
  score: number;
  method: FoundMention['method'];
  /** Strong mentions stand alone; weak ones (acronyms, kunyas, one common word) need context. */
  strong: boolean;
}

// Between two words of one name: spaces, hyphens, underscores (hashtags), apostrophes and a
// dropped article (Abu Ali al-Askari) — never sentence punctuation or a line break.
const NAME_BREAK_CODES = new Set([...'.,;:!?؟،؛()[]{}"«»|/\\\n\r'].map((c) => c.charCodeAt(0)));
const MAX_GAP = 8;
// Arabic proclitics glued to a name: و ف (and), ب (by), ل (for), ك (like); لل is ل + ال.
const PROCLITIC = /^(?:[وف]?[بلك]|[وف])(?=..)/;
const ACRONYM = /^[A-Z]{1,5}$/;
const LOWER_LATIN = /[a-zß-ÿ]/;
const SCORE_CONTEXT_FACTOR = 0.85;
const SCORE_PARTIAL_FACTOR = 0.75;
/**
 * Information a name must carry to stand alone, on the scale where a word only one listed actor
 * uses counts 1: two common given names (Abu Ali: 0.7) do not; Hezbollah or Khazali do.
 */
const STRONG_INFORMATION = 0.75;
/** Actors sharing a word that many times make a lone word of it ambiguous. */
const DISTINCTIVE_DF = 2;
/** Lone surnames shared by more listed people than this are not looked up at all. */
const MAX_SURNAME_ACTORS = 8;

/** UTF-16 length of the first `letters` letters of a raw word, with the marks that follow them. */
function rawOffset(raw: string, letters: number): number {
  let seen = 0;
  let i = 0;
  while (i < raw.length && seen < letters) {
    i++;
    seen++;
    while (i < raw.length && /[\p{M}\u0640]/u.test(raw.charAt(i))) i++;
  }
  return i;
}

/** Whether text[from, to) may separate two words of one name (checked without slicing). */
function isNameGap(text: string, from: number, to: number): boolean {
  if (to - from > MAX_GAP) return false;
  for (let k = from; k < to; k++) if (NAME_BREAK_CODES.has(text.charCodeAt(k))) return false;
  return true;
}

function isCapitalized(raw: string): boolean {
  const c = raw.charAt(0);
  return c !== c.toLowerCase();
}

/** A trie over alias word keys: a path of keys leads to the aliases spelled that way. */
interface TrieNode {
  next: Map<string, TrieNode>;
  ends: Pattern[];
}

function trieNode(): TrieNode {
  return { next: new Map(), ends: [] };
}

/** Builds the alias trie (person names given "SURNAME, Given" also in running order) and the surname index. */
function buildPatterns(index: NameIndex): { root: TrieNode; byLast: Map<string, Surname[]> } {
  const root = trieNode();
  const byLast = new Map<string, Surname[]>();
  const pattern = (alias: number, actor: number, tokens: NameToken[], content: number): Pattern => {
    const a = index.aliases[alias];
    let info = 0;
    for (const t of tokens) if (!t.stop) info += index.weight(t);
    return {
      alias,
      actor,
      tokens,
      content,
      firstContent: Math.max(0, tokens.findIndex((x) => !x.stop)),
      acronym: content === 1 && (a?.kind === 'acronym' || (a?.alias.replace(/[^\p{L}]/gu, '').length ?? 0) <= 4),
      information: info / index.rareWeight,
    };
  };
  const add = (p: Pattern): void => {
    let node = root;
    for (const t of p.tokens) {
      let child = node.next.get(t.key);
      if (child === undefined) {
        child = trieNode();
        node.next.set(t.key, child);
      }
      node = child;
    }
    if (!node.ends.some((e) => e.alias === p.alias)) node.ends.push(p);
  };
  index.aliases.forEach((a, id) => {
    const content = a.form.tokens.filter((t) => !t.stop).length;
    add(pattern(id, a.actor, a.form.tokens, content));
    const comma = a.alias.indexOf(',');
    if (comma > 0) {
      const reordered = nameForm(`${a.alias.slice(comma + 1)} ${a.alias.slice(0, comma)}`, index.cache);
      add(pattern(id, a.actor, reordered.tokens, content));
    }
    // the last word of a person's multi-word name (a surname or nisba) may stand for the person
    const actor = index.actors[a.actor];
    if (actor?.kind === 'person' && content >= 2 && a.kind !== 'kunya') {
      const words = comma > 0 ? nameForm(a.alias.slice(0, comma), index.cache).tokens : a.form.tokens;
      const last = words.filter((t) => !t.stop).at(-1);
      if (last !== undefined && last.latin.length >= 4 && !/^A?B$/.test(last.key)) {
        const list = byLast.get(last.key);
        if (list === undefined) byLast.set(last.key, [{ actor: a.actor, token: last }]);
        else if (!list.some((x) => x.actor === a.actor && x.token.latin === last.latin)) list.push({ actor: a.actor, token: last });
      }
    }
  });
  // a surname shared by many listed people points at none of them
  for (const [key, list] of byLast) if (new Set(list.map((x) => x.actor)).size > MAX_SURNAME_ACTORS) byLast.delete(key);
  return { root, byLast };
}

/** The last word of a person's name, indexed for lone-surname mentions. */
interface Surname {
  actor: number;
  token: NameToken;
}

/** Everything the finder keeps between texts. */
interface FinderState {
  index: NameIndex;
  root: TrieNode;
  byLast: Map<string, Surname[]>;
  procliticKeys: Map<string, { key: string; text: string; prefix: number } | null>;
  bareTokens: Map<string, NameToken>;
}

/** One text being searched: its words and their lazily built match tokens. */
interface TextState {
  text: string;
  words: SkeletonWord[];
  tokens: Array<NameToken | undefined>;
}

/** The key of an Arabic word without a glued proclitic (لأبي → أبي, للعسكري → العسكري). */
function withoutProclitic(f: FinderState, text: string): { key: string; text: string; prefix: number } | null {
  let hit = f.procliticKeys.get(text);
  if (hit !== undefined) return hit;
  hit = null;
  const m = PROCLITIC.exec(text);
  if (m !== null && /[\u0600-\u06ff]/.test(text)) {
    const doubled = text.startsWith('لل');
    const rest = doubled ? `ال${text.slice(2)}` : text.slice(m[0].length);
    const key = skeletonTokens(rest)[0];
    if (key !== undefined) hit = { key, text: rest, prefix: doubled ? 1 : m[0].length };
  }
  if (f.procliticKeys.size > 100_000) f.procliticKeys.clear();
  f.procliticKeys.set(text, hit);
  return hit;
}

/** The match token of a word without its proclitic (cached: the same words recur). */
function bareToken(f: FinderState, text: string): NameToken | undefined {
  let token = f.bareTokens.get(text);
  if (token === undefined) {
    token = nameForm(text, f.index.cache).tokens[0];
    if (token === undefined) return undefined;
    if (f.bareTokens.size > 100_000) f.bareTokens.clear();
    f.bareTokens.set(text, token);
  }
  return token;
}

function tokenAt(t: TextState, i: number): NameToken | undefined {
  let token = t.tokens[i];
  if (token === undefined) {
    const w = t.words[i];
    if (w === undefined) return undefined;
    token = nameToken(w, t.text);
    t.tokens[i] = token;
  }
  return token;
}

/** Similarity of a text word with an alias word of the same key (0 when the readings clash). */
function wordSim(index: NameIndex, t: NameToken, a: NameToken): number {
  if (t.text === a.text || t.stop) return 1;
  const sim = sameKeySimilarity(t, a, index.isCommonGivenName(t) || index.isCommonGivenName(a), index.isParticle(t.key));
  return sim < SIM_VARIANT ? 0 : sim;
}

/**
 * Which candidates a pass looks for: `strong` ones stand alone; `weak` ones (acronyms, kunyas,
 * one common word, lone surnames) count only for actors the text already names (`supported`).
 */
interface Pass {
  weak: boolean;
  supported: (actor: number) => boolean;
}

/** Checks one alias spelled like the words at `i` and grades it; undefined when it does not hold. */
function judge(f: FinderState, t: TextState, i: number, p: Pattern, first: NameToken | undefined, skip: number, pass: Pass): Candidate | undefined {
  const alias = f.index.aliases[p.alias];
  const w = t.words[i];
  const n = p.tokens.length;
  const last = t.words[i + n - 1];
  if (alias === undefined || w === undefined || last === undefined || first === undefined) return undefined;
  // cheap checks first. Latin names are capitalized in running text: "the base", "doctor" are
  // words, not names
  const lead = p.firstContent === 0 ? first : tokenAt(t, i + p.firstContent);
  if (lead !== undefined && !lead.arabic && !isCapitalized(lead.raw)) return undefined;
  const single = p.content === 1 && !first.text.includes(' ');
  const acronym = single && p.acronym;
  if (acronym && !ACRONYM.test(t.text.slice(w.start + skip, last.end))) return undefined;
  // a kunya (Abu Ali), a weak a.k.a. or a name of common words only names many people
  let strong = alias.kind !== 'kunya' && alias.kind !== 'weak' && alias.confidence >= 1 && p.information >= STRONG_INFORMATION;
  if (single) {
    // a group's one-word name (Hezbollah) is a proper noun; a person's one word is often a
    // given name shared by many (Souleiman) unless rare among listed actors
    const kind = f.index.actors[p.actor]?.kind;
    strong &&= !first.arabic && !acronym && (kind !== 'person' || f.index.actorCount(p.tokens[0]?.key ?? '') <= DISTINCTIVE_DF);
  }
  if (strong === pass.weak || (pass.weak && !pass.supported(p.actor))) return undefined;
  let sim = 1;
  for (let k = 0; k < n && sim > 0; k++) {
    const token = k === 0 ? first : tokenAt(t, i + k);
    const a = p.tokens[k];
    sim = token === undefined || a === undefined ? 0 : Math.min(sim, wordSim(f.index, token, a));
  }
  if (sim === 0) return undefined;
  const score = sim * (alias.confidence < 1 ? 0.9 : 1);
  return { start: w.start + skip, end: last.end, span: n, actors: [p.actor], score, method: 'alias', strong };
}

/** The best whole alias starting at word `i` (the longest that holds), else a lone surname. */
function matchAt(f: FinderState, t: TextState, i: number, pass: Pass): Candidate | undefined {
  const w = t.words[i];
  if (w === undefined) return undefined;
  // a Latin word in lower case starts no name (names are capitalized; a function word may
  // start one: "The Base"): the common case in English prose, settled before any lookup
  if (LOWER_LATIN.test(t.text.charAt(w.start)) && !isStopWord(w.text)) return undefined;
  let best: Candidate | undefined;
  const bare = /[\u0600-\u06ff]/.test(w.text.charAt(0)) ? withoutProclitic(f, w.text) : null;
  for (let variant = 0; variant < 2; variant++) {
    const key = variant === 0 ? w.key : bare?.key;
    if (key === undefined || (variant === 1 && key === w.key)) continue;
    let node = f.root.next.get(key);
    if (node === undefined) continue;
    // walk the trie along the text, remembering every depth where aliases end
    const ends: TrieNode[] = [];
    let any = false;
    let depth = 1;
    while (node !== undefined) {
      ends.push(node);
      any ||= node.ends.length > 0;
      if (node.next.size === 0) break;
      const next = t.words[i + depth];
      const prev = t.words[i + depth - 1];
      if (next === undefined || prev === undefined || !isNameGap(t.text, prev.end, next.start)) break;
      node = node.next.get(next.key);
      depth++;
    }
    if (!any) continue;
    const first = variant === 0 ? tokenAt(t, i) : bare === null ? undefined : bareToken(f, bare.text);
    const skip = variant === 0 || bare === null ? 0 : rawOffset(t.text.slice(w.start, w.end), bare.prefix);
    for (let d = ends.length - 1; d >= 0; d--) {
      if (best !== undefined && d + 1 < best.span) break;
      for (const p of ends[d]?.ends ?? []) {
        const c = judge(f, t, i, p, first, skip, pass);
        if (c === undefined) continue;
        if (best === undefined || c.span > best.span || (c.span === best.span && c.score > best.score)) best = c;
        else if (c.span === best.span && c.score === best.score && !best.actors.includes(p.actor)) best.actors.push(p.actor);
      }
      if (best !== undefined) break;
    }
  }
  if (best !== undefined || !pass.weak) return best;
  // a lone surname or nisba of a listed person: needs the person (or their group) named nearby
  const ids = f.byLast.get(w.key);
  if (ids === undefined) return undefined;
  const token = tokenAt(t, i);
  if (token === undefined || (!token.arabic && !isCapitalized(token.raw))) return undefined;
  const people: number[] = [];
  for (const s of ids) if (pass.supported(s.actor) && !people.includes(s.actor) && wordSim(f.index, token, s.token) > 0) people.push(s.actor);
  if (people.length === 0) return undefined;
  return { start: w.start, end: w.end, span: 1, actors: people, score: SCORE_PARTIAL_FACTOR, method: 'partial', strong: false };
}

/** Every candidate of one pass, at every word. */
function collect(f: FinderState, t: TextState, pass: Pass): Array<Candidate & { at: number }> {
  const all: Array<Candidate & { at: number }> = [];
  for (let i = 0; i < t.words.length; i++) {
    const c = matchAt(f, t, i, pass);
    if (c !== undefined) all.push(Object.assign(c, { at: i }));
  }
  return all;
}

/**
 * Overlapping candidates: the one covering most words wins (الحاج قاسم سليماني is Qasem
 * Soleimani, not "Haj Qasem" plus a lone surname), then the better score, then the first.
 */
function pick(all: Array<Candidate & { at: number }>, words: number): Array<Candidate & { at: number }> {
  const byStrength = [...all].sort((x, y) => y.span - x.span || y.score - x.score || x.at - y.at);
  const taken = new Uint8Array(words);
  const found: Array<Candidate & { at: number }> = [];
  for (const c of byStrength) {
    let free = true;
    for (let k = c.at; k < c.at + c.span && free; k++) free = taken[k] === 0;
    if (!free) continue;
    for (let k = c.at; k < c.at + c.span; k++) taken[k] = 1;
    found.push(c);
  }
  return found.sort((x, y) => x.start - y.start);
}

/** Whether an actor, or one linked to it, is named strongly in the text. */
function isSupported(named: Set<number>, affiliated: Array<Set<number>>, a: number): boolean {
  if (named.has(a)) return true;
  for (const b of affiliated[a] ?? []) if (named.has(b)) return true;
  return false;
}

/** Finds actor mentions in running text over the registry's name index. */
export function createMentionFinder(actors: RegistryActor[]): MentionFinder {
  const index = nameIndexOf(actors);
  const { root, byLast } = buildPatterns(index);
  const state: FinderState = { index, root, byLast, procliticKeys: new Map(), bareTokens: new Map() };
  const actorIndex = new Map(actors.map((a, i) => [a.id, i]));
  const affiliated = actors.map((a) => new Set(a.affiliated.map((id) => actorIndex.get(id) ?? -1)));

  return {
    find(text: string): FoundMention[] {
      const words = skeletonWords(text, index.cache);
      const t: TextState = { text, words, tokens: new Array<NameToken | undefined>(words.length) };
      // first the names that stand alone; then, only if the text names someone, the short and
      // ambiguous ones that count for those actors and the people and groups linked to them
      const strong = pick(collect(state, t, { weak: false, supported: () => true }), words.length);
      if (strong.length === 0) return [];
      const named = new Set<number>();
      for (const c of strong) for (const a of c.actors) named.add(a);
      const weak = collect(state, t, { weak: true, supported: (a) => isSupported(named, affiliated, a) });
      const found = pick([...strong, ...weak], words.length);
      const out: FoundMention[] = [];
      for (const c of found) {
        let actor: number | undefined;
        let score = c.score;
        let method = c.method;
        const withContext: number[] = [];
        for (const a of c.actors) if (isSupported(named, affiliated, a)) withContext.push(a);
        if (c.strong) actor = preferredActor(actors, withContext.length > 0 ? withContext : c.actors);
        else if (withContext.length > 0) {
          actor = preferredActor(actors, withContext);
          score *= c.method === 'partial' ? 1 : SCORE_CONTEXT_FACTOR;
          if (method === 'alias') method = 'context';
        }
        const a = actor === undefined ? undefined : actors[actor];
        if (a === undefined) continue;
        out.push({ actorId: a.id, canonical: a.canonicalName, matched: text.slice(c.start, c.end), start: c.start, end: c.end, score: Math.round(score * 1000) / 1000, method, kind: a.kind });
      }
      return out;
    },
  };
}

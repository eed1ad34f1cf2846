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
export const MENTION_FINDER_VERSION = 4;

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
  /**
   * What the alias itself says about standing alone (known when the index is built): not a
   * kunya, weak or low-quality a.k.a., and informative enough (STRONG_INFORMATION).
   */
  standsAlone: boolean;
  /** As a one-word name: a group's, or a person's word at most DISTINCTIVE_DF listed actors use. */
  distinctiveWord: boolean;
  /** The list marks the alias low quality. */
  lowQuality: boolean;
}

/** One possible mention at a text position, before context is weighed. */
interface Candidate {
  /** Index of its first word. */
  at: number;
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

/** A lower-case Latin letter (a–z, ß–ÿ), by UTF-16 code. */
function isLowerLatin(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0xff);
}

/** A letter of the Arabic block, by UTF-16 code. */
function isArabicCode(code: number): boolean {
  return code >= 0x600 && code <= 0x6ff;
}

/**
 * A trie over alias word keys: a path of keys leads to the aliases spelled that way. The aliases
 * ending at a node are kept by the pass that can accept them (one-word names may be in both), so
 * that neither pass looks at aliases it would reject for their kind alone.
 */
interface TrieNode {
  /** Children by the next word's key; undefined at a leaf (most nodes), which spares a lookup. */
  next: Map<string, TrieNode> | undefined;
  /** Aliases that may stand alone (`standsAlone`). */
  strong: Pattern[];
  /** Aliases that may need context: not standing alone, or a single word (strong or not by the text's word). */
  weak: Pattern[];
}

function trieNode(): TrieNode {
  return { next: undefined, strong: [], weak: [] };
}

function hasPatterns(node: TrieNode): boolean {
  return node.strong.length > 0 || node.weak.length > 0;
}

/** Builds the alias trie (person names given "SURNAME, Given" also in running order) and the surname index. */
function buildPatterns(index: NameIndex): { root: TrieNode; byLast: Map<string, Surname[]> } {
  const root = trieNode();
  const byLast = new Map<string, Surname[]>();
  const pattern = (alias: number, actor: number, tokens: NameToken[], content: number): Pattern => {
    const a = index.aliases[alias];
    let info = 0;
    for (const t of tokens) if (!t.stop) info += index.weight(t);
    const confidence = a?.confidence ?? 0;
    return {
      alias,
      actor,
      tokens,
      content,
      firstContent: Math.max(0, tokens.findIndex((x) => !x.stop)),
      acronym: content === 1 && (a?.kind === 'acronym' || (a?.alias.replace(/[^\p{L}]/gu, '').length ?? 0) <= 4),
      standsAlone: a?.kind !== 'kunya' && a?.kind !== 'weak' && confidence >= 1 && info / index.rareWeight >= STRONG_INFORMATION,
      distinctiveWord: index.actors[actor]?.kind !== 'person' || index.actorCount(tokens[0]?.key ?? '') <= DISTINCTIVE_DF,
      lowQuality: confidence < 1,
    };
  };
  const add = (p: Pattern): void => {
    let node = root;
    for (const t of p.tokens) {
      node.next ??= new Map();
      let child = node.next.get(t.key);
      if (child === undefined) {
        child = trieNode();
        node.next.set(t.key, child);
      }
      node = child;
    }
    const known = (e: Pattern): boolean => e.alias === p.alias;
    if (node.strong.some(known) || node.weak.some(known)) return;
    if (p.standsAlone) node.strong.push(p);
    if (!p.standsAlone || p.content === 1) node.weak.push(p);
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
  /** The keys under which each person is in `byLast`. */
  surnameKeys: Array<string[] | undefined>;
  procliticKeys: Map<string, { key: string; text: string; prefix: number } | null>;
  bareTokens: Map<string, NameToken>;
}

/** The trie walked along the text from one word (as written, or without its proclitic). */
interface Walk {
  /** The node reached at each word, the first word's at 0. */
  nodes: TrieNode[];
  /** The first word's match token. */
  first: NameToken | undefined;
  /** UTF-16 length of the proclitic left out of the span. */
  skip: number;
}

/** One text being searched: its words, their lazily built match tokens and trie walks (shared by both passes). */
interface TextState {
  text: string;
  words: SkeletonWord[];
  tokens: Array<NameToken | undefined>;
  /** Per word: its walks, or null when the word starts no name (lower-case Latin). */
  walks: Array<Walk[] | null | undefined>;
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
  /** Actors named strongly in the text and those linked to them (the weak pass only). */
  supported: Set<number>;
  /** The `byLast` keys of the supported people (the weak pass only). */
  surnameKeys: Set<string>;
}

const STRONG_PASS: Pass = { weak: false, supported: new Set(), surnameKeys: new Set() };

/** Checks one alias spelled like the words at `i` and grades it; undefined when it does not hold. */
function judge(f: FinderState, t: TextState, i: number, p: Pattern, walk: Walk, pass: Pass): Candidate | undefined {
  // cheap checks first: in the weak pass, most aliases are of actors the text does not name
  if (pass.weak && !pass.supported.has(p.actor)) return undefined;
  const { first, skip } = walk;
  const w = t.words[i];
  const n = p.tokens.length;
  const last = t.words[i + n - 1];
  if (w === undefined || last === undefined || first === undefined) return undefined;
  // Latin names are capitalized in running text: "the base", "doctor" are words, not names
  const lead = p.firstContent === 0 ? first : tokenAt(t, i + p.firstContent);
  if (lead !== undefined && !lead.arabic && !isCapitalized(lead.raw)) return undefined;
  const single = p.content === 1 && !first.text.includes(' ');
  const acronym = single && p.acronym;
  if (acronym && !ACRONYM.test(t.text.slice(w.start + skip, last.end))) return undefined;
  // a kunya (Abu Ali), a weak a.k.a. or a name of common words only names many people; a
  // group's one-word name (Hezbollah) is a proper noun, a person's one word is often a given
  // name shared by many (Souleiman) unless rare among listed actors
  const strong = p.standsAlone && (!single || (!first.arabic && !acronym && p.distinctiveWord));
  if (strong === pass.weak) return undefined;
  let sim = 1;
  for (let k = 0; k < n && sim > 0; k++) {
    const token = k === 0 ? first : tokenAt(t, i + k);
    const a = p.tokens[k];
    sim = token === undefined || a === undefined ? 0 : Math.min(sim, wordSim(f.index, token, a));
  }
  if (sim === 0) return undefined;
  const score = sim * (p.lowQuality ? 0.9 : 1);
  return { at: i, start: w.start + skip, end: last.end, span: n, actors: [p.actor], score, method: 'alias', strong };
}

/**
 * The trie walks from word `i`, as written and without a glued proclitic, each keeping the node
 * reached at every depth; null when the word starts no name. Computed once per word for both passes.
 */
function walksAt(f: FinderState, t: TextState, i: number): Walk[] | null {
  const known = t.walks[i];
  if (known !== undefined) return known;
  const w = t.words[i];
  // a Latin word in lower case starts no name (names are capitalized; a function word may
  // start one: "The Base"): the common case in English prose, settled before any lookup
  if (w === undefined || (isLowerLatin(t.text.charCodeAt(w.start)) && !isStopWord(w.text))) {
    t.walks[i] = null;
    return null;
  }
  const walks: Walk[] = [];
  const bare = isArabicCode(w.text.charCodeAt(0)) ? withoutProclitic(f, w.text) : null;
  for (let variant = 0; variant < 2; variant++) {
    const key = variant === 0 ? w.key : bare?.key;
    if (key === undefined || (variant === 1 && key === w.key)) continue;
    let node = f.root.next?.get(key);
    const nodes: TrieNode[] = [];
    let any = false;
    let depth = 1;
    while (node !== undefined) {
      nodes.push(node);
      any ||= hasPatterns(node);
      if (node.next === undefined) break;
      const next = t.words[i + depth];
      const prev = t.words[i + depth - 1];
      if (next === undefined || prev === undefined || !isNameGap(t.text, prev.end, next.start)) break;
      node = node.next.get(next.key);
      depth++;
    }
    if (!any) continue;
    const first = variant === 0 ? tokenAt(t, i) : bare === null ? undefined : bareToken(f, bare.text);
    const skip = variant === 0 || bare === null ? 0 : rawOffset(t.text.slice(w.start, w.end), bare.prefix);
    walks.push({ nodes, first, skip });
  }
  t.walks[i] = walks;
  return walks;
}

/** The best whole alias starting at word `i` (the longest that holds), else a lone surname. */
function matchAt(f: FinderState, t: TextState, i: number, pass: Pass): Candidate | undefined {
  const walks = walksAt(f, t, i);
  if (walks === null) return undefined;
  let best: Candidate | undefined;
  for (const walk of walks) {
    // the deepest aliases first: the longest name that holds wins
    for (let d = walk.nodes.length - 1; d >= 0; d--) {
      if (best !== undefined && d + 1 < best.span) break;
      const node = walk.nodes[d];
      for (const p of (pass.weak ? node?.weak : node?.strong) ?? []) {
        const c = judge(f, t, i, p, walk, pass);
        if (c === undefined) continue;
        if (best === undefined || c.span > best.span || (c.span === best.span && c.score > best.score)) best = c;
        else if (c.span === best.span && c.score === best.score && !best.actors.includes(p.actor)) best.actors.push(p.actor);
      }
      if (best !== undefined) break;
    }
  }
  if (best !== undefined || !pass.weak) return best;
  return loneSurname(f, t, i, pass);
}

/** A lone surname or nisba of a listed person: needs the person (or their group) named nearby. */
function loneSurname(f: FinderState, t: TextState, i: number, pass: Pass): Candidate | undefined {
  const w = t.words[i];
  if (w === undefined || !pass.surnameKeys.has(w.key)) return undefined;
  const ids = f.byLast.get(w.key);
  if (ids === undefined) return undefined;
  const token = tokenAt(t, i);
  if (token === undefined || (!token.arabic && !isCapitalized(token.raw))) return undefined;
  const people: number[] = [];
  for (const s of ids) if (pass.supported.has(s.actor) && !people.includes(s.actor) && wordSim(f.index, token, s.token) > 0) people.push(s.actor);
  if (people.length === 0) return undefined;
  return { at: i, start: w.start, end: w.end, span: 1, actors: people, score: SCORE_PARTIAL_FACTOR, method: 'partial', strong: false };
}

/** Every candidate of one pass, at every word. */
function collect(f: FinderState, t: TextState, pass: Pass): Candidate[] {
  const all: Candidate[] = [];
  for (let i = 0; i < t.words.length; i++) {
    const c = matchAt(f, t, i, pass);
    if (c !== undefined) all.push(c);
  }
  return all;
}

/**
 * Overlapping candidates: the one covering most words wins (الحاج قاسم سليماني is Qasem
 * Soleimani, not "Haj Qasem" plus a lone surname), then the better score, then the first.
 */
function pick(all: Candidate[], words: number): Candidate[] {
  const byStrength = [...all].sort((x, y) => y.span - x.span || y.score - x.score || x.at - y.at);
  const taken = new Uint8Array(words);
  const found: Candidate[] = [];
  for (const c of byStrength) {
    let free = true;
    for (let k = c.at; k < c.at + c.span && free; k++) free = taken[k] === 0;
    if (!free) continue;
    for (let k = c.at; k < c.at + c.span; k++) taken[k] = 1;
    found.push(c);
  }
  return found.sort((x, y) => x.start - y.start);
}

/**
 * The actors a text supports: those named strongly in it, and every actor whose affiliations
 * include one of them (`linkedTo` lists, per actor, the actors affiliated with it).
 */
function supportedActors(named: Set<number>, linkedTo: number[][]): Set<number> {
  const supported = new Set(named);
  for (const b of named) for (const a of linkedTo[b] ?? []) supported.add(a);
  return supported;
}

/** The weak pass over a text that names the `supported` actors. */
function weakPass(f: FinderState, supported: Set<number>): Pass {
  const surnameKeys = new Set<string>();
  for (const a of supported) for (const key of f.surnameKeys[a] ?? []) surnameKeys.add(key);
  return { weak: true, supported, surnameKeys };
}

/** Finds actor mentions in running text over the registry's name index. */
export function createMentionFinder(actors: RegistryActor[]): MentionFinder {
  const index = nameIndexOf(actors);
  const { root, byLast } = buildPatterns(index);
  const surnameKeys: Array<string[] | undefined> = [];
  for (const [key, list] of byLast) for (const s of list) (surnameKeys[s.actor] ??= []).push(key);
  const state: FinderState = { index, root, byLast, surnameKeys, procliticKeys: new Map(), bareTokens: new Map() };
  const actorIndex = new Map(actors.map((a, i) => [a.id, i]));
  const linkedTo: number[][] = actors.map(() => []);
  actors.forEach((a, i) => {
    for (const id of a.affiliated) {
      const b = actorIndex.get(id);
      if (b !== undefined) linkedTo[b]?.push(i);
    }
  });

  return {
    find(text: string): FoundMention[] {
      const words = skeletonWords(text, index.cache);
      const t: TextState = { text, words, tokens: new Array<NameToken | undefined>(words.length), walks: new Array<Walk[] | null | undefined>(words.length) };
      // first the names that stand alone; then, only if the text names someone, the short and
      // ambiguous ones that count for those actors and the people and groups linked to them
      const strong = pick(collect(state, t, STRONG_PASS), words.length);
      if (strong.length === 0) return [];
      const named = new Set<number>();
      for (const c of strong) for (const a of c.actors) named.add(a);
      const supported = supportedActors(named, linkedTo);
      const weak = collect(state, t, weakPass(state, supported));
      const found = pick([...strong, ...weak], words.length);
      const out: FoundMention[] = [];
      for (const c of found) {
        let actor: number | undefined;
        let score = c.score;
        let method = c.method;
        const withContext: number[] = [];
        for (const a of c.actors) if (supported.has(a)) withContext.push(a);
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

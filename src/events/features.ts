// Everything the clusterer compares, computed once per item: two MinHash signatures (word and
// character shingles), weighted language-free anchors (actors, numbers, places, hashtags, links,
// quoted phrases, glossary concepts, content-word stems, a stored translation's words), the
// platforms and days a report cites, and the direct links (forward, retweet, quote, reply, link to
// a post). Pure: the same input always gives the same features.
import { glossEntriesIn } from '../text/glossary.js';
import { normalize, searchTextOfNormalized } from '../text/normalize.js';
import { stemToken } from '../text/stem.js';
import { citationsInNormalized, daysInNormalized, handlesIn, isMonthToken, type Citation, withoutDates } from './citations.js';
import type { EventInput } from './event-input.js';
import { fnvState, hashString } from './hash.js';
import { accountOfLink, canonicalUrl, itemKeyOfLink, matchKey, urlsInText } from './links.js';
import { signature } from './minhash.js';
import { placeAt, placesIn } from './places.js';
import { charShingles, contentTokens, foldedContent, wordShingles } from './shingles.js';
import { STOPWORDS } from './stopwords.js';

/** Anchor kinds and how much one shared anchor of the kind says about sharing a happening. */
export const ANCHOR_WEIGHT = { word: 1, actor: 2, number: 3, place: 1.5, hashtag: 2, url: 4, quote: 3, day: 1.5, account: 3 } as const;
export type AnchorKind = keyof typeof ANCHOR_WEIGHT;
export const ANCHOR_KINDS = Object.keys(ANCHOR_WEIGHT) as AnchorKind[];
/** Kinds that name this happening in particular (not its vocabulary, not who is involved). */
export const SPECIFIC: ReadonlySet<number> = new Set((['number', 'place', 'hashtag', 'url', 'quote', 'day', 'account'] as const).map((k) => ANCHOR_KINDS.indexOf(k)));

export interface EventFeatures {
  input: EventInput;
  /** The item's key as links name it (matchKey). */
  matchKey: string;
  /** How many content tokens the text has. */
  tokenCount: number;
  /** Content tokens joined by spaces, for finding another item's quoted phrases. */
  tokenText: string;
  wordSig: Uint32Array;
  /** Sorted distinct word shingles (exact similarity of candidates). */
  wordSet: Uint32Array;
  charSig: Uint32Array;
  charSet: Uint32Array;
  /** Sorted unique anchor hashes, the kind weight of each and the kind (index in ANCHOR_KINDS). */
  anchors: Uint32Array;
  weights: Float32Array;
  kinds: Uint8Array;
  /** Σ weight × rarity of the anchors, set by the clusterer when the item enters the window. */
  mass: number;
  /** Rarity of each anchor when the item was placed (new items only; saves lookups while scoring). */
  rarities: Float32Array | null;
  /** Numbers written in the text (not years, not dates). */
  numbers: readonly string[];
  /** Places and installations named (gazetteer names). */
  places: readonly string[];
  /** Capitalized names inside sentences of a Latin-script text (folded), e.g. an unlisted town. */
  names: readonly string[];
  /** The word after a locative preposition ("in X", "à X", "في X", "در X"): where it happened. */
  where: readonly string[];
  /** Days written in the text (UTC midnight, ms): the statement's date, the day a report cites. */
  days: readonly number[];
  /** Quoted phrases (folded tokens joined by spaces) of two or more words or one long word. */
  quotes: readonly string[];
  /** The quotes with a space either side, as they are looked for in another item's `tokenText`. */
  quoteNeedles: readonly string[];
  /** The author's handle and the source, in lower case (as handles and account links are compared). */
  handleKey: string | null;
  sourceKey: string;
  citations: readonly Citation[];
  /** The text says it is a translation ("translated", "traduction", "ترجمة"). */
  translationCue: boolean;
  handles: readonly string[];
  /** Item keys this item points at: retweeted, quoted, replied to, forwarded, linked. */
  pointsAt: ReadonlyMap<string, 'forward' | 'quote' | 'reply' | 'link'>;
  /** Accounts it links (t.me/<channel>, x.com/<handle>), as `platform:name`. */
  accounts: readonly string[];
}

const MAX_WORDS = 160;
const TRANSLATION_CUE = /\btranslat|\btradu|ترجم/u;
const MAX_CHAR_TOKENS = 250; // the lead of a long article carries its story; the rest dilutes it
const QUOTE = /«([^«»]{2,160})»|“([^“”]{2,160})”|"([^"]{2,160})"|‘([^‘’]{2,160})’|(?<![\p{L}\p{N}])'([^'\n]{2,120})'(?![\p{L}\p{N}])/gu;
const NUMBER = /(?<![\d:.,/])(\d{1,3}(?:[,.  ]\d{3})+|\d+)(?![\d:/]|[.,]\d)/g;
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;
// Cheap tests for what the patterns above need at all (most posts have no quote, digit or capital).
const QUOTE_MARK = /[«“"‘']/;
const DIGIT = /\d/;
const CAPITAL = /\p{Lu}/u;

/** The distinct values of a fresh array of hashes, sorted (the array itself is sorted in place). */
function distinctSorted(a: Uint32Array): Uint32Array {
  a.sort();
  let n = 0;
  for (let i = 0; i < a.length; i++) if (n === 0 || a[i] !== a[n - 1]) a[n++] = a[i] ?? 0;
  return a.slice(0, n);
}

function quotesOf(text: string): string[] {
  const out: string[] = [];
  if (!QUOTE_MARK.test(text)) return out;
  for (const m of text.matchAll(QUOTE)) {
    const inner = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    const words = searchTextOfNormalized(normalize(inner));
    const count = words.length === 0 ? 0 : words.split(' ').length;
    if (count >= 2 && count <= 14) out.push(words);
    else if (count === 1 && words.length >= 6) out.push(words);
  }
  return out;
}

const NAME = /(?<=[\p{Ll}\p{N},;:] )(\p{Lu}[\p{Ll}'’-]+(?:[ -](?:al|el|de|du|la|le|ibn|bin|abu|[\p{Lu}][\p{Ll}'’-]+))*)/gu;
const NOT_NAMES = new Set(['the', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'telegram', 'twitter', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'janvier', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);

/** Proper names in running Latin text: capitalized words after a lower-case word (not sentence starts). */
function latinNames(text: string): string[] {
  const out = new Set<string>();
  if (!CAPITAL.test(text)) return [];
  for (const m of text.matchAll(NAME)) {
    const n = searchTextOfNormalized(normalize(m[1] ?? ''));
    if (n.length >= 3 && !NOT_NAMES.has(n)) out.add(n);
  }
  return [...out];
}

/** Whether a non-empty token is all ASCII digits. */
function isDigits(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return token.length > 0;
}

const LOCATIVE = new Set(['in', 'at', 'near', 'au', 'pres', 'في', 'بمدينه', 'بمحافظه', 'در', 'ميں', 'ميں']);

/** The words after locative prepositions (folded tokens), stopwords and numbers skipped. */
function locatives(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!LOCATIVE.has(tokens[i] ?? '')) continue;
    const next = tokens[i + 1] ?? '';
    // a place the gazetteer knows is its name, however written ("in America", "in the States")
    const place = placeAt(tokens, i + 1);
    if (place !== undefined) out.add(place);
    else if (next.length >= 3 && !STOPWORDS.has(next) && !isDigits(next)) out.add(next);
  }
  return [...out];
}

/** Counts and amounts written in a (date-free) folded text: years and 0/1 left out. */
function numbersOf(normalized: string): string[] {
  const out = new Set<string>();
  for (const m of normalized.matchAll(NUMBER)) {
    const digits = (m[1] ?? '').replace(/[^\d]/g, '');
    const n = Number(digits);
    if (n < 2) continue;
    if (digits.length === 4 && n >= 1900 && n <= 2100) continue; // years
    out.add(String(n));
  }
  return [...out];
}

/** The word anchors of a gloss's first sense, stemmed; memoized, as glosses are a fixed set. */
const glossAnchors = new Map<string, readonly string[]>();
function glossWords(gloss: string): readonly string[] {
  let words = glossAnchors.get(gloss);
  if (!words) {
    const first = gloss.split(/[;(]/)[0] ?? '';
    words = searchTextOfNormalized(normalize(first)).split(' ').filter((w) => w.length >= 3 && !STOPWORDS.has(w)).map((w) => stemToken(w) ?? w);
    glossAnchors.set(gloss, words);
  }
  return words;
}

function wordAnchor(token: string): string | null {
  if (token.length < 3 || STOPWORDS.has(token) || isDigits(token)) return null;
  return stemToken(token) ?? token;
}

const KIND_INDEX = Object.fromEntries(ANCHOR_KINDS.map((k, i) => [k, i])) as Record<AnchorKind, number>;
/** The hash state after `<kind>:`: an anchor hashes as `<kind>:<value>` without building that string. */
const KIND_SEED = Object.fromEntries(ANCHOR_KINDS.map((k) => [k, fnvState(`${k}:`)])) as Record<AnchorKind, number>;

/** An item's anchors as they are found: each hash with its strongest weight and the kind last put. */
class AnchorBag {
  // keyed by the hash as int32, which V8 keeps unboxed (a uint32 above 2^31 would be a heap number)
  private readonly slotOf = new Map<number, number>();
  private readonly hashes: number[] = [];
  private readonly weights: number[] = [];
  private readonly kinds: number[] = [];

  put(kind: AnchorKind, value: string): void {
    const h = hashString(value, KIND_SEED[kind]);
    const slot = this.slotOf.get(h | 0);
    if (slot === undefined) {
      this.slotOf.set(h | 0, this.hashes.length);
      this.hashes.push(h);
      this.weights.push(ANCHOR_WEIGHT[kind]);
      this.kinds.push(KIND_INDEX[kind]);
      return;
    }
    this.weights[slot] = Math.max(this.weights[slot] ?? 0, ANCHOR_WEIGHT[kind]);
    this.kinds[slot] = KIND_INDEX[kind];
  }

  /** Sorted hashes with the weight and kind of each. */
  sorted(): { anchors: Uint32Array; weights: Float32Array; kinds: Uint8Array } {
    const anchors = Uint32Array.from(this.hashes).sort();
    const weights = new Float32Array(anchors.length);
    const kinds = new Uint8Array(anchors.length);
    for (let i = 0; i < anchors.length; i++) {
      const slot = this.slotOf.get((anchors[i] ?? 0) | 0) ?? 0;
      weights[i] = this.weights[slot] ?? 0;
      kinds[i] = this.kinds[slot] ?? 0;
    }
    return { anchors, weights, kinds };
  }
}

/** Word anchors of the first MAX_WORDS tokens. */
function putWords(bag: AnchorBag, tokens: readonly string[]): void {
  const n = Math.min(tokens.length, MAX_WORDS);
  for (let i = 0; i < n; i++) {
    const w = wordAnchor(tokens[i] ?? '');
    if (w) bag.put('word', w);
  }
}

/** Links, @handles and hashtags are rare in most posts: their patterns run only when a marker is there. */
const urlsOf = (text: string): string[] => (text.includes('/') ? urlsInText(text) : []);
const handlesOf = (text: string): string[] => (text.includes('@') ? handlesIn(text) : []);

const NONE: readonly string[] = Object.freeze([]);
/** Lower case, keeping the same string when it is lower case already (features are kept per item). */
const lower = (s: string): string => (/\p{Lu}/u.test(s) ? s.toLowerCase() : s);

/** The features of one item. */
export function eventFeatures(input: EventInput): EventFeatures {
  const body = input.title && !input.text.startsWith(input.title) ? `${input.title}\n${input.text}` : input.text;
  const { folded: normalized, tokens } = foldedContent(body);
  const wordSet = distinctSorted(wordShingles(tokens));
  const charSet = distinctSorted(charShingles(tokens.slice(0, MAX_CHAR_TOKENS)));
  const bag = new AnchorBag();
  putWords(bag, tokens);
  const lang = input.language;
  if (lang === 'ar' || lang === 'fa' || lang === 'ur' || lang === 'ps') {
    for (const entry of glossEntriesIn(body, { languages: [lang] }).slice(0, 40)) {
      for (const w of glossWords(entry.gloss)) bag.put('word', w);
    }
  }
  if (input.translation) putWords(bag, contentTokens(input.translation.text));
  for (const a of input.actors) bag.put('actor', a);
  // dates and counts need a digit; the date patterns are costly, so they also wait for a month name
  const digits = DIGIT.test(normalized);
  const dated = digits && tokens.some(isMonthToken);
  const days = dated ? daysInNormalized(normalized, input.publishedAt) : [];
  const numbers = digits ? numbersOf(dated ? withoutDates(normalized) : normalized) : [];
  for (const n of numbers) if (Number(n) >= 10) bag.put('number', n); // "8 days" is in every other post
  const places = placesIn(tokens);
  for (const p of places) bag.put('place', p);
  if (body.includes('#')) for (const m of body.matchAll(HASHTAG)) bag.put('hashtag', searchTextOfNormalized(normalize(m[1] ?? '')).replace(/ /g, '_'));
  const quotes = quotesOf(body);
  for (const q of quotes) bag.put('quote', q);
  for (const d of days) bag.put('day', String(d));
  const pointsAt = new Map<string, 'forward' | 'quote' | 'reply' | 'link'>();
  if (input.reposts) pointsAt.set(matchKey(input.reposts), 'forward');
  if (input.forwardedFrom?.key) pointsAt.set(matchKey(input.forwardedFrom.key), 'forward');
  if (input.quotes) pointsAt.set(matchKey(input.quotes), 'quote');
  if (input.replyTo) pointsAt.set(matchKey(input.replyTo), 'reply');
  const accounts = new Set<string>();
  if (input.url) {
    const own = canonicalUrl(input.url);
    if (own && !itemKeyOfLink(own)) bag.put('url', own.replace(/#.*$/, ''));
  }
  for (const raw of [...input.links, ...urlsOf(input.text)]) {
    const url = canonicalUrl(raw);
    if (!url) continue;
    const key = itemKeyOfLink(url);
    if (key) {
      if (!pointsAt.has(key)) pointsAt.set(key, 'link');
      continue;
    }
    const account = accountOfLink(url);
    if (account) accounts.add(account);
    else bag.put('url', url.replace(/#.*$/, ''));
  }
  for (const a of accounts) bag.put('account', a);
  const handles = handlesOf(input.text);
  for (const h of handles) bag.put('account', `x:${h}`);
  const anchors = bag.sorted();
  return {
    input,
    matchKey: matchKey(input.key),
    tokenCount: tokens.length,
    tokenText: ` ${tokens.join(' ')} `,
    // a signature is a minimum per bin: the distinct shingles give the same one as all of them
    wordSig: signature(wordSet),
    wordSet,
    charSig: signature(charSet),
    charSet,
    anchors: anchors.anchors,
    weights: anchors.weights,
    kinds: anchors.kinds,
    mass: 0,
    rarities: null,
    numbers,
    places,
    names: latinNames(body),
    where: locatives(tokens),
    days,
    quotes,
    quoteNeedles: quotes.length === 0 ? NONE : quotes.map((q) => ` ${q} `),
    handleKey: input.authorHandle ? lower(input.authorHandle) : null,
    sourceKey: lower(input.source),
    citations: citationsInNormalized(normalized, input.publishedAt, days),
    translationCue: TRANSLATION_CUE.test(normalized),
    handles,
    pointsAt,
    accounts: [...accounts],
  };
}

/** Features without their input, as a worker thread sends them back (feature-pool.ts). */
export type DetachedFeatures = Omit<EventFeatures, 'input'>;

/**
 * Features sent from another thread, joined to their input again. Built field by field in the
 * order `eventFeatures` uses, so that every features object has one shape and the scoring code
 * that reads them stays fast (a copied or spread object would be another shape).
 */
export function attachInput(f: DetachedFeatures, input: EventInput): EventFeatures {
  return {
    input,
    matchKey: f.matchKey,
    tokenCount: f.tokenCount,
    tokenText: f.tokenText,
    wordSig: f.wordSig,
    wordSet: f.wordSet,
    charSig: f.charSig,
    charSet: f.charSet,
    anchors: f.anchors,
    weights: f.weights,
    kinds: f.kinds,
    mass: f.mass,
    rarities: f.rarities,
    numbers: f.numbers,
    places: f.places,
    names: f.names,
    where: f.where,
    days: f.days,
    quotes: f.quotes,
    quoteNeedles: f.quoteNeedles,
    handleKey: f.handleKey,
    sourceKey: f.sourceKey,
    citations: f.citations,
    translationCue: f.translationCue,
    handles: f.handles,
    pointsAt: f.pointsAt,
    accounts: f.accounts,
  };
}


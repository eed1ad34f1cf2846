// How strongly a new item belongs with an earlier one, and as what: a forward, a copy, a
// translation, a report that cites it, or a related post. Pure: scores two items' features given
// the anchor rarities of the window.
import { withoutClitics } from '../text/arabic-clitics.js';
import { ANCHOR_KINDS, SPECIFIC, type EventFeatures } from './features.js';
import { matchKey } from './links.js';
import { estimateJaccard } from './minhash.js';

const ACTOR = ANCHOR_KINDS.indexOf('actor');
const HASHTAG = ANCHOR_KINDS.indexOf('hashtag');
const NUMBER = ANCHOR_KINDS.indexOf('number');
const HASHTAG_BONUS = 0.15;
const NAMED: ReadonlySet<number> = new Set((['actor', 'place', 'quote', 'url', 'hashtag', 'account'] as const).map((k) => ANCHOR_KINDS.indexOf(k)));
/** SPECIFIC and NAMED as tables by kind index: read for every shared anchor of every pair. */
const IS_SPECIFIC = Uint8Array.from(ANCHOR_KINDS, (_k, i) => (SPECIFIC.has(i) ? 1 : 0));
const IS_NAMED = Uint8Array.from(ANCHOR_KINDS, (_k, i) => (NAMED.has(i) ? 1 : 0));

export const relations = ['origin', 'forward', 'copy', 'translation', 'report', 'related'] as const;
export type Relation = (typeof relations)[number];

export interface Link {
  relation: Exclude<Relation, 'origin'>;
  score: number;
  /** Why, in a few words: "retweet of", "near-duplicate (word shingles 0.82)", "cites Telegram, 2021-01-13". */
  why: string;
}

/** The why of a direct link seen from the item it points at. */
const REVERSED: Record<string, string> = { 'repost of': 'reposted by', 'forward of': 'forwarded by', quotes: 'quoted by', 'reply to': 'replied to by', 'links to': 'linked from' };

/** Inverse document frequency of an anchor hash in the current window. */
export type Rarity = (anchor: number) => number;

const HOUR = 3_600_000;
/** Kept of a score for each slot the two items fill differently. */
const CONFLICT = 0.4;
/** Taken off a same-language likeness score (a translation or report in another language shares far less by nature). */
const SAME_LANGUAGE_MARGIN = 0.15;
const DAY = 24 * HOUR;

/** Relatedness fades after a day apart and is negligible after about a week. */
export function timeDecay(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0.8;
  const hours = Math.abs(a - b) / HOUR;
  return hours <= 24 ? 1 : Math.exp(-(hours - 24) / 60);
}

function direct(x: EventFeatures, y: EventFeatures): Link | null {
  if (x.pointsAt.size === 0) return null;
  const to = x.pointsAt.get(y.matchKey);
  if (to === 'forward') return { relation: 'forward', score: 1, why: x.input.reposts === y.input.key ? 'repost of' : 'forward of' };
  if (to === 'quote') return { relation: 'report', score: 0.95, why: 'quotes' };
  if (to === 'reply') return { relation: 'related', score: 0.9, why: 'reply to' };
  if (to === 'link') return { relation: 'report', score: 0.95, why: 'links to' };
  return null;
}

/**
 * Both are replies, to different posts: each belongs with the post it answers, and the formula
 * they share ("we will keep you informed about…") says nothing about one happening.
 */
function answerDifferentPosts(x: EventFeatures, y: EventFeatures): boolean {
  const a = x.input.replyTo;
  const b = y.input.replyTo;
  return a !== null && b !== null && matchKey(a) !== matchKey(b);
}

function sameVoice(x: EventFeatures, y: EventFeatures): boolean {
  return x.input.source === y.input.source;
}

/** Size of the intersection of two sorted sets of hashes. */
function intersection(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard similarity and containment of the smaller set in the larger. */
export function overlap(a: Uint32Array, b: Uint32Array): { jaccard: number; containment: number } {
  if (a.length === 0 || b.length === 0) return { jaccard: 0, containment: 0 };
  const inter = intersection(a, b);
  return { jaccard: inter / (a.length + b.length - inter), containment: inter / Math.min(a.length, b.length) };
}

const disjoint = (a: readonly string[], b: readonly string[]): boolean => a.length > 0 && b.length > 0 && !a.some((v) => b.includes(v));

/**
 * Both give counts and they disagree (neither set holds the other, and they share under half):
 * a template filled in for another happening. A report may give fewer counts than its source.
 */
function otherNumbers(x: EventFeatures, y: EventFeatures): boolean {
  const a = x.numbers;
  const b = y.numbers;
  if (a.length === 0 || b.length === 0) return false;
  let shared = 0;
  for (const n of a) if (b.includes(n)) shared++;
  if (shared === a.length || shared === b.length) return false;
  return shared / (a.length + b.length - shared) < 0.5;
}

const utcDay = (ms: number | null): number | null => (ms === null ? null : ms - (((ms % DAY) + DAY) % DAY));

/**
 * Both texts give dates and none agree: a dated statement and a translation or report of another
 * statement. A written date that is the other item's own posting day (UTC) is no clash, as a
 * statement dated in local time can fall on the day before or after in UTC.
 */
function otherDays(x: EventFeatures, y: EventFeatures): boolean {
  if (x.days.length === 0 || y.days.length === 0 || x.days.some((d) => y.days.includes(d))) return false;
  const xDay = utcDay(x.input.publishedAt);
  const yDay = utcDay(y.input.publishedAt);
  return !(xDay !== null && y.days.includes(xDay)) && !(yDay !== null && x.days.includes(yDay));
}

/**
 * How many of the slots that tell one happening from another (counts, places, actors, dates) both
 * items fill, differently: the same frame about another place, actor or day is another story.
 */
export function conflicts(x: EventFeatures, y: EventFeatures): number {
  const where = x.input.language === y.input.language && disjoint(x.where, y.where);
  return (otherNumbers(x, y) ? 2 : 0) + (disjoint(x.places, y.places) || where ? 1 : 0) + (disjoint(x.input.actors, y.input.actors) ? 1 : 0) + (otherDays(x, y) ? 1 : 0);
}

/** Whether two items share a particular: an actor, count, place, quote, link, hashtag or account. */
function shareParticular(x: EventFeatures, y: EventFeatures): boolean {
  let i = 0;
  let j = 0;
  while (i < x.anchors.length && j < y.anchors.length) {
    const a = x.anchors[i] ?? 0;
    const b = y.anchors[j] ?? 0;
    if (a === b) {
      const kind = x.kinds[i] ?? 0;
      if (IS_NAMED[kind] === 1 || kind === NUMBER) return true;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return false;
}

const isNews = (f: EventFeatures): boolean => f.input.platform === 'rss' || f.input.platform === 'web';

/**
 * Whether two posts are of a length one could render the other: a translation or a cross-post
 * keeps the whole text, so a one-line post and a long statement in two languages that share only
 * a name and a count are not one text, whatever the count. (Articles are another matter: a report
 * is longer than the post it cites, and says so.)
 */
function comparableLength(x: EventFeatures, y: EventFeatures): boolean {
  return Math.min(x.tokenCount, y.tokenCount) >= 0.4 * Math.max(x.tokenCount, y.tokenCount);
}

/** Below this many word shingles a post is a greeting or a notice unless it names something. */
const SHORT = 12;

/** A copy or forward of y, or null; `clash` is conflicts(x, y). */
function nearDuplicate(x: EventFeatures, y: EventFeatures, clash: number): Link | null {
  if (x.wordSet.length === 0 || y.wordSet.length === 0 || clash > 0 || disjoint(x.where, y.where)) return null;
  // "Blessed Friday to our followers", a weekly schedule: the same words in many channels, no story
  if (Math.min(x.wordSet.length, y.wordSet.length) < SHORT && !shareParticular(x, y)) return null;
  // The signatures first (128 comparisons): exact overlaps only for pairs that may be copies. A
  // copy at the loosest thresholds (containment 0.75 at a size ratio of 0.3) has Jaccard ≥ 0.2.
  if (estimateJaccard(x.wordSig, y.wordSig) < 0.12 && estimateJaccard(x.charSig, y.charSig) < 0.12) return null;
  const w = overlap(x.wordSet, y.wordSet);
  const c = overlap(x.charSet, y.charSet);
  // Containment only for posts long enough that a shared body is not a shared slogan, and only
  // between texts of comparable length (a tweet is not a copy of the article that quotes it).
  const small = Math.min(x.wordSet.length, y.wordSet.length);
  const ratio = small / Math.max(x.wordSet.length, y.wordSet.length);
  const cw = small >= 10 && ratio >= 0.3 ? w.containment : 0;
  const cc = Math.min(x.charSet.length, y.charSet.length) >= 60 && ratio >= 0.3 ? c.containment : 0;
  if (w.jaccard >= 0.5 || cw >= 0.75 || c.jaccard >= 0.6 || cc >= 0.8) {
    const score = Math.max(w.jaccard, cw * 0.95, c.jaccard * 0.9, cc * 0.9);
    const fwd = x.input.forwardedFrom !== null;
    const what = w.jaccard >= 0.5 || cw >= 0.75 ? `word shingles ${Math.max(w.jaccard, cw).toFixed(2)}` : `character shingles ${Math.max(c.jaccard, cc).toFixed(2)}`;
    return { relation: fwd ? 'forward' : 'copy', score: Math.min(1, Math.max(score, 0.7)), why: `${fwd ? 'forward' : 'near-duplicate'} (${what})` };
  }
  return null;
}

/** Σ weight × rarity over an item's anchors (its length for the cosine); `rarity` gets the anchor and its index. */
export function anchorMass(f: EventFeatures, rarity: (anchor: number, index: number) => number): number {
  let m = 0;
  for (let i = 0; i < f.anchors.length; i++) m += (f.weights[i] ?? 0) * rarity(f.anchors[i] ?? 0, i);
  return m;
}

function anchorOverlap(x: EventFeatures, y: EventFeatures, rarity: Rarity): { cos: number; specific: number; named: number; tags: number } {
  let i = 0;
  let j = 0;
  let shared = 0;
  let content = 0;
  let specific = 0;
  let named = 0;
  let tags = 0;
  let count = 0;
  const a = x.anchors;
  const b = y.anchors;
  const known = x.rarities;
  while (i < a.length && j < b.length) {
    const ha = a[i] ?? 0;
    const hb = b[j] ?? 0;
    if (ha === hb) {
      const w = Math.min(x.weights[i] ?? 0, y.weights[j] ?? 0) * (known ? (known[i] ?? 0) : rarity(ha));
      shared += w;
      const kind = x.kinds[i] ?? 0;
      if (w > 0) count++;
      if (kind !== ACTOR) content += w;
      if (IS_SPECIFIC[kind] === 1) specific += w;
      if (IS_NAMED[kind] === 1) named += w;
      if (kind === HASHTAG && w > 0) tags++;
      i++;
      j++;
    } else if (ha < hb) i++;
    else j++;
  }
  if (shared === 0) return { cos: 0, specific: 0, named: 0, tags: 0 };
  // Masses are taken when each item entered the window (the rarities drift slowly).
  const sx = x.mass > 0 ? x.mass : anchorMass(x, rarity);
  const sy = y.mass > 0 ? y.mass : anchorMass(y, rarity);
  const cos = sx > 0 && sy > 0 ? Math.min(1, shared / Math.sqrt(sx * sy)) : 0;
  // One shared word or number is coincidence; naming the same actor alone is not a shared story.
  return { cos: count >= 2 ? cos : content > 0 ? cos * 0.15 : cos * 0.1, specific, named, tags };
}

function quoteBonus(x: EventFeatures, y: EventFeatures): number {
  let n = 0;
  for (const q of x.quoteNeedles) if (quotedIn(q, y)) n++;
  for (const q of y.quoteNeedles) if (quotedIn(q, x)) n++;
  return Math.min(0.3, n * 0.12);
}

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3]/;

// Each quote's and each post's words without Arabic clitics, worked out once: the pairs of a
// window ask again and again.
const bareQuotes = new Map<string, string[]>();
const bareItems = new WeakMap<EventFeatures, { words: string[]; set: Set<string> }>();

const bareWords = (text: string): string[] => withoutClitics(text.trim()).split(' ');

function bareQuote(needle: string): string[] {
  let words = bareQuotes.get(needle);
  if (words === undefined) {
    words = bareWords(needle);
    if (bareQuotes.size > 10_000) bareQuotes.clear();
    bareQuotes.set(needle, words);
  }
  return words;
}

function bareItem(f: EventFeatures): { words: string[]; set: Set<string> } {
  let bare = bareItems.get(f);
  if (bare === undefined) {
    const words = bareWords(f.tokenText);
    bare = { words, set: new Set(words) };
    bareItems.set(f, bare);
  }
  return bare;
}

/** Words a shortened quote may leave out between two of its words ("training [direct and indirect] for"). */
const QUOTE_GAP = 3;

/**
 * Whether an item has the quoted words: as they are, or, for an Arabic-script quote of three
 * words or more, in order with a few words left out between them and without the clitics either
 * side attaches («تدريب حركات التحرر» for والتدريب المباشر وغير المباشر لحركات التحرر). (Only
 * Arabic script: that is where quotes are re-cut most, and the looser search costs placing time.)
 */
function quotedIn(needle: string, f: EventFeatures): boolean {
  if (f.tokenText.includes(needle)) return true;
  if (!ARABIC_LETTER.test(needle)) return false;
  const quote = bareQuote(needle);
  if (quote.length < 3) return false;
  const { words, set } = bareItem(f);
  for (const q of quote) if (!set.has(q)) return false;
  for (let start = 0; start < words.length; start++) {
    if (words[start] !== quote[0]) continue;
    let k = 1;
    let gap = 0;
    for (let i = start + 1; i < words.length && k < quote.length && gap <= QUOTE_GAP; i++) {
      if (words[i] === quote[k]) {
        k++;
        gap = 0;
      } else gap++;
    }
    if (k === quote.length) return true;
  }
  return false;
}

function shareActor(x: EventFeatures, y: EventFeatures): boolean {
  return x.input.actors.some((a) => y.input.actors.includes(a));
}

const SKEW = 2 * HOUR;

/**
 * Whether report x cites post y: y is on the platform x names (on the day it names, if any), was
 * published before x (give or take clock skew), and x names y's author (an actor they share, or
 * the account's handle). Returns the reason and how much it says.
 */
function cites(x: EventFeatures, y: EventFeatures): { why: string; weight: number } | null {
  const y0 = y.input;
  if (x.input.source === y0.source) return null; // a channel does not cite itself
  if (x.input.publishedAt !== null && y0.publishedAt !== null && y0.publishedAt > x.input.publishedAt + SKEW) return null;
  const byName = (y.handleKey !== null && x.handles.includes(y.handleKey)) || x.accounts.includes(y.sourceKey);
  for (const c of x.citations) {
    if (c.platform !== y0.platform) continue;
    if (!byName && !shareActor(x, y)) continue;
    const platform = c.platform === 'x' ? 'X' : 'Telegram';
    if (c.day === null) return { why: `cites ${platform}`, weight: byName ? 0.2 : 0.1 };
    if (y0.publishedAt === null || y0.publishedAt < c.day - 12 * HOUR || y0.publishedAt > c.day + DAY + 12 * HOUR) continue;
    return { why: `cites ${platform}, ${new Date(c.day).toISOString().slice(0, 10)}`, weight: 0.25 };
  }
  return byName ? { why: `names @${y0.authorHandle ?? y0.source}`, weight: 0.2 } : null;
}


/**
 * The link from a new item x to an earlier (or concurrent) item y, or null when they are not about
 * the same happening. `rarity` weighs each shared anchor by how rare it is in the window; `clash`
 * is conflicts(x, y) when the caller has it already.
 */
export function relate(x: EventFeatures, y: EventFeatures, rarity: Rarity, clash = conflicts(x, y)): Link | null {
  const d = direct(x, y);
  if (d) return d;
  // y points at x (x arrived later than the items that cite it): say so from x's side
  const back = direct(y, x);
  if (back) return { ...back, why: REVERSED[back.why] ?? back.why };
  if (answerDifferentPosts(x, y)) return null;
  const decay = timeDecay(x.input.publishedAt, y.input.publishedAt);
  const dup = nearDuplicate(x, y, clash);
  if (dup) return { ...dup, score: dup.score * Math.max(decay, 0.5) };
  if (clash >= 2) return null; // another count and another place (or actor): another happening
  const { cos: overlap, specific, named, tags } = anchorOverlap(x, y, rarity);
  const otherLanguage = x.input.language !== null && y.input.language !== null && x.input.language !== y.input.language;
  const citing = cites(x, y);
  const citedBy = cites(y, x);
  // Across languages only names carry over: an actor, a place, a quote, a link or a hashtag must be shared.
  if (otherLanguage && named === 0 && !citing && !citedBy) return null;
  // Shared vocabulary without a shared particular (a count, a place, a quote, a link, a hashtag)
  // is a frame two happenings can share: it counts for half.
  const cos = specific > 0 ? overlap : overlap * 0.5;
  const cited = citing ?? (citedBy ? { ...citedBy, why: citedBy.why.replace(/^cites/, 'cited by a report citing').replace(/^names/, 'named by a report naming') } : null);
  // A campaign hashtag shared within a day and a half ties posts of one happening together.
  const campaign = tags > 0 && x.input.publishedAt !== null && y.input.publishedAt !== null && Math.abs(x.input.publishedAt - y.input.publishedAt) < 36 * HOUR ? HASHTAG_BONUS : 0;
  // A short post that names nothing in common with the other is a greeting or a notice: no story.
  if (Math.min(x.wordSet.length, y.wordSet.length) < SHORT && !cited && !shareParticular(x, y)) return null;
  const quoted = overlap > 0.05 && (x.quotes.length > 0 || y.quotes.length > 0) ? quoteBonus(x, y) : 0;
  let score = cos + quoted + campaign + (cited && cos >= 0.03 ? cited.weight : 0);
  if (sameVoice(x, y) && cos < 0.3) score *= 0.5; // a channel's unrelated posts share its vocabulary
  score *= CONFLICT ** clash;
  // Within one language a shared vocabulary is cheap (templates, set phrases): ask for more.
  // (a shared quote, campaign hashtag or citation is evidence enough)
  if (x.input.language !== null && x.input.language === y.input.language && quoted + campaign === 0 && !cited) score -= SAME_LANGUAGE_MARGIN;
  score = Math.min(1, score * decay);
  if (score <= 0) return null;
  const why = cited?.why ?? (otherLanguage ? `shared names, numbers and terms across languages (${cos.toFixed(2)})` : `shared words and names (${cos.toFixed(2)})`);
  if (cited) return { relation: 'report', score, why };
  // A feed or a page is a report, even one that quotes the post; a post in another language that
  // says it is a translation, or reproduces quoted words, is a translation.
  const news = isNews(x);
  if (otherLanguage && !news && !isNews(y) && !comparableLength(x, y)) return null;
  if (otherLanguage && (x.translationCue || (!news && x.quotes.length > 0))) return { relation: 'translation', score, why };
  return { relation: news ? 'report' : 'related', score, why };
}

// Synthetic corpus for the event-clustering benchmark (bench:events): a deterministic stream of
// EventInput items in publishedAt order, each with its gold event (or null) and its relation to
// that event's origin. Events are public statements of invented actors (rallies, denials,
// ultimatums, commemorations…) in Arabic, Persian, English, French and a little Urdu, echoed by
// forwards, retweets, copies, paraphrases, self-replies, analysts' translations and news reports
// that cite the origin; decoys (same actor or same topic, another happening; routine channel
// posts) and unrelated noise surround them. All names, places' events, slogans and wording are
// invented for the benchmark; nothing here describes a real happening or a real person.
//
// Streaming: each "spawn" (one event with all its members, or one noise post) is pushed into a
// time-ordered heap, and items are yielded once the spawn clock has passed them. Every item of a
// spawn is timestamped at or after the spawn time, so the output is sorted; memory is bounded by
// the items of the next few simulated days (the longest lead is a same-actor decoy ~5 days out).
import type { EventInput } from '../src/events/event-input.js';

// ─── public API ────────────────────────────────────────────────────────────────────────────────

/** How an item relates to its gold event's origin ('decoy' and 'noise' are described on CorpusItem). */
export type CorpusKind = 'origin' | 'forward' | 'retweet' | 'copy' | 'paraphrase' | 'translation' | 'report' | 'reply' | 'decoy' | 'noise';

/** same-actor: same actor, another happening days later; same-topic: same action, another actor and place, hours apart; routine: a channel's everyday post. */
export type DecoyKind = 'same-actor' | 'same-topic' | 'routine';

export interface CorpusItem {
  input: EventInput;
  /** Gold event id, or null for noise and routine posts. */
  gold: string | null;
  /**
   * Relation to the origin of `gold`. 'decoy' marks the origin of a decoy event (gold is that decoy
   * event's own id; its forwards and reports have ordinary kinds) or, with gold null, a routine post.
   */
  kind: CorpusKind;
  /** Id of the gold event's first item (its origin), or null when gold is null. */
  goldFirst: string | null;
  /** Set on decoy origins and routine posts. */
  decoy: DecoyKind | null;
  /** The event this decoy was built to be confused with. */
  decoyOf: string | null;
  /** A report timestamped before the origin it cites (source clock skew); the gold first is still the origin. */
  skewed: boolean;
}

export interface CorpusOptions {
  /** Roughly how many items to yield (the last spawned event is completed, so a few more). */
  items: number;
  seed?: number;
  /** Simulated start (ms since epoch); default 2021-01-01T00:00Z. */
  startMs?: number;
}

/** Languages the corpus writes (ISO 639-1). */
export const CORPUS_LANGUAGES = ['ar', 'fa', 'en', 'fr', 'ur'] as const;

/** Simulated items per day (all kinds), so that 1M items span about 500 days. */
export const ITEMS_PER_DAY = 2000;

/** Yields about `opts.items` items in publishedAt order (ties broken by creation order). */
export function* eventCorpus(opts: CorpusOptions): Generator<CorpusItem> {
  if (!Number.isInteger(opts.items) || opts.items < 0) throw new Error(`items must be a non-negative integer, got ${opts.items}`);
  const b = new CorpusBuilder(opts.seed ?? 1);
  let clock = opts.startMs ?? Date.UTC(2021, 0, 1);
  let made = 0;
  while (made < opts.items) {
    clock += b.gap();
    while (b.heap.size > 0 && b.heap.peekTime() <= clock) yield b.heap.pop();
    made += b.spawn(clock);
  }
  while (b.heap.size > 0) yield b.heap.pop();
}

/** Gold maps for the metrics: item id → gold event (null for noise), gold event → its first item id. */
export function goldMaps(items: Iterable<CorpusItem>): { eventOf: Map<string, string | null>; firstOf: Map<string, string> } {
  const eventOf = new Map<string, string | null>();
  const firstOf = new Map<string, string>();
  for (const it of items) {
    eventOf.set(it.input.id, it.gold);
    if (it.gold !== null && it.goldFirst !== null) firstOf.set(it.gold, it.goldFirst);
  }
  return { eventOf, firstOf };
}

// ─── randomness ────────────────────────────────────────────────────────────────────────────────

/** Seeded mulberry32 with the draws the generator needs; no Math.random, so a seed fixes the corpus. */
class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  /** Log-uniform in [min, max]: delays cluster near the minimum with a long tail, like reposting. */
  logUniform(min: number, max: number): number {
    return min * Math.exp(this.next() * Math.log(max / min));
  }
  /** Exponential with the given mean (Poisson arrivals). */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
  weighted<T>(xs: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of xs) total += w;
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return this.pick(xs)[0];
  }
}

// ─── time-ordered heap ─────────────────────────────────────────────────────────────────────────

interface HeapNode {
  t: number;
  seq: number;
  item: CorpusItem;
}

/** Binary min-heap on (publishedAt, creation order), so equal timestamps come out deterministically. */
class ItemHeap {
  private readonly nodes: HeapNode[] = [];
  get size(): number {
    return this.nodes.length;
  }
  peekTime(): number {
    return this.nodes[0]?.t ?? Infinity;
  }
  push(node: HeapNode): void {
    const a = this.nodes;
    a.push(node);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent] as HeapNode;
      if (!less(node, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = node;
  }
  pop(): CorpusItem {
    const a = this.nodes;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined) throw new Error('pop from an empty heap');
    if (a.length > 0) this.sink(last);
    return top.item;
  }
  private sink(node: HeapNode): void {
    const a = this.nodes;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const left = a[l] as HeapNode;
      const right = a[r];
      const child = right !== undefined && less(right, left) ? r : l;
      const c = a[child] as HeapNode;
      if (!less(c, node)) break;
      a[i] = c;
      i = child;
    }
    a[i] = node;
  }
}

const less = (x: HeapNode, y: HeapNode): boolean => x.t < y.t || (x.t === y.t && x.seq < y.seq);

// ─── vocabulary: languages, digits, dates ──────────────────────────────────────────────────────

type Lang = (typeof CORPUS_LANGUAGES)[number];
type Ml = Readonly<Record<Lang, string>>;
type Digits = 'latin' | 'arabic' | 'persian';
/** The platforms the corpus posts on (EventInput allows more, e.g. imported JSONL). */
type Platform = 'telegram' | 'x' | 'rss' | 'web';

const ZW = '\u200c'; // Persian zero-width non-joiner (می‌شود), written as an escape so it stays visible in review
const NBSP = '\u00a0';

const NATIVE_DIGITS: Readonly<Record<Exclude<Digits, 'latin'>, string>> = { arabic: '٠١٢٣٤٥٦٧٨٩', persian: '۰۱۲۳۴۵۶۷۸۹' };

/** Rewrites ASCII digits as Arabic-Indic or Persian digits; posts in Arabic script use both. */
function digits(s: string, style: Digits): string {
  if (style === 'latin') return s;
  const set = NATIVE_DIGITS[style];
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    out += c >= 0 && c <= 9 ? set.charAt(c) : s.charAt(i);
  }
  return out;
}

/** Thousands grouping as news outlets write it: "2,500" (en), "2 500" with a narrow space (fr). */
function grouped(n: number, sep: string): string {
  const s = String(n);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s.charAt(i);
  }
  return out;
}

function numberIn(n: number, lang: Lang, style: Digits, group: boolean): string {
  if (lang === 'en') return group ? grouped(n, ',') : String(n);
  if (lang === 'fr') return group ? grouped(n, '\u202f') : String(n);
  return digits(String(n), style);
}

function ordinal(n: number, lang: Lang): string {
  if (lang === 'fr') return n === 1 ? '1er' : `${n}e`;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  arLevant: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
  arGulf: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  fa: ['ژانویه', 'فوریه', 'مارس', 'آوریل', 'مه', 'ژوئن', 'ژوئیه', 'اوت', 'سپتامبر', 'اکتبر', 'نوامبر', 'دسامبر'],
  ur: ['جنوری', 'فروری', 'مارچ', 'اپریل', 'مئی', 'جون', 'جولائی', 'اگست', 'ستمبر', 'اکتوبر', 'نومبر', 'دسمبر'],
} as const;

const WEEKDAYS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  fa: ['یکشنبه', 'دوشنبه', `سه${ZW}شنبه`, 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'],
  ur: ['اتوار', 'پیر', 'منگل', 'بدھ', 'جمعرات', 'جمعہ', 'ہفتہ'],
};

const at = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`index ${i} out of range`);
  return x;
};

/**
 * A day as a post in `lang` writes it. `style` picks digits for Arabic script; `gulf` picks the
 * Egyptian/Gulf month names over the Levantine ones; `us` writes "January 13, 2021".
 */
function dateIn(ms: number, lang: Lang, style: Digits, gulf = false, us = true, year = true): string {
  const d = new Date(ms);
  const day = d.getUTCDate();
  const m = d.getUTCMonth();
  const y = d.getUTCFullYear();
  switch (lang) {
    case 'en':
      return us ? `${at(MONTHS.en, m)} ${day}${year ? `, ${y}` : ''}` : `${day} ${at(MONTHS.en, m)}${year ? ` ${y}` : ''}`;
    case 'fr':
      return `${day === 1 ? '1er' : day} ${at(MONTHS.fr, m)}${year ? ` ${y}` : ''}`;
    case 'ar':
      return digits(`${day} ${at(gulf ? MONTHS.arGulf : MONTHS.arLevant, m)}${year ? ` ${y}` : ''}`, style);
    case 'fa':
      return digits(`${day} ${at(MONTHS.fa, m)}${year ? ` ${y}` : ''}`, style);
    case 'ur':
      return digits(`${day} ${at(MONTHS.ur, m)}${year ? ` ${y}` : ''}`, style);
  }
}

const weekdayIn = (ms: number, lang: Lang): string => at(WEEKDAYS[lang], new Date(ms).getUTCDay());

/** "a" or "an" before a number written in digits ("an 18-day", "an 80-day"). */
const an = (n: string): string => (/^(8|1[18](?![\d,]))/.test(n) ? 'an' : 'a');

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Cuts to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${s.slice(0, cut).trimEnd()}…`;
}

// ─── actors and places (invented actors; real and invented places) ─────────────────────────────

interface Actor {
  id: string;
  /** Name as Arabic-language posts write it. */
  ar: string;
  /** Name as Persian and Urdu posts write it. */
  fa: string;
  /** Latin spellings; [0] is the actor's own. */
  latin: readonly string[];
  gloss: { en: string; fr: string };
  lang: Lang;
  tg: string;
  x: string | null;
  /** Arabic month names the media office uses. */
  gulf: boolean;
  /** Share of origins (Arabic-speaking actors are the most active). */
  weight: number;
  /** The region whose places the actor's statements name. */
  region: 'levant' | 'iran' | 'pak';
}

const ACTORS: readonly Actor[] = [
  { id: 'a1', ar: 'سرايا الفجر', fa: 'سرایا الفجر', latin: ['Saraya al-Fajr', 'Saraya al Fajr', 'Sarayat al-Fajr'], gloss: { en: 'Dawn Companies', fr: "Compagnies de l'Aube" }, lang: 'ar', tg: 'saraya_alfajr', x: 'SarayaFajr', gulf: false, weight: 1.4, region: 'levant' },
  { id: 'a2', ar: 'لواء النصر', fa: 'لوای النصر', latin: ['Liwa al-Nasr', "Liwa' al-Nasr", 'Liwa al Nasr'], gloss: { en: 'Victory Brigade', fr: 'Brigade de la Victoire' }, lang: 'ar', tg: 'liwa_alnasr_media', x: 'LiwaNasr', gulf: false, weight: 1.2, region: 'levant' },
  { id: 'a3', ar: 'كتائب نهر الذهب', fa: 'کتائب نهر الذهب', latin: ['Kataib Nahr al-Dhahab', "Kata'ib Nahr al-Dhahab", 'Kataeb Nahr al Thahab'], gloss: { en: 'Golden River Battalions', fr: "Bataillons du Fleuve d'Or" }, lang: 'ar', tg: 'kataib_nahr_dhahab', x: null, gulf: false, weight: 1, region: 'levant' },
  { id: 'a4', ar: 'حركة السنابل', fa: 'حرکت السنابل', latin: ['Harakat al-Sanabil', 'Harakat al Sanabel', 'Sanabil Movement'], gloss: { en: 'Wheat Ears Movement', fr: 'Mouvement des Épis' }, lang: 'ar', tg: 'harakat_sanabil', x: 'HarakatSanabil', gulf: true, weight: 1, region: 'levant' },
  { id: 'a5', ar: 'جبهة المنارة', fa: 'جبهه المناره', latin: ['Jabhat al-Manara', 'Jabhat al Manarah', 'Manara Front'], gloss: { en: 'Lighthouse Front', fr: 'Front du Phare' }, lang: 'ar', tg: 'jabhat_almanara', x: 'JabhatManara', gulf: true, weight: 0.9, region: 'levant' },
  { id: 'a6', ar: 'عصبة النخيل', fa: 'عصبه النخیل', latin: ["Usbat al-Nakhil", "'Usbat al-Nakheel", 'Osbat al Nakhil'], gloss: { en: 'Palm League', fr: 'Ligue des Palmiers' }, lang: 'ar', tg: 'usbat_nakhil', x: null, gulf: false, weight: 0.8, region: 'levant' },
  { id: 'a7', ar: 'أنصار القنديل', fa: 'انصار القندیل', latin: ['Ansar al-Qandil', 'Ansar al Qandeel', 'Ansar al-Kandil'], gloss: { en: 'Supporters of the Lantern', fr: 'Partisans de la Lanterne' }, lang: 'ar', tg: 'ansar_alqandil', x: 'AnsarQandil', gulf: true, weight: 0.8, region: 'levant' },
  { id: 'a8', ar: 'سباه بيداري', fa: 'سپاه بیداری', latin: ['Sepah-e Bidari', 'Sepah Bidari', 'Sipah-i Bidari'], gloss: { en: 'Awakening Corps', fr: "Corps de l'Éveil" }, lang: 'fa', tg: 'sepah_bidari', x: 'SepahBidari', gulf: false, weight: 1.1, region: 'iran' },
  { id: 'a9', ar: 'كردان سحر', fa: 'گردان سحر', latin: ['Gordan-e Sahar', 'Gordan Sahar', 'Gurdan-i Sahar'], gloss: { en: 'Daybreak Battalion', fr: 'Bataillon du Point du Jour' }, lang: 'fa', tg: 'gordan_sahar', x: null, gulf: false, weight: 0.9, region: 'iran' },
  { id: 'a10', ar: 'كتائب الميزان', fa: 'کتائب المیزان', latin: ['Kataib al-Mizan', "Kata'ib al-Mizan", 'Mizan Battalions'], gloss: { en: 'Scales Battalions', fr: 'Bataillons de la Balance' }, lang: 'en', tg: 'mizan_english', x: 'MizanBattalions', gulf: false, weight: 0.7, region: 'levant' },
  { id: 'a11', ar: 'رابطة الشروق', fa: 'رابطه الشروق', latin: ['Rabitat al-Shuruq', 'Rabita al-Chourouk', 'Shuruq League'], gloss: { en: 'Sunrise League', fr: 'Ligue du Levant du Soleil' }, lang: 'fr', tg: 'shuruq_fr', x: 'LigueShuruq', gulf: true, weight: 0.7, region: 'levant' },
  { id: 'a12', ar: 'حركة النداء', fa: 'تحریک ندا', latin: ['Tehreek-e-Nida', 'Tahrik-i Nida', 'Nida Movement'], gloss: { en: 'Call Movement', fr: "Mouvement de l'Appel" }, lang: 'ur', tg: 'tehreek_nida', x: 'TehreekNida', gulf: false, weight: 0.5, region: 'pak' },
];

interface Place extends Ml {
  region: Actor['region'];
}

const PLACES: readonly Place[] = [
  { en: 'Baghdad', fr: 'Bagdad', ar: 'بغداد', fa: 'بغداد', ur: 'بغداد', region: 'levant' },
  { en: 'Basra', fr: 'Bassora', ar: 'البصرة', fa: 'بصره', ur: 'بصرہ', region: 'levant' },
  { en: 'Mosul', fr: 'Mossoul', ar: 'الموصل', fa: 'موصل', ur: 'موصل', region: 'levant' },
  { en: 'Erbil', fr: 'Erbil', ar: 'أربيل', fa: 'اربیل', ur: 'اربیل', region: 'levant' },
  { en: 'Kirkuk', fr: 'Kirkouk', ar: 'كركوك', fa: 'کرکوک', ur: 'کرکوک', region: 'levant' },
  { en: 'Karbala', fr: 'Kerbala', ar: 'كربلاء', fa: 'کربلا', ur: 'کربلا', region: 'levant' },
  { en: 'Fallujah', fr: 'Falloujah', ar: 'الفلوجة', fa: 'فلوجه', ur: 'فلوجہ', region: 'levant' },
  { en: 'Damascus', fr: 'Damas', ar: 'دمشق', fa: 'دمشق', ur: 'دمشق', region: 'levant' },
  { en: 'Aleppo', fr: 'Alep', ar: 'حلب', fa: 'حلب', ur: 'حلب', region: 'levant' },
  { en: 'Deir ez-Zor', fr: 'Deir ez-Zor', ar: 'دير الزور', fa: 'دیرالزور', ur: 'دیر الزور', region: 'levant' },
  { en: 'Idlib', fr: 'Idleb', ar: 'إدلب', fa: 'ادلب', ur: 'ادلب', region: 'levant' },
  { en: 'Beirut', fr: 'Beyrouth', ar: 'بيروت', fa: 'بیروت', ur: 'بیروت', region: 'levant' },
  { en: 'Sidon', fr: 'Saïda', ar: 'صيدا', fa: 'صیدا', ur: 'صیدا', region: 'levant' },
  { en: 'Sanaa', fr: 'Sanaa', ar: 'صنعاء', fa: 'صنعا', ur: 'صنعا', region: 'levant' },
  { en: 'Aden', fr: 'Aden', ar: 'عدن', fa: 'عدن', ur: 'عدن', region: 'levant' },
  { en: 'Hodeidah', fr: 'Hodeïda', ar: 'الحديدة', fa: 'حدیده', ur: 'حدیدہ', region: 'levant' },
  { en: 'Wadi al-Qamar', fr: 'Ouadi al-Qamar', ar: 'وادي القمر', fa: 'وادی القمر', ur: 'وادی القمر', region: 'levant' },
  { en: 'Tal al-Rumman', fr: 'Tell er-Roummane', ar: 'تل الرمان', fa: 'تل الرمان', ur: 'تل الرمان', region: 'levant' },
  { en: 'Ain Sabra', fr: 'Aïn Sabra', ar: 'عين صبرة', fa: 'عین صبره', ur: 'عین صبرہ', region: 'levant' },
  { en: 'Kafr al-Nur', fr: 'Kafr en-Nour', ar: 'كفر النور', fa: 'کفر النور', ur: 'کفر النور', region: 'levant' },
  { en: 'Ahvaz', fr: 'Ahvaz', ar: 'الأهواز', fa: 'اهواز', ur: 'اہواز', region: 'iran' },
  { en: 'Zahedan', fr: 'Zahedan', ar: 'زاهدان', fa: 'زاهدان', ur: 'زاہدان', region: 'iran' },
  { en: 'Kuh-e Sepid', fr: 'Kouh-e Sepid', ar: 'كوه سبيد', fa: 'کوه سپید', ur: 'کوہ سپید', region: 'iran' },
  { en: 'Bandar-e Nilgun', fr: 'Bandar-e Nilgoun', ar: 'بندر نيلغون', fa: 'بندر نیلگون', ur: 'بندر نیلگون', region: 'iran' },
  { en: 'Quetta', fr: 'Quetta', ar: 'كويتا', fa: 'کویته', ur: 'کوئٹہ', region: 'pak' },
  { en: 'Peshawar', fr: 'Peshawar', ar: 'بيشاور', fa: 'پیشاور', ur: 'پشاور', region: 'pak' },
  { en: 'Sabzpur', fr: 'Sabzpour', ar: 'سبزبور', fa: 'سبزپور', ur: 'سبزپور', region: 'pak' },
];

const PLACES_BY_REGION: Readonly<Record<Actor['region'], readonly Place[]>> = {
  levant: PLACES.filter((p) => p.region === 'levant'),
  iran: [...PLACES.filter((p) => p.region === 'iran'), ...PLACES.slice(0, 3), at(PLACES, 7)],
  pak: [...PLACES.filter((p) => p.region === 'pak'), at(PLACES, 21)],
};

/** The actor's name as a post in `lang` writes it (Latin posts use the given spelling). */
function actorIn(a: Actor, lang: Lang, latin = a.latin[0] ?? a.id): string {
  if (lang === 'ar') return a.ar;
  if (lang === 'fa' || lang === 'ur') return a.fa;
  return latin;
}

// ─── happenings: action clauses ───────────────────────────────────────────────────────────────

/** A clause template: place, number and ordinal already written for the language. */
type Clause = (p: string, n: string, o: string) => string;

interface Action {
  name: string;
  /** Range of the happening's number (Arabic counted nouns are written for 11 and up). */
  n: readonly [number, number];
  /** First person, as the actor's own statement says it. */
  first: Readonly<Record<Lang, Clause>>;
  /** Third person, as a report says it (after the actor's name). */
  third: Readonly<Record<'en' | 'fr', Clause>>;
  head: Readonly<Record<'en' | 'fr', (a: string, p: string, n: string) => string>>;
}

const ACTIONS: readonly Action[] = [
  {
    name: 'rally',
    n: [300, 25000],
    first: {
      ar: (p, n) => `نظّمنا اليوم تجمعاً حاشداً في ${p} شارك فيه ${n} من أنصارنا`,
      fa: (p, n) => `امروز تجمعی بزرگ در ${p} با حضور ${n} نفر از هواداران${ZW}مان برگزار کردیم`,
      en: (p, n) => `We held a mass rally in ${p} today, joined by ${n} of our supporters`,
      fr: (p, n) => `Nous avons tenu aujourd'hui un grand rassemblement à ${p}, avec ${n} de nos partisans`,
      ur: (p, n) => `ہم نے آج ${p} میں ایک بڑا اجتماع منعقد کیا جس میں ہمارے ${n} حامیوں نے شرکت کی`,
    },
    third: {
      en: (p, n) => `held a rally in ${p} that it said drew ${n} supporters`,
      fr: (p, n) => `a organisé à ${p} un rassemblement qui aurait réuni ${n} partisans`,
    },
    head: { en: (a, p) => `${a} holds rally in ${p}`, fr: (a, p) => `${a} organise un rassemblement à ${p}` },
  },
  {
    name: 'anniversary',
    n: [2, 40],
    first: {
      ar: (p, n) => `نحيي الذكرى الـ${n} لمعركة ${p} ونستذكر من سقطوا فيها`,
      fa: (p, n) => `${n}مین سالگرد نبرد ${p} را گرامی می${ZW}داریم و یاد جان${ZW}باختگان آن را زنده نگه می${ZW}داریم`,
      en: (p, _n, o) => `We mark the ${o} anniversary of the battle of ${p} and remember those who fell there`,
      fr: (p, _n, o) => `Nous commémorons le ${o} anniversaire de la bataille de ${p} et honorons ceux qui y sont tombés`,
      ur: (p, n) => `ہم ${p} کی لڑائی کی ${n}ویں برسی منا رہے ہیں اور اس میں جان دینے والوں کو یاد کرتے ہیں`,
    },
    third: {
      en: (p, _n, o) => `marked the ${o} anniversary of the battle of ${p}`,
      fr: (p, _n, o) => `a commémoré le ${o} anniversaire de la bataille de ${p}`,
    },
    head: { en: (a, p) => `${a} marks anniversary of ${p} battle`, fr: (a, p) => `${a} commémore la bataille de ${p}` },
  },
  {
    name: 'prisoners',
    n: [3, 150],
    first: {
      ar: (p, n) => `نعلن الإفراج عن ${n} من أسرانا في عملية تبادل جرت في ${p}`,
      fa: (p, n) => `آزادی ${n} تن از اسیران${ZW}مان را در تبادلی که در ${p} انجام شد اعلام می${ZW}کنیم`,
      en: (p, n) => `We announce the release of ${n} of our prisoners in an exchange carried out in ${p}`,
      fr: (p, n) => `Nous annonçons la libération de ${n} de nos prisonniers lors d'un échange à ${p}`,
      ur: (p, n) => `ہم ${p} میں ہونے والے تبادلے میں اپنے ${n} قیدیوں کی رہائی کا اعلان کرتے ہیں`,
    },
    third: {
      en: (p, n) => `said ${n} of its prisoners were freed in an exchange in ${p}`,
      fr: (p, n) => `a annoncé la libération de ${n} de ses prisonniers lors d'un échange à ${p}`,
    },
    head: { en: (a, p, n) => `${a} says ${n} prisoners freed in ${p} exchange`, fr: (a, p) => `${a} annonce un échange de prisonniers à ${p}` },
  },
  {
    name: 'denial',
    n: [3, 60],
    first: {
      ar: (p, n) => `ننفي أي صلة لنا بما جرى في ${p}، وما يُشاع عن اعتقال ${n} من عناصرنا عارٍ عن الصحة`,
      fa: (p, n) => `هرگونه ارتباط با رویداد ${p} را رد می${ZW}کنیم و خبر بازداشت ${n} تن از اعضای ما نادرست است`,
      en: (p, n) => `We deny any link to what happened in ${p}, and the claim that ${n} of our members were arrested is false`,
      fr: (p, n) => `Nous démentons tout lien avec ce qui s'est passé à ${p}, et l'arrestation de ${n} de nos membres est une invention`,
      ur: (p, n) => `ہم ${p} کے واقعے سے کسی بھی تعلق کی تردید کرتے ہیں، ہمارے ${n} ارکان کی گرفتاری کی خبر جھوٹی ہے`,
    },
    third: {
      en: (p, n) => `denied any role in the incident in ${p} and dismissed reports that ${n} of its members had been arrested`,
      fr: (p, n) => `a démenti tout rôle dans l'incident de ${p} et rejeté les informations faisant état de l'arrestation de ${n} de ses membres`,
    },
    head: { en: (a, p) => `${a} denies role in ${p} incident`, fr: (a, p) => `${a} dément tout rôle dans l'incident de ${p}` },
  },
  {
    name: 'ultimatum',
    n: [11, 60],
    first: {
      ar: (p, n) => `نمهل القوات الأجنبية في ${p} ${n} يوماً للرحيل`,
      fa: (p, n) => `به نیروهای خارجی در ${p} ${n} روز مهلت می${ZW}دهیم تا خارج شوند`,
      en: (p, n) => `We give the foreign forces in ${p} ${n} days to leave`,
      fr: (p, n) => `Nous donnons ${n} jours aux forces étrangères présentes à ${p} pour partir`,
      ur: (p, n) => `ہم ${p} میں موجود غیر ملکی افواج کو نکلنے کے لیے ${n} دن کی مہلت دیتے ہیں`,
    },
    third: {
      en: (p, n) => `gave foreign forces in ${p} ${n} days to leave`,
      fr: (p, n) => `a donné ${n} jours aux forces étrangères présentes à ${p} pour partir`,
    },
    head: { en: (a, p, n) => `${a} issues ${n}-day ultimatum over ${p}`, fr: (a, p, n) => `${a} lance un ultimatum de ${n} jours à ${p}` },
  },
  {
    name: 'ceasefire',
    n: [11, 90],
    first: {
      ar: (p, n) => `ندعو إلى وقف لإطلاق النار في ${p} لمدة ${n} يوماً`,
      fa: (p, n) => `خواستار آتش${ZW}بسی ${n} روزه در ${p} هستیم`,
      en: (p, n) => `We call for ${an(n)} ${n}-day ceasefire in ${p}`,
      fr: (p, n) => `Nous appelons à un cessez-le-feu de ${n} jours à ${p}`,
      ur: (p, n) => `ہم ${p} میں ${n} دن کی جنگ بندی کا مطالبہ کرتے ہیں`,
    },
    third: {
      en: (p, n) => `called for ${an(n)} ${n}-day ceasefire in ${p}`,
      fr: (p, n) => `a appelé à un cessez-le-feu de ${n} jours à ${p}`,
    },
    head: { en: (a, p, n) => `${a} calls for ${n}-day truce in ${p}`, fr: (a, p, n) => `${a} appelle à une trêve de ${n} jours à ${p}` },
  },
  {
    name: 'sit-in',
    n: [11, 400],
    first: {
      ar: (p, n) => `ندعو إلى اعتصام مفتوح في ${p} حتى الإفراج عن ${n} معتقلاً`,
      fa: (p, n) => `مردم را به تحصن نامحدود در ${p} تا آزادی ${n} بازداشتی فرا می${ZW}خوانیم`,
      en: (p, n) => `We call for an open sit-in in ${p} until ${n} detainees are released`,
      fr: (p, n) => `Nous appelons à un sit-in illimité à ${p} jusqu'à la libération de ${n} détenus`,
      ur: (p, n) => `ہم ${p} میں ${n} قیدیوں کی رہائی تک غیر معینہ مدت کے دھرنے کی اپیل کرتے ہیں`,
    },
    third: {
      en: (p, n) => `called for an open-ended sit-in in ${p} until ${n} detainees are released`,
      fr: (p, n) => `a appelé à un sit-in illimité à ${p} jusqu'à la libération de ${n} détenus`,
    },
    head: { en: (a, p) => `${a} calls sit-in in ${p}`, fr: (a, p) => `${a} appelle à un sit-in à ${p}` },
  },
  {
    name: 'convoys',
    n: [11, 120],
    first: {
      ar: (p, n) => `أرسلنا ${n} قافلة مساعدات إلى أهلنا في ${p}`,
      fa: (p, n) => `${n} کاروان کمک برای مردم${ZW}مان در ${p} فرستادیم`,
      en: (p, n) => `We have sent ${n} aid convoys to our people in ${p}`,
      fr: (p, n) => `Nous avons envoyé ${n} convois d'aide à notre peuple à ${p}`,
      ur: (p, n) => `ہم نے ${p} میں اپنے لوگوں کے لیے امداد کے ${n} قافلے بھیجے ہیں`,
    },
    third: {
      en: (p, n) => `claimed to have sent ${n} aid convoys to ${p}`,
      fr: (p, n) => `affirme avoir envoyé ${n} convois d'aide à ${p}`,
    },
    head: { en: (a, p, n) => `${a} claims ${n} aid convoys to ${p}`, fr: (a, p, n) => `${a} revendique l'envoi de ${n} convois à ${p}` },
  },
  {
    name: 'boycott',
    n: [11, 80],
    first: {
      ar: (p, n) => `ندعو إلى مقاطعة الانتخابات في ${p} بعد إقصاء ${n} مرشحاً من أبنائنا`,
      fa: (p, n) => `مردم ${p} را به تحریم انتخابات فرا می${ZW}خوانیم، چرا که ${n} نامزد ما رد صلاحیت شدند`,
      en: (p, n) => `We call for a boycott of the elections in ${p}, where ${n} of our candidates were excluded`,
      fr: (p, n) => `Nous appelons au boycott des élections à ${p}, où ${n} de nos candidats ont été écartés`,
      ur: (p, n) => `ہم ${p} میں انتخابات کے بائیکاٹ کی اپیل کرتے ہیں، جہاں ہمارے ${n} امیدواروں کو نااہل قرار دیا گیا`,
    },
    third: {
      en: (p, n) => `urged a boycott of the elections in ${p}, saying ${n} of its candidates had been excluded`,
      fr: (p, n) => `a appelé au boycott des élections à ${p}, affirmant que ${n} de ses candidats avaient été écartés`,
    },
    head: { en: (a, p) => `${a} urges election boycott in ${p}`, fr: (a, p) => `${a} appelle au boycott électoral à ${p}` },
  },
  {
    name: 'return',
    n: [11, 5000],
    first: {
      ar: (p, n) => `ندعو ${n} عائلة نازحة من ${p} إلى العودة إلى ديارها`,
      fa: (p, n) => `از ${n} خانواده آواره ${p} می${ZW}خواهیم به خانه${ZW}هایشان بازگردند`,
      en: (p, n) => `We call on the ${n} displaced families of ${p} to return to their homes`,
      fr: (p, n) => `Nous appelons les ${n} familles déplacées de ${p} à rentrer chez elles`,
      ur: (p, n) => `ہم ${p} کے ${n} بے گھر خاندانوں سے اپنے گھروں کو لوٹنے کی اپیل کرتے ہیں`,
    },
    third: {
      en: (p, n) => `urged ${n} displaced families from ${p} to return home`,
      fr: (p, n) => `a exhorté ${n} familles déplacées de ${p} à rentrer chez elles`,
    },
    head: { en: (a, p) => `${a} urges displaced families to return to ${p}`, fr: (a, p) => `${a} appelle au retour des déplacés à ${p}` },
  },
];

// ─── slogans: a quote is two clauses, so 36 clauses make 1,260 distinct quotes ─────────────────

const CLAUSES: readonly Ml[] = [
  { en: 'our patience has limits', fr: 'notre patience a des limites', ar: 'صبرنا له حدود', fa: 'صبر ما حدی دارد', ur: 'ہمارے صبر کی بھی ایک حد ہے' },
  { en: 'the dawn is near', fr: "l'aube est proche", ar: 'الفجر قريب', fa: 'سپیده نزدیک است', ur: 'صبح قریب ہے' },
  { en: 'the occupiers will pay', fr: 'les occupants paieront', ar: 'المحتلون سيدفعون الثمن', fa: 'اشغالگران تاوان خواهند داد', ur: 'قابض قیمت چکائیں گے' },
  { en: 'our martyrs will not be forgotten', fr: 'nos martyrs ne seront pas oubliés', ar: 'شهداؤنا لن يُنسوا', fa: `شهیدان ما فراموش نمی${ZW}شوند`, ur: 'ہمارے شہداء کو بھلایا نہیں جائے گا' },
  { en: 'the land remembers its people', fr: 'la terre se souvient des siens', ar: 'الأرض تذكر أهلها', fa: 'زمین مردمانش را به یاد دارد', ur: 'زمین اپنے لوگوں کو یاد رکھتی ہے' },
  { en: 'we do not bargain over our rights', fr: 'nous ne marchandons pas nos droits', ar: 'لا نساوم على حقوقنا', fa: `بر سر حقوقمان معامله نمی${ZW}کنیم`, ur: 'ہم اپنے حقوق پر سودا نہیں کرتے' },
  { en: 'the river does not flow backwards', fr: 'le fleuve ne remonte pas son cours', ar: 'النهر لا يجري إلى الوراء', fa: `رود به عقب باز نمی${ZW}گردد`, ur: 'دریا الٹا نہیں بہتا' },
  { en: 'silence is no longer possible', fr: "le silence n'est plus possible", ar: 'لم يعد الصمت ممكناً', fa: 'سکوت دیگر ممکن نیست', ur: 'اب خاموشی ممکن نہیں' },
  { en: 'every prisoner will come home', fr: 'chaque prisonnier rentrera chez lui', ar: 'كل أسير سيعود إلى بيته', fa: `هر اسیری به خانه باز می${ZW}گردد`, ur: 'ہر قیدی گھر لوٹے گا' },
  { en: 'the square belongs to the people', fr: 'la place appartient au peuple', ar: 'الساحة للشعب', fa: 'میدان از آن مردم است', ur: 'میدان عوام کا ہے' },
  { en: 'we keep our word', fr: 'nous tenons parole', ar: 'نحن أوفياء لعهدنا', fa: 'ما به عهد خود وفاداریم', ur: 'ہم اپنے عہد پر قائم ہیں' },
  { en: 'the night will not last', fr: 'la nuit ne durera pas', ar: 'الليل لن يطول', fa: `شب دیری نمی${ZW}پاید`, ur: 'رات زیادہ دیر نہیں رہے گی' },
  { en: 'our hand is extended but not weak', fr: 'notre main est tendue mais pas faible', ar: 'يدنا ممدودة لكنها ليست ضعيفة', fa: 'دست ما دراز است اما ناتوان نیست', ur: 'ہمارا ہاتھ بڑھا ہوا ہے مگر کمزور نہیں' },
  { en: 'the blood of the innocent is a debt on us', fr: 'le sang des innocents est une dette', ar: 'دماء الأبرياء دَين في أعناقنا', fa: `خون بی${ZW}گناهان دِینی بر گردن ماست`, ur: 'بے گناہوں کا خون ہم پر قرض ہے' },
  { en: 'we will not leave the field', fr: 'nous ne quitterons pas le terrain', ar: 'لن نغادر الميدان', fa: 'میدان را ترک نخواهیم کرد', ur: 'ہم میدان نہیں چھوڑیں گے' },
  { en: 'history is written by the steadfast', fr: "l'histoire est écrite par ceux qui tiennent bon", ar: 'التاريخ يكتبه الصامدون', fa: `تاریخ را پایداران می${ZW}نویسند`, ur: 'تاریخ ثابت قدم لوگ لکھتے ہیں' },
  { en: 'the truce is a test, not a gift', fr: 'la trêve est une épreuve, pas un cadeau', ar: 'الهدنة امتحان لا هدية', fa: `آتش${ZW}بس آزمون است نه هدیه`, ur: 'جنگ بندی امتحان ہے، تحفہ نہیں' },
  { en: 'the mothers are waiting', fr: 'les mères attendent', ar: 'الأمهات ينتظرن', fa: 'مادران منتظرند', ur: 'مائیں انتظار کر رہی ہیں' },
  { en: 'no voice rises above the voice of the street', fr: 'aucune voix ne couvre celle de la rue', ar: 'لا صوت يعلو فوق صوت الشارع', fa: 'هیچ صدایی بالاتر از صدای خیابان نیست', ur: 'گلی کی آواز سے بلند کوئی آواز نہیں' },
  { en: 'lies do not travel far', fr: 'le mensonge ne va pas loin', ar: 'حبل الكذب قصير', fa: 'دروغ دوامی ندارد', ur: 'جھوٹ کے پاؤں نہیں ہوتے' },
  { en: 'our flags will return', fr: 'nos drapeaux reviendront', ar: 'راياتنا ستعود', fa: `پرچم${ZW}های ما باز خواهند گشت`, ur: 'ہمارے پرچم لوٹ آئیں گے' },
  { en: 'the answer will come at the right time', fr: 'la réponse viendra au moment voulu', ar: 'الرد سيأتي في الوقت المناسب', fa: 'پاسخ در زمان مناسب خواهد آمد', ur: 'جواب مناسب وقت پر آئے گا' },
  { en: 'we are the sons of this soil', fr: 'nous sommes les fils de cette terre', ar: 'نحن أبناء هذه الأرض', fa: 'ما فرزندان این خاکیم', ur: 'ہم اس مٹی کے بیٹے ہیں' },
  { en: 'the road is long but clear', fr: 'la route est longue mais claire', ar: 'الطريق طويل لكنه واضح', fa: 'راه طولانی است اما روشن', ur: 'راستہ لمبا ہے مگر صاف ہے' },
  { en: 'our doors stay open to the honest', fr: 'nos portes restent ouvertes aux sincères', ar: 'أبوابنا مفتوحة للصادقين', fa: 'درهای ما به روی صادقان باز است', ur: 'ہمارے دروازے سچوں کے لیے کھلے ہیں' },
  { en: 'the wheat will grow again', fr: 'le blé repoussera', ar: 'القمح سينبت من جديد', fa: 'گندم دوباره خواهد رویید', ur: 'گندم پھر اگے گی' },
  { en: 'no one speaks in our name', fr: 'personne ne parle en notre nom', ar: 'لا أحد يتكلم باسمنا', fa: `هیچ${ZW}کس به نام ما سخن نمی${ZW}گوید`, ur: 'کوئی ہمارے نام پر نہیں بولتا' },
  { en: 'the sea does not fear the storm', fr: 'la mer ne craint pas la tempête', ar: 'البحر لا يخشى العاصفة', fa: `دریا از طوفان نمی${ZW}هراسد`, ur: 'سمندر طوفان سے نہیں ڈرتا' },
  { en: 'our memory is long', fr: 'notre mémoire est longue', ar: 'ذاكرتنا طويلة', fa: 'حافظه ما طولانی است', ur: 'ہماری یادداشت لمبی ہے' },
  { en: 'the lamp stays lit', fr: 'la lampe reste allumée', ar: 'القنديل لا ينطفئ', fa: `چراغ خاموش نمی${ZW}شود`, ur: 'چراغ بجھتا نہیں' },
  { en: 'tomorrow belongs to the patient', fr: 'demain appartient aux patients', ar: 'الغد للصابرين', fa: 'فردا از آن صبوران است', ur: 'کل صبر کرنے والوں کا ہے' },
  { en: 'we count every day', fr: 'nous comptons chaque jour', ar: 'نحن نعدّ الأيام', fa: `ما روزها را می${ZW}شماریم`, ur: 'ہم ایک ایک دن گن رہے ہیں' },
  { en: 'the bridge will be rebuilt', fr: 'le pont sera reconstruit', ar: 'الجسر سيُبنى من جديد', fa: 'پل دوباره ساخته خواهد شد', ur: 'پل دوبارہ بنے گا' },
  { en: 'our children will remember', fr: 'nos enfants se souviendront', ar: 'أطفالنا سيتذكرون', fa: 'فرزندانمان به یاد خواهند آورد', ur: 'ہمارے بچے یاد رکھیں گے' },
  { en: 'the olive tree does not bow', fr: "l'olivier ne plie pas", ar: 'الزيتون لا ينحني', fa: `درخت زیتون خم نمی${ZW}شود`, ur: 'زیتون کا درخت نہیں جھکتا' },
  { en: 'the truth needs no permit', fr: "la vérité n'a pas besoin de permis", ar: 'الحقيقة لا تحتاج إلى إذن', fa: 'حقیقت به اجازه نیاز ندارد', ur: 'سچ کو اجازت کی ضرورت نہیں' },
];

const AND: Ml = { en: ', and ', fr: ', et ', ar: '، و', fa: '، و ', ur: '، اور ' };
const QUOTE_MARKS: Readonly<Record<Lang, readonly [string, string]>> = {
  en: ['“', '”'],
  fr: [`«${NBSP}`, `${NBSP}»`],
  ar: ['«', '»'],
  fa: ['«', '»'],
  ur: ['«', '»'],
};

type Quote = readonly [number, number];

/** A slogan in `lang`, without quote marks (Latin-script slogans start with a capital). */
function sloganIn(q: Quote, lang: Lang): string {
  const s = `${at(CLAUSES, q[0])[lang]}${AND[lang]}${at(CLAUSES, q[1])[lang]}`;
  return lang === 'en' || lang === 'fr' ? capitalize(s) : s;
}

const quoted = (s: string, lang: Lang): string => `${QUOTE_MARKS[lang][0]}${s}${QUOTE_MARKS[lang][1]}`;

// ─── channels, accounts and outlets ────────────────────────────────────────────────────────────

interface Chan {
  platform: Platform;
  /** Telegram username or X screen name; null for outlets. */
  handle: string | null;
  name: string;
  source: string;
  lang: Lang;
  /** Outlet host (rss/web). */
  host: string | null;
  /** Owner actor, for actor-owned channels. */
  actor: Actor | null;
  /** Next Telegram message id (ids grow in creation order); channels are built per corpus, so this is per corpus too. */
  nextMsg: number;
}

/** A first message id that differs between channels (a channel's history starts before the corpus). */
function firstMsgId(handle: string): number {
  let h = 0;
  for (let i = 0; i < handle.length; i++) h = (h * 31 + handle.charCodeAt(i)) % 5000;
  return 100 + h;
}

const tgChan = (handle: string, name: string, lang: Lang, actor: Actor | null = null): Chan => ({ platform: 'telegram', handle, name, source: `telegram:${handle}`, lang, host: null, actor, nextMsg: firstMsgId(handle) });
const xChan = (handle: string, name: string, lang: Lang, actor: Actor | null = null): Chan => ({ platform: 'x', handle, name, source: `x:${handle}`, lang, host: null, actor, nextMsg: 0 });
const outlet = (platform: 'rss' | 'web', host: string, name: string, lang: Lang): Chan => ({ platform, handle: null, name, source: `${platform}:${host}`, lang, host, actor: null, nextMsg: 0 });

/** Name parts per language: [display word, handle word]. */
const SUPPORTER_PARTS: Readonly<Record<Lang, readonly [ReadonlyArray<readonly [string, string]>, ReadonlyArray<readonly [string, string]>]>> = {
  ar: [
    [['شبكة', 'shabakat'], ['منبر', 'minbar'], ['صدى', 'sada'], ['أخبار', 'akhbar'], ['نافذة', 'nafitha'], ['صوت', 'sawt'], ['مرصد', 'marsad']],
    [['الحق', 'alhaq'], ['الوطن', 'alwatan'], ['الجنوب', 'aljanub'], ['الشمال', 'alshamal'], ['الأحرار', 'alahrar'], ['الميدان', 'almaydan'], ['الرافدين', 'alrafidayn'], ['الأرض', 'alard'], ['الصمود', 'alsumud']],
  ],
  fa: [
    [['کانال', 'kanal'], ['صدای', 'sedaye'], ['خبرگزاری', 'khabar'], [`دیده${ZW}بان`, 'didehban'], ['پایگاه', 'paygah']],
    [['بیداری', 'bidari'], ['مقاومت', 'moqavemat'], ['جنوب', 'jonub'], ['حقیقت', 'haghighat'], ['میدان', 'meydan']],
  ],
  en: [
    [['Frontline', 'frontline'], ['Eastern', 'eastern'], ['Free', 'free'], ['Daily', 'daily'], ['Open', 'open']],
    [['Watch', 'watch'], ['News', 'news'], ['Desk', 'desk'], ['Dispatch', 'dispatch'], ['Wire', 'wire']],
  ],
  fr: [
    [['Veille', 'veille'], ['Info', 'info'], ['Regard', 'regard'], ['Écho', 'echo'], ['Dépêche', 'depeche']],
    [['Orient', 'orient'], ['Sud', 'sud'], ['Libre', 'libre'], ['Direct', 'direct'], ['Monde', 'monde']],
  ],
  ur: [
    [['آواز', 'awaz'], ['خبر', 'khabar'], ['نظر', 'nazar'], ['پیغام', 'paigham']],
    [['حق', 'haq'], ['وطن', 'watan'], ['میدان', 'maidan'], ['سحر', 'sahar']],
  ],
};

/** `count` channels or accounts from the language's name parts; a number keeps handles unique. */
function namedPool(lang: Lang, count: number, make: (handle: string, name: string, lang: Lang) => Chan, tag: string): Chan[] {
  const [pre, suf] = SUPPORTER_PARTS[lang];
  const out: Chan[] = [];
  for (let i = 0; i < count; i++) {
    const [pn, ph] = at(pre, i % pre.length);
    const [sn, sh] = at(suf, Math.floor(i / pre.length) % suf.length);
    const round = Math.floor(i / (pre.length * suf.length));
    out.push(make(`${ph}_${sh}${tag}${round > 0 ? round : ''}`, `${pn} ${sn}${round > 0 ? ` ${round + 1}` : ''}`, lang));
  }
  return out;
}

const PEOPLE = ['ali', 'sara', 'omar', 'nour', 'reza', 'maryam', 'john', 'emma', 'luc', 'claire', 'ahmed', 'zainab', 'hassan', 'leila', 'karim', 'amina', 'pierre', 'julie', 'imran', 'ayesha'];

/** Ordinary users posting noise: first name + number handles, first-name display names. */
function peoplePool(platform: 'telegram' | 'x', lang: Lang, count: number, offset: number): Chan[] {
  const out: Chan[] = [];
  for (let i = 0; i < count; i++) {
    const who = at(PEOPLE, (i + offset) % PEOPLE.length);
    const handle = `${who}_${lang}${i + offset}`;
    out.push(platform === 'x' ? xChan(handle, capitalize(who), lang) : tgChan(handle, capitalize(who), lang));
  }
  return out;
}

const analysts = (): Chan[] => [
  xChan('mena_watch', 'MENA Watch', 'en'),
  xChan('levant_monitor', 'Levant Monitor', 'en'),
  xChan('conflict_notes', 'Conflict Notes', 'en'),
  xChan('osint_desk', 'OSINT Desk', 'en'),
  xChan('region_tracker', 'Region Tracker', 'en'),
  xChan('militia_tracker', 'Militia Statements Tracker', 'en'),
  xChan('gulf_signals', 'Gulf Signals', 'en'),
  xChan('veille_levant', 'Veille Levant', 'fr'),
  xChan('notes_orient', 'Notes Orient', 'fr'),
  xChan('osint_fr', 'OSINT FR', 'fr'),
  tgChan('statements_in_english', 'Statements in English', 'en'),
  tgChan('translated_claims', 'Translated Claims', 'en'),
  tgChan('monitor_translations', 'Monitor Translations', 'en'),
  tgChan('traductions_veille', 'Traductions Veille', 'fr'),
];

const newsOutlets = (): Chan[] => [
  outlet('rss', 'levant-monitor.example', 'Levant Monitor', 'en'),
  outlet('rss', 'eastern-wire.example', 'Eastern Wire', 'en'),
  outlet('web', 'gulf-daily.example', 'Gulf Daily', 'en'),
  outlet('web', 'frontier-post.example', 'Frontier Post', 'en'),
  outlet('rss', 'region-today.example', 'Region Today', 'en'),
  outlet('web', 'conflict-brief.example', 'Conflict Brief', 'en'),
  outlet('rss', 'security-review.example', 'Security Review', 'en'),
  outlet('web', 'lorient-matin.example', "L'Orient Matin", 'fr'),
  outlet('rss', 'veille-levant.example', 'Veille Levant', 'fr'),
  outlet('web', 'courrier-est.example', "Le Courrier de l'Est", 'fr'),
  outlet('rss', 'depeche-sud.example', 'La Dépêche du Sud', 'fr'),
];

const noiseOutlets = (): Chan[] => [
  ...newsOutlets(),
  outlet('rss', 'akhbar-alyawm.example', 'أخبار اليوم', 'ar'),
  outlet('web', 'sawt-almadina.example', 'صوت المدينة', 'ar'),
  outlet('rss', 'al-nahar-daily.example', 'النهار اليومي', 'ar'),
  outlet('rss', 'khabar-emruz.example', 'خبر امروز', 'fa'),
  outlet('web', 'rooznameh-shahr.example', 'روزنامه شهر', 'fa'),
  outlet('rss', 'roznama-watan.example', 'روزنامہ وطن', 'ur'),
];

type ByLang = Readonly<Record<Lang, readonly Chan[]>>;

interface Pools {
  /** Analysts' accounts and channels by the language they translate into. */
  analysts: Readonly<Record<'en' | 'fr', readonly Chan[]>>;
  analystsX: readonly Chan[];
  news: Readonly<Record<'en' | 'fr', readonly Chan[]>>;
  noiseOutlets: ByLang;
  supportersTg: Readonly<Record<Lang, readonly Chan[]>>;
  supportersX: Readonly<Record<Lang, readonly Chan[]>>;
  noiseTg: Readonly<Record<Lang, readonly Chan[]>>;
  noiseX: Readonly<Record<Lang, readonly Chan[]>>;
  actorTg: ReadonlyMap<string, Chan>;
  actorX: ReadonlyMap<string, Chan>;
}

const SUPPORTER_COUNT: Readonly<Record<Lang, number>> = { ar: 160, fa: 60, en: 50, fr: 40, ur: 30 };

function buildPools(): Pools {
  const per = <T>(f: (l: Lang) => T): Record<Lang, T> => ({ ar: f('ar'), fa: f('fa'), en: f('en'), fr: f('fr'), ur: f('ur') });
  const byLang = (chans: readonly Chan[]): Record<Lang, Chan[]> => per((l) => chans.filter((c) => c.lang === l));
  const analystChans = analysts();
  const news = byLang(newsOutlets());
  const actorTg = new Map<string, Chan>();
  const actorX = new Map<string, Chan>();
  for (const a of ACTORS) {
    actorTg.set(a.id, tgChan(a.tg, actorIn(a, a.lang), a.lang, a));
    if (a.x) actorX.set(a.id, xChan(a.x, actorIn(a, a.lang), a.lang, a));
  }
  return {
    analysts: byLang(analystChans),
    analystsX: analystChans.filter((c) => c.platform === 'x'),
    news,
    noiseOutlets: byLang(noiseOutlets()),
    supportersTg: per((l) => namedPool(l, SUPPORTER_COUNT[l], tgChan, '')),
    supportersX: per((l) => namedPool(l, SUPPORTER_COUNT[l], xChan, '_x')),
    noiseTg: per((l) => peoplePool('telegram', l, 4 * SUPPORTER_COUNT[l], 0)),
    noiseX: per((l) => peoplePool('x', l, 8 * SUPPORTER_COUNT[l], 7)),
    actorTg,
    actorX,
  };
}

// ─── statement texts ───────────────────────────────────────────────────────────────────────────

/** One happening: who, what, where, how many, when, and its slogans. */
interface Ev {
  id: string;
  actor: Actor;
  partner: Actor | null;
  action: Action;
  place: Place;
  n: number;
  t: number;
  quotes: readonly Quote[];
  lang: Lang;
  digits: Digits;
  /** Latin-script posts group thousands ("2,500"). */
  group: boolean;
  /** "Statement No. 412" — shared by every verbatim copy. */
  statementNo: number;
  chan: Chan;
  origin: EventInput | null;
  originUrl: string;
  /** The origin's paragraphs (header, body, slogans, signature), for copies and paraphrases. */
  parts: readonly string[];
  /** English rendering of the origin, for the simulated MT field. */
  english: string | null;
}

const PARTNER: Readonly<Record<Lang, (p: string) => string>> = {
  ar: (p) => ` يصدر هذا البيان بالاشتراك مع إخوتنا في ${p}.`,
  fa: (p) => ` این بیانیه به طور مشترک با برادرانمان در ${p} صادر می${ZW}شود.`,
  en: (p) => ` This statement is issued jointly with our brothers in ${p}.`,
  fr: (p) => ` Ce communiqué est publié conjointement avec nos frères de ${p}.`,
  ur: (p) => ` یہ بیان ${p} کے ساتھیوں کے ساتھ مشترکہ طور پر جاری کیا جا رہا ہے۔`,
};

const HEADERS: Readonly<Record<Lang, ReadonlyArray<(a: string, k: string) => string>>> = {
  ar: [(a) => `بيان صادر عن ${a}`, (a, k) => `بلاغ رقم ${k} | ${a}`, (a) => `${a} — المكتب الإعلامي`, (a) => `📌 بيان | ${a}`],
  fa: [(a) => `اطلاعیه ${a}`, (a, k) => `بیانیه شماره ${k} ${a}`, (a) => `${a} — دفتر رسانه${ZW}ای`],
  en: [(a) => `Statement by ${a}`, (a, k) => `Statement No. ${k} | ${a}`, (a) => `${a} — Media Office`],
  fr: [(a) => `Communiqué de ${a}`, (a, k) => `Communiqué n° ${k} | ${a}`, (a) => `${a} — Bureau des médias`],
  ur: [(a) => `${a} کا بیان`, (a, k) => `بیان نمبر ${k} | ${a}`, (a) => `${a} — میڈیا آفس`],
};

const STOP: Ml = { ar: '.', fa: '.', en: '.', fr: '.', ur: '۔' };

function clauseIn(ev: Ev, lang: Lang, style: Digits, group: boolean): string {
  const n = numberIn(ev.n, lang, style, group);
  return ev.action.first[lang](ev.place[lang], n, ordinal(ev.n, lang));
}

/** The paragraphs of a Telegram statement in `lang`: header, body, slogans, signature. */
function statementParts(ev: Ev, lang: Lang, header: number): string[] {
  const a = actorIn(ev.actor, lang);
  const style = lang === ev.lang ? ev.digits : 'latin';
  const k = numberIn(ev.statementNo, lang, style, false);
  const date = dateIn(ev.t, lang, style, ev.actor.gulf);
  const partner = ev.partner ? PARTNER[lang](actorIn(ev.partner, lang)) : '';
  const body = `${clauseIn(ev, lang, style, ev.group)}${STOP[lang]}${partner}`;
  const slogans = ev.quotes.map((q) => quoted(sloganIn(q, lang), lang)).join('\n');
  const signature = lang === 'en' ? `— ${a}, ${date}` : lang === 'fr' ? `— ${a}, le ${date}` : `${a}\n${date}`;
  const h = HEADERS[lang];
  return [at(h, header % h.length)(a, k), body, slogans, signature];
}

/** A tweet-sized statement: "<actor>: <clause>. «<slogan>» <date>". */
function tweetStatement(ev: Ev, lang: Lang): string {
  const style = lang === ev.lang ? ev.digits : 'latin';
  const first = ev.quotes[0];
  const slogan = first ? ` ${quoted(sloganIn(first, lang), lang)}` : '';
  const text = `${actorIn(ev.actor, lang)}: ${clauseIn(ev, lang, style, ev.group)}${STOP[lang]}${slogan} ${dateIn(ev.t, lang, style, ev.actor.gulf)}`;
  return truncate(text, 280);
}

// ─── copies, paraphrases, replies ──────────────────────────────────────────────────────────────

const COPY_HEADERS: Readonly<Record<Lang, readonly string[]>> = {
  ar: ['🔴 عاجل', '⚡️⚡️', '📢 هام', '🚨 عاجل |'],
  fa: ['🔴 فوری', '📢 مهم', '⚡️'],
  en: ['🚨 BREAKING', '🔴 JUST IN', '⚡️'],
  fr: ['🔴 URGENT', '📢 À LIRE', '⚡️'],
  ur: ['🔴 بریکنگ', '📢 اہم', '⚡️'],
};

const COPY_FOOTERS: Readonly<Record<Lang, ReadonlyArray<(link: string) => string>>> = {
  ar: [(l) => `تابعونا على ${l}`, (l) => `للاشتراك: ${l}`, () => 'انشر ولك الأجر 🔁'],
  fa: [(l) => `ما را دنبال کنید: ${l}`, (l) => `عضو شوید: ${l}`],
  en: [(l) => `Follow us: ${l}`, (l) => `Join: ${l}`, () => 'Share widely 🔁'],
  fr: [(l) => `Suivez-nous : ${l}`, (l) => `Rejoignez-nous : ${l}`, () => 'Partagez 🔁'],
  ur: [(l) => `ہمیں فالو کریں: ${l}`, (l) => `شامل ہوں: ${l}`],
};

const URGENT_TAG: Ml = { ar: '#عاجل', fa: '#فوری', en: '#BREAKING', fr: '#URGENT', ur: '#بریکنگ' };

const hashtag = (s: string): string => `#${s.replaceAll(' ', '_').replaceAll('-', '_')}`;

const REPLIES: Readonly<Record<Lang, ReadonlyArray<(p: string) => string>>> = {
  ar: [(p) => `تابعوا التغطية الكاملة لما جرى في ${p} على قناتنا.`, (p) => `نجدد التأكيد على ما ورد في بياننا بخصوص ${p}.`, (p) => `نشكر كل من ساند موقفنا في ${p}.`],
  fa: [(p) => `پوشش کامل رویداد ${p} را در کانال ما دنبال کنید.`, (p) => `بر آنچه در اطلاعیه ما درباره ${p} آمده است تأکید می${ZW}کنیم.`, (p) => `از همه کسانی که در ${p} از ما حمایت کردند سپاسگزاریم.`],
  en: [(p) => `Follow our channel for full coverage of ${p}.`, (p) => `We reaffirm what our statement said about ${p}.`, (p) => `Thanks to everyone who stood with us in ${p}.`],
  fr: [(p) => `Suivez notre canal pour la couverture complète de ${p}.`, (p) => `Nous réaffirmons notre communiqué concernant ${p}.`, (p) => `Merci à tous ceux qui nous ont soutenus à ${p}.`],
  ur: [(p) => `${p} کی مکمل کوریج کے لیے ہمارا چینل دیکھیں۔`, (p) => `ہم ${p} سے متعلق اپنے بیان کا اعادہ کرتے ہیں۔`, (p) => `${p} میں ہمارا ساتھ دینے والوں کا شکریہ۔`],
};

/** A light paraphrase: a word or two dropped and a neighbouring pair swapped (numbers are kept). */
function rephrase(sentence: string, r: Rng): string {
  const words = sentence.split(' ');
  const drops = r.int(1, 2);
  for (let d = 0; d < drops && words.length > 6; d++) {
    const i = r.int(1, words.length - 2);
    const w = at(words, i);
    if (w.length > 2 && !/\d|[٠-٩۰-۹]/.test(w)) words.splice(i, 1);
  }
  if (words.length > 4) {
    const i = r.int(1, words.length - 3);
    const w = at(words, i);
    words[i] = at(words, i + 1);
    words[i + 1] = w;
  }
  return words.join(' ');
}

// ─── translations and reports ──────────────────────────────────────────────────────────────────

const TR_PREFIX: Readonly<Record<'en' | 'fr', readonly string[]>> = {
  en: ['Translation:', '🇬🇧 EN:', 'Translated statement —', '[TR]'],
  fr: ['Traduction :', '🇫🇷 FR :', 'Communiqué traduit —'],
};

const CONTEXT: Readonly<Record<'en' | 'fr', readonly string[]>> = {
  en: [
    'The group has issued a string of similar statements in recent months.',
    'The claims could not be independently verified.',
    'Local officials did not respond to requests for comment.',
    'The channel has several thousand subscribers.',
    "Observers say such statements are aimed mainly at the group's own supporters.",
  ],
  fr: [
    'Le groupe a publié plusieurs communiqués similaires ces derniers mois.',
    "Ces affirmations n'ont pas pu être vérifiées de manière indépendante.",
    "Les autorités locales n'ont pas répondu aux sollicitations.",
    "La chaîne compte plusieurs milliers d'abonnés.",
    'Selon des observateurs, ces messages visent surtout les partisans du groupe.',
  ],
};

/** How a report names the actor: a spelling, sometimes its English or French gloss. */
function actorRef(a: Actor, lang: 'en' | 'fr', r: Rng): string {
  const name = r.pick(a.latin);
  switch (r.int(0, 2)) {
    case 0:
      return name;
    case 1:
      return lang === 'en' ? `${name} (${a.gloss.en})` : `${name} (${quoted(a.gloss.fr, 'fr')})`;
    default:
      return lang === 'en' ? `The group ${name}` : `Le groupe ${name}`;
  }
}

/** "on January 13", "on Wednesday", "le 13 janvier 2021"… */
function reportDay(t: number, lang: 'en' | 'fr', r: Rng): string {
  const v = r.int(0, 2);
  if (lang === 'en') return v === 0 ? `on ${weekdayIn(t, 'en')}` : `on ${dateIn(t, 'en', 'latin', false, true, v === 2)}`;
  return v === 0 ? weekdayIn(t, 'fr') : `le ${dateIn(t, 'fr', 'latin', false, true, v === 2)}`;
}

interface Citation {
  /** Goes right after the day, before the full stop. */
  inline: string;
  /** Footnote appended to the text ('' for none). */
  note: string;
  links: string[];
}

/** The varied ways a report cites where the statement appeared (or does not). */
function citation(ev: Ev, lang: 'en' | 'fr', cited: { url: string; chan: Chan }, r: Rng): Citation {
  const tg = cited.chan.platform === 'telegram';
  const h = cited.chan.handle ?? '';
  const bare = cited.url.replace(/^https:\/\//, '');
  const day = dateIn(ev.t, lang, 'latin');
  const en = lang === 'en';
  switch (r.int(0, 5)) {
    case 0:
      return { inline: tg ? (en ? ', according to a statement posted on its Telegram channel' : ', selon un communiqué publié sur sa chaîne Telegram') : en ? ', in a post on X' : ', dans une publication sur X', note: '', links: [] };
    case 1:
      return { inline: tg ? (en ? ` in a statement on Telegram (${bare})` : ` dans un message sur Telegram (${bare})`) : en ? ` in a tweet (${bare})` : ` dans un tweet (${bare})`, note: '', links: [cited.url] };
    case 2:
      return { inline: '[1]', note: `\n\n[1] ${tg ? 'Telegram' : 'X/Twitter'}, ${day}`, links: r.chance(0.5) ? [cited.url] : [] };
    case 3:
      return { inline: en ? `, in a message shared by @${h}` : `, dans un message relayé par @${h}`, note: '', links: [] };
    case 4:
      return { inline: '', note: '', links: [cited.url] };
    default:
      return { inline: en ? ', in a statement' : ', dans un communiqué', note: '', links: [] };
  }
}

// ─── noise and routine posts ───────────────────────────────────────────────────────────────────

interface Slots {
  c: string;
  n: string;
  m: string;
  d: string;
  x: string;
  y: string;
  a: string;
  k: string;
}

interface NoiseKind {
  words: readonly Ml[];
  n: readonly [number, number];
  m: readonly [number, number];
  k?: readonly [number, number];
  actor: boolean;
  text: Readonly<Record<Lang, (s: Slots) => string>>;
}

const W = (en: string, fr: string, ar: string, fa: string, ur: string): Ml => ({ en, fr, ar, fa, ur });

const NOISE: readonly NoiseKind[] = [
  {
    words: [W('sunny', 'ensoleillé', 'مشمس', 'آفتابی', 'دھوپ'), W('cloudy', 'nuageux', 'غائم', 'ابری', 'ابر آلود'), W('light rain', 'pluie légère', 'أمطار خفيفة', 'باران سبک', 'ہلکی بارش'), W('dusty', 'poussiéreux', 'مغبر', 'غبارآلود', 'گرد آلود')],
    n: [4, 48],
    m: [5, 60],
    actor: false,
    text: {
      en: (s) => `Weather for ${s.c} today: ${s.n}°C, ${s.x}, wind ${s.m} km/h.`,
      fr: (s) => `Météo à ${s.c} aujourd'hui : ${s.n} °C, ${s.x}, vent ${s.m} km/h.`,
      ar: (s) => `طقس ${s.c} اليوم: ${s.n} درجة مئوية، ${s.x}، والرياح ${s.m} كم/ساعة.`,
      fa: (s) => `هوای ${s.c} امروز: ${s.n} درجه، ${s.x}، باد ${s.m} کیلومتر بر ساعت.`,
      ur: (s) => `${s.c} میں آج کا موسم: ${s.n} ڈگری، ${s.x}، ہوا ${s.m} کلومیٹر فی گھنٹہ۔`,
    },
  },
  {
    words: [W('Al-Nujum', 'Al-Nujum', 'النجوم', 'النجوم', 'النجوم'), W('Al-Rafidain', 'Al-Rafidain', 'الرافدين', 'الرافدین', 'الرافدین'), W('Al-Sahel', 'Al-Sahel', 'الساحل', 'الساحل', 'الساحل'), W('Al-Nakhil', 'Al-Nakhil', 'النخيل', 'النخیل', 'النخیل'), W('Al-Shabab', 'Al-Shabab', 'الشباب', 'الشباب', 'الشباب')],
    n: [0, 5],
    m: [1, 34],
    k: [0, 5],
    actor: false,
    text: {
      en: (s) => `Final score: ${s.x} ${s.n}, ${s.y} ${s.k} — round ${s.m} of the league. What a match!`,
      fr: (s) => `Score final : ${s.x} ${s.n}, ${s.y} ${s.k} — ${s.m}e journée du championnat. Quel match !`,
      ar: (s) => `انتهت المباراة: ${s.x} ${s.n} و${s.y} ${s.k} في الجولة ${s.m} من الدوري. يا لها من مباراة!`,
      fa: (s) => `پایان بازی: ${s.x} ${s.n} و ${s.y} ${s.k} در هفته ${s.m} لیگ. چه بازی${ZW}ای!`,
      ur: (s) => `میچ ختم: ${s.x} ${s.n} اور ${s.y} ${s.k}، لیگ کا ${s.m}واں راؤنڈ۔ کیا زبردست میچ تھا!`,
    },
  },
  {
    words: [W('tomato', 'des tomates', 'الطماطم', `گوجه${ZW}فرنگی`, 'ٹماٹر'), W('rice', 'du riz', 'الأرز', 'برنج', 'چاول'), W('flour', 'de la farine', 'الطحين', 'آرد', 'آٹے'), W('sugar', 'du sucre', 'السكر', 'شکر', 'چینی'), W('onion', 'des oignons', 'البصل', 'پیاز', 'پیاز')],
    n: [500, 9000],
    m: [2, 30],
    actor: false,
    text: {
      en: (s) => `${capitalize(s.x)} prices in ${s.c} rose to ${s.n} per kilo this week, up ${s.m}%.`,
      fr: (s) => `Le prix ${s.x} à ${s.c} est monté à ${s.n} le kilo cette semaine, soit ${s.m} % de plus.`,
      ar: (s) => `ارتفعت أسعار ${s.x} في ${s.c} إلى ${s.n} للكيلو هذا الأسبوع بزيادة ${s.m}٪.`,
      fa: (s) => `قیمت ${s.x} در ${s.c} این هفته به ${s.n} برای هر کیلو رسید؛ ${s.m} درصد افزایش.`,
      ur: (s) => `${s.c} میں اس ہفتے ${s.x} کی قیمت ${s.n} فی کلو تک پہنچ گئی، ${s.m} فیصد اضافہ۔`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [3, 10],
    m: [11, 40],
    actor: false,
    text: {
      en: (s) => `Power cut in ${s.c} expected to last ${s.n} hours; ${s.m} neighbourhoods affected.`,
      fr: (s) => `Coupure de courant à ${s.c}, prévue pour durer ${s.n} heures ; ${s.m} quartiers touchés.`,
      ar: (s) => `انقطاع الكهرباء في ${s.c} يُتوقع أن يستمر ${s.n} ساعات ويشمل ${s.m} حياً.`,
      fa: (s) => `قطعی برق در ${s.c} احتمالاً ${s.n} ساعت طول می${ZW}کشد و ${s.m} محله را در بر می${ZW}گیرد.`,
      ur: (s) => `${s.c} میں بجلی کی بندش ${s.n} گھنٹے جاری رہنے کا امکان ہے، ${s.m} محلے متاثر۔`,
    },
  },
  {
    words: [W('dentist', 'dentiste', 'طبيب أسنان', 'دندانپزشک', 'دانتوں کا ڈاکٹر'), W('mechanic', 'garagiste', 'ميكانيكي', 'مکانیک', 'مکینک'), W('plumber', 'plombier', 'سبّاك', `لوله${ZW}کش`, 'پلمبر'), W('electrician', 'électricien', 'كهربائي', 'برقکار', 'الیکٹریشن')],
    n: [1, 99],
    m: [1, 9],
    actor: false,
    text: {
      en: (s) => `Anyone know a good ${s.x} near ${s.c}? Need one before ${s.d} 🙏 (${s.n})`,
      fr: (s) => `Quelqu'un connaît un bon ${s.x} près de ${s.c} ? J'en ai besoin avant ${s.d} 🙏 (${s.n})`,
      ar: (s) => `من يعرف ${s.x} شاطر قريب من ${s.c}؟ أحتاجه قبل يوم ${s.d} 🙏 (${s.n})`,
      fa: (s) => `کسی ${s.x} خوب نزدیک ${s.c} می${ZW}شناسد؟ تا ${s.d} لازم دارم 🙏 (${s.n})`,
      ur: (s) => `کیا کوئی ${s.c} کے قریب اچھا ${s.x} جانتا ہے؟ ${s.d} سے پہلے چاہیے 🙏 (${s.n})`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [11, 300],
    m: [3, 10],
    actor: false,
    text: {
      en: (s) => `The ${s.c} book fair opens on ${s.d} with ${s.n} publishers and runs for ${s.m} days.`,
      fr: (s) => `Le salon du livre de ${s.c} ouvre ${s.d} avec ${s.n} éditeurs, pour ${s.m} jours.`,
      ar: (s) => `يُفتتح معرض الكتاب في ${s.c} يوم ${s.d} بمشاركة ${s.n} دار نشر ويستمر ${s.m} أيام.`,
      fa: (s) => `نمایشگاه کتاب ${s.c} روز ${s.d} با حضور ${s.n} ناشر گشایش می${ZW}یابد و ${s.m} روز ادامه دارد.`,
      ur: (s) => `${s.c} میں کتاب میلہ ${s.d} کو کھلے گا، ${s.n} ناشرین شریک ہوں گے اور یہ ${s.m} دن جاری رہے گا۔`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [11, 9000],
    m: [4, 20],
    actor: false,
    text: {
      en: (s) => `Exam results for ${s.n} students in ${s.c} will be published on ${s.d}, the ${s.m}th.`,
      fr: (s) => `Les résultats d'examen de ${s.n} élèves de ${s.c} seront publiés ${s.d} ${s.m}.`,
      ar: (s) => `تُعلن نتائج امتحانات ${s.n} طالباً في ${s.c} يوم ${s.d} الموافق ${s.m} من الشهر.`,
      fa: (s) => `نتایج امتحانات ${s.n} دانش${ZW}آموز در ${s.c} روز ${s.d}، ${s.m} این ماه اعلام می${ZW}شود.`,
      ur: (s) => `${s.c} کے ${s.n} طلبہ کے امتحانی نتائج ${s.d}، ${s.m} تاریخ کو جاری ہوں گے۔`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [11, 5000],
    m: [3, 9],
    actor: false,
    text: {
      en: (s) => `Teachers in ${s.c} rallied for higher wages; organisers said ${s.n} people took part and promised ${s.m} more days of action.`,
      fr: (s) => `Des enseignants de ${s.c} se sont rassemblés pour réclamer des hausses de salaire ; ${s.n} personnes selon les organisateurs, qui annoncent ${s.m} autres journées.`,
      ar: (s) => `نظّم معلمون في ${s.c} وقفة للمطالبة بزيادة الرواتب، وقال المنظمون إن ${s.n} شخصاً شاركوا فيها مع ${s.m} أيام أخرى من التحرك.`,
      fa: (s) => `معلمان ${s.c} برای افزایش حقوق تجمع کردند؛ برگزارکنندگان می${ZW}گویند ${s.n} نفر شرکت داشتند و ${s.m} روز دیگر هم ادامه می${ZW}دهند.`,
      ur: (s) => `${s.c} میں اساتذہ نے تنخواہوں میں اضافے کے لیے مظاہرہ کیا، منتظمین کے مطابق ${s.n} افراد شریک ہوئے اور مزید ${s.m} دن احتجاج ہوگا۔`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [11, 900],
    m: [4, 9],
    actor: false,
    text: {
      en: (s) => `Stocks on the ${s.c} exchange rallied ${s.n} points today, the ${s.m}th gain in a row.`,
      fr: (s) => `La bourse de ${s.c} a gagné ${s.n} points aujourd'hui, ${s.m}e hausse d'affilée.`,
      ar: (s) => `ارتفع مؤشر بورصة ${s.c} ${s.n} نقطة اليوم، في ${s.m} جلسات صعود متتالية.`,
      fa: (s) => `شاخص بورس ${s.c} امروز ${s.n} واحد رشد کرد؛ ${s.m} روز رشد پیاپی.`,
      ur: (s) => `${s.c} اسٹاک ایکسچینج میں آج ${s.n} پوائنٹس کا اضافہ ہوا، مسلسل ${s.m} دن سے تیزی۔`,
    },
  },
  {
    words: [W('', '', '', '', '')],
    n: [11, 36],
    m: [2, 9],
    actor: true,
    text: {
      en: (s) => `Thread 🧵 on how ${s.a}'s media output changed over the past ${s.n} months (${s.m}/…)`,
      fr: (s) => `Fil 🧵 : comment la communication de ${s.a} a évolué ces ${s.n} derniers mois (${s.m}/…)`,
      ar: (s) => `قراءة في الخطاب الإعلامي لـ${s.a} خلال الأشهر الـ${s.n} الماضية (${s.m}/…)`,
      fa: (s) => `نگاهی به تبلیغات ${s.a} در ${s.n} ماه گذشته (${s.m}/…)`,
      ur: (s) => `${s.a} کے میڈیا بیانیے پر ایک نظر، پچھلے ${s.n} مہینے (${s.m}/…)`,
    },
  },
];

/** Routine posts of an actor's channel: condolences, schedules, notices, greetings (no event). */
const ROUTINE: Readonly<Record<Lang, ReadonlyArray<(s: Slots) => string>>> = {
  ar: [
    (s) => `نتقدم بأحر التعازي إلى عائلة الفقيد في ${s.c}، تغمده الله بواسع رحمته.\n${s.x}`,
    (s) => `برنامج البث لهذا الأسبوع: نشرة يومية عند الساعة ${s.n}:00 ولقاء خاص يوم ${s.d}.`,
    (s) => `تنويه: قناتنا الاحتياطية هي ${s.y}، تابعونا.`,
    (s) => `جمعة مباركة لكل متابعينا — ${s.x}`,
  ],
  fa: [
    (s) => `به خانواده درگذشته در ${s.c} تسلیت می${ZW}گوییم.\n${s.x}`,
    (s) => `برنامه پخش این هفته: خبر روزانه ساعت ${s.n}:00 و گفت${ZW}وگوی ویژه روز ${s.d}.`,
    (s) => `توجه: کانال پشتیبان ما ${s.y} است، ما را دنبال کنید.`,
    (s) => `جمعه مبارک به همه همراهان ما — ${s.x}`,
  ],
  en: [
    (s) => `Our sincere condolences to the family of the deceased in ${s.c}.\n${s.x}`,
    (s) => `This week's schedule: daily bulletin at ${s.n}:00 and a special interview on ${s.d}.`,
    (s) => `Notice: our backup channel is ${s.y}. Follow us.`,
    (s) => `Blessed Friday to all our followers — ${s.x}`,
  ],
  fr: [
    (s) => `Nos sincères condoléances à la famille du défunt à ${s.c}.\n${s.x}`,
    (s) => `Programme de la semaine : bulletin quotidien à ${s.n} h et entretien spécial ${s.d}.`,
    (s) => `Avis : notre canal de secours est ${s.y}. Suivez-nous.`,
    (s) => `Bon vendredi à tous nos abonnés — ${s.x}`,
  ],
  ur: [
    (s) => `${s.c} میں مرحوم کے اہل خانہ سے دلی تعزیت۔\n${s.x}`,
    (s) => `اس ہفتے کا پروگرام: روزانہ بلیٹن ${s.n}:00 بجے اور ${s.d} کو خصوصی انٹرویو۔`,
    (s) => `اطلاع: ہمارا متبادل چینل ${s.y} ہے، ہمیں فالو کریں۔`,
    (s) => `تمام ساتھیوں کو جمعہ مبارک — ${s.x}`,
  ],
};

/** The random choices of a routine post, rendered once in its language and once in English. */
interface RoutineDraw {
  template: number;
  actor: Actor;
  t: number;
  place: Place;
  hour: number;
  weekday: number;
  backup: string;
  /** Starts with the actor's name. */
  named: boolean;
}

function routineText(d: RoutineDraw, lang: Lang, style: Digits): string {
  const s: Slots = {
    c: d.place[lang],
    n: numberIn(d.hour, lang, style, false),
    m: '',
    k: '',
    d: at(WEEKDAYS[lang], d.weekday),
    x: dateIn(d.t, lang, style, d.actor.gulf),
    y: d.backup,
    a: actorIn(d.actor, lang),
  };
  return (d.named ? `${s.a}\n\n` : '') + at(ROUTINE[lang], d.template)(s);
}

/** The random choices of a noise post. */
interface NoiseDraw {
  place: Place;
  x: Ml;
  y: Ml;
  n: number;
  m: number;
  k: number;
  day: number;
  actor: Actor | null;
  latin: string;
}

function noiseSlots(d: NoiseDraw, lang: Lang, style: Digits): Slots {
  return {
    c: d.place[lang],
    n: numberIn(d.n, lang, style, false),
    m: numberIn(d.m, lang, style, false),
    k: numberIn(d.k, lang, style, false),
    d: at(WEEKDAYS[lang], d.day),
    x: d.x[lang],
    y: d.y[lang],
    a: d.actor ? actorIn(d.actor, lang, d.latin) : '',
  };
}

// ─── the builder ───────────────────────────────────────────────────────────────────────────────

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * Event origins are placed this long after their spawn time, so that a report with a skewed clock
 * (up to 3 h early) and a same-topic decoy (up to ~11.5 h early) still fall after everything
 * already yielded.
 */
const LEAD = 12 * HOUR;
/** Chance that a spawn is an event rather than one noise post; with ~10.4 items per event spawn, ~23% of items are noise. */
const P_EVENT = 0.24;
/** Mean gap between spawns, tuned so the stream averages ITEMS_PER_DAY. */
const MEAN_GAP = (DAY / ITEMS_PER_DAY) * (1 - P_EVENT + P_EVENT * 10.45);
const X_EPOCH = 1288834974657; // tweet ids count ms from here

type MemberKind = 'forward' | 'retweet' | 'copy' | 'paraphrase' | 'translation' | 'report' | 'reply';

/** Repost delay ranges after the origin (log-uniform): forwards within seconds, reports up to two days. */
const DELAY: Readonly<Record<MemberKind, readonly [number, number]>> = {
  forward: [5_000, 6 * HOUR],
  retweet: [10_000, 12 * HOUR],
  copy: [MINUTE, DAY],
  paraphrase: [5 * MINUTE, DAY],
  reply: [2 * MINUTE, 6 * HOUR],
  translation: [10 * MINUTE, DAY],
  report: [10 * MINUTE, 2 * DAY],
};

const MIX_TELEGRAM: ReadonlyArray<readonly [MemberKind, number]> = [['forward', 32], ['copy', 16], ['paraphrase', 10], ['translation', 12], ['report', 18], ['reply', 5]];
const MIX_X: ReadonlyArray<readonly [MemberKind, number]> = [['retweet', 35], ['copy', 14], ['paraphrase', 8], ['translation', 14], ['report', 20], ['reply', 5]];
const ORIGIN_ACTORS: ReadonlyArray<readonly [Actor, number]> = ACTORS.map((a) => [a, a.weight] as const);
const NOISE_LANGS: ReadonlyArray<readonly [Lang, number]> = [['ar', 35], ['fa', 15], ['en', 30], ['fr', 15], ['ur', 5]];

interface Posted {
  input: EventInput;
  url: string;
}

interface PostFields {
  title?: string | null;
  forwardedFrom?: EventInput['forwardedFrom'];
  replyTo?: string | null;
  quotes?: string | null;
  reposts?: string | null;
  links?: string[];
  actors?: string[];
  /** The simulated MT field's English text (see CorpusBuilder.mt), or null. */
  english?: string | null;
  slug?: string;
}

class CorpusBuilder {
  readonly heap = new ItemHeap();
  private readonly r: Rng;
  private readonly pools = buildPools();
  private seq = 0;
  private events = 0;

  constructor(seed: number) {
    this.r = new Rng(seed);
  }

  gap(): number {
    return this.r.exp(MEAN_GAP);
  }

  /** One event with its members and decoys, or one noise post; returns how many items it queued. */
  spawn(t: number): number {
    if (!this.r.chance(P_EVENT)) {
      this.noise(t);
      return 1;
    }
    const before = this.seq;
    const ev = this.event(t + LEAD, this.r.weighted(ORIGIN_ACTORS), null, null);
    this.publish(ev, 'origin', null, null);
    this.members(ev, this.memberCount(), true);
    if (this.r.chance(0.1)) this.decoyEvent(ev, 'same-actor');
    if (this.r.chance(0.1)) this.decoyEvent(ev, 'same-topic');
    if (this.r.chance(0.15)) for (let i = this.r.int(1, 2); i > 0; i--) this.routine(ev);
    return this.seq - before;
  }

  /** Members per event, long-tailed: half have 0–2, a few have 15–59. */
  private memberCount(): number {
    const r = this.r.next();
    return r < 0.5 ? this.r.int(0, 2) : r < 0.85 ? this.r.int(3, 12) : this.r.int(15, 59);
  }

  private event(t: number, actor: Actor, avoid: Ev | null, sameAction: Action | null): Ev {
    const r = this.r;
    let action = sameAction ?? r.pick(ACTIONS);
    while (!sameAction && avoid && action === avoid.action) action = r.pick(ACTIONS);
    const places = PLACES_BY_REGION[actor.region];
    let place = r.pick(places);
    while (avoid && place === avoid.place) place = r.pick(places);
    let partner: Actor | null = r.chance(0.15) ? r.pick(ACTORS) : null;
    if (partner === actor) partner = null;
    const lang = actor.lang;
    const style: Digits = lang === 'ar' ? (r.chance(0.4) ? 'arabic' : 'latin') : lang === 'fa' || lang === 'ur' ? (r.chance(0.7) ? 'persian' : 'latin') : 'latin';
    const onX = this.pools.actorX.get(actor.id) !== undefined && r.chance(0.25);
    const chan = (onX ? this.pools.actorX.get(actor.id) : undefined) ?? this.pools.actorTg.get(actor.id);
    if (!chan) throw new Error(`actor ${actor.id} has no channel`);
    const quote = (): Quote => {
      const a = r.int(0, CLAUSES.length - 1);
      let b = r.int(0, CLAUSES.length - 2);
      if (b >= a) b++;
      return [a, b];
    };
    const quotes = r.chance(0.6) ? [quote()] : [quote(), quote()];
    // A same-actor decoy sometimes reuses one of the actor's slogans: slogans recur across statements.
    if (avoid && avoid.actor === actor && r.chance(0.3) && avoid.quotes[0]) quotes[0] = [avoid.quotes[0][0], at(quotes, 0)[1]];
    return {
      id: `e${++this.events}`,
      actor,
      partner,
      action,
      place,
      n: r.int(action.n[0], action.n[1]),
      t: Math.round(t),
      quotes,
      lang,
      digits: style,
      group: r.chance(0.5),
      statementNo: r.int(10, 999),
      chan,
      origin: null,
      originUrl: '',
      parts: [],
      english: null,
    };
  }

  /** Posts the event's origin (kind 'origin', or 'decoy' for a decoy event's). */
  private publish(ev: Ev, kind: 'origin' | 'decoy', decoy: DecoyKind | null, decoyOf: string | null): void {
    const lang = ev.lang;
    let text: string;
    if (ev.chan.platform === 'x') {
      text = tweetStatement(ev, lang);
      ev.parts = [text];
    } else {
      ev.parts = statementParts(ev, lang, this.r.int(0, 3));
      text = ev.parts.join('\n\n');
    }
    const posted = this.post(ev.chan, ev.t, lang, text, { actors: this.eventActors(ev), english: this.englishIf(ev, lang) });
    ev.origin = posted.input;
    ev.originUrl = posted.url;
    this.queue({ input: posted.input, gold: ev.id, kind, goldFirst: posted.input.id, decoy, decoyOf, skewed: false });
  }

  private eventActors(ev: Ev): string[] {
    return ev.partner ? [ev.actor.id, ev.partner.id] : [ev.actor.id];
  }

  /** Whether this item gets the simulated MT field: ~10% of non-English items. */
  private mt(lang: Lang): boolean {
    return lang !== 'en' && this.r.chance(0.1);
  }

  /** The origin's English rendering when `lang` draws the MT field, else null. */
  private englishIf(ev: Ev, lang: Lang): string | null {
    return this.mt(lang) ? this.english(ev) : null;
  }

  private english(ev: Ev): string {
    ev.english ??= ev.chan.platform === 'x' ? tweetStatement(ev, 'en') : statementParts(ev, 'en', 0).join('\n\n');
    return ev.english;
  }

  /** Queues `count` members in time order (so a report can cite a copy posted before it), plus a skewed report for ~2% of events. */
  private members(ev: Ev, count: number, mayBeSkewed: boolean): void {
    const mix = ev.chan.platform === 'x' ? MIX_X : MIX_TELEGRAM;
    const planned: Array<{ kind: MemberKind; t: number }> = [];
    for (let i = 0; i < count; i++) {
      const kind = this.r.weighted(mix);
      const [lo, hi] = DELAY[kind];
      planned.push({ kind, t: ev.t + Math.round(this.r.logUniform(lo, hi)) });
    }
    planned.sort((a, b) => a.t - b.t);
    const citable: Posted[] = [];
    for (const p of planned) {
      const posted = this.member(ev, p.kind, p.t, citable);
      if (posted && (p.kind === 'forward' || p.kind === 'copy') && posted.input.platform === 'telegram') citable.push(posted);
    }
    if (mayBeSkewed && this.r.chance(0.02)) {
      const early = ev.t - Math.round(this.r.logUniform(2 * MINUTE, 3 * HOUR));
      this.report(ev, early, [], true);
    }
  }

  private member(ev: Ev, kind: MemberKind, t: number, citable: readonly Posted[]): Posted | null {
    switch (kind) {
      case 'forward':
        return this.forward(ev, t);
      case 'retweet':
        return this.retweet(ev, t);
      case 'copy':
        return this.copy(ev, t);
      case 'paraphrase':
        return this.paraphrase(ev, t);
      case 'translation':
        return this.translation(ev, t);
      case 'report':
        return this.report(ev, t, citable, false);
      case 'reply':
        return this.reply(ev, t);
    }
  }

  private origin(ev: Ev): EventInput {
    if (!ev.origin) throw new Error(`event ${ev.id} has no origin yet`);
    return ev.origin;
  }

  private memberItem(ev: Ev, posted: Posted, kind: CorpusKind, skewed = false): Posted {
    this.queue({ input: posted.input, gold: ev.id, kind, goldFirst: this.origin(ev).id, decoy: null, decoyOf: null, skewed });
    return posted;
  }

  /** A supporter channel in the origin's language; now and then an allied actor's own channel. */
  private supporter(ev: Ev, platform: 'telegram' | 'x'): Chan {
    if (platform === 'telegram' && this.r.chance(0.08)) {
      const ally = this.r.pick(ACTORS);
      const chan = this.pools.actorTg.get(ally.id);
      if (ally !== ev.actor && chan) return chan;
    }
    return this.r.pick((platform === 'x' ? this.pools.supportersX : this.pools.supportersTg)[ev.lang]);
  }

  private withOwner(actors: string[], chan: Chan): string[] {
    return chan.actor && !actors.includes(chan.actor.id) ? [...actors, chan.actor.id] : actors;
  }

  private forward(ev: Ev, t: number): Posted {
    const o = this.origin(ev);
    const chan = this.supporter(ev, 'telegram');
    const posted = this.post(chan, t, ev.lang, o.text, {
      forwardedFrom: { name: o.authorName, handle: o.authorHandle, key: o.key, publishedAt: o.publishedAt },
      actors: this.withOwner(o.actors, chan),
      english: this.englishIf(ev, ev.lang),
    });
    return this.memberItem(ev, posted, 'forward');
  }

  private retweet(ev: Ev, t: number): Posted {
    const o = this.origin(ev);
    const chan = this.r.chance(0.8) ? this.supporter(ev, 'x') : this.r.pick(this.pools.analystsX);
    const prefix = `RT @${o.authorHandle ?? ''}: `;
    const text = truncate(prefix + o.text, 140);
    const posted = this.post(chan, t, ev.lang, text, { reposts: o.key, actors: o.actors, english: this.englishIf(ev, ev.lang) });
    return this.memberItem(ev, posted, 'retweet');
  }

  /** A verbatim copy dressed with an emoji header, hashtags and a "follow us" footer. */
  private copy(ev: Ev, t: number): Posted {
    const r = this.r;
    const o = this.origin(ev);
    const platform = r.chance(0.75) ? 'telegram' : 'x';
    const chan = this.supporter(ev, platform);
    const lang = ev.lang;
    const own = platform === 'telegram' ? `https://t.me/${chan.handle ?? ''}` : `https://x.com/${chan.handle ?? ''}`;
    const body = ev.parts.length > 1 && r.chance(0.5) ? ev.parts.slice(0, -1).join('\n\n') : o.text;
    const tags = [hashtag(actorIn(ev.actor, lang)), hashtag(ev.place[lang]), URGENT_TAG[lang]].filter(() => r.chance(0.6)).join(' ');
    const footer = r.chance(0.7) ? r.pick(COPY_FOOTERS[lang])(own) : '';
    const links = footer.includes(own) ? [own] : [];
    if (r.chance(0.3)) links.push(ev.originUrl);
    const text = [r.chance(0.7) ? r.pick(COPY_HEADERS[lang]) : '', body, tags, footer, links.includes(ev.originUrl) ? ev.originUrl : ''].filter((s) => s.length > 0).join('\n\n');
    const posted = this.post(chan, t, lang, platform === 'x' ? truncate(text, 280) : text, { links, actors: this.withOwner(o.actors, chan), english: this.englishIf(ev, lang) });
    return this.memberItem(ev, posted, 'copy');
  }

  /** Light rewording of the body (words dropped, a pair swapped), another header, sometimes no signature. */
  private paraphrase(ev: Ev, t: number): Posted {
    const r = this.r;
    const o = this.origin(ev);
    const lang = ev.lang;
    let text: string;
    if (ev.parts.length === 1) {
      // A tweet: reword the part before the slogan, keep the slogan and the date.
      const cut = o.text.indexOf(QUOTE_MARKS[lang][0]);
      text = cut > 0 ? `${rephrase(o.text.slice(0, cut).trimEnd(), r)} ${o.text.slice(cut)}` : rephrase(o.text, r);
    } else {
      const [, body = '', slogans = '', signature = ''] = ev.parts;
      const header = r.pick(HEADERS[lang])(actorIn(ev.actor, lang), numberIn(ev.statementNo, lang, ev.digits, false));
      const paras = [header, rephrase(body, r), slogans];
      if (r.chance(0.5)) paras.push(signature);
      text = paras.join('\n\n');
    }
    const platform = ev.chan.platform === 'x' && r.chance(0.6) ? 'x' : 'telegram';
    const chan = this.supporter(ev, platform);
    const posted = this.post(chan, t, lang, platform === 'x' ? truncate(text, 280) : text, { actors: this.withOwner(o.actors, chan), english: this.englishIf(ev, lang) });
    return this.memberItem(ev, posted, 'paraphrase');
  }

  /** The author's follow-up in reply to its own statement (names the place, not always the number). */
  private reply(ev: Ev, t: number): Posted {
    const o = this.origin(ev);
    const lang = ev.lang;
    const i = this.r.int(0, 2);
    const text = at(REPLIES[lang], i)(ev.place[lang]);
    const posted = this.post(ev.chan, t, lang, text, { replyTo: o.key, actors: [ev.actor.id], english: this.mt(lang) ? at(REPLIES.en, i)(ev.place.en) : null });
    return this.memberItem(ev, posted, 'reply');
  }

  /** An analyst's English or French translation: first person kept, own wording around it. */
  private translation(ev: Ev, t: number): Posted {
    const r = this.r;
    const o = this.origin(ev);
    const lang: 'en' | 'fr' = ev.lang === 'en' ? 'fr' : ev.lang === 'fr' ? 'en' : r.chance(0.8) ? 'en' : 'fr';
    const chan = r.pick(this.pools.analysts[lang]);
    const latin = r.pick(ev.actor.latin);
    const script = ev.lang === 'fa' || ev.lang === 'ur' ? ev.actor.fa : ev.actor.ar;
    const date = dateIn(ev.t, lang, 'latin', false, r.chance(0.5));
    const partner = ev.partner ? PARTNER[lang](r.pick(ev.partner.latin)) : '';
    const slogans = ev.quotes.map((q) => quoted(sloganIn(q, lang), lang)).join(' ');
    const colon = lang === 'fr' ? ' :' : ':';
    const links: string[] = [];
    let tail = '';
    if (r.chance(0.5)) {
      links.push(ev.originUrl);
      tail = `\n\nSource${colon} ${ev.originUrl}`;
    }
    const quotes = chan.platform === 'x' && o.platform === 'x' && r.chance(0.5) ? o.key : null;
    const body = `${r.pick(TR_PREFIX[lang])} ${latin} (${script}), ${date}${colon} ${quoted(`${clauseIn(ev, lang, 'latin', r.chance(0.5))}.`, lang)}${partner}\n\nSlogan${ev.quotes.length > 1 ? 's' : ''}${colon} ${slogans}`;
    // X counts a link as 23 characters; keep the source line whole and cut the translation instead.
    const text = chan.platform === 'x' ? truncate(body, 280 - 25 - (tail.length > 0 ? 12 : 0)) + tail : body + tail;
    const posted = this.post(chan, t, lang, text, { links, quotes, actors: this.eventActors(ev), english: this.mt(lang) ? this.english(ev) : null });
    return this.memberItem(ev, posted, 'translation');
  }

  /** A news report paraphrasing the statement in the third person and citing it one way or another. */
  private report(ev: Ev, t: number, citable: readonly Posted[], skewed: boolean): Posted {
    const r = this.r;
    const lang: 'en' | 'fr' = r.chance(0.7) ? 'en' : 'fr';
    const chan = r.pick(this.pools.news[lang]);
    const latin = r.pick(ev.actor.latin);
    const n = numberIn(ev.n, lang, 'latin', r.chance(0.5));
    const p = ev.place[lang];
    // Most reports cite the origin; some cite a supporter's forward or copy that carried it.
    const viaCopy = citable.length > 0 && r.chance(0.15) ? r.pick(citable) : null;
    const cited = viaCopy ? { url: viaCopy.url, chan: this.chanOf(viaCopy.input) } : { url: ev.originUrl, chan: ev.chan };
    const cite = citation(ev, lang, cited, r);
    const said = ev.quotes.map((q) => sloganIn(q, lang));
    const first = said[0] ?? '';
    const quoteLine =
      lang === 'en'
        ? `${quoted(`${first},`, 'en')} the group said.${said[1] ? ` It added: ${quoted(`${said[1]}.`, 'en')}` : ''}`
        : `${quoted(first, 'fr')}, a déclaré le groupe.${said[1] ? ` Il ajoute : ${quoted(said[1], 'fr')}.` : ''}`;
    const partner = ev.partner ? (lang === 'en' ? ` The statement was issued jointly with ${r.pick(ev.partner.latin)}.` : ` Le communiqué a été publié conjointement avec ${r.pick(ev.partner.latin)}.`) : '';
    const lead = `${actorRef(ev.actor, lang, r)} ${ev.action.third[lang](p, n, ordinal(ev.n, lang))} ${reportDay(ev.t, lang, r)}${cite.inline}.${partner}`;
    const text = `${lead}\n\n${quoteLine}\n\n${r.pick(CONTEXT[lang])}${cite.note}`;
    const title = ev.action.head[lang](latin, p, n);
    const slug = `${latin.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${ev.action.name}`;
    const english = this.mt(lang) ? `${latin} ${ev.action.third.en(ev.place.en, String(ev.n), ordinal(ev.n, 'en'))}.` : null;
    const posted = this.post(chan, t, lang, text, { title, links: cite.links, actors: this.eventActors(ev), slug, english });
    return this.memberItem(ev, posted, 'report', skewed);
  }

  /** The pool channel an item was posted by (for a report citing a copy's @handle). */
  private chanOf(input: EventInput): Chan {
    return input.platform === 'telegram' ? tgChan(input.authorHandle ?? '', input.authorName ?? '', (input.language ?? 'ar') as Lang) : xChan(input.authorHandle ?? '', input.authorName ?? '', (input.language ?? 'ar') as Lang);
  }

  /**
   * A separate event built to be confused with `ev`: the same actor days later (another action and
   * place), or the same action by another actor elsewhere within hours. It has a few members of its own.
   */
  private decoyEvent(ev: Ev, kind: 'same-actor' | 'same-topic'): void {
    const r = this.r;
    let decoy: Ev;
    if (kind === 'same-actor') {
      decoy = this.event(ev.t + r.logUniform(DAY, 5 * DAY), ev.actor, ev, null);
    } else {
      let actor = r.weighted(ORIGIN_ACTORS);
      while (actor === ev.actor) actor = r.weighted(ORIGIN_ACTORS);
      const shift = r.logUniform(30 * MINUTE, 11.5 * HOUR) * (r.chance(0.5) ? -1 : 1);
      decoy = this.event(ev.t + shift, actor, ev, ev.action);
    }
    this.publish(decoy, 'decoy', kind, ev.id);
    this.members(decoy, r.int(0, 3), false);
  }

  /** A routine post of the event's channel near the event, with no event of its own. */
  private routine(ev: Ev): void {
    const r = this.r;
    const lang = ev.lang;
    const t = ev.t + Math.round(r.logUniform(10 * MINUTE, 6 * HOUR)) * (r.chance(0.5) ? -1 : 1);
    const backup = `https://t.me/${ev.actor.tg}_backup`;
    // Draw everything first: the English rendering (MT field) must say the same thing.
    const d: RoutineDraw = {
      template: r.int(0, ROUTINE.en.length - 1),
      actor: ev.actor,
      t,
      place: r.pick(PLACES_BY_REGION[ev.actor.region]),
      hour: r.int(8, 22),
      weekday: new Date(t + r.int(1, 6) * DAY).getUTCDay(),
      backup,
      named: r.chance(0.4),
    };
    const text = routineText(d, lang, ev.digits);
    const posted = this.post(ev.chan, t, lang, ev.chan.platform === 'x' ? truncate(text, 280) : text, {
      links: text.includes(backup) ? [backup] : [],
      actors: [ev.actor.id],
      english: this.mt(lang) ? routineText(d, 'en', 'latin') : null,
    });
    this.queue({ input: posted.input, gold: null, kind: 'decoy', goldFirst: null, decoy: 'routine', decoyOf: ev.id, skewed: false });
  }

  /** One unrelated post: weather, football, prices, services, chatter, culture, markets, or an analyst thread naming an actor. */
  private noise(t: number): void {
    const r = this.r;
    const lang = r.weighted(NOISE_LANGS);
    const kind = r.pick(NOISE);
    const style: Digits = lang === 'ar' && r.chance(0.3) ? 'arabic' : (lang === 'fa' || lang === 'ur') && r.chance(0.5) ? 'persian' : 'latin';
    const x = r.pick(kind.words);
    let y = r.pick(kind.words);
    if (kind.words.length > 1) while (y === x) y = r.pick(kind.words);
    const actor = kind.actor ? r.pick(ACTORS) : null;
    const d: NoiseDraw = {
      place: r.pick(PLACES),
      x,
      y,
      n: r.int(kind.n[0], kind.n[1]),
      m: r.int(kind.m[0], kind.m[1]),
      k: kind.k ? r.int(kind.k[0], kind.k[1]) : 0,
      day: r.int(0, 6),
      actor,
      latin: actor ? r.pick(actor.latin) : '',
    };
    const text = kind.text[lang](noiseSlots(d, lang, style));
    const pr = r.next();
    const chan = pr < 0.42 ? r.pick(this.pools.noiseTg[lang]) : pr < 0.84 ? r.pick(this.pools.noiseX[lang]) : r.pick(this.pools.noiseOutlets[lang]);
    const outletPost = chan.platform === 'rss' || chan.platform === 'web';
    const posted = this.post(chan, Math.round(t), lang, chan.platform === 'x' ? truncate(text, 280) : text, {
      title: outletPost ? (text.split(/[.:;!?؟۔]/)[0]?.trim() ?? null) : null,
      actors: actor ? [actor.id] : [],
      english: this.mt(lang) ? kind.text.en(noiseSlots(d, 'en', 'latin')) : null,
      slug: 'news',
    });
    this.queue({ input: posted.input, gold: null, kind: 'noise', goldFirst: null, decoy: null, decoyOf: null, skewed: false });
  }

  /** Builds the EventInput (key, id, author fields, MT field) and the item's public URL. */
  private post(chan: Chan, t: number, lang: Lang, text: string, f: PostFields): Posted {
    const seq = this.seq;
    let key: string;
    let url: string;
    switch (chan.platform) {
      case 'telegram': {
        const id = chan.nextMsg++;
        key = `telegram:${chan.handle ?? ''}/${id}`;
        url = `https://t.me/${chan.handle ?? ''}/${id}`;
        break;
      }
      case 'x': {
        // Snowflake-like: time-ordered, and unique because the creation counter fills the low digits.
        const id = `${t - X_EPOCH}${String(seq % 10_000_000).padStart(7, '0')}`;
        key = `x:${id}`;
        url = `https://x.com/${chan.handle ?? ''}/status/${id}`;
        break;
      }
      case 'rss':
      case 'web': {
        const d = new Date(t);
        url = `https://${chan.host ?? ''}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${f.slug ?? 'news'}-${seq}`;
        key = `${chan.platform}:${url}`;
        break;
      }
    }
    const translation = f.english ? { language: 'en', text: f.english } : null;
    const input: EventInput = {
      id: key,
      key,
      platform: chan.platform,
      source: chan.source,
      authorName: chan.name,
      authorHandle: chan.handle,
      publishedAt: t,
      language: lang,
      title: f.title ?? null,
      text,
      forwardedFrom: f.forwardedFrom ?? null,
      replyTo: f.replyTo ?? null,
      quotes: f.quotes ?? null,
      reposts: f.reposts ?? null,
      links: f.links ?? [],
      actors: f.actors ?? [],
      translation,
    };
    return { input, url };
  }

  private queue(item: CorpusItem): void {
    this.heap.push({ t: item.input.publishedAt ?? 0, seq: this.seq++, item });
  }
}

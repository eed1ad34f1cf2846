// Reports that cite where a statement first appeared: "posted on his Telegram channel",
// "[1] Telegram, January 13, 2021", "sur sa chaîne Telegram", "در کانال تلگرامی خود", an @handle.
// A citation names a platform and sometimes a day; the clusterer matches it against the
// platform, day and actors of earlier items.
import { normalize } from '../text/normalize.js';

export interface Citation {
  platform: 'telegram' | 'x';
  /** The cited day (UTC midnight, ms) when the report gives one. */
  day: number | null;
}

// Folded (text/normalize) forms: lower case, Arabic letters unified (ی→ي, ک→ك), no tashkeel.
const PLATFORM_WORDS: Array<[Citation['platform'], RegExp]> = [
  ['telegram', /\btelegram\b|تلغرام|تليغرام|تلجرام|تيليجرام|تيليغرام|تلگرام|ٹيلي ?گرام/u],
  ['x', /\btwitter\b|\btweet(?:ed)?\b|\bsur x\b|\bon x\b|تويتر|توييتر|ٹوئٹر|تغريده?/u],
];

const MONTHS: Record<string, number> = {
  january: 0, jan: 0, janvier: 0, janv: 0, february: 1, feb: 1, fevrier: 1, fevr: 1, march: 2, mar: 2, mars: 2,
  april: 3, apr: 3, avril: 3, avr: 3, may: 4, mai: 4, june: 5, jun: 5, juin: 5, july: 6, jul: 6, juillet: 6, juil: 6,
  august: 7, aug: 7, aout: 7, september: 8, sep: 8, sept: 8, septembre: 8, october: 9, oct: 9, octobre: 9,
  november: 10, nov: 10, novembre: 10, december: 11, dec: 11, decembre: 11,
  يناير: 0, فبراير: 1, مارس: 2, ابريل: 3, مايو: 4, يونيو: 5, يوليو: 6, اغسطس: 7, سبتمبر: 8, اكتوبر: 9, نوفمبر: 10, ديسمبر: 11,
  'كانون الثاني': 0, شباط: 1, آذار: 2, نيسان: 3, أيار: 4, حزيران: 5, تموز: 6, آب: 7, أيلول: 8, 'تشرين الأول': 9, 'تشرين الثاني': 10, 'كانون الأول': 11,
  ژانويه: 0, ژانوىه: 0, فوريه: 1, مارس_: 2, آوريل: 3, مه: 4, ژوئن: 5, ژوئيه: 6, اوت: 7, سپتامبر: 8, اكتبر: 9, نوامبر: 10, دسامبر: 11,
  جنوري: 0, فروري: 1, اپريل: 3, مئي: 4, جون: 5, جولائي: 6, اگست: 7,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .map((m) => normalize(m.replace(/_$/, '')))
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
// "January 13, 2021" / "Jan. 13" / "13 January 2021" / "13 janvier" / "١٣ كانون الثاني"
const MONTH_DAY = new RegExp(`(?<![\\p{L}])(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\p{N}])`, 'gu');
const DAY_MONTH = new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:er)?\\s+(${MONTH_NAMES})(?:\\s+(\\d{4}))?(?![\\p{L}])`, 'gu');
const ISO_DAY = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;

const MONTH_TOKENS: ReadonlySet<string> = new Set(Object.keys(MONTHS).flatMap((m) => normalize(m.replace(/_$/, '')).split(' ')));

/** Whether a folded token is (part of) a month name in a language the dates are read in. */
export const isMonthToken = (token: string): boolean => MONTH_TOKENS.has(token);

const monthOf = (name: string): number | undefined => MONTHS[name] ?? MONTHS[Object.keys(MONTHS).find((k) => normalize(k) === name) ?? ''];

/**
 * Days written in a text, resolved against a reference time (the item's own date) when the year
 * is missing: the latest such day not after the reference plus one day.
 */
export function daysInText(text: string, referenceMs: number | null): number[] {
  return daysInNormalized(normalize(text), referenceMs);
}

/** daysInText for text already folded by text/normalize. */
export function daysInNormalized(t: string, referenceMs: number | null): number[] {
  const ref = referenceMs === null ? null : new Date(referenceMs);
  const out = new Set<number>();
  const add = (year: number | null, month: number | undefined, day: number) => {
    if (month === undefined || day < 1 || day > 31) return;
    let y = year ?? ref?.getUTCFullYear() ?? null;
    if (y === null) return;
    let ms = Date.UTC(y, month, day);
    if (year === null && ref && ms > ref.getTime() + 86_400_000) ms = Date.UTC(--y, month, day);
    out.add(ms);
  };
  for (const m of t.matchAll(MONTH_DAY)) add(m[3] ? Number(m[3]) : null, monthOf(m[1] ?? ''), Number(m[2]));
  for (const m of t.matchAll(DAY_MONTH)) add(m[3] ? Number(m[3]) : null, monthOf(m[2] ?? ''), Number(m[1]));
  for (const m of t.matchAll(ISO_DAY)) add(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return [...out];
}

/** The text with its written dates blanked out (their numbers are days and years, not counts). */
export function withoutDates(normalizedText: string): string {
  return normalizedText.replace(MONTH_DAY, ' ').replace(DAY_MONTH, ' ').replace(ISO_DAY, ' ');
}

/** The platforms a report says it got its content from, with the cited day when one is given. */
export function citationsIn(text: string, referenceMs: number | null): Citation[] {
  return citationsInNormalized(normalize(text), referenceMs);
}

/** citationsIn for text already folded by text/normalize; `days` when already read. */
export function citationsInNormalized(t: string, referenceMs: number | null, known?: number[]): Citation[] {
  const out: Citation[] = [];
  for (const [platform, re] of PLATFORM_WORDS) {
    if (!re.test(t)) continue;
    const days = known ?? daysInNormalized(t, referenceMs);
    out.push({ platform, day: days.length === 1 ? (days[0] ?? null) : null });
  }
  return out;
}

const HANDLE = /(?:^|[^\p{L}\p{N}_])@([A-Za-z0-9_]{2,30})/gu;

/** The @handles a text names (lower case, without `@`). */
export function handlesIn(text: string): string[] {
  return [...new Set([...text.matchAll(HANDLE)].map((m) => (m[1] ?? '').toLowerCase()))];
}

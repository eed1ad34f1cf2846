// Display helpers: text direction, dates, URLs and labels.

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS = new Set(['Arab', 'Aran', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Mand', 'Samr', 'Rohg']);

/** Codes that tell nothing about direction: common, inherited, unknown, unwritten. */
const NEUTRAL_SCRIPTS = new Set(['Zyyy', 'Zinh', 'Zzzz', 'Zxxx', 'Zmth', 'Zsye', 'Zsym']);

/**
 * Languages normally written right to left. `ku` is here for Sorani (`ckb`); Kurmanji in Latin
 * script is caught by the script check first.
 */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'iw', 'ku', 'ckb', 'sd', 'ug', 'yi', 'dv', 'ji']);

export type Direction = 'rtl' | 'auto';

function baseLanguage(language: string | null | undefined): string | null {
  if (!language) return null;
  const base = language.toLowerCase().split(/[-_]/)[0];
  return base === undefined || base === '' ? null : base;
}

/**
 * The `dir` attribute for an item's text.
 *
 * A known script decides: Arabic, Hebrew, Syriac, Thaana (and the other RTL scripts) give `rtl`;
 * a left-to-right script such as `Latn` or `Cyrl` gives `auto`, so romanised Urdu or Kurmanji
 * is not flipped just because its language is usually written in Arabic script. When the script
 * is missing or neutral (`Zyyy`…), the language decides: ar, fa, ur, ps, he, ku, sd, ug, yi
 * (and ckb, dv) give `rtl`. Everything else is `auto`, which lets the browser pick the direction
 * from the first strong character.
 */
export function textDirection(language: string | null | undefined, script: string | null | undefined): Direction {
  if (script && !NEUTRAL_SCRIPTS.has(script)) {
    return RTL_SCRIPTS.has(script) ? 'rtl' : 'auto';
  }
  const base = baseLanguage(language);
  return base !== null && RTL_LANGUAGES.has(base) ? 'rtl' : 'auto';
}

/** A value for the `lang` attribute, or undefined when there is nothing sensible to say. */
export function langAttribute(language: string | null | undefined): string | undefined {
  if (!language) return undefined;
  return /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(language) ? language : undefined;
}

/** Props for an element holding item text: `dir`, `lang`. */
export function textProps(language: string | null | undefined, script: string | null | undefined) {
  const lang = langAttribute(language);
  return { dir: textDirection(language, script), ...(lang ? { lang } : {}) };
}

function pad(n: number): string {
  return n < 10 ? '0' + String(n) : String(n);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-05-01 14:03 UTC` style, always UTC. Returns the input when it is not a date. */
export function formatUtc(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const time =
    pad(date.getUTCHours()) + ':' + pad(date.getUTCMinutes()) + (withSeconds ? ':' + pad(date.getUTCSeconds()) : '');
  return `${date.getUTCDate()} ${month} ${date.getUTCFullYear()}, ${time} UTC`;
}

/** Only http(s) URLs become links; anything else (`javascript:`, `data:`, relative paths) stays text. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Where an <img> could load a media file from: an absolute path or URL on this server
 * (`external: false`), or an http(s) URL elsewhere (`external: true`: a platform CDN or the
 * actor's own host, which must not be contacted without the analyst asking).
 */
export function mediaSource(url: string | null | undefined): { src: string; external: boolean; host: string } | null {
  if (!url) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return { src: url, external: false, host: window.location.host };
  const href = safeHttpUrl(url);
  if (href === null) return null;
  const parsed = new URL(href);
  return { src: href, external: parsed.origin !== window.location.origin, host: parsed.host };
}

const IMAGE_TYPES = new Set(['photo', 'image', 'picture', 'sticker', 'thumbnail']);
const IMAGE_EXTENSIONS = /\.(?:jpe?g|png|gif|webp|avif|bmp)(?:[?#]|$)/i;

export function isImageMedia(type: string, mimeType: string | null, url: string | null): boolean {
  if (IMAGE_TYPES.has(type.toLowerCase())) return true;
  if (mimeType?.toLowerCase().startsWith('image/')) return true;
  return url !== null && IMAGE_EXTENSIONS.test(url) && !/video|audio|voice/i.test(type);
}

export const SOURCE_KIND_LABELS: Record<string, { short: string; name: string }> = {
  telegram: { short: 'TG', name: 'Telegram' },
  x: { short: 'X', name: 'X' },
  rss: { short: 'RSS', name: 'Feed' },
  web: { short: 'WEB', name: 'Web page' },
  import: { short: 'IMP', name: 'Import' },
};

export function sourceKindLabel(kind: string): { short: string; name: string } {
  return SOURCE_KIND_LABELS[kind] ?? { short: kind.slice(0, 4).toUpperCase() || '?', name: kind || 'Unknown' };
}

export function withAt(handle: string): string {
  return handle.startsWith('@') || /^https?:/i.test(handle) ? handle : '@' + handle;
}

export function personLabel(p: { name: string | null; handle: string | null } | null): string {
  if (!p) return '';
  if (p.name && p.handle) return `${p.name} (${withAt(p.handle)})`;
  return p.name ?? (p.handle ? withAt(p.handle) : '');
}

export function sourceLabel(s: { title: string | null; handle: string }): string {
  return s.title?.trim() ? s.title : s.handle;
}

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * The matched words of a search result, read from the item through the server's highlight spans
 * (which index `title + "\n" + text`, or `text` when there is no title).
 */
export function matchedWords(
  item: { title: string | null; text: string },
  highlights: readonly { start: number; end: number }[],
): string[] {
  const body = item.title ? `${item.title}\n${item.text}` : item.text;
  const words = new Set<string>();
  for (const h of highlights) {
    const word = body.slice(h.start, h.end).trim();
    if (word !== '') words.add(word);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

/** Splits `text` into plain runs and runs equal to one of `words` (longest first, no overlap). */
export function splitMatches(text: string, words: readonly string[]): { text: string; match: boolean }[] {
  if (words.length === 0) return [{ text, match: false }];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0] === '') continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/**
 * The `dir` of text known to be in `language` (a translation's target language): `rtl` for the
 * right-to-left languages above, `ltr` for any other well-formed code, `auto` when there is none.
 */
export function languageDirection(language: string | null | undefined): 'ltr' | 'rtl' | 'auto' {
  const base = baseLanguage(language);
  if (base === null || langAttribute(language) === undefined) return 'auto';
  return RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr';
}

/** `13 Jan 2021 10:00 UTC`: formatUtc without the comma, for one-line provenance notes. */
export function formatUtcCompact(iso: string | null | undefined): string {
  return formatUtc(iso).replace(/^(\d+ \S+ \d+), /, '$1 ');
}

/** Glossary categories with a colour of their own in styles.css (`gloss-cat-…`). */
export const GLOSS_CATEGORIES: readonly string[] = [
  'martyrdom',
  'violence',
  'weapons',
  'threat',
  'support',
  'training',
  'recruitment',
  'claim',
  'target',
  'religious-political',
  'group-self-designation',
  'slur',
  'euphemism',
  'security',
];

/** The CSS class carrying a category's colour; unknown categories share a neutral one. */
export function glossCategoryClass(category: string): string {
  return 'gloss-cat-' + (GLOSS_CATEGORIES.includes(category) ? category : 'other');
}

interface GlossSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Splits `text` into plain runs and glossed runs by the glosses' UTF-16 offsets. Spans are taken
 * in order of `start`; one that is out of range, empty, overlaps a previous one, or whose `text`
 * is not the slice it points at (offsets from another version of the text) is left unmarked.
 * Concatenating the runs' `text` always gives back `text` exactly.
 */
export function glossSegments<G extends GlossSpan>(text: string, glosses: readonly G[]): { text: string; gloss: G | null }[] {
  const spans = [...glosses].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: { text: string; gloss: G | null }[] = [];
  let last = 0;
  for (const g of spans) {
    if (!Number.isInteger(g.start) || !Number.isInteger(g.end)) continue;
    if (g.start < last || g.end <= g.start || g.end > text.length) continue;
    const slice = text.slice(g.start, g.end);
    if (g.text !== '' && slice !== g.text) continue;
    if (g.start > last) parts.push({ text: text.slice(last, g.start), gloss: null });
    parts.push({ text: slice, gloss: g });
    last = g.end;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), gloss: null });
  return parts;
}

/**
 * One row per glossary entry (by id, else by term and gloss), in order of first appearance, with
 * how often it occurs.
 */
export function glossaryRows<G extends GlossSpan & { id: string; gloss: string }>(
  glosses: readonly G[],
): { gloss: G; count: number }[] {
  const rows = new Map<string, { gloss: G; count: number }>();
  for (const g of [...glosses].sort((a, b) => a.start - b.start)) {
    const key = g.id !== '' ? g.id : `${g.text}\u0000${g.gloss}`;
    const row = rows.get(key);
    if (row) row.count += 1;
    else rows.set(key, { gloss: g, count: 1 });
  }
  return [...rows.values()];
}

interface MentionSpan {
  start: number;
  end: number;
  /** The slice the span points at, as published ('' when unknown). */
  matched: string;
  score: number;
}

/**
 * The mentions that can be marked in `text`: in range, non-empty, pointing at their `matched`
 * slice (offsets from another version of the text, or into a translation, are left unmarked),
 * and not overlapping an earlier one (at one start the longest, then the best scored, wins).
 */
export function markableMentions<M extends MentionSpan>(text: string, mentions: readonly M[]): M[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end || b.score - a.score);
  const kept: M[] = [];
  let last = 0;
  for (const m of sorted) {
    if (!Number.isInteger(m.start) || !Number.isInteger(m.end)) continue;
    if (m.start < last || m.end <= m.start || m.end > text.length) continue;
    if (m.matched !== '' && text.slice(m.start, m.end) !== m.matched) continue;
    kept.push(m);
    last = m.end;
  }
  return kept;
}

/**
 * Splits `text` into runs carrying the gloss and the mention each belongs to, so both can be
 * marked at once: a mention wraps whole runs, a glossed term sits inside or outside a mention.
 * A gloss that straddles a mention's edge is left unmarked in the text (it stays in the
 * glossary list); the mention, which names who is speaking or acting, wins. Concatenating the
 * runs' `text` always gives back `text` exactly.
 */
export function markSegments<G extends GlossSpan, M extends MentionSpan>(
  text: string,
  glosses: readonly G[],
  mentions: readonly M[],
): { text: string; gloss: G | null; mention: M | null }[] {
  const marks = markableMentions(text, mentions);
  const containing = (start: number, end: number): M | null | undefined => {
    for (const m of marks) {
      if (start >= m.start && end <= m.end) return m;
      if (start < m.end && end > m.start) return undefined; // straddles an edge
    }
    return null;
  };
  const fitting = glosses.filter((g) => containing(g.start, g.end) !== undefined);
  const out: { text: string; gloss: G | null; mention: M | null }[] = [];
  let pos = 0;
  for (const run of glossSegments(text, fitting)) {
    const end = pos + run.text.length;
    if (run.gloss !== null) {
      out.push({ text: run.text, gloss: run.gloss, mention: containing(pos, end) ?? null });
    } else {
      // A plain run may cross several mention edges: cut it at each.
      let cut = pos;
      for (const m of marks) {
        if (m.end <= cut || m.start >= end) continue;
        if (m.start > cut) out.push({ text: text.slice(cut, m.start), gloss: null, mention: null });
        const stop = Math.min(m.end, end);
        out.push({ text: text.slice(Math.max(m.start, cut), stop), gloss: null, mention: m });
        cut = stop;
      }
      if (cut < end || out.length === 0) out.push({ text: text.slice(cut, end), gloss: null, mention: null });
    }
    pos = end;
  }
  return out;
}

// Links as evidence of relation: a link to a Telegram post or a tweet names the item it cites; two
// items linking the same article page share a source. Links are canonicalized (scheme, www,
// tracking parameters, fragments, trailing slash) so that the RSS link, the page's canonical URL
// and a tweet's expanded link compare equal.

const TRACKING = /^(utm_|fbclid$|gclid$|ref$|ref_src$|s$|t$|si$|igshid$)/;
const SHORTENERS = new Set(['t.co', 'bit.ly', 'ow.ly', 'tinyurl.com', 'buff.ly', 'goo.gl']);

/** Canonical form of an absolute URL, or null when it is not one or names no particular page. */
export function canonicalUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  if (SHORTENERS.has(host)) return null; // the target is unknown without a fetch
  const path = u.pathname.replace(/\/+$/, '');
  if (path === '' || path === '/index.html') return null; // a home page names no story
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${host}${path}${query}`;
}

const TME = /^(?:t\.me|telegram\.me)\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,})\/(\d+)$/;
const TWEET = /^(?:twitter\.com|x\.com)\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/(\d+)/;

/** The item key a canonical link points at: `telegram:<channel>/<id>` or `x:<tweet id>`. */
export function itemKeyOfLink(canonical: string): string | null {
  const t = TME.exec(canonical);
  if (t) return `telegram:${(t[1] ?? '').toLowerCase()}/${t[2] ?? ''}`;
  const x = TWEET.exec(canonical);
  if (x) return `x:${x[2] ?? ''}`;
  return null;
}

const CHANNEL = /^(?:t\.me|telegram\.me)\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,})$/;
const PROFILE = /^(?:twitter\.com|x\.com)\/([A-Za-z0-9_]{1,15})$/;

/** The account a canonical link names (a channel or profile page): `telegram:<name>` / `x:<handle>`. */
export function accountOfLink(canonical: string): string | null {
  const t = CHANNEL.exec(canonical);
  if (t) return `telegram:${(t[1] ?? '').toLowerCase()}`;
  const x = PROFILE.exec(canonical);
  if (x) return `x:${(x[1] ?? '').toLowerCase()}`;
  return null;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'«»()]+|\b(?:t\.me|telegram\.me)\/[A-Za-z0-9_/+]+/giu;

/** Every URL written in a text (t.me links without a scheme included), as absolute URLs. */
export function urlsInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const raw = m[0].replace(/[.,;:!?…]+$/, '');
    out.push(/^https?:/i.test(raw) ? raw : `https://${raw}`);
  }
  return out;
}

/** An item key as links name it: Telegram channel names are case-insensitive. */
export function matchKey(key: string): string {
  return key.startsWith('telegram:') ? key.toLowerCase() : key;
}

/**
 * Is a web page (an article, a feed entry's link) still there? Reads one preserved exchange
 * (COLLECTION.md 4.1): 404/410, a redirect to the site's home page, and a 200 that is plainly an
 * error page ("soft 404") mean gone; throttling and server errors mean nothing may be concluded.
 */
import { parseHTML } from 'linkedom';
import { headerValue } from '../../../core/fetcher.js';
import { decodeBytes, declaredEncoding } from '../../imports/decode.js';
import type { CapturedExchange, LivenessVerdict } from '../connector.js';

/** Visible text of a page at most this long can be a soft 404 (real articles are far longer). */
export const SOFT_404_MAX_TEXT = 1_500;
/** A "not found" phrase only in the body (not the title or heading) counts only on a page this short. */
const SOFT_404_BODY_ONLY_MAX_TEXT = 400;

/** What an error page says of itself; a bare "not found" is too common in news headlines to count. */
const NOT_FOUND_PHRASES = [
  /^\s*404\b|\berror\s*404\b|\b404\s*(?:[-–|:]|error\b|not found\b)/i,
  /\b(?:page|article|post|story|content) (?:was |could )?not (?:be )?found\b/i,
  /\bpage (?:you (?:requested|are looking for|were looking for) )?(?:does not|doesn['’]t|no longer) exists?\b/i,
  /\bpage introuvable\b/i,
  /الصفحة (?:المطلوبة )?غير موجودة/,
  /الصفحة غير متوفرة/,
  /لم يتم العثور على (?:الصفحة|المقال|الصفحه)/,
];

/** Liveness of the page at `originalUrl` from the exchange that fetched it (redirects followed). */
export function webLiveness(exchange: CapturedExchange, originalUrl: string): LivenessVerdict {
  const { status, captureId } = exchange;
  const verdict = (v: LivenessVerdict['verdict'], reason: string): LivenessVerdict => ({ verdict: v, reason, status, captureId });
  if (status === 404) return verdict('gone', 'web_404');
  if (status === 410) return verdict('gone', 'web_410');
  if (status === 451) return verdict('gone', 'web_451');
  if (status === 429) return verdict('throttled', 'http_429');
  if (status >= 500) return verdict('unreachable', `http_${status}`);
  if (status >= 300 && status < 400) {
    // A redirect that was not followed (too many hops, or asked not to): judge where it points.
    const location = headerValue(exchange.headers, 'location');
    const target = location && URL.canParse(location, exchange.finalUrl) ? new URL(location, exchange.finalUrl).toString() : null;
    if (target && isHomeRedirect(originalUrl, target)) return verdict('gone', 'web_redirect_home');
    return verdict('unreachable', `http_${status}`);
  }
  if (status < 200 || status >= 300) return verdict('unreachable', `http_${status}`);
  if (isHomeRedirect(originalUrl, exchange.finalUrl)) return verdict('gone', 'web_redirect_home');
  if (isSoft404(exchange)) return verdict('gone', 'web_soft404');
  return verdict('live', 'ok');
}

/** True when a page that was not a home page now lands on a site's home page. */
export function isHomeRedirect(originalUrl: string, finalUrl: string): boolean {
  if (!URL.canParse(originalUrl) || !URL.canParse(finalUrl)) return false;
  const from = new URL(originalUrl);
  const to = new URL(finalUrl);
  return !isHomePath(from) && isHomePath(to);
}

function isHomePath(url: URL): boolean {
  const root = /^\/(?:(?:index|default|home)\.(?:html?|php|aspx?))?$/i.test(url.pathname);
  // A language home such as `/ar/` or `/en-gb`.
  const languageRoot = /^\/[a-z]{2}(?:-[a-z]{2})?\/?$/i.test(url.pathname);
  return (root || languageRoot) && (url.search === '' || /^\?lang=[^&]*$/.test(url.search));
}

/**
 * A 2xx HTML page that is clearly an error page: its title or main heading says "not found" (or
 * 404) and its visible text is short; or only its body says so and it is very short. Errs towards
 * `live`: a missed soft 404 is re-checked later, a false one would report a live page as removed.
 */
export function isSoft404(exchange: CapturedExchange): boolean {
  const type = headerValue(exchange.headers, 'content-type')?.toLowerCase() ?? '';
  if (type && !type.includes('html')) return false;
  if (exchange.body.length === 0) return false;
  const { document } = parseHTML(decodeBytes(exchange.body, declaredEncoding(exchange.body)));
  const title = document.querySelector('title')?.textContent?.trim() ?? '';
  const heading = document.querySelector('h1')?.textContent?.trim() ?? '';
  for (const el of Array.from(document.querySelectorAll('script, style, noscript, template, svg'))) el.remove();
  const text = (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const says = (s: string): boolean => NOT_FOUND_PHRASES.some((p) => p.test(s));
  if ((says(title) || says(heading)) && text.length <= SOFT_404_MAX_TEXT) return true;
  return says(text) && text.length <= SOFT_404_BODY_ONLY_MAX_TEXT;
}

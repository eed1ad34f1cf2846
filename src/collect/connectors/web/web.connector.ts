import { ParseError } from '../../../core/errors.js';
import { FetchError, headerValue, retryAfterMs } from '../../../core/fetcher.js';
import { sha256Hex } from '../../../core/ids.js';
import type { ItemDraft } from '../../../core/item.js';
import { parseHtmlArticle } from '../../imports/html-article.parser.js';
import type {
  CapturedExchange,
  CollectedItem,
  Connector,
  ConnectorIo,
  ItemRef,
  LivenessVerdict,
  PollResult,
  SourceState,
  SourceStatus,
} from '../connector.js';
import { webLiveness } from './web-liveness.js';

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/** The cursor a web source keeps: HTTP validators for a conditional GET, and the body's hash. */
export type WebCursor = {
  etag: string | null;
  lastModified: string | null;
  sha256: string;
};

/** An article fetched because an item linked to it: the item, or why there is none. */
export type ArticleFetch = { item: CollectedItem; reason: null } | { item: null; reason: string };

export interface WebConnector extends Connector {
  fetchArticle: (url: string, via: string, io: ConnectorIo) => Promise<ArticleFetch>;
}

/**
 * A web source is one page (an article, or a page to watch for changes). Each poll GETs it
 * conditionally; a changed body is read as one article item (html-article parser).
 */
export function webConnector(): WebConnector {
  return {
    kind: 'web',
    poll: pollPage,
    checkItem: checkWebItem,
    fetchArticle,
  };
}

async function pollPage(source: SourceState, io: ConnectorIo): Promise<PollResult> {
  const result: PollResult = { items: [], cursor: source.cursor, profile: null, status: { state: 'ok' }, discovered: [], links: [] };
  const url = source.url ?? source.handle;
  const got = await getPage(io, { url, headers: { Accept: HTML_ACCEPT, ...conditionalHeaders(source.cursor) } });
  if (!got.ok) return { ...result, status: { state: 'failed', reason: got.reason } };
  const { exchange } = got;
  if (exchange.status === 304) return result;
  const httpStatus = pollStatus(exchange, io);
  if (httpStatus) return { ...result, status: httpStatus };
  const liveness = webLiveness(exchange, url);
  if (liveness.verdict === 'gone') return { ...result, status: { state: 'gone', reason: liveness.reason } };

  const sha256 = sha256Hex(exchange.body);
  const cursor: WebCursor = { ...validators(exchange), sha256 };
  // Servers that ignore conditional requests send the same bytes again: nothing new to read.
  if (source.cursor?.sha256 === sha256) return { ...result, cursor };
  const read = readArticle(exchange);
  if (!read.ok) return { ...result, status: { state: 'failed', reason: read.reason } };
  const draft: ItemDraft = { ...read.draft, source: { ...read.draft.source, handle: source.handle } };
  return {
    ...result,
    items: [{ draft, captureId: exchange.captureId }],
    cursor,
    profile: { title: draft.title ?? null, url: exchange.finalUrl, language: draft.langHint ?? null },
    links: draft.links.filter((l) => l !== url && l !== draft.url).map((l) => ({ url: l, via: draft.key })),
  };
}

/** Fetches an article an item linked to (`via` is that item's key) and reads it as one item. */
export async function fetchArticle(url: string, via: string, io: ConnectorIo): Promise<ArticleFetch> {
  const got = await getPage(io, { url, headers: { Accept: HTML_ACCEPT } });
  if (!got.ok) return { item: null, reason: got.reason };
  const liveness = webLiveness(got.exchange, url);
  if (liveness.verdict !== 'live') return { item: null, reason: liveness.reason };
  const read = readArticle(got.exchange);
  if (!read.ok) return { item: null, reason: read.reason };
  const draft: ItemDraft = { ...read.draft, extra: { ...read.draft.extra, via } };
  return { item: { draft, captureId: got.exchange.captureId }, reason: null };
}

/** Re-checks an article or feed entry by GETting its URL (never the source's: a feed's URL says nothing of one entry). */
export async function checkWebItem(item: ItemRef, _source: SourceState, io: ConnectorIo): Promise<LivenessVerdict> {
  const url = item.url ?? (isHttpUrl(item.nativeId) ? item.nativeId : null);
  if (!url || !isHttpUrl(url)) return { verdict: 'unreachable', reason: 'no_url', status: null, captureId: null };
  const got = await getPage(io, { url, headers: { Accept: HTML_ACCEPT } });
  if (!got.ok) return { verdict: 'unreachable', reason: got.reason, status: null, captureId: null };
  return webLiveness(got.exchange, url);
}

/** The page as one article draft: the key is the parser's (canonical URL), else the URL it was fetched from. */
function readArticle(exchange: CapturedExchange): { ok: true; draft: ItemDraft } | { ok: false; reason: string } {
  const type = headerValue(exchange.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type && !type.includes('html')) return { ok: false, reason: `web_not_html: ${type}` };
  let draft: ItemDraft | undefined;
  try {
    draft = parseHtmlArticle({ bytes: exchange.body, fileName: exchange.finalUrl }).items[0];
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ok: false, reason: `web_no_article: ${e.message}` };
  }
  if (!draft) return { ok: false, reason: 'web_no_article' };
  // Without a canonical link the parser names the page after its file name; a live page has its URL.
  if (draft.nativeId.startsWith('file:')) {
    const host = new URL(exchange.finalUrl).hostname;
    draft = {
      ...draft,
      key: `web:${exchange.finalUrl}`,
      nativeId: exchange.finalUrl,
      url: exchange.finalUrl,
      source: draft.source.handle === 'files' ? { ...draft.source, handle: host, url: `https://${host}/` } : draft.source,
    };
  }
  return { ok: true, draft };
}

/** A GET through the io; a fetch that produced no exchange becomes a reason (`fetch_timeout`). */
export async function getPage(
  io: ConnectorIo,
  request: { url: string; headers: Record<string, string> },
): Promise<{ ok: true; exchange: CapturedExchange } | { ok: false; reason: string }> {
  if (!isHttpUrl(request.url)) return { ok: false, reason: 'fetch_bad_url' };
  try {
    return { ok: true, exchange: await io.fetch({ url: request.url, method: 'GET', headers: request.headers }) };
  } catch (e) {
    if (e instanceof FetchError) return { ok: false, reason: `fetch_${e.code}` };
    throw e;
  }
}

/** `If-None-Match` / `If-Modified-Since` from a cursor's `etag` / `lastModified`. */
export function conditionalHeaders(cursor: Record<string, unknown> | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof cursor?.etag === 'string' && cursor.etag) headers['If-None-Match'] = cursor.etag;
  if (typeof cursor?.lastModified === 'string' && cursor.lastModified) headers['If-Modified-Since'] = cursor.lastModified;
  return headers;
}

/** `ETag` and `Last-Modified` of a response, for the next conditional GET. */
export function validators(exchange: CapturedExchange): { etag: string | null; lastModified: string | null } {
  return { etag: headerValue(exchange.headers, 'etag') ?? null, lastModified: headerValue(exchange.headers, 'last-modified') ?? null };
}

/**
 * What a non-2xx answer to a poll means for the source (null for 2xx): 404/410/451 gone, 429
 * throttled (with `Retry-After`), anything else a failure to retry.
 */
export function pollStatus(exchange: CapturedExchange, io: ConnectorIo): SourceStatus | null {
  const { status } = exchange;
  if (status >= 200 && status < 300) return null;
  if (status === 404 || status === 410 || status === 451) return { state: 'gone', reason: `web_${status}` };
  if (status === 429) return { state: 'throttled', reason: 'http_429', retryAfterMs: retryAfterMs(exchange.headers, io.now()) };
  return { state: 'failed', reason: `http_${status}` };
}


function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

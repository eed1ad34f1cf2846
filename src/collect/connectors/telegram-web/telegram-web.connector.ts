import { FetchError, retryAfterMs } from '../../../core/fetcher.js';
import type { ItemDraft } from '../../../core/item.js';
import type {
  CapturedExchange,
  CollectedItem,
  Connector,
  ConnectorIo,
  Discovery,
  ItemRef,
  LivenessVerdict,
  PollResult,
  SourceProfile,
  SourceState,
  SourceStatus,
} from '../connector.js';
import {
  mentionsIn,
  parseChannelPage,
  parseEmbedPage,
  telegramRef,
  type ChannelPage,
  type TelegramChannelInfo,
} from './telegram-web.parser.js';

/**
 * Telegram public channels through the account-free web preview (`t.me/s/<channel>`), with
 * liveness re-checks through the single-post embed (`t.me/<channel>/<id>?embed=1`).
 *
 * Polling: the newest page, then older pages (`?before=`) while every post on the page is new and
 * the page budget (`maxPages`) allows; on the first poll, up to `maxPages` pages of backfill. The
 * cursor is `{ lastId }`, the highest message id seen (album items included). It moves only after a
 * poll that read cleanly; a poll cut short by throttling or an error returns what it read but keeps
 * the old cursor, so the gap is read again next time (items are keyed, so re-reads are harmless).
 */
export interface TelegramWebOptions {
  /** `https://t.me` in production; a local server in tests. */
  baseUrl: string;
  /**
   * Least pause between two page fetches of one poll, in ms; a random extra of up to the same
   * again is added (2–4 s by default, the pacing that met no throttling in warodan's probes).
   */
  pageDelayMs?: number;
}

const DEFAULT_PAGE_DELAY_MS = 2000;
/** Hosts whose links are Telegram itself, never articles to follow. */
const TELEGRAM_HOST = /(^|\.)(t\.me|telegram\.me|telegram\.dog|telegram\.org|telesco\.pe|telegram-cdn\.org)$/i;
const REQUEST_HEADERS = { 'Accept-Language': 'en-US,en;q=0.9' };

type PageFetch = { exchange: CapturedExchange; page: ChannelPage } | { status: SourceStatus; page: ChannelPage | null };

export function telegramWebConnector(options: TelegramWebOptions): Connector {
  const base = options.baseUrl.replace(/\/+$/, '');
  const pageDelayMs = Math.max(0, options.pageDelayMs ?? DEFAULT_PAGE_DELAY_MS);

  async function fetchPage(io: ConnectorIo, url: string, handle: string): Promise<PageFetch> {
    let exchange: CapturedExchange;
    try {
      exchange = await io.fetch({ url, headers: REQUEST_HEADERS });
    } catch (error) {
      if (error instanceof FetchError) return { status: { state: 'failed', reason: `fetch_${error.code}` }, page: null };
      throw error;
    }
    if (exchange.status === 429) {
      return { status: { state: 'throttled', reason: 'http_429', retryAfterMs: retryAfterMs(exchange.headers, io.now()) }, page: null };
    }
    const page = parseChannelPage(decode(exchange.body), handle, exchange.finalUrl);
    if (page.state === 'challenge') {
      return { status: { state: 'throttled', reason: 'tg_challenge', retryAfterMs: retryAfterMs(exchange.headers, io.now()) }, page };
    }
    if (exchange.status < 200 || exchange.status >= 300) {
      return { status: { state: 'failed', reason: `http_${exchange.status}` }, page };
    }
    switch (page.state) {
      case 'ok':
        return { exchange, page };
      case 'not_found':
        return { status: { state: 'gone', reason: 'tg_username_unoccupied' }, page };
      case 'no_preview':
        return { status: { state: 'gone', reason: 'tg_no_preview' }, page };
      case 'throttled':
        return { status: { state: 'throttled', reason: 'tg_throttled', retryAfterMs: retryAfterMs(exchange.headers, io.now()) }, page };
      case 'unexpected':
        return { status: { state: 'failed', reason: 'tg_unexpected_page' }, page };
    }
  }

  async function poll(source: SourceState, io: ConnectorIo): Promise<PollResult> {
    const handle = source.handle.trim().replace(/^@/, '').toLowerCase();
    if (!/^[a-z][a-z0-9_]{3,31}$/.test(handle)) {
      return { items: [], cursor: source.cursor, profile: null, status: { state: 'failed', reason: 'tg_bad_handle' }, discovered: [], links: [] };
    }
    const lastId = cursorLastId(source.cursor);
    const maxPages = Math.max(1, Math.floor(source.maxPages) || 1);
    const collected = new Map<string, CollectedItem & { id: number }>();
    let profile: SourceProfile | null = null;
    let status: SourceStatus = { state: 'ok' };
    let highest = lastId ?? 0;
    let before: number | null = null;
    const fresh = new Set<string>();

    for (let n = 0; n < maxPages; n++) {
      if (n > 0 && pageDelayMs > 0) await io.sleep(pageDelayMs + Math.floor(Math.random() * pageDelayMs));
      const url = `${base}/s/${handle}${before === null ? '' : `?before=${before}`}`;
      const fetched = await fetchPage(io, url, handle);
      if (n === 0 && fetched.page?.channel) profile = profileOf(fetched.page.channel);
      if ('status' in fetched) {
        status = fetched.status;
        break;
      }
      const { exchange, page } = fetched;
      if (page.ids.length === 0) {
        // A real channel page always shows something ("Channel created" at least): an empty first page is not silence.
        if (n === 0) status = { state: 'throttled', reason: 'tg_empty_page', retryAfterMs: null };
        break;
      }
      for (const post of page.posts) {
        // Posts already seen are returned from the first page only, so the collector can notice
        // edits of recent posts at no extra request; they are not new (no discoveries, no links).
        const seen = lastId !== null && post.id <= lastId;
        if (seen && n > 0) continue;
        if (!seen) fresh.add(post.draft.key);
        const item: CollectedItem & { id: number } = { id: post.id, draft: post.draft, captureId: exchange.captureId };
        if (post.mediaUrls.length > 0) item.mediaUrls = post.mediaUrls;
        collected.set(post.draft.key, item);
      }
      // Only ids read cleanly move the cursor: a block cut off by a truncated page is read next time.
      for (const post of page.posts) highest = Math.max(highest, ...post.ids);
      // Stop on the first known id (<=, not ==: deleted posts leave gaps), or at the oldest page.
      if (lastId !== null && page.ids.some((id) => id <= lastId)) break;
      if (page.before === null || (lastId !== null && page.before <= lastId + 1)) break;
      before = page.before;
    }

    const items = [...collected.values()].sort((a, b) => a.id - b.id).map(({ id: _id, ...item }) => item);
    const clean = status.state === 'ok';
    const advanced = clean && highest > (lastId ?? 0);
    return {
      items,
      cursor: advanced ? { lastId: highest } : source.cursor,
      profile,
      status,
      discovered: discoveries(items.filter((i) => fresh.has(i.draft.key)).map((i) => i.draft), handle),
      links: articleLinks(items.filter((i) => fresh.has(i.draft.key)).map((i) => i.draft)),
    };
  }

  async function checkItem(item: ItemRef, source: SourceState, io: ConnectorIo): Promise<LivenessVerdict> {
    const ref = itemRef(item, source);
    if (!ref) return { verdict: 'unreachable', reason: 'tg_bad_item_ref', status: null, captureId: null };
    let exchange: CapturedExchange;
    try {
      exchange = await io.fetch({ url: `${base}/${ref.handle}/${ref.id}?embed=1`, headers: REQUEST_HEADERS });
    } catch (error) {
      if (error instanceof FetchError) return { verdict: 'unreachable', reason: `fetch_${error.code}`, status: null, captureId: null };
      throw error;
    }
    const verdict = (v: LivenessVerdict['verdict'], reason: string): LivenessVerdict => ({
      verdict: v,
      reason,
      status: exchange.status,
      captureId: exchange.captureId,
    });
    if (exchange.status === 429) return verdict('throttled', 'http_429');
    const page = parseEmbedPage(decode(exchange.body));
    if (page.state === 'throttled') return verdict('throttled', /challenge/i.test(page.reason) ? 'tg_challenge' : 'tg_throttled');
    if (exchange.status < 200 || exchange.status >= 300) return verdict('unreachable', `http_${exchange.status}`);
    switch (page.state) {
      case 'live': {
        const shown = page.post?.ids ?? [];
        return shown.includes(ref.id) ? verdict('live', 'tg_post_live') : verdict('unreachable', 'tg_embed_mismatch');
      }
      case 'not_found':
        return verdict('gone', page.missing === 'username' ? 'tg_username_unoccupied' : 'tg_post_not_found');
      case 'unexpected':
        return verdict('unreachable', 'tg_unexpected_page');
    }
  }

  return { kind: 'telegram', poll, checkItem };
}

/** The stored `{ lastId }`, or null for a first poll (or a cursor this connector did not write). */
function cursorLastId(cursor: Record<string, unknown> | null): number | null {
  const id = cursor?.lastId;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function profileOf(channel: TelegramChannelInfo): SourceProfile {
  return {
    title: channel.title,
    description: channel.description,
    url: `https://t.me/${channel.username}`,
    externalId: channel.externalId,
    audience: channel.audience,
  };
}

/** Channel and message id of an item: from `nativeId` (`<name>/<id>`), `c<id>` chats falling back to the source's username. */
function itemRef(item: ItemRef, source: SourceState): { handle: string; id: number } | null {
  const match = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(item.nativeId);
  if (!match?.[1] || !match[2]) return null;
  const id = Number(match[2]);
  let handle = match[1].toLowerCase();
  if (/^c\d+$/.test(handle)) handle = source.handle.toLowerCase();
  if (/^c\d+$/.test(handle) || !telegramRef(`https://t.me/${handle}`) || !Number.isSafeInteger(id)) return null;
  return { handle, id };
}

/** Channels seen in the items (forward origins, replies elsewhere, t.me links, @mentions), never the channel itself. */
function discoveries(drafts: ItemDraft[], self: string): Discovery[] {
  const out = new Map<string, Discovery>();
  const add = (handle: string | null | undefined, via: string, how: Discovery['how']): void => {
    const h = handle?.toLowerCase();
    if (!h || h === self) return;
    out.set(`${h}|${how}|${via}`, { kind: 'telegram', handle: h, via, how });
  };
  for (const d of drafts) {
    add(d.forwardedFrom?.handle, d.key, 'forward');
    const reply = /^telegram:([a-z0-9_]+)\/\d+$/.exec(d.replyTo ?? '')?.[1];
    add(reply, d.key, 'reply');
    for (const url of d.links) add(telegramRef(url)?.handle, d.key, 'link');
    for (const mention of mentionsIn(d.text)) add(mention, d.key, 'mention');
  }
  return [...out.values()];
}

/** Non-Telegram http(s) links of the items (text links and link previews). */
function articleLinks(drafts: ItemDraft[]): Array<{ url: string; via: string }> {
  const out = new Map<string, { url: string; via: string }>();
  for (const d of drafts) {
    for (const url of d.links) {
      if (!URL.canParse(url)) continue;
      const u = new URL(url);
      if ((u.protocol !== 'http:' && u.protocol !== 'https:') || TELEGRAM_HOST.test(u.hostname)) continue;
      out.set(`${url}|${d.key}`, { url, via: d.key });
    }
  }
  return [...out.values()];
}


function decode(body: Uint8Array): string {
  return new TextDecoder('utf-8').decode(body);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FetchError, type FetchRequest, type HeaderList } from '../../../core/fetcher.js';
import { itemDraftSchema } from '../../../core/item.js';
import type { CapturedExchange, ConnectorIo, SourceState } from '../connector.js';
import { telegramWebConnector } from './telegram-web.connector.js';

const FIXTURES = new URL('../../../../test/fixtures/telegram-web/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const BASE = 'https://t.me';
const NEWEST = `${BASE}/s/sahil_monitor`;
const OLDER = `${BASE}/s/sahil_monitor?before=40`;

/** What the fake server answers for one URL. */
interface Route {
  file?: string;
  body?: string;
  status?: number;
  headers?: HeaderList;
  finalUrl?: string;
  error?: FetchError;
}

/** A ConnectorIo whose fetch serves fixture files by URL; every exchange gets a capture id `cap-<n>`. */
function fakeIo(routes: Record<string, Route>): ConnectorIo & { fetched: string[]; sleeps: number[] } {
  const fetched: string[] = [];
  const sleeps: number[] = [];
  return {
    fetched,
    sleeps,
    fetch(request: FetchRequest): Promise<CapturedExchange> {
      fetched.push(request.url);
      const route = routes[request.url];
      if (!route) return Promise.reject(new Error(`test server has no route for ${request.url}`));
      if (route.error) return Promise.reject(route.error);
      const body = new TextEncoder().encode(route.file ? fixture(route.file) : (route.body ?? ''));
      return Promise.resolve({
        url: request.url,
        finalUrl: route.finalUrl ?? request.url,
        redirects: [],
        status: route.status ?? 200,
        statusText: '',
        httpVersion: '1.1',
        request: { method: 'GET', url: request.url, headers: [] },
        headers: route.headers ?? [['content-type', 'text/html; charset=utf-8']],
        rawBody: body,
        body,
        startedAt: '2024-06-01T12:00:00.000Z',
        elapsedMs: 5,
        remoteAddress: null,
        captureId: `cap-${fetched.length}`,
      });
    },
    record: () => Promise.reject(new Error('not used')),
    now: () => new Date('2024-06-01T12:00:00.000Z'),
    sleep: (ms: number) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}

function source(overrides: Partial<SourceState> = {}): SourceState {
  return {
    id: 'src-1',
    kind: 'telegram',
    handle: 'sahil_monitor',
    url: 'https://t.me/sahil_monitor',
    cursor: null,
    externalId: null,
    followLinks: false,
    maxPages: 3,
    ...overrides,
  };
}

const connector = telegramWebConnector({ baseUrl: `${BASE}/` });
const bothPages = { [NEWEST]: { file: 'channel-page.html' }, [OLDER]: { file: 'channel-page-before-40.html' } };
const ids = (keys: string[]): number[] => keys.map((k) => Number(k.split('/')[1]));

describe('telegramWebConnector.poll', () => {
  it('backfills up to maxPages on the first poll, oldest first, each item tied to its page capture', async () => {
    const io = fakeIo(bothPages);
    const result = await connector.poll(source(), io);
    expect(io.fetched).toEqual([NEWEST, OLDER]);
    expect(io.sleeps).toHaveLength(1);
    expect(io.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(result.status).toEqual({ state: 'ok' });
    expect(ids(result.items.map((i) => i.draft.key))).toEqual([1, 7, 19, 33, 38, 40, 41, 42, 43, 46, 47, 48, 49, 50, 52]);
    expect(result.items.find((i) => i.draft.key === 'telegram:sahil_monitor/7')?.captureId).toBe('cap-2');
    expect(result.items.find((i) => i.draft.key === 'telegram:sahil_monitor/40')?.captureId).toBe('cap-1');
    for (const item of result.items) expect(itemDraftSchema.parse(item.draft)).toEqual(item.draft);
    expect(result.cursor).toEqual({ lastId: 52 });
    expect(result.profile).toEqual({
      title: 'مرصد الساحل — Sahil Monitor',
      description:
        'نشرة يومية عن الأخبار المحلية في منطقة الساحل.\nA fictional daily digest of public local news, made for tests.\n\nSite: sahil-monitor.example',
      url: 'https://t.me/Sahil_Monitor',
      externalId: '1999000111',
      audience: 12_400,
    });
  });

  it('stops at maxPages', async () => {
    const io = fakeIo(bothPages);
    const result = await connector.poll(source({ maxPages: 1 }), io);
    expect(io.fetched).toEqual([NEWEST]);
    expect(result.items).toHaveLength(10);
    expect(result.cursor).toEqual({ lastId: 52 });
  });

  it('reads new posts and re-reads the newest page (for edits), without paging when it reaches the cursor', async () => {
    const io = fakeIo(bothPages);
    const result = await connector.poll(source({ cursor: { lastId: 45 } }), io);
    expect(io.fetched).toEqual([NEWEST]);
    expect(ids(result.items.map((i) => i.draft.key)).filter((id) => id > 45)).toEqual([46, 47, 48, 49, 50, 52]);
    expect(ids(result.items.map((i) => i.draft.key)).filter((id) => id <= 45)).toEqual([40, 41, 42, 43]);
    expect(result.cursor).toEqual({ lastId: 52 });
  });

  it('follows ?before= while every post is new, and stops at the first known id', async () => {
    const io = fakeIo(bothPages);
    const result = await connector.poll(source({ cursor: { lastId: 30 } }), io);
    expect(io.fetched).toEqual([NEWEST, OLDER]);
    expect(ids(result.items.map((i) => i.draft.key))).toEqual([33, 38, 40, 41, 42, 43, 46, 47, 48, 49, 50, 52]);
    expect(result.cursor).toEqual({ lastId: 52 });
  });

  it('returns the same cursor when nothing is new, also when the cursor is above every id (deleted posts)', async () => {
    for (const lastId of [52, 60]) {
      const cursor = { lastId };
      const result = await connector.poll(source({ cursor }), fakeIo(bothPages));
      // only the newest page's posts, re-read so that edits show; none is new
      expect(ids(result.items.map((i) => i.draft.key)).every((id) => id <= lastId)).toBe(true);
      expect(result.discovered).toEqual([]);
      expect(result.cursor).toBe(cursor);
      expect(result.status).toEqual({ state: 'ok' });
    }
  });

  it('counts album items in the cursor', async () => {
    const result = await connector.poll(source({ cursor: { lastId: 44 } }), fakeIo(bothPages));
    expect(ids(result.items.map((i) => i.draft.key)).filter((id) => id > 44)).toEqual([46, 47, 48, 49, 50, 52]);
  });

  it('passes media URLs along', async () => {
    const result = await connector.poll(source({ cursor: { lastId: 42 } }), fakeIo(bothPages));
    expect(result.items.find((i) => i.draft.key === 'telegram:sahil_monitor/43')?.mediaUrls).toEqual([
      'https://cdn4.telesco.pe/file/synthetic-album-43.jpg',
      'https://cdn4.telesco.pe/file/synthetic-album-44.jpg',
      'https://cdn4.telesco.pe/file/synthetic-album-45.mp4?token=SYNTHETIC-TOKEN',
      'https://cdn4.telesco.pe/file/synthetic-album-45-thumb.jpg',
    ]);
    expect(result.items.find((i) => i.draft.key === 'telegram:sahil_monitor/42')?.mediaUrls).toBeUndefined();
  });

  it('discovers forward origins, t.me links and @mentions, never the channel itself', async () => {
    const result = await connector.poll(source({ cursor: { lastId: 39 } }), fakeIo(bothPages));
    expect(result.discovered).toEqual([
      { kind: 'telegram', handle: 'sahel_wire', via: 'telegram:sahil_monitor/41', how: 'forward' },
      { kind: 'telegram', handle: 'sahel_archive', via: 'telegram:sahil_monitor/50', how: 'link' },
      { kind: 'telegram', handle: 'desert_watch_news', via: 'telegram:sahil_monitor/50', how: 'mention' },
      { kind: 'telegram', handle: 'sahil_desk_bot', via: 'telegram:sahil_monitor/50', how: 'mention' },
    ]);
  });

  it('lists non-Telegram links of texts and link previews as article links', async () => {
    const result = await connector.poll(source({ cursor: { lastId: 39 } }), fakeIo(bothPages));
    expect(result.links).toEqual([
      { url: 'https://example.org/statements/trade-corridor?lang=en&ref=tg', via: 'telegram:sahil_monitor/41' },
      { url: 'https://news.example.net/briefings/week-22', via: 'telegram:sahil_monitor/47' },
    ]);
  });

  it('keeps the cursor when a catch-up is cut short by throttling, returning what it read', async () => {
    const cursor = { lastId: 30 };
    const io = fakeIo({ [NEWEST]: { file: 'channel-page.html' }, [OLDER]: { file: 'no-posts-found.html' } });
    const result = await connector.poll(source({ cursor }), io);
    expect(result.status).toEqual({ state: 'throttled', reason: 'tg_throttled', retryAfterMs: null });
    expect(result.items).toHaveLength(10);
    expect(result.cursor).toBe(cursor);
  });

  it('moves the cursor only over posts it could read (a truncated page is read again)', async () => {
    const io = fakeIo({ [NEWEST]: { file: 'malformed-truncated.html' } });
    const result = await connector.poll(source({ cursor: { lastId: 50 }, maxPages: 1 }), io);
    expect(ids(result.items.map((i) => i.draft.key))).toEqual([60, 63]);
    expect(result.cursor).toEqual({ lastId: 63 });
  });

  it('reports an unknown username (redirected to the landing page) as gone', async () => {
    const io = fakeIo({
      [`${BASE}/s/ghost_channel_0000`]: { file: 'landing-nonexistent.html', finalUrl: `${BASE}/ghost_channel_0000` },
    });
    const cursor = { lastId: 12 };
    const result = await connector.poll(source({ handle: 'ghost_channel_0000', cursor }), io);
    expect(result).toEqual({
      items: [],
      cursor,
      profile: null,
      status: { state: 'gone', reason: 'tg_username_unoccupied' },
      discovered: [],
      links: [],
    });
  });

  it('reports a group or a channel without preview as gone (tg_no_preview), with what the card shows', async () => {
    const io = fakeIo({ [`${BASE}/s/riverside_chat`]: { file: 'landing-group.html', finalUrl: `${BASE}/riverside_chat` } });
    const result = await connector.poll(source({ handle: 'riverside_chat' }), io);
    expect(result.status).toEqual({ state: 'gone', reason: 'tg_no_preview' });
    expect(result.profile).toMatchObject({ title: 'Riverside Residents Chat', audience: 2345 });
  });

  it('reads "No posts found" on the first page as throttled, never as an empty channel', async () => {
    const result = await connector.poll(source(), fakeIo({ [NEWEST]: { file: 'no-posts-found.html' } }));
    expect(result.status).toEqual({ state: 'throttled', reason: 'tg_throttled', retryAfterMs: null });
    expect(result.cursor).toBeNull();
  });

  it('honours Retry-After on HTTP 429, in seconds or as a date', async () => {
    const seconds = await connector.poll(source(), fakeIo({ [NEWEST]: { status: 429, headers: [['Retry-After', '120']] } }));
    expect(seconds.status).toEqual({ state: 'throttled', reason: 'http_429', retryAfterMs: 120_000 });
    const date = await connector.poll(
      source(),
      fakeIo({ [NEWEST]: { status: 429, headers: [['retry-after', 'Sat, 01 Jun 2024 12:05:00 GMT']] } }),
    );
    expect(date.status).toEqual({ state: 'throttled', reason: 'http_429', retryAfterMs: 300_000 });
    const none = await connector.poll(source(), fakeIo({ [NEWEST]: { status: 429 } }));
    expect(none.status).toEqual({ state: 'throttled', reason: 'http_429', retryAfterMs: null });
  });

  it('reads a challenge page as throttled', async () => {
    const body = `<html><head><script>window._cf_chl_opt={cvId:'3'}</script></head><body>${'.'.repeat(600)}</body></html>`;
    const result = await connector.poll(source(), fakeIo({ [NEWEST]: { status: 403, body } }));
    expect(result.status).toEqual({ state: 'throttled', reason: 'tg_challenge', retryAfterMs: null });
  });

  it('refuses a handle that is not a Telegram username, without fetching', async () => {
    const io = fakeIo({});
    const result = await connector.poll(source({ handle: '../admin?x=1' }), io);
    expect(result.status).toEqual({ state: 'failed', reason: 'tg_bad_handle' });
    expect(io.fetched).toEqual([]);
  });

  it('fails on 5xx, fetch errors and unexpected pages', async () => {
    const http = await connector.poll(source(), fakeIo({ [NEWEST]: { status: 502, body: '<html><body>Bad gateway</body></html>'.padEnd(600) } }));
    expect(http.status).toEqual({ state: 'failed', reason: 'http_502' });
    const timeout = await connector.poll(source(), fakeIo({ [NEWEST]: { error: new FetchError('timeout', 'timed out', NEWEST) } }));
    expect(timeout.status).toEqual({ state: 'failed', reason: 'fetch_timeout' });
    const odd = await connector.poll(source(), fakeIo({ [NEWEST]: { body: `<html><body><h1>Hello</h1>${' '.repeat(600)}</body></html>` } }));
    expect(odd.status).toEqual({ state: 'failed', reason: 'tg_unexpected_page' });
    expect(odd.cursor).toBeNull();
  });
});

describe('telegramWebConnector.checkItem', () => {
  const ref = { key: 'telegram:sahil_monitor/48', url: 'https://t.me/Sahil_Monitor/48', nativeId: 'sahil_monitor/48' };
  const EMBED = `${BASE}/sahil_monitor/48?embed=1`;

  it('finds a live post through the embed', async () => {
    const io = fakeIo({ [EMBED]: { file: 'embed-live.html' } });
    const verdict = await connector.checkItem?.(ref, source(), io);
    expect(io.fetched).toEqual([EMBED]);
    expect(verdict).toEqual({ verdict: 'live', reason: 'tg_post_live', status: 200, captureId: 'cap-1' });
  });

  it('reads "Post not found" as gone, and an unoccupied username as gone too', async () => {
    const missing = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { file: 'embed-not-found.html' } }));
    expect(missing).toEqual({ verdict: 'gone', reason: 'tg_post_not_found', status: 200, captureId: 'cap-1' });
    const landing = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { file: 'landing-nonexistent.html', finalUrl: `${BASE}/sahil_monitor` } }));
    expect(landing).toMatchObject({ verdict: 'gone', reason: 'tg_username_unoccupied' });
  });

  it('never reads throttling or server errors as gone', async () => {
    const throttled = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { status: 429 } }));
    expect(throttled).toEqual({ verdict: 'throttled', reason: 'http_429', status: 429, captureId: 'cap-1' });
    const tiny = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { body: '<html></html>' } }));
    expect(tiny).toMatchObject({ verdict: 'throttled', reason: 'tg_throttled' });
    const broken = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { status: 503, body: 'x'.repeat(600) } }));
    expect(broken).toEqual({ verdict: 'unreachable', reason: 'http_503', status: 503, captureId: 'cap-1' });
    const network = await connector.checkItem?.(ref, source(), fakeIo({ [EMBED]: { error: new FetchError('network', 'reset', EMBED) } }));
    expect(network).toEqual({ verdict: 'unreachable', reason: 'fetch_network', status: null, captureId: null });
  });

  it('does not call another post live', async () => {
    const other = { ...ref, key: 'telegram:sahil_monitor/47', nativeId: 'sahil_monitor/47' };
    const io = fakeIo({ [`${BASE}/sahil_monitor/47?embed=1`]: { file: 'embed-live.html' } });
    expect(await connector.checkItem?.(other, source(), io)).toMatchObject({ verdict: 'unreachable', reason: 'tg_embed_mismatch' });
  });

  it('checks imported items keyed c<id> under the source username', async () => {
    const imported = { key: 'telegram:c1999000111/48', url: null, nativeId: 'c1999000111/48' };
    const io = fakeIo({ [EMBED]: { file: 'embed-live.html' } });
    expect(await connector.checkItem?.(imported, source(), io)).toMatchObject({ verdict: 'live' });
    expect(io.fetched).toEqual([EMBED]);
  });
});

import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import { fakeIo, fileReply, routes, type Reply } from '../../../../test/fixtures/web/fake-io.js';
import type { SourceState } from '../connector.js';
import { rssConnector } from './rss.connector.js';

const FEED = 'https://monitor.example.com/briefs/feed.xml';
const connector = rssConnector();
const source = (over: Partial<SourceState> = {}): SourceState => ({
  id: 'src-rss',
  kind: 'rss',
  handle: FEED,
  url: FEED,
  cursor: null,
  externalId: null,
  followLinks: true,
  maxPages: 1,
  ...over,
});
const rss = (): Reply =>
  fileReply('feeds/monitor-rss.xml', 'application/rss+xml; charset=utf-8', [
    ['ETag', 'W/"feed-41"'],
    ['Last-Modified', 'Wed, 03 Jul 2024 10:00:00 GMT'],
  ]);

describe('rssConnector.poll', () => {
  it('reads every entry, with the validators as cursor and entry links to follow', async () => {
    const { io, requests } = fakeIo(routes([[FEED, rss]]));
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'ok' });
    expect(requests[0]?.headers?.Accept).toMatch(/rss\+xml/);
    expect(result.items.map((i) => [i.draft.key, i.captureId])).toEqual([
      ['rss:https://monitor.example.com/briefs/2024/07/road-reopens', 'cap-1'],
      ['rss:desk-monitor-brief-0412', 'cap-1'],
    ]);
    for (const item of result.items) itemDraftSchema.parse(item.draft);
    expect(result.items[0]?.draft.source.handle).toBe(FEED);
    expect(result.items[0]?.mediaUrls).toEqual(['https://monitor.example.com/media/road.jpg']);
    expect(result.items[1]?.draft).toMatchObject({ title: 'قراءة في بيان الذكرى السنوية', publishedAt: '2024-07-02T18:00:00.000Z' });
    expect(result.cursor).toEqual({ etag: 'W/"feed-41"', lastModified: 'Wed, 03 Jul 2024 10:00:00 GMT' });
    expect(result.links).toEqual([
      { url: 'https://monitor.example.com/briefs/2024/07/road-reopens', via: 'rss:https://monitor.example.com/briefs/2024/07/road-reopens' },
      { url: 'https://monitor.example.com/ar/briefs/2024/07/statement', via: 'rss:desk-monitor-brief-0412' },
    ]);
    expect(result.profile).toEqual({ title: 'Desk Monitor — Briefs (demo feed)', url: 'https://monitor.example.com/', language: 'en-GB' });
  });

  it('reads an Atom feed', async () => {
    const url = 'https://research.example.org/notes/atom.xml';
    const { io } = fakeIo(() => fileReply('feeds/research-atom.xml', 'application/atom+xml'));
    const result = await connector.poll(source({ handle: url, url }), io);
    expect(result.items.map((i) => i.draft.key)).toEqual(['rss:tag:research.example.org,2024:notes/17', 'rss:tag:research.example.org,2024:notes/16']);
    expect(result.items[1]?.draft).toMatchObject({ langHint: 'en', author: { name: 'Research Desk' } });
    expect(result.cursor).toEqual({ etag: null, lastModified: null });
    expect(result.links.map((l) => l.url)).toEqual([
      'https://research.example.org/notes/anniversary-year-three',
      'https://research.example.org/ar/notes/campaign',
    ]);
  });

  it('sends the validators back and reads nothing on 304', async () => {
    const cursor = { etag: 'W/"feed-41"', lastModified: 'Wed, 03 Jul 2024 10:00:00 GMT' };
    const { io, requests } = fakeIo(() => ({ status: 304 }));
    const result = await connector.poll(source({ cursor }), io);
    expect(requests[0]?.headers).toMatchObject({ 'If-None-Match': 'W/"feed-41"', 'If-Modified-Since': 'Wed, 03 Jul 2024 10:00:00 GMT' });
    expect(result).toMatchObject({ items: [], cursor, status: { state: 'ok' }, links: [] });
  });

  it('reports a removed feed as gone and other failures as failed', async () => {
    const cases: Array<[Reply, object]> = [
      [{ status: 404 }, { state: 'gone', reason: 'web_404' }],
      [{ status: 410 }, { state: 'gone', reason: 'web_410' }],
      [{ status: 429, headers: [['Retry-After', 'Wed, 03 Jul 2024 10:05:00 GMT']] }, { state: 'throttled', reason: 'http_429', retryAfterMs: 300_000 }],
      [{ status: 500 }, { state: 'failed', reason: 'http_500' }],
      [fileReply('web/article.html', 'text/html'), { state: 'failed', reason: 'feed_unreadable: not an RSS/Atom/RDF feed' }],
    ];
    for (const [reply, status] of cases) {
      const result = await connector.poll(source({ cursor: { etag: 'e' } }), fakeIo(() => reply).io);
      expect(result.status).toEqual(status);
      expect(result.cursor).toEqual({ etag: 'e' });
    }
  });
});

describe('rssConnector.checkItem', () => {
  const ENTRY = 'https://monitor.example.com/briefs/2024/07/road-reopens';
  const ref = { key: `rss:${ENTRY}`, url: ENTRY, nativeId: ENTRY };

  it('is live while the entry`s page answers', async () => {
    const { io, requests } = fakeIo(routes([[ENTRY, fileReply('web/article.html', 'text/html')]]));
    expect(await connector.checkItem!(ref, source(), io)).toEqual({ verdict: 'live', reason: 'ok', status: 200, captureId: 'cap-1' });
    expect(requests[0]?.url).toBe(ENTRY);
  });

  it('reads 404, 410, home redirects, 429 and 5xx', async () => {
    const home: Reply = { ...fileReply('web/article.html', 'text/html'), finalUrl: 'https://monitor.example.com/' };
    const cases: Array<[Reply, string, string]> = [
      [{ status: 404 }, 'gone', 'web_404'],
      [{ status: 410 }, 'gone', 'web_410'],
      [home, 'gone', 'web_redirect_home'],
      [{ status: 429 }, 'throttled', 'http_429'],
      [{ status: 503 }, 'unreachable', 'http_503'],
    ];
    for (const [reply, verdict, reason] of cases) {
      expect(await connector.checkItem!(ref, source(), fakeIo(() => reply).io)).toMatchObject({ verdict, reason });
    }
  });

  it('cannot check an entry without a URL', async () => {
    const ref = { key: 'rss:demo-1', url: null, nativeId: 'demo-1' };
    const { io, requests } = fakeIo(() => ({ status: 200 }));
    expect(await connector.checkItem!(ref, source(), io)).toEqual({ verdict: 'unreachable', reason: 'no_url', status: null, captureId: null });
    expect(requests).toHaveLength(0);
  });
});

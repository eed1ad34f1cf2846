import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import { FetchError } from '../../../core/fetcher.js';
import { fakeIo, fileReply, routes, type Reply } from '../../../../test/fixtures/web/fake-io.js';
import type { SourceState } from '../connector.js';
import { fetchArticle, webConnector } from './web.connector.js';

const PAGE = 'https://monitor.example.com/briefs/2024/07/road-reopens';
const connector = webConnector();
const source = (over: Partial<SourceState> = {}): SourceState => ({
  id: 'src-web',
  kind: 'web',
  handle: PAGE,
  url: PAGE,
  cursor: null,
  externalId: null,
  followLinks: true,
  maxPages: 1,
  ...over,
});
const validators: Array<[string, string]> = [
  ['ETag', '"a1b2c3"'],
  ['Last-Modified', 'Wed, 03 Jul 2024 09:30:00 GMT'],
];
const article = (): Reply => fileReply('web/article.html', 'text/html; charset=utf-8', validators);

describe('webConnector.poll', () => {
  it('reads the page as one article item keyed by its canonical URL, with a cursor', async () => {
    const { io, requests } = fakeIo(routes([[PAGE, article]]));
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.items).toHaveLength(1);
    const item = result.items[0]!;
    itemDraftSchema.parse(item.draft);
    expect(item.captureId).toBe('cap-1');
    expect(item.draft).toMatchObject({
      key: `web:${PAGE}`,
      kind: 'article',
      title: 'Road between two fictional towns reopens',
      publishedAt: '2024-07-03T09:30:00.000Z',
      langHint: 'en',
      source: { kind: 'web', handle: PAGE },
    });
    expect(result.cursor).toMatchObject({ etag: '"a1b2c3"', lastModified: 'Wed, 03 Jul 2024 09:30:00 GMT' });
    expect(result.cursor?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.links).toEqual([
      { url: 'https://news.example.org/2024/07/road', via: `web:${PAGE}` },
      { url: 'https://monitor.example.com/briefs/2024/06/closure', via: `web:${PAGE}` },
    ]);
    expect(result.profile).toMatchObject({ title: 'Road between two fictional towns reopens', url: PAGE, language: 'en' });
    expect(requests[0]?.headers?.['If-None-Match']).toBeUndefined();
  });

  it('sends the validators back and reads nothing on 304 or on the same bytes', async () => {
    const first = await connector.poll(source(), fakeIo(routes([[PAGE, article]])).io);
    const notModified = fakeIo(() => ({ status: 304 }));
    const unchanged = await connector.poll(source({ cursor: first.cursor }), notModified.io);
    expect(notModified.requests[0]?.headers).toMatchObject({ 'If-None-Match': '"a1b2c3"', 'If-Modified-Since': 'Wed, 03 Jul 2024 09:30:00 GMT' });
    expect(unchanged).toMatchObject({ items: [], cursor: first.cursor, status: { state: 'ok' } });

    const same = await connector.poll(source({ cursor: first.cursor }), fakeIo(routes([[PAGE, article]])).io);
    expect(same.items).toEqual([]);
    expect(same.cursor).toEqual(first.cursor);
  });

  it('keys a page without a canonical link by its URL', async () => {
    const url = 'https://monitor.example.com/briefs/plain';
    const body = `<html lang="ar"><head><title>بيان</title></head><body><article>${'<p>نص تجريبي عن بيان خيالي نُشر اليوم ويتكرر فيه ما قيل العام الماضي.</p>'.repeat(10)}</article></body></html>`;
    const { io } = fakeIo(() => ({ status: 200, headers: [['Content-Type', 'text/html']], body }));
    const result = await connector.poll(source({ handle: url, url }), io);
    expect(result.items[0]?.draft).toMatchObject({ key: `web:${url}`, nativeId: url, url, langHint: 'ar' });
  });

  it('reports gone pages, throttling and failures', async () => {
    const cases: Array<[Reply | FetchError, object]> = [
      [{ status: 404 }, { state: 'gone', reason: 'web_404' }],
      [{ status: 410 }, { state: 'gone', reason: 'web_410' }],
      [fileReply('web/soft-404.html', 'text/html'), { state: 'gone', reason: 'web_soft404' }],
      [{ status: 429, headers: [['Retry-After', '120']] }, { state: 'throttled', reason: 'http_429', retryAfterMs: 120_000 }],
      [{ status: 502 }, { state: 'failed', reason: 'http_502' }],
      [new FetchError('too_large', 'body over 10 MB', PAGE), { state: 'failed', reason: 'fetch_too_large' }],
      [{ status: 200, headers: [['Content-Type', 'text/html']], body: '<html><body></body></html>' }, { state: 'failed', reason: 'web_no_article: no article content found' }],
    ];
    for (const [reply, status] of cases) {
      const result = await connector.poll(source({ cursor: { sha256: 'x' } }), fakeIo(() => reply).io);
      expect(result.status).toEqual(status);
      expect(result.items).toEqual([]);
      expect(result.cursor).toEqual({ sha256: 'x' });
    }
  });
});

describe('fetchArticle', () => {
  it('returns the article with the item it was linked from', async () => {
    const { io } = fakeIo(routes([[PAGE, article]]));
    const got = await fetchArticle(PAGE, 'x:1810000000000000004', io);
    expect(got.reason).toBeNull();
    expect(got.item?.captureId).toBe('cap-1');
    expect(got.item?.draft.extra.via).toBe('x:1810000000000000004');
    expect(got.item?.draft.source.handle).toBe('monitor.example.com');
    expect(connector.fetchArticle).toBe(fetchArticle);
  });

  it('returns null with a reason when there is no article', async () => {
    expect(await fetchArticle(PAGE, 'x:1', fakeIo(() => ({ status: 404 })).io)).toEqual({ item: null, reason: 'web_404' });
    const pdf: Reply = { status: 200, headers: [['Content-Type', 'application/pdf']], body: '%PDF-1.7' };
    expect(await fetchArticle(PAGE, 'x:1', fakeIo(() => pdf).io)).toEqual({ item: null, reason: 'web_not_html: application/pdf' });
    expect(await fetchArticle('javascript:alert(1)', 'x:1', fakeIo(() => ({ status: 200 })).io)).toEqual({ item: null, reason: 'fetch_bad_url' });
  });
});

describe('webConnector.checkItem', () => {
  it('GETs the item URL and reads the answer', async () => {
    const ref = { key: `web:${PAGE}`, url: PAGE, nativeId: PAGE };
    expect(await connector.checkItem!(ref, source(), fakeIo(routes([[PAGE, article]])).io)).toMatchObject({ verdict: 'live' });
    expect(await connector.checkItem!(ref, source(), fakeIo(() => ({ status: 410 })).io)).toMatchObject({ verdict: 'gone', reason: 'web_410' });
    const network = fakeIo(() => new FetchError('timeout', 'timed out', PAGE)).io;
    expect(await connector.checkItem!(ref, source(), network)).toEqual({ verdict: 'unreachable', reason: 'fetch_timeout', status: null, captureId: null });
  });
});

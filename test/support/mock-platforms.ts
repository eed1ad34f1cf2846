import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { channelPageHtml, embedHtml, type PreviewChannel, type PreviewPost } from '../../src/app/telegram-preview-html.js';

/**
 * A loopback server that speaks like the platforms Rasad collects from, for integration tests and
 * `bench:collect`: Telegram's web preview (`/s/<channel>`, `?before=`, `/<channel>/<id>?embed=1`,
 * unknown channels redirected to a "Contact @name" landing page, throttled "No posts found"
 * pages), the X API v2 (user lookup, timelines with since_id, tweet lookups, 429 with reset
 * headers, suspended accounts), feeds with ETag/304, articles, slow and oversized responses and
 * malformed HTML. Channels are generated: posts can be added, edited and deleted while it runs.
 */

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const fixture = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');

export type MockPost = PreviewPost;

interface MockChannel extends PreviewChannel {
  gone: boolean;
}

export interface MockPlatforms {
  url: string;
  host: string;
  /** Adds a channel with `n` posts (ids 1…n unless given). */
  addChannel(handle: string, opts?: { title?: string; posts?: number; channelId?: number; text?: (id: number) => string }): void;
  /** Appends a post to a channel (the next id). */
  post(handle: string, text: string, extra?: Partial<MockPost>): MockPost;
  edit(handle: string, id: number, text: string): void;
  deletePost(handle: string, id: number): void;
  /** The channel disappears: its /s/ page redirects to the "Contact @" landing page. */
  removeChannel(handle: string): void;
  /** The next `n` channel-page requests get Telegram's fake "No posts found" page. */
  throttle(n: number): void;
  /** X API: the next `n` requests get 429 with reset headers. */
  rateLimitX(n: number): void;
  /** Requests served, by route kind. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const BASE_DATE = Date.parse('2026-11-01T08:00:00Z');

function defaultText(handle: string, id: number): string {
  const texts = [
    `نشرة ${handle}: اجتماع إقليمي في العاصمة لمناقشة ممر تجاري جديد، الرسالة ${id}.`,
    `${handle} digest ${id}: officials met to discuss water sharing along the river basin.`,
    `گزارش ${id}: نشست منطقه‌ای درباره‌ی همکاری اقتصادی برگزار شد.`,
    `${handle} bulletin ${id}: a local festival drew crowds; the weather stayed calm. #digest`,
  ];
  return texts[id % texts.length] ?? '';
}

const NOT_FOUND_EMBED = (): string => fixture('telegram-web/embed-not-found.html');
const LANDING = (handle: string): string => fixture('telegram-web/landing-nonexistent.html').replaceAll('ghost_channel_0000', handle);
const THROTTLED = (): string => fixture('telegram-web/no-posts-found.html');

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

/** Starts the mock on 127.0.0.1 (a free port). */
export async function startMockPlatforms(): Promise<MockPlatforms> {
  const channels = new Map<string, MockChannel>();
  const hits = new Map<string, number>();
  let throttleLeft = 0;
  let xLimited = 0;
  const count = (kind: string): void => {
    hits.set(kind, (hits.get(kind) ?? 0) + 1);
  };
  const xFixture = (name: string): { status: number; headers: Record<string, string>; body: unknown } => {
    const f = JSON.parse(fixture(`x-api/${name}.json`)) as { status: number; headers: Array<[string, string]> | Record<string, string>; body: unknown };
    return { ...f, headers: Array.isArray(f.headers) ? Object.fromEntries(f.headers) : f.headers };
  };
  const feedXml = fixture('feeds/monitor-rss.xml');
  const feedEtag = '"feed-v1"';

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/s\/([A-Za-z0-9_]+)$/.exec(p))) {
      count('tg_page');
      const c = channels.get((m[1] ?? '').toLowerCase());
      if (!c || c.gone) return send(res, 302, '', { location: `/${m[1] ?? ''}` });
      if (throttleLeft > 0) {
        throttleLeft--;
        return send(res, 200, THROTTLED());
      }
      const before = url.searchParams.get('before');
      return send(res, 200, channelPageHtml(c, before ? Number(before) : null));
    }
    if ((m = /^\/([A-Za-z0-9_]+)\/(\d+)$/.exec(p)) && url.searchParams.has('embed')) {
      count('tg_embed');
      const c = channels.get((m[1] ?? '').toLowerCase());
      const post = c?.posts.find((x) => x.id === Number(m?.[2]));
      return send(res, 200, c && post && !c.gone ? embedHtml(c, post) : NOT_FOUND_EMBED());
    }
    if (p.startsWith('/2/')) return xApi(req, res, url);
    if ((m = /^\/([A-Za-z0-9_]+)$/.exec(p)) && !p.endsWith('.html') && p !== '/huge' && p !== '/slow') {
      count('tg_landing');
      return send(res, 200, LANDING(m[1] ?? ''));
    }
    if (p === '/feed.xml') {
      count('feed');
      if (req.headers['if-none-match'] === feedEtag) return send(res, 304, '', { etag: feedEtag });
      return send(res, 200, feedXml, { 'content-type': 'application/rss+xml; charset=utf-8', etag: feedEtag });
    }
    if (p === '/article.html' || p.startsWith('/articles/')) {
      count('article');
      const body = gzipSync(fixture('web/article.html'));
      return send(res, 200, body, { 'content-encoding': 'gzip' });
    }
    if (p === '/huge') {
      count('huge');
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = (): void => {
        while (sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        sent = Infinity;
      });
      return pump();
    }
    if (p === '/slow') {
      count('slow');
      res.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => res.write('<p>.</p>'), 200);
      res.on('close', () => clearInterval(t));
      return;
    }
    if ((m = /^\/media\/([a-z0-9_-]+)\.png$/.exec(p))) {
      count('media');
      return send(res, 200, photoPng, { 'content-type': 'image/png' });
    }
    if (p === '/malformed.html') return send(res, 200, '<html><head><title>Broken</ti<body><div class="tgme_<<<');
    count('404');
    return send(res, 404, '<html><body>Not found</body></html>');
  };

  function xApi(_req: IncomingMessage, res: ServerResponse, url: URL): void {
    count('x');
    const reply = (f: { status: number; headers: Record<string, string>; body: unknown }): void =>
      send(res, f.status, JSON.stringify(f.body), { ...f.headers, 'content-type': 'application/json' });
    if (xLimited > 0) {
      xLimited--;
      return reply(xFixture('rate-limited'));
    }
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if ((m = /^\/2\/users\/by\/username\/([A-Za-z0-9_]+)$/.exec(p))) {
      const name = (m[1] ?? '').toLowerCase();
      if (name.includes('suspended')) return reply(xFixture('user-suspended'));
      if (name.includes('missing')) return reply(xFixture('user-not-found'));
      return reply(xFixture('user-lookup'));
    }
    if (/^\/2\/users\/\d+\/tweets$/.test(p)) {
      if (url.searchParams.get('since_id')) return reply(xFixture('timeline-since-empty'));
      return reply(xFixture(url.searchParams.get('pagination_token') ? 'timeline-page2' : 'timeline-page1'));
    }
    if (p === '/2/tweets/search/recent') {
      if ((url.searchParams.get('query') ?? '').includes('INVALID')) return reply(xFixture('search-invalid-query'));
      if (url.searchParams.get('since_id')) return reply({ status: 200, headers: {}, body: { meta: { result_count: 0 } } });
      return reply(xFixture(url.searchParams.get('next_token') ? 'search-recent-page2' : 'search-recent-page1'));
    }
    if (p === '/2/tweets') return reply(xFixture('tweets-lookup-one-deleted'));
    if (p === '/2/users') return reply(xFixture('users-lookup-suspended'));
    return send(res, 404, JSON.stringify({ title: 'Not Found Error', detail: 'no such endpoint' }), { 'content-type': 'application/json' });
  }

  // A synthetic picture (a gradient with a bar), so media are downloaded, hashed and pHashed.
  const photoPng = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#3a6ea5' } })
    .composite([{ input: Buffer.from('<svg width="96" height="64"><rect x="10" y="20" width="60" height="14" fill="#f2c14e"/></svg>'), top: 0, left: 0 }])
    .png()
    .toBuffer();
  const server = http.createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const mock: MockPlatforms = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    hits,
    addChannel(handle, opts = {}) {
      const c: MockChannel = { handle, title: opts.title ?? `${handle} (synthetic)`, channelId: opts.channelId ?? 1_900_000_000 + channels.size, posts: [], gone: false };
      channels.set(handle.toLowerCase(), c);
      for (let i = 1; i <= (opts.posts ?? 5); i++) c.posts.push({ id: i, text: (opts.text ?? ((id) => defaultText(handle, id)))(i), date: new Date(BASE_DATE + i * 600_000).toISOString().replace('.000Z', '+00:00'), views: 100 + i });
    },
    post(handle, text, extra = {}) {
      const c = channels.get(handle.toLowerCase());
      if (!c) throw new Error(`no mock channel ${handle}`);
      const id = (c.posts[c.posts.length - 1]?.id ?? 0) + 1;
      const p: MockPost = { id, text, date: new Date(BASE_DATE + id * 600_000).toISOString().replace('.000Z', '+00:00'), views: 10, ...extra };
      c.posts.push(p);
      return p;
    },
    edit(handle, id, text) {
      const p = channels.get(handle.toLowerCase())?.posts.find((x) => x.id === id);
      if (p) {
        p.text = text;
        p.edited = true;
      }
    },
    deletePost(handle, id) {
      const c = channels.get(handle.toLowerCase());
      if (c) c.posts = c.posts.filter((x) => x.id !== id);
    },
    removeChannel(handle) {
      const c = channels.get(handle.toLowerCase());
      if (c) c.gone = true;
    },
    throttle(n) {
      throttleLeft = n;
    },
    rateLimitX(n) {
      xLimited = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return mock;
}

import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';

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

export interface MockPost {
  id: number;
  text: string;
  date: string;
  views: number;
  edited?: boolean;
  forwardedFrom?: { name: string; handle: string; id: number };
  link?: string;
  /** URL of a photo shown with the post (served by `/media/<name>.png`). */
  photo?: string;
}

interface MockChannel {
  handle: string;
  title: string;
  channelId: number;
  posts: MockPost[];
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
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

function defaultText(handle: string, id: number): string {
  const texts = [
    `نشرة ${handle}: اجتماع إقليمي في العاصمة لمناقشة ممر تجاري جديد، الرسالة ${id}.`,
    `${handle} digest ${id}: officials met to discuss water sharing along the river basin.`,
    `گزارش ${id}: نشست منطقه‌ای درباره‌ی همکاری اقتصادی برگزار شد.`,
    `${handle} bulletin ${id}: a local festival drew crowds; the weather stayed calm. #digest`,
  ];
  return texts[id % texts.length] ?? '';
}

function messageHtml(c: MockChannel, p: MockPost): string {
  const view = b64url(JSON.stringify({ c: -c.channelId, p: p.id, t: 1_760_000_000, h: 'a1b2c3d4e5' }));
  const fwd = p.forwardedFrom
    ? `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/${p.forwardedFrom.handle}/${p.forwardedFrom.id}"><span dir="auto">${esc(p.forwardedFrom.name)}</span></a></div>`
    : '';
  const link = p.link ? ` <a href="${esc(p.link)}" target="_blank" rel="noopener">${esc(p.link)}</a>` : '';
  const photo = p.photo
    ? `<a class="tgme_widget_message_photo_wrap" href="https://t.me/${c.handle}/${p.id}" style="width:800px;background-image:url('${esc(p.photo)}')"><div class="tgme_widget_message_photo" style="padding-top:56%"></div></a>\n`
    : '';
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${c.handle}/${p.id}" data-view="${view}">
  <div class="tgme_widget_message_user"><a href="https://t.me/${c.handle}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="R"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${c.handle}"><span dir="auto">${esc(c.title)}</span></a></div>
${fwd}${photo}<div class="tgme_widget_message_text js-message_text" dir="auto">${esc(p.text).replace(/\n/g, '<br/>')}${link}</div>
<div class="tgme_widget_message_footer compact js-message_footer">
  <div class="tgme_widget_message_info short js-message_info">
    <span class="tgme_widget_message_views">${p.views}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">${p.edited ? 'edited &nbsp;' : ''}<a class="tgme_widget_message_date" href="https://t.me/${c.handle}/${p.id}"><time datetime="${p.date}" class="time">${p.date.slice(11, 16)}</time></a></span>
  </div>
</div>
  </div>
</div></div>`;
}

/** A t.me/s page: the 20 newest posts with id < before (all when before is null), oldest first. */
export function channelPageHtml(c: MockChannel, before: number | null): string {
  const visible = c.posts.filter((p) => before === null || p.id < before);
  const page = visible.slice(-20);
  const oldest = page[0]?.id ?? null;
  const more = oldest !== null && oldest > 1 ? oldest : null;
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>${esc(c.title)} – Telegram</title>
    <meta property="og:title" content="${esc(c.title)}">
    <meta property="og:description" content="A synthetic channel served by Rasad's test server.">
    ${more ? `<link rel="prev" href="/s/${c.handle}?before=${more}">` : ''}
    <link rel="canonical" href="/s/${c.handle}${before ? `?before=${before}` : ''}">
  </head>
  <body class="widget_frame_base tgme_webpreview emoji_image thin_box_shadow tme_mode no_transitions">
<header class="tgme_header search_collapsed"><div class="tgme_container"><div class="tgme_header_right_column"><section class="tgme_right_column">
  <div class="tgme_channel_info">
    <div class="tgme_channel_info_header">
      <div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_title"><span dir="auto">${esc(c.title)}</span></div></div>
      <div class="tgme_channel_info_header_username"><a href="https://t.me/${c.handle}">@${c.handle}</a></div>
    </div>
    <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">subscribers</span></div></div>
    <div class="tgme_channel_info_description">A synthetic channel served by Rasad's test server.</div>
  </div>
</section></div></div></header>
<main class="tgme_main" data-url="/${c.handle}">
  <div class="tgme_container">
    <section class="tgme_channel_history js-message_history">
${more ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${c.handle}?before=${more}" class="tme_messages_more js-messages_more" data-before="${more}"></a></div>` : ''}
${page.map((p) => messageHtml(c, p)).join('\n')}
    </section>
  </div>
</main>
  </body>
</html>`;
}

function embedHtml(c: MockChannel, p: MockPost): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title></head>
<body class="widget_frame_base tgme_widget body_widget_post emoji_image nodark">
${messageHtml(c, p).replace('<div class="tgme_widget_message_wrap js-widget_message_wrap">', '<div class="tgme_widget_message_wrap js-widget_message_wrap" id="widget_message">')}
</body></html>`;
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

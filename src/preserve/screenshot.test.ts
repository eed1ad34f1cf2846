import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScreenshotter, screenshotterFor, type Screenshotter } from './screenshot.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A captured page whose every sub-resource points at the loopback "platform". */
function capturedPage(origin: string, extra = ''): Uint8Array {
  return new TextEncoder().encode(`<!doctype html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>بيان — Statement</title>
  <link rel="preconnect" href="${origin}">
  <link rel="dns-prefetch" href="${origin}">
  <link rel="stylesheet" href="${origin}/static/style.css">
  <script src="${origin}/static/track.js"></script>
  <style>body { font: 20px sans-serif; margin: 24px; } .bg { background: url(${origin}/static/bg.png); height: 40px; }</style>
</head>
<body>
  <h1>بيان صادر عن المجموعة</h1>
  <p>هذا نص عربي للاختبار، مع أرقام ١٢٣ وكلمات English mixed in.</p>
  <p dir="ltr">An English paragraph, left to right, for the bidi check.</p>
  <img src="${origin}/media/photo.jpg?size=large" width="200" height="120" alt="صورة">
  <div class="bg"></div>
  <iframe src="${origin}/embed/post/1" width="300" height="100"></iframe>
  ${extra}
</body>
</html>`);
}

describe('screenshotter (offline rendering of captured HTML)', () => {
  let server: Server;
  let origin = '';
  let requests: string[] = [];
  let connections = 0;
  let shooter: Screenshotter;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('tracked');
    });
    server.on('connection', () => {
      connections++;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    shooter = createScreenshotter({ executablePath: CHROMIUM, maxHeight: 3000, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await shooter.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.skipIf(!hasChromium)('renders the captured bytes without a single request or connection leaving the browser', async () => {
    requests = [];
    connections = 0;
    const started = Date.now();
    const shot = await shooter.shoot({ html: capturedPage(origin), url: 'https://example.org/posts/1?ref=x*{y}', mediaType: 'text/html; charset=utf-8' });
    const ms = Date.now() - started;
    expect(shooter.lastError).toBeNull();
    expect(shot).not.toBeNull();
    if (!shot) return;
    expect([...shot.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const meta = await sharp(shot.png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1280);
    expect(shot.width).toBe(1280);
    expect(meta.height).toBe(shot.height);
    // Something was drawn: dark text on a white page, not an empty canvas.
    const stats = await sharp(shot.png).stats();
    expect(stats.channels[0]?.min).toBeLessThan(100);
    expect(stats.channels[0]?.max).toBe(255);
    // Stylesheet, image, background image and frame were asked for and aborted (the script is not
    // even requested: JavaScript is off); the preconnect opened no socket either.
    expect(shot.blockedRequests).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toEqual([]);
    expect(connections).toBe(0);
    console.info(`screenshot: first shot (with launch) ${ms} ms, ${shot.width}x${shot.height}, ${shot.blockedRequests} blocked`);
  });

  it.skipIf(!hasChromium)('cuts long pages at maxHeight and serialises concurrent shots', async () => {
    requests = [];
    connections = 0;
    const long = capturedPage(origin, '<div style="height: 6000px; background: linear-gradient(#fff, #333)"></div>');
    const short = capturedPage(origin);
    const started = Date.now();
    const [a, b] = await Promise.all([
      shooter.shoot({ html: long, url: 'https://example.org/long', mediaType: 'text/html' }),
      shooter.shoot({ html: short, url: 'http://example.org/short#frag', mediaType: 'text/html; charset=utf-8' }),
    ]);
    const ms = Date.now() - started;
    expect(a?.height).toBe(3000);
    expect(a?.width).toBe(1280);
    expect(b).not.toBeNull();
    expect(b?.height).toBeLessThan(3000);
    expect(requests).toEqual([]);
    expect(connections).toBe(0);
    console.info(`screenshot: two warm shots ${ms} ms (${Math.round(ms / 2)} ms per shot)`);
  });

  it.skipIf(!hasChromium)('renders XHTML served as application/xhtml+xml', async () => {
    const xhtml = new TextEncoder().encode(
      `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body><p>نص XHTML text</p><img src="${origin}/x.png"/></body></html>`,
    );
    const shot = await shooter.shoot({ html: xhtml, url: 'https://example.org/x.xhtml', mediaType: 'application/xhtml+xml' });
    expect(shooter.lastError).toBeNull();
    expect(shot?.width).toBe(1280);
    expect(shot?.blockedRequests).toBeGreaterThanOrEqual(1);
  });

  it('returns null for media that is not HTML, without launching a browser', async () => {
    const s = createScreenshotter({ executablePath: '/nonexistent/chromium' });
    const shot = await s.shoot({ html: new Uint8Array([0xff, 0xd8, 0xff]), url: 'https://example.org/a.jpg', mediaType: 'image/jpeg' });
    expect(shot).toBeNull();
    expect(s.lastError).toMatch(/not an HTML page \(image\/jpeg\)/);
    expect(await s.shoot({ html: new Uint8Array(), url: 'file:///etc/passwd', mediaType: 'text/html' })).toBeNull();
    expect(s.lastError).toMatch(/not an http\(s\) URL/);
    await s.close();
  });

  it('returns null with a reason, never throws, when Chromium cannot start', async () => {
    const s = createScreenshotter({ executablePath: '/nonexistent/chromium', timeoutMs: 2000 });
    const shot = await s.shoot({ html: new TextEncoder().encode('<p>x</p>'), url: 'https://example.org/', mediaType: 'text/html' });
    expect(shot).toBeNull();
    expect(s.lastError).toBeTruthy();
    expect(s.lastError).not.toContain('\n');
    await s.close();
    expect(await s.shoot({ html: new Uint8Array(), url: 'https://example.org/', mediaType: 'text/html' })).toBeNull();
    expect(s.lastError).toBe('screenshotter is closed');
  });
});

describe('screenshotterFor', () => {
  it('is off without an executable or when it does not exist, and launches nothing until the first shot', async () => {
    expect(screenshotterFor(null)).toBeNull();
    expect(screenshotterFor('/nonexistent/chromium')).toBeNull();
    // Any existing file will do: the browser starts lazily.
    const s = screenshotterFor(process.execPath);
    expect(s).not.toBeNull();
    await s?.close();
  });
});

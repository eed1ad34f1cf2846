import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Route } from 'playwright-core';

/**
 * Optional screenshots of preserved web pages, rendered offline from the captured bytes: the
 * document is served to Chromium from memory and every other request (images, stylesheets, fonts,
 * frames, prefetches) is aborted, so looking at a capture never calls out to the platform it came
 * from. JavaScript is off, so the picture is the page as served, not as its scripts rebuild it.
 */

export interface ScreenshotterOptions {
  executablePath: string;
  /** Viewport and image width in CSS pixels (device scale factor 1). Default 1280. */
  width?: number;
  /** Full-page images are cut at this height. Default 8000. */
  maxHeight?: number;
  /** Limit for one shot, from opening the context to the PNG. Default 15000. */
  timeoutMs?: number;
}

export interface ScreenshotPage {
  /** The captured document bytes, exactly as preserved. */
  html: Uint8Array;
  /** The URL it was captured from (http or https): relative links resolve against it. */
  url: string;
  /** The captured Content-Type, e.g. `text/html; charset=utf-8`. */
  mediaType: string;
}

export interface Screenshot {
  png: Uint8Array;
  width: number;
  height: number;
  /** Requests the page tried to make and that were aborted. */
  blockedRequests: number;
}

export interface Screenshotter {
  /** A PNG of the page, or null (never throws) when it is not HTML, fails to render or times out; see `lastError`. */
  shoot(page: ScreenshotPage): Promise<Screenshot | null>;
  /** One-line reason the last shot returned null; null after a successful shot. */
  readonly lastError: string | null;
  /** Lets queued shots finish, then closes the browser. Shots asked for afterwards return null. */
  close(): Promise<void>;
}

// Same switches as the test harness (test/support/browser.ts), plus a resolver that resolves
// nothing: `<link rel=preconnect>` opens sockets below the request layer that routing cannot see,
// and failing every host lookup (IP literals included) keeps those from reaching anyone too.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

const VIEWPORT_HEIGHT = 800;

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** The bare media type (`text/html`), lower-cased, without parameters. */
function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').trim().slice(0, 300) || 'unknown error';
}

function withoutHash(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

export function createScreenshotter(options: ScreenshotterOptions): Screenshotter {
  const width = options.width ?? 1280;
  const maxHeight = options.maxHeight ?? 8000;
  const timeoutMs = options.timeoutMs ?? 15_000;

  let browser: Promise<Browser> | null = null;
  let closed = false;
  let lastError: string | null = null;
  // Shots run one at a time: each waits for the previous one to settle.
  let tail: Promise<unknown> = Promise.resolve();

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const launching = chromium.launch({
        executablePath: options.executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: Math.max(timeoutMs, 30_000),
      });
      browser = launching;
      launching.then(
        (b) => b.on('disconnected', () => { if (browser === launching) browser = null; }),
        () => { if (browser === launching) browser = null; },
      );
    }
    return browser;
  }

  async function render(page: ScreenshotPage, ctx: BrowserContext, counter: { blocked: number }): Promise<Screenshot> {
    const abort = (route: Route): Promise<void> => {
      counter.blocked++;
      return route.abort('blockedbyclient').catch(() => undefined);
    };
    await ctx.route('**/*', abort);
    const tab = await ctx.newPage();
    const target = withoutHash(page.url);
    let served = false;
    // A predicate, not a glob: captured URLs carry `*`, `{`, `?` that globs would read as patterns.
    await tab.route(
      (u) => withoutHash(u.href) === target,
      (route) => {
        const req = route.request();
        if (served || !req.isNavigationRequest() || req.frame() !== tab.mainFrame()) return abort(route);
        served = true;
        return route.fulfill({ status: 200, body: Buffer.from(page.html), contentType: page.mediaType }).catch(() => undefined);
      },
    );
    await tab.goto(page.url, { waitUntil: 'load', timeout: timeoutMs });
    const png = await tab.screenshot({
      type: 'png',
      fullPage: true,
      clip: { x: 0, y: 0, width, height: maxHeight },
      animations: 'disabled',
      caret: 'hide',
      timeout: timeoutMs,
    });
    const size = pngSize(png);
    if (!size) throw new Error('Chromium returned bytes that are not a PNG');
    // A copy: small Buffers can be views into a shared pool.
    return { png: new Uint8Array(png), ...size, blockedRequests: counter.blocked };
  }

  async function shootNow(page: ScreenshotPage): Promise<Screenshot | null> {
    const type = essence(page.mediaType);
    if (!HTML_TYPES.has(type)) return fail(`not an HTML page (${type || 'no media type'})`);
    let protocol: string;
    try {
      protocol = new URL(page.url).protocol;
    } catch {
      return fail(`not a URL: ${page.url.slice(0, 200)}`);
    }
    if (protocol !== 'http:' && protocol !== 'https:') return fail(`not an http(s) URL: ${page.url.slice(0, 200)}`);

    let ctx: BrowserContext | null = null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const b = await getBrowser();
      ctx = await b.newContext({
        javaScriptEnabled: false,
        serviceWorkers: 'block',
        offline: true,
        acceptDownloads: false,
        viewport: { width, height: Math.min(VIEWPORT_HEIGHT, maxHeight) },
        deviceScaleFactor: 1,
      });
      ctx.setDefaultTimeout(timeoutMs);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      const shot = await Promise.race([render(page, ctx, { blocked: 0 }), timeout]);
      lastError = null;
      return shot;
    } catch (err) {
      return fail(oneLine(err));
    } finally {
      clearTimeout(timer);
      // Closing the context also ends a render still running after a timeout.
      await ctx?.close().catch(() => undefined);
    }
  }

  function fail(reason: string): null {
    lastError = reason;
    return null;
  }

  return {
    shoot(page) {
      if (closed) return Promise.resolve(fail('screenshotter is closed'));
      const result = tail.then(() => shootNow(page));
      tail = result.catch(() => undefined);
      return result.catch((err: unknown) => fail(oneLine(err)));
    },
    get lastError() {
      return lastError;
    },
    async close() {
      closed = true;
      await tail;
      const b = browser;
      browser = null;
      if (b) await b.then((x) => x.close()).catch(() => undefined);
    },
  };
}

/**
 * A screenshotter on the configured Chromium (`RASAD_SCREENSHOTS=1`, `RASAD_CHROMIUM`), or null
 * when screenshots are off or the executable is not there (the browser starts on the first shot).
 */
export function screenshotterFor(executablePath: string | null): Screenshotter | null {
  if (!executablePath || !existsSync(executablePath)) return null;
  return createScreenshotter({ executablePath });
}

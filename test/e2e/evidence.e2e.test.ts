import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { type AppContext, openContext } from '../../src/app/context.js';
import { startServer } from '../../src/cli/commands/serve.command.js';
import { fixedClock } from '../../src/core/clock.js';
import { timeOrderedId } from '../../src/core/ids.js';
import { CAPTURE_CSP } from '../../src/server/routes/evidence.routes.js';
import { insertCapture, linkItemCaptures } from '../../src/store/capture.repository.js';
import { recordDiscoveries } from '../../src/store/discovery.repository.js';
import { insertItems } from '../../src/store/item.repository.js';
import { recordEdits } from '../../src/store/item-version.repository.js';
import { insertLivenessChecks, updateItemLiveness } from '../../src/store/liveness.repository.js';
import { recordPoll, watchSource } from '../../src/store/watched-source.repository.js';
import { launchChromium, openWatchedPage } from '../support/browser.js';
import { buildNewItem } from '../support/factories.js';

const SHOTS = process.env.RASAD_SCREENSHOTS ?? null;
const COLLECTED = '2026-11-20T08:05:00.000Z';
const GONE_AT = '2026-11-24T09:00:00.000Z';
const NOW = '2026-11-24T10:00:00.000Z';
const KEY = 'telegram:closed_front/41';
const ORIGINAL = 'نعلن عن دورة تدريبية جديدة للمنتسبين في المعسكر الشمالي.';
const EDITED = 'نعلن عن دورة جديدة.';
// The preserved page carries a script and a tracking pixel: viewing it must run and fetch neither.
const PAGE = '<html><body><script>document.title="ran";fetch("https://t.me/track")</script><img src="https://cdn.example/pixel.gif"><p id="post">post 41</p></body></html>';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');

// The built UI (web/dist) served by the real server over a home with a watched source that went
// gone, a deleted post with its captures, checks and an edit, driven by Chromium.
describe('sources, vanished and evidence in the web UI', () => {
  let ctx: AppContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const ids = { page: '', image: '', watched: '', gone: '' };

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-evidence-e2e-'));
    // "Items in the last day" counts from the server's clock: fix it just after the last collection.
    ctx = await openContext(loadConfig({ RASAD_HOME: home }), { clock: fixedClock(NOW) });
    const db = ctx.db;
    const watch = (handle: string) =>
      watchSource(db, { kind: 'telegram', handle, url: `https://t.me/s/${handle}`, pollIntervalSeconds: 300, followLinks: false, discoveryDepth: 0, discoveredFrom: null }, COLLECTED);
    ids.watched = await watch('desert_bulletin');
    ids.gone = await watch('closed_front');
    const poll = { cursor: null, profile: null, goneChecks: 0, suspectedAt: null, goneAt: null, polledAt: GONE_AT, nextPollAt: '2026-11-25T09:00:00.000Z' };
    await recordPoll(db, ids.watched, { ...poll, success: true, error: null, errorCount: 0, status: 'active', statusReason: null });
    await recordPoll(db, ids.gone, { ...poll, success: false, error: 'x_user_suspended', errorCount: 2, status: 'gone', statusReason: 'x_user_suspended', goneChecks: 2, goneAt: GONE_AT });

    const put = async (bytes: Uint8Array, at: string, mediaType: string, extra: Record<string, unknown>) => {
      const blob = await ctx.blobs.put(bytes);
      const id = timeOrderedId(at);
      await insertCapture(db, { id, sha256: blob.sha256, sizeBytes: blob.sizeBytes, mediaType, storageKey: blob.storageKey, origin: `https://t.me/s/closed_front`, method: 'fetch:telegram-web', capturedAt: at, warcRef: null, timestampToken: null, ...extra });
      return id;
    };
    ids.page = await put(Buffer.from(PAGE), COLLECTED, 'text/html; charset=utf-8', { httpStatus: 200, warcFile: 'rasad-20261120.warc.gz', warcOffset: 1024, warcLength: 900, warcRef: 'rasad-20261120.warc.gz#1024' });
    ids.image = await put(PNG, '2026-11-20T08:05:01.000Z', 'image/png', { method: 'media', httpStatus: 200, timestampToken: 'MIIB', timestampAt: '2026-11-20T08:05:02.000Z', timestampTsa: 'https://tsa.example/tsr' });

    const src = { kind: 'telegram' as const, handle: 'closed_front', title: 'Closed Front' };
    const deleted = buildNewItem(ids.gone, { key: KEY, nativeId: '41', url: 'https://t.me/closed_front/41', text: ORIGINAL, source: src }, { collectedAt: COLLECTED, captureId: ids.page, language: 'ar', script: 'Arab' });
    const other = buildNewItem(ids.watched, { key: 'telegram:desert_bulletin/7', nativeId: '7', text: 'Convoy seen on the northern road.', source: { ...src, handle: 'desert_bulletin' } }, { collectedAt: GONE_AT });
    await insertItems(db, [deleted, other]);
    await linkItemCaptures(db, [{ itemId: deleted.id, captureId: ids.image, role: 'media', url: 'https://cdn.example/photo.png', createdAt: COLLECTED }]);
    await recordEdits(db, [{ itemId: deleted.id, text: EDITED, title: null, editedAt: '2026-11-21T10:00:00.000Z', captureId: null }], '2026-11-21T10:05:00.000Z');
    await insertLivenessChecks(db, [
      { subjectType: 'item', subjectId: deleted.id, checkedAt: '2026-11-23T09:00:00.000Z', verdict: 'gone', reason: 'tg_post_not_found', httpStatus: 200, captureId: null },
      { subjectType: 'item', subjectId: deleted.id, checkedAt: GONE_AT, verdict: 'gone', reason: 'tg_post_not_found', httpStatus: 200, captureId: null },
    ]);
    await updateItemLiveness(db, deleted.id, { liveness: 'gone', reason: 'tg_post_not_found', checkedAt: GONE_AT, goneChecks: 2, suspectedAt: '2026-11-23T09:00:00.000Z', goneAt: GONE_AT, nextCheckAt: null });
    await recordDiscoveries(db, [{ kind: 'telegram', handle: 'sahel_wire', how: 'forward', depth: 1, viaSourceId: ids.watched, viaItemKey: other.draft.key }], GONE_AT);

    server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  function openPage(pathAndQuery = ''): Promise<{ page: Page; external: string[] }> {
    return openWatchedPage(browser, server.url, pathAndQuery, { viewport: { width: 1200, height: 900 }, timeoutMs: 10_000 });
  }

  it('shows the watched sources with their health and the discovery queue, then what vanished, then the evidence of a deleted post', async () => {
    const { page, external } = await openPage();
    await page.getByTestId('sources-link').click();
    await page.waitForURL(/[?&]sources=1/);
    const rows = page.getByTestId('source-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const gone = page.locator(`[data-testid="source-row"][data-source-id="${ids.gone}"]`);
    expect(await gone.getByTestId('source-status').innerText()).toBe('gone');
    expect(await gone.innerText()).toContain('account suspended');
    expect(await page.locator(`[data-testid="source-row"][data-source-id="${ids.watched}"]`).getByTestId('source-items-day').innerText()).toBe('1');
    const discovered = page.locator('[data-testid="discovery-row"][data-handle="sahel_wire"]');
    expect(await discovered.innerText()).toContain('forward');
    expect(await page.getByTestId('discovery-note').innerText()).toContain('CLI');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-sources.png'), fullPage: true });

    await page.getByTestId('vanished-link').click();
    await page.waitForURL(/[?&]vanished=1/);
    const item = page.locator(`[data-testid="vanished-item"][data-key="${KEY}"]`);
    await item.waitFor();
    expect(await item.getByTestId('vanished-reason').innerText()).toBe('post not found on Telegram');
    expect(await page.getByTestId('vanished-source').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-vanished.png'), fullPage: true });

    // The item opens over the list, with its evidence.
    await item.getByTestId('vanished-open').click();
    await page.waitForURL(/[?&]item=/);
    const panel = page.getByTestId('evidence-panel');
    const liveness = panel.getByTestId('evidence-liveness');
    await liveness.waitFor();
    expect(await liveness.getAttribute('data-state')).toBe('gone');
    expect(await panel.getByTestId('evidence-check').count()).toBe(2);
    const captures = panel.getByTestId('capture');
    expect(await captures.count()).toBe(2);
    const pageCapture = panel.locator(`[data-testid="capture"][data-capture-id="${ids.page}"]`);
    expect(await pageCapture.getByTestId('capture-warc').innerText()).toBe('rasad-20261120.warc.gz#1024');
    expect(await pageCapture.getByTestId('capture-timestamp').innerText()).toBe('no trusted timestamp');
    expect(await pageCapture.getByTestId('capture-sha256').getAttribute('title')).toMatch(/^SHA-256 [0-9a-f]{64}$/);
    expect(await pageCapture.getByTestId('capture-view').getAttribute('href')).toBe(`/api/captures/${ids.page}/content`);
    expect(await pageCapture.getByTestId('capture-view').getAttribute('target')).toBe('_blank');
    const image = panel.locator(`[data-testid="capture"][data-capture-id="${ids.image}"]`);
    expect(await image.getByTestId('capture-timestamp').innerText()).toContain('tsa.example');
    // The image is blurred until the analyst asks.
    expect(await image.locator('.media-hidden img').count()).toBe(1);
    // The edit beside the original, both right to left.
    const versions = panel.getByTestId('version-text');
    expect(await versions.allInnerTexts()).toEqual([ORIGINAL, EDITED]);
    expect(await versions.nth(1).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    if (SHOTS) await panel.screenshot({ path: path.join(SHOTS, 'rasad-evidence.png') });
    expect(external).toEqual([]);
    await page.close();
  });

  it('opens a preserved copy sandboxed: no script runs, nothing leaves the server', async () => {
    const { page, external } = await openPage();
    // Chromium reports the pixel as a request, then fails it before it reaches the network.
    const blocked: string[] = [];
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText === 'csp') blocked.push(r.url());
    });
    const response = await page.goto(`${server.url}api/captures/${ids.page}/content`);
    expect(response?.headers()['content-security-policy']).toBe(CAPTURE_CSP);
    expect(await page.locator('#post').innerText()).toBe('post 41');
    expect(await page.title()).not.toBe('ran');
    await page.waitForLoadState('load');
    expect(blocked).toEqual(['https://cdn.example/pixel.gif']);
    expect(external.filter((u) => !blocked.includes(u))).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { type AppContext, openContext } from '../../src/app/context.js';
import { eventDetail, eventViews, type EventView } from '../../src/app/events.service.js';
import { startServer } from '../../src/cli/commands/serve.command.js';
import { launchChromium, openWatchedPage } from '../support/browser.js';
import { runCli } from '../support/cli.js';

const SHOTS = process.env.RASAD_SCREENSHOTS ?? null;
const DEMO = path.resolve(import.meta.dirname, '../../demo/scenario');
// The demo's training offer: posted on Telegram first, then copied, forwarded and reported elsewhere.
const OFFER = 'telegram:c1302716485/3326';

// The built UI (web/dist) served by the real server over the imported demo scenario (import
// groups the items into events), driven by Chromium.
describe('events in the web UI', () => {
  let ctx: AppContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let events: EventView[] = [];

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-events-e2e-'));
    const imported = await runCli(['import', DEMO], { RASAD_HOME: home });
    expect(imported.code, imported.stderr).toBe(0);
    ctx = await openContext(loadConfig({ RASAD_HOME: home }));
    events = (await eventViews(ctx.db, { limit: 100, offset: 0 })).events;
    expect(events.length).toBeGreaterThanOrEqual(2);
    server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  // Every page load is watched: viewing preserved material must not call out to platforms or CDNs.
  function openPage(pathAndQuery = ''): Promise<{ page: Page; external: string[] }> {
    return openWatchedPage(browser, server.url, pathAndQuery, { viewport: { width: 1100, height: 900 }, timeoutMs: 10_000 });
  }

  it('lists the events and opens one: the first item with why, then the timeline, origin first', async () => {
    const offer = await eventDetail(ctx.db, OFFER);
    const { page, external } = await openPage();
    await page.getByTestId('item-card').first().waitFor();
    await page.getByTestId('events-link').click();
    await page.waitForURL(/[?&]events=1/);
    const rows = page.getByTestId('event-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(events.length);
    expect(await page.getByTestId('event-count').innerText()).toBe(`${events.length} events`);

    const row = page.locator(`[data-testid="event-row"][data-event-id="${offer.id}"]`);
    expect(await row.getByTestId('event-counts').innerText()).toBe(
      `${offer.members.length} items · ${offer.sources} independent source${offer.sources === 1 ? '' : 's'}`,
    );
    expect(await row.getByTestId('lang-badge').allInnerTexts()).toEqual(offer.languages.map((l) => l.toUpperCase()));
    if (offer.threat) expect(await row.getByTestId('severity-badge').innerText()).toMatch(new RegExp(`${offer.threat.score}$`));
    expect(await row.innerText()).toContain(OFFER);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-events-list.png'), fullPage: true });

    await row.getByTestId('event-link').click();
    await page.waitForURL(new RegExp(`[?&]event=${offer.id}`));
    const detail = page.locator(`[data-testid="event-page"][data-event-id="${offer.id}"]`);
    await detail.waitFor();
    expect(await detail.getByTestId('event-first').getAttribute('data-key')).toBe(OFFER);
    expect(await detail.getByTestId('event-why').innerText()).toBe(offer.first?.why);
    expect(await detail.getByTestId('event-confidence').innerText()).toMatch(/^confidence \d+%$/);

    const entries = detail.getByTestId('timeline-entry');
    expect(await entries.count()).toBe(offer.timeline.length);
    const origin = entries.first();
    expect(await origin.getAttribute('data-key')).toBe(OFFER);
    expect(await origin.getAttribute('data-relation')).toBe('origin');
    expect(await origin.getAttribute('class')).toContain('is-origin');
    expect(await origin.getByTestId('relation-badge').innerText()).toBe('origin');
    // The Arabic original reads right to left.
    expect(await origin.getByTestId('timeline-text').evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // Every other member says what it is, what it was linked to and why.
    const second = offer.timeline[1];
    if (second) {
      const entry = detail.locator(`[data-testid="timeline-entry"][data-key="${second.key}"]`);
      expect(await entry.getByTestId('relation-badge').innerText()).toBe(second.relation);
      if (second.linked_to) expect(await entry.getByTestId('timeline-link').innerText()).toContain(second.linked_to);
    }
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-event.png'), fullPage: true });

    // The view is in the address: a reload shows the same event.
    await page.reload();
    await page.locator(`[data-testid="event-page"][data-event-id="${offer.id}"]`).getByTestId('timeline-entry').first().waitFor();
    expect(external).toEqual([]);
    await page.close();
  });

  it('collapses duplicates in the item list (collapse=1) and opens the event from a card badge', async () => {
    const offer = await eventDetail(ctx.db, OFFER);
    const { page, external } = await openPage();
    const cards = page.getByTestId('item-card');
    await cards.first().waitFor();
    const all = await cards.count();
    const member = offer.members.find((k) => k !== OFFER) ?? '';
    await page.locator(`[data-testid="item-card"][data-key="${member}"]`).waitFor();

    const collapsed = page.waitForRequest((r) => r.url().includes('/api/items?') && r.url().includes('collapse=1'));
    await page.getByTestId('collapse-events').check();
    await collapsed;
    await page.waitForURL(/[?&]collapse=1/);
    await page.locator(`[data-testid="item-card"][data-key="${member}"]`).waitFor({ state: 'detached' });
    const hidden = events.reduce((n, e) => n + e.members.length - 1, 0);
    expect(await cards.count()).toBe(all - hidden);
    const first = page.locator(`[data-testid="item-card"][data-key="${OFFER}"]`);
    const badge = first.getByTestId('event-badge');
    expect(await badge.innerText()).toBe(`event · ${offer.members.length} items`);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-events-collapsed.png') });

    // The toggle survives a reload…
    await page.reload();
    await page.locator(`[data-testid="item-card"][data-key="${OFFER}"]`).waitFor();
    expect(await page.getByTestId('collapse-events').isChecked()).toBe(true);
    expect(await cards.count()).toBe(all - hidden);
    // …and the badge opens the event.
    await page.locator(`[data-testid="item-card"][data-key="${OFFER}"]`).getByTestId('event-badge').click();
    await page.waitForURL(new RegExp(`[?&]event=${offer.id}`));
    await page.locator(`[data-testid="event-page"][data-event-id="${offer.id}"]`).waitFor();
    expect(external).toEqual([]);
    await page.close();
  });

  it('splits selected members off with a reason, and shows errors inline', async () => {
    // The smallest event that keeps two members after one is split off.
    const target = [...events].filter((e) => e.members.length >= 3).sort((a, b) => a.members.length - b.members.length)[0];
    expect(target).toBeDefined();
    if (!target) return;
    const before = await eventDetail(ctx.db, target.id);
    const last = before.timeline[before.timeline.length - 1]?.key ?? '';
    const { page, external } = await openPage(`?event=${encodeURIComponent(target.id)}`);
    const detail = page.locator(`[data-testid="event-page"][data-event-id="${target.id}"]`);
    await detail.getByTestId('timeline-entry').first().waitFor();

    // A merge with an event that does not exist: the server's refusal is shown in place.
    await detail.getByTestId('merge-with').fill('ev-000000000000');
    await detail.getByTestId('merge-reason').fill('same happening');
    await detail.getByTestId('merge-submit').click();
    expect(await detail.getByTestId('merge-error').innerText()).toContain('ev-000000000000');

    // Nothing selected, then no reason: refused before anything is posted.
    await detail.getByTestId('split-submit').click();
    expect(await detail.getByTestId('split-error').innerText()).toBe('Select the items to split off.');
    await detail.locator(`[data-testid="timeline-entry"][data-key="${last}"]`).getByTestId('timeline-select').check();
    expect(await detail.getByTestId('split-count').innerText()).toBe('1 item selected');
    await detail.getByTestId('split-submit').click();
    expect(await detail.getByTestId('split-error').innerText()).toBe('A reason is required.');

    await detail.getByTestId('event-analyst').fill('محلل-٢');
    await detail.getByTestId('split-reason').fill('A later post about something else.');
    await detail.getByTestId('split-submit').click();
    expect(await detail.getByTestId('split-done').innerText()).toMatch(/^Split off 1 item/);
    await detail.locator(`[data-testid="timeline-entry"][data-key="${last}"]`).waitFor({ state: 'detached' });
    expect(await detail.getByTestId('timeline-entry').count()).toBe(before.timeline.length - 1);
    expect(await detail.getByTestId('event-counts').innerText()).toMatch(new RegExp(`^${before.timeline.length - 1} items`));
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-event-split.png'), fullPage: true });

    const after = await eventDetail(ctx.db, target.id);
    expect(after.members).not.toContain(last);
    expect(after.members).toHaveLength(before.members.length - 1);
    expect(external).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWatchedPage } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { type AppContext, openContext } from '../../src/app/context.js';
import { startServer } from '../../src/cli/commands/serve.command.js';
import { type ActorRecord, saveActor, saveAffiliation } from '../../src/store/actor.repository.js';
import { type MentionRecord, replaceMentions } from '../../src/store/analysis.repository.js';
import { insertItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import { normalize } from '../../src/text/normalize.js';
import { markSegments } from '../../web/src/text.js';
import { buildNewItem } from '../support/factories.js';

const SHOTS = process.env.RASAD_SCREENSHOTS ?? null;
const NOW = '2026-11-24T10:00:00.000Z';

// Invented actors and posts. "كتائب" inside the group's name is also a glossary term, so a
// glossed term sits inside a mention; "الشهيد" is glossed outside any mention.
const AR_TEXT = 'أعلنت كتائب الفجر الجديد أن القائد أبو سالم الحديدي نعى الشهيد في بيان.\nوقالت إن مقاتليها مستعدون.';
const EN_TEXT = 'Kataib al-Fajr al-Jadid (KFJ) claimed a drone strike, according to a channel close to Abu Salim al-Hadidi.';

function alias(actorId: string, name: string, kind: string, script: string | null, source = 'analyst note 2026-11') {
  return { id: `${actorId}:${name}`, alias: name, normalized: normalize(name), script, kind, source, confidence: 1 };
}

const GROUP: ActorRecord = {
  id: 'actor-fajr',
  kind: 'group',
  canonicalName: 'Kataib al-Fajr al-Jadid',
  description: 'Invented armed group used by the end-to-end tests.',
  aliases: [
    alias('actor-fajr', 'Kataib al-Fajr al-Jadid', 'primary', null),
    alias('actor-fajr', 'كتائب الفجر الجديد', 'native', 'Arab'),
    alias('actor-fajr', 'KFJ', 'acronym', null),
    alias('actor-fajr', 'New Dawn Brigades', 'calque', null),
  ],
  designations: [{ list: 'ofac', reference: '90001', listedOn: '2024-05-01' }],
};
const PERSON: ActorRecord = {
  id: 'actor-hadidi',
  kind: 'person',
  canonicalName: 'Abu Salim al-Hadidi',
  description: null,
  aliases: [
    alias('actor-hadidi', 'Abu Salim al-Hadidi', 'primary', null),
    alias('actor-hadidi', 'أبو سالم الحديدي', 'kunya', 'Arab'),
    alias('actor-hadidi', 'al-Hadidi', 'nisba', null),
  ],
  designations: [{ list: 'un', reference: 'QDi.990', listedOn: null }],
};
const OLD_GROUP: ActorRecord = {
  id: 'actor-fajr-old',
  kind: 'group',
  canonicalName: 'Fajr Companies',
  description: null,
  aliases: [alias('actor-fajr-old', 'Fajr Companies', 'former_name', null)],
  designations: [],
};

function mention(itemId: string, text: string, actorId: string, matched: string, score: number): MentionRecord {
  const start = text.indexOf(matched);
  if (start < 0) throw new Error(`fixture: ${matched} not in text`);
  return { id: `${itemId}:${actorId}:${start}`, itemId, actorId, matchedText: matched, spanStart: start, spanEnd: start + matched.length, score, method: 'alias', stageVersion: 'actors@1' };
}

describe('markSegments (mentions and glosses in one text)', () => {
  const text = 'aa Kataib Fajr bb';
  const gloss = (start: number, end: number) => ({ start, end, text: text.slice(start, end), id: `g${start}` });
  const m = (start: number, end: number) => ({ start, end, matched: text.slice(start, end), score: 0.9 });

  it('nests a gloss inside a mention and keeps the text intact', () => {
    const segs = markSegments(text, [gloss(3, 9)], [m(3, 14)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.map((s) => [s.text, s.gloss?.id ?? null, s.mention ? 'M' : null])).toEqual([
      ['aa ', null, null],
      ['Kataib', 'g3', 'M'],
      [' Fajr', null, 'M'],
      [' bb', null, null],
    ]);
  });

  it('leaves a gloss straddling a mention edge unmarked, and drops stale or overlapping mentions', () => {
    const segs = markSegments(text, [gloss(10, 17)], [m(3, 14), m(5, 9), { start: 0, end: 2, matched: 'zz', score: 1 }, m(15, 99)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.gloss !== null)).toEqual([]);
    expect(segs.filter((s) => s.mention !== null).map((s) => s.text)).toEqual(['Kataib Fajr']);
  });
});

// The built UI (web/dist) served by the real server over a seeded registry, driven by Chromium.
describe('actor pages and mention highlights in the web UI', () => {
  let ctx: AppContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const keys = { ar: '', en: '', plain: '' };

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-actors-e2e-'));
    ctx = await openContext(loadConfig({ RASAD_HOME: home }));
    const db = ctx.db;
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const ar = buildNewItem(sourceId, { nativeId: 'act-ar', text: AR_TEXT, publishedAt: '2024-06-02T08:00:00.000Z' }, { language: 'ar', script: 'Arab' });
    const en = buildNewItem(sourceId, { nativeId: 'act-en', text: EN_TEXT, publishedAt: '2024-06-01T08:00:00.000Z' }, { language: 'en', script: 'Latn' });
    const plain = buildNewItem(sourceId, { nativeId: 'act-plain', text: 'A post that names nobody.', publishedAt: '2024-06-03T08:00:00.000Z' }, { language: 'en', script: 'Latn' });
    keys.ar = ar.draft.key;
    keys.en = en.draft.key;
    keys.plain = plain.draft.key;
    await insertItems(db, [ar, en, plain]);
    for (const actor of [GROUP, PERSON, OLD_GROUP]) await saveActor(db, actor, NOW);
    await db.kysely.updateTable('actors').set({ mergedInto: GROUP.id }).where('id', '=', OLD_GROUP.id).execute();
    await saveAffiliation(db, { personId: PERSON.id, groupId: GROUP.id, role: 'commander', source: 'analyst note 2026-11' });
    await replaceMentions(db, ar.id, [mention(ar.id, AR_TEXT, GROUP.id, 'كتائب الفجر الجديد', 0.97), mention(ar.id, AR_TEXT, PERSON.id, 'أبو سالم الحديدي', 0.93)]);
    await replaceMentions(db, en.id, [
      mention(en.id, EN_TEXT, GROUP.id, 'Kataib al-Fajr al-Jadid', 0.98),
      mention(en.id, EN_TEXT, PERSON.id, 'Abu Salim al-Hadidi', 0.91),
    ]);
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
    return openWatchedPage(browser, server.url, pathAndQuery, { viewport: { width: 1100, height: 900 } });
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `rasad-actors-${name}.png`), fullPage: true });
  }

  it('highlights mentions in Arabic text beside the glosses, and a click opens the actor page', async () => {
    const { page, external } = await openPage();
    const card = page.locator(`[data-testid="item-card"][data-key="${keys.ar}"]`);
    await card.waitFor();
    const text = card.getByTestId('item-text');
    // Marking changes nothing in the text itself nor its direction.
    expect(await text.innerText()).toBe(AR_TEXT);
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const marks = text.getByTestId('mention');
    expect(await marks.count()).toBe(2);
    expect(await marks.nth(0).getAttribute('data-actor-id')).toBe(GROUP.id);
    expect(await marks.nth(0).innerText()).toBe('كتائب الفجر الجديد');
    expect(await marks.nth(0).getAttribute('title')).toBe('Kataib al-Fajr al-Jadid · score 0.97');
    expect(await marks.nth(1).getAttribute('title')).toContain('Abu Salim al-Hadidi');
    // The glossed term inside the group's name keeps its popover and does not navigate.
    const nested = marks.nth(0).getByTestId('gloss-term');
    expect(await nested.innerText()).toBe('كتائب');
    expect(await text.getByTestId('gloss-term').count()).toBeGreaterThanOrEqual(3);
    await nested.click();
    await card.getByTestId('gloss-popover').waitFor({ state: 'visible' });
    expect(page.url()).not.toContain('actor=');
    expect(await card.getByTestId('mention-list').innerText()).toContain('Abu Salim al-Hadidi');
    await shot(page, 'item-card');

    await marks.nth(1).click({ position: { x: 6, y: 6 } });
    const actorPage = page.getByTestId('actor-page');
    await page.getByTestId('actor-name').waitFor();
    expect(page.url()).toContain(`actor=${PERSON.id}`);
    expect(await page.getByTestId('actor-name').innerText()).toBe('Abu Salim al-Hadidi');
    expect(await actorPage.getByTestId('actor-designation').allInnerTexts()).toEqual(['un:QDi.990']);
    const arabic = actorPage.locator('[data-testid="actor-alias"][data-script="Arab"]');
    expect(await arabic.count()).toBe(1);
    expect(await arabic.locator('.alias-name').getAttribute('dir')).toBe('rtl');
    expect(await arabic.innerText()).toContain('أبو سالم الحديدي');
    expect(await arabic.innerText()).toContain('Abu Salim al-Hadidi');
    expect(await actorPage.locator('[data-testid="actor-alias"][data-script="Latn"]').count()).toBe(2);
    const affiliation = actorPage.getByTestId('actor-affiliation');
    expect(await affiliation.innerText()).toMatch(/Member of\s+Kataib al-Fajr al-Jadid.*commander/);
    const items = actorPage.getByTestId('actor-items');
    expect(await items.getByTestId('item-card').count()).toBe(2);
    expect(await items.getByTestId('item-card').first().getAttribute('data-key')).toBe(keys.ar);
    await shot(page, 'person');

    // The affiliation leads to the group, which lists its member and the merged record.
    await affiliation.getByRole('link', { name: 'Kataib al-Fajr al-Jadid' }).click();
    await page.waitForURL(new RegExp(`actor=${GROUP.id}$`));
    await page.locator(`[data-testid="actor-page"][data-actor-id="${GROUP.id}"]`).waitFor();
    expect(await page.getByTestId('actor-name').innerText()).toBe('Kataib al-Fajr al-Jadid');
    expect(await page.getByTestId('actor-designation').allInnerTexts()).toEqual(['ofac:90001']);
    expect(await page.locator('[data-testid="actor-alias"][data-script="Arab"]').innerText()).toContain('كتائب الفجر الجديد');
    expect(await page.locator('[data-testid="actor-alias"][data-script="Latn"]').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('KFJ'), expect.stringContaining('Fajr Companies')]),
    );
    expect(await page.getByTestId('actor-affiliation').innerText()).toContain('Abu Salim al-Hadidi');
    expect(await page.getByTestId('actor-items').getByTestId('item-card').count()).toBe(2);
    await shot(page, 'group');

    // A merged record says where it went and links there.
    await page.getByTestId('actor-merged-from').getByRole('link', { name: 'Fajr Companies' }).click();
    const banner = page.getByTestId('actor-merged');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Merged into Kataib al-Fajr al-Jadid');
    await banner.getByRole('link').click();
    await page.locator(`[data-testid="actor-page"][data-actor-id="${GROUP.id}"]`).waitFor();

    // Back returns through the pages visited, to the list.
    await page.goBack();
    await page.getByTestId('actor-merged').waitFor();
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await page.locator(`[data-testid="item-card"][data-key="${keys.plain}"]`).waitFor();
    expect(external).toEqual([]);
    await page.close();
  });

  it('marks Latin mentions in search results and in the item panel, which opens the actor', async () => {
    const { page, external } = await openPage(`?q=${encodeURIComponent('drone strike')}`);
    const card = page.locator(`[data-testid="item-card"][data-key="${keys.en}"]`);
    await card.waitFor();
    expect(await card.getByTestId('item-snippet').locator('mark').count()).toBeGreaterThan(0);
    expect(await card.getByTestId('item-text').getByTestId('mention').allInnerTexts()).toEqual(['Kataib al-Fajr al-Jadid', 'Abu Salim al-Hadidi']);
    expect(await card.getByTestId('item-text').innerText()).toBe(EN_TEXT);

    await card.getByRole('link', { name: 'Details' }).click();
    const detail = page.locator('dialog.detail');
    await detail.getByTestId('detail-text').getByTestId('mention').first().waitFor();
    expect(await detail.getByTestId('detail-mentions').innerText()).toContain('score 0.98');
    await detail.getByTestId('detail-text').getByTestId('mention').first().click();
    await page.locator(`[data-testid="actor-page"][data-actor-id="${GROUP.id}"]`).waitFor();
    expect(await page.locator('dialog.detail').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(external).toEqual([]);
    await page.close();
  });

  it('lists actors from the header link, filtered in any script', async () => {
    const { page, external } = await openPage();
    await page.getByTestId('actors-link').click();
    const list = page.getByTestId('actor-list');
    await list.waitFor();
    expect(page.url()).toContain('actors=1');
    // Merged records are folded into their survivor.
    expect(await list.getByTestId('actor-row').count()).toBe(2);
    // Most mentioned first (two each here), then by name.
    expect(await list.getByTestId('actor-row').first().getAttribute('data-actor-id')).toBe(PERSON.id);
    expect(await list.locator(`[data-testid="actor-row"][data-actor-id="${GROUP.id}"]`).innerText()).toMatch(/Kataib al-Fajr al-Jadid.*ofac:90001.*4 aliases.*2 mentions/s);
    await shot(page, 'index');

    await page.getByTestId('actor-filter').fill('الحديدي');
    await page.waitForURL(/aq=/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="actor-row"]').length === 1);
    expect(await list.getByTestId('actor-row').innerText()).toContain('Abu Salim al-Hadidi');
    await page.getByTestId('actor-filter').fill('nobody at all');
    await page.getByText('No actor has a name or alias containing this.').waitFor();

    // An unknown actor id says so.
    await page.goto(`${server.url}?actor=no-such-actor`);
    expect(await page.getByRole('alert').innerText()).toContain('no actor with id no-such-actor');
    expect(external).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWatchedPage } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threatRecord } from '../../src/analyze/threat.stage.js';
import { loadConfig } from '../../src/app/config.js';
import { type AppContext, openContext } from '../../src/app/context.js';
import { startServer } from '../../src/cli/commands/serve.command.js';
import { saveActor } from '../../src/store/actor.repository.js';
import { replaceMentions, saveThreat } from '../../src/store/analysis.repository.js';
import { insertItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import { normalize } from '../../src/text/normalize.js';
import { evidenceMarks, evidenceTitle, toThreat } from '../../web/src/threat-view.js';
import { buildNewItem } from '../support/factories.js';
import { AR_OFFER_TEXT, arOfferAssessment, EN_REPORT_TEXT, enReportAssessment } from '../support/threat-fixtures.js';

const SHOTS = process.env.RASAD_SCREENSHOTS ?? null;
const NOW = '2026-11-24T10:00:00.000Z';

describe('evidenceMarks (threat evidence over the text)', () => {
  const text = 'We will strike the embassy';
  const threat = (evidence: Array<[number, number, string]>, reported: Array<[number, number, string]> = []) =>
    toThreat({
      score: 60,
      severity: 'high',
      is_threat: true,
      stance: 'original',
      categories: [{ label: 'threat', score: 0.8, evidence: evidence.map(([start, end, rule]) => ({ start, end, text: text.slice(start, end), rule })) }],
      reported: [{ label: 'claim', score: 0.5, evidence: reported.map(([start, end, rule]) => ({ start, end, text: text.slice(start, end), rule, gloss: 'claim' })) }],
      targets: [],
      reasons: [],
    });

  it('cuts overlapping spans into non-overlapping marks that name every rule covering them', () => {
    const marks = evidenceMarks(text, threat([[0, 14, 'a'], [8, 26, 'b']]));
    expect(marks.map((m) => [text.slice(m.start, m.end), m.notes.map((n) => n.rule)])).toEqual([
      ['We will ', ['a']],
      ['strike', ['a', 'b']],
      [' the embassy', ['b']],
    ]);
  });

  it('merges adjacent pieces with the same evidence, drops stale spans and keeps reported ones apart', () => {
    const marks = evidenceMarks(text, threat([[0, 2, 'a'], [2, 7, 'a'], [20, 99, 'x']], [[8, 14, 'r']]));
    expect(marks.map((m) => [m.start, m.end])).toEqual([
      [0, 7],
      [8, 14],
    ]);
    expect(evidenceTitle(marks[1]?.notes ?? [])).toBe('reports claim · r · “claim”');
    expect(evidenceMarks(text, null)).toEqual([]);
  });
});

// The built UI (web/dist) served by the real server over seeded items with assessments, driven by Chromium.
describe('threat panel, evidence highlights and review in the web UI', () => {
  let ctx: AppContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const keys = { offer: '', report: '' };

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-threat-e2e-'));
    ctx = await openContext(loadConfig({ RASAD_HOME: home }));
    const db = ctx.db;
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const offer = buildNewItem(sourceId, { nativeId: 'thr-offer', text: AR_OFFER_TEXT, publishedAt: '2024-06-02T08:00:00.000Z' }, { language: 'ar', script: 'Arab' });
    const report = buildNewItem(sourceId, { nativeId: 'thr-report', text: EN_REPORT_TEXT, publishedAt: '2024-06-01T08:00:00.000Z' }, { language: 'en', script: 'Latn' });
    keys.offer = offer.draft.key;
    keys.report = report.draft.key;
    await insertItems(db, [offer, report]);
    await saveThreat(db, threatRecord(offer.id, arOfferAssessment(), NOW));
    await saveThreat(db, threatRecord(report.id, enReportAssessment(), NOW));
    // An actor named in the offer, so evidence, mentions and glosses meet in one text.
    const group = 'سرايا الفجر';
    await saveActor(
      db,
      {
        id: 'actor-fajr',
        kind: 'group',
        canonicalName: 'Saraya al-Fajr',
        description: null,
        aliases: [{ id: 'fajr-1', alias: group, normalized: normalize(group), script: 'Arab', kind: 'native', source: 'test', confidence: 1 }],
        designations: [],
      },
      NOW,
    );
    const at = AR_OFFER_TEXT.indexOf(group);
    await replaceMentions(db, offer.id, [{ id: 'm1', itemId: offer.id, actorId: 'actor-fajr', matchedText: group, spanStart: at, spanEnd: at + group.length, score: 0.95, method: 'alias', stageVersion: 'actors@1' }]);
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

  it('badges threats in the list, highlights the evidence in the text and explains it in the panel', async () => {
    const { page, external } = await openPage();
    const offerCard = page.locator(`[data-testid="item-card"][data-key="${keys.offer}"]`);
    await offerCard.waitFor();
    expect(await offerCard.getByTestId('severity-badge').textContent()).toBe('high 73');
    expect(await page.locator(`[data-testid="item-card"][data-key="${keys.report}"]`).getByTestId('severity-badge').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-threat-list.png') });

    await offerCard.getByRole('link', { name: 'Details' }).click();
    const detail = page.locator('dialog.detail');
    const panel = detail.getByTestId('threat-panel');
    await panel.waitFor();
    const text = detail.getByTestId('detail-text');
    await text.getByTestId('threat-evidence').first().waitFor();
    // Marking changes nothing in the text itself nor its direction.
    expect(await text.innerText()).toBe(AR_OFFER_TEXT);
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const marks = text.getByTestId('threat-evidence');
    expect(await marks.allInnerTexts()).toEqual(['استعدادهم', 'لتدريب', 'حركات التحرر', 'أمريكا']);
    const training = marks.nth(1);
    expect(await training.getAttribute('data-rule')).toBe('ar.support_offer.offer_beneficiary');
    expect(await training.getAttribute('title')).toBe('support_offer · ar.support_offer.offer_beneficiary · “training”');
    expect(await text.getByTestId('mention').innerText()).toBe('سرايا الفجر');

    expect(await panel.getByTestId('severity-badge').textContent()).toBe('high 73');
    expect(await panel.getByTestId('threat-verdict').innerText()).toBe('Threat');
    expect(await panel.getByTestId('threat-stance').innerText()).toContain('original');
    const category = panel.locator('[data-testid="threat-category"][data-label="support_offer"]');
    expect(await category.innerText()).toMatch(/support offer 0\.85/);
    expect(await category.innerText()).toContain('— training');
    expect(await panel.getByTestId('threat-targets').innerText()).toMatch(/country\s+United States/i);
    expect(await panel.getByTestId('threat-labels').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-threat-offer.png'), fullPage: true });
    expect(external).toEqual([]);
    await page.close();
  });

  it('narrows the list to threats with the "Threats only" filter, kept in the address', async () => {
    const { page } = await openPage();
    await page.locator(`[data-testid="item-card"][data-key="${keys.report}"]`).waitFor();
    await page.getByTestId('threats-only').check();
    await page.waitForURL(/threats=1/);
    await page.locator(`[data-testid="item-card"][data-key="${keys.offer}"]`).waitFor();
    await page.locator(`[data-testid="item-card"][data-key="${keys.report}"]`).waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="item-card"]').count()).toBe(1);
    await page.close();
  });

  it('shows a reported threat muted, with the stance and the words behind it', async () => {
    const { page, external } = await openPage(`?item=${encodeURIComponent(keys.report)}`);
    const panel = page.locator('dialog.detail').getByTestId('threat-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('threat-verdict').innerText()).toBe('Not a threat');
    expect(await panel.getByTestId('threat-stance').innerText()).toContain('reporting — ‘said’');
    const reported = panel.getByTestId('threat-reported');
    expect(await reported.innerText()).toMatch(/^reports: threat 0\.80/);
    expect(await reported.evaluate((el) => getComputedStyle(el).color)).not.toBe(await panel.evaluate((el) => getComputedStyle(el).color));
    const marks = page.locator('dialog.detail').getByTestId('detail-text').getByTestId('threat-evidence');
    expect(await marks.allInnerTexts()).toEqual(['will strike', 'the embassy']);
    expect(await marks.first().getAttribute('class')).toContain('is-reported');
    expect(external).toEqual([]);
    await page.close();
  });

  it('submits a correction with a reason and shows the saved label', async () => {
    const { page, external } = await openPage(`?item=${encodeURIComponent(keys.offer)}`);
    const form = page.locator('dialog.detail').getByTestId('threat-review-form');
    await form.waitFor();
    await form.getByTestId('review-correct').check();
    // A reason is required before anything is posted.
    await form.getByTestId('review-is-threat').uncheck();
    await form.getByTestId('review-stance').selectOption('quoting');
    await form.getByTestId('review-reason').fill('  ');
    await form.getByTestId('review-submit').click();
    expect(await form.getByTestId('review-error').innerText()).toBe('A reason is required.');
    expect(await form.locator('[data-testid="review-category"]:checked').count()).toBe(0);
    // …and a post that is not a threat cannot keep the assessment's severity "high".
    expect(await form.getByTestId('review-severity').inputValue()).toBe('');

    await form.getByTestId('review-reason').fill('The channel quotes a statement it attributes to another group.');
    await form.getByTestId('review-analyst').fill('محلل-١');
    await form.getByTestId('review-submit').click();
    const label = page.locator('dialog.detail').getByTestId('threat-label').first();
    await label.waitFor();
    expect(await label.getAttribute('data-verdict')).toBe('correct');
    expect(await label.innerText()).toContain('محلل-١');
    expect(await label.innerText()).toContain('not a threat · stance quoting');
    expect(await label.innerText()).toContain('The channel quotes a statement');

    const api = (await (await fetch(`${server.url}api/items/${encodeURIComponent(keys.offer)}/threat`)).json()) as {
      labels: Array<{ verdict: string; is_threat: boolean; stance: string; categories: string[]; analyst: string; assessed: { score: number } }>;
    };
    expect(api.labels[0]).toMatchObject({ verdict: 'correct', is_threat: false, stance: 'quoting', categories: [], analyst: 'محلل-١', assessed: { score: 73 } });

    // The label is there after a reload too, and the panel still shows the stage's assessment.
    await page.reload();
    await page.locator('dialog.detail').getByTestId('threat-label').first().waitFor();
    expect(await page.locator('dialog.detail').getByTestId('threat-verdict').innerText()).toBe('Threat');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'rasad-threat-review.png'), fullPage: true });
    expect(external).toEqual([]);
    await page.close();
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openWatchedPage } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { type AppContext, openContext } from '../../src/app/context.js';
import { startServer } from '../../src/cli/commands/serve.command.js';
import { type MockEngine, sendJson, startMockEngine } from '../../src/analyze/translate/mock-engine.test-support.js';
import { runCli } from '../support/cli.js';

const DEMO = path.resolve(import.meta.dirname, '../../demo/scenario');

// The built UI (web/dist) served by the real server over a demo home, driven by Debian's Chromium.
describe('web UI', () => {
  let ctx: AppContext;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  let engine: MockEngine;

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-e2e-'));
    // A loopback OpenAI-style engine translates the Telegram channel's posts; the rest stay glossed only.
    engine = await startMockEngine();
    engine.respond((req, res) => {
      const body = req.json as { model: string; messages: Array<{ role: string; content: string }> };
      const text = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const content = text.includes('المستشارون') ? 'The security advisers of the Islamic Resistance announce their readiness…' : 'A translated post.';
      sendJson(res, 200, { model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }] });
    });
    const env = { RASAD_HOME: home, RASAD_TRANSLATE_ENGINE: 'openai-compatible', RASAD_TRANSLATE_URL: engine.url, RASAD_TRANSLATE_MODEL: 'mock-mt-1' };
    const imported = await runCli(['import', path.join(DEMO, 'telegram')], env);
    expect(imported.code, imported.stderr).toBe(0);
    const rest = await runCli(['import', DEMO], { RASAD_HOME: home });
    expect(rest.code, rest.stderr).toBe(0);
    ctx = await openContext(loadConfig(env));
    server = await startServer(ctx, { port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
    await engine?.close();
  });

  it('lists items newest first, searches in Arabic and shows Arabic right to left', async () => {
    const { page, external } = await openWatchedPage(browser, server.url);
    await page.getByTestId('item-card').first().waitFor();
    expect(await page.getByTestId('item-card').count()).toBeGreaterThan(10);

    await page.getByTestId('search-input').fill('المستشارونَ الأمنيّونَ');
    await page.getByTestId('search-submit').click();
    const offer = page.locator('[data-testid="item-card"][data-key="telegram:c1302716485/3326"]');
    await offer.waitFor();
    const text = offer.getByTestId('item-text');
    expect(await text.getAttribute('dir')).toBe('rtl');
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await offer.getByTestId('lang-badge').innerText()).toMatch(/AR/i);
    expect(page.url()).toContain('q=');
    // The machine translation sits beside the original, left to right, with its provenance…
    const translation = offer.getByTestId('translation-text');
    expect(await translation.innerText()).toContain('security advisers');
    expect(await translation.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await offer.getByTestId('translation-provenance').innerText()).toContain('mock-mt-1');
    // …and key terms of the original are glossed in English.
    expect(await offer.getByTestId('gloss-term').count()).toBeGreaterThan(2);
    expect(await offer.getByTestId('gloss-list').innerText()).toMatch(/training/i);
    // Viewing preserved material must not call out to platforms or CDNs.
    expect(external).toEqual([]);
    await page.close();
  });

  it('serves the API with OpenAPI docs and a health check', async () => {
    const health = (await (await fetch(`${server.url}health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const spec = (await (await fetch(`${server.url}docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/items', '/api/search', '/api/items/{key}']));
    const bad = await fetch(`${server.url}api/search?q=`);
    expect(bad.status).toBe(400);
    const missing = await fetch(`${server.url}api/items/${encodeURIComponent('x:0')}`);
    expect(missing.status).toBe(404);
  });
});

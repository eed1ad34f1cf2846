import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreTranslateTranslator } from './libretranslate.translator.js';
import { answerLater, caught, type MockEngine, sendJson, sendRaw, startMockEngine } from './mock-engine.test-support.js';

const key = 'lt-key-0b41d9-SECRET';
const arabic = 'يقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد';
const english = 'The security advisers of the Islamic Resistance stand ready';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(async () => {
  await engine.close();
});

const translator = (overrides: { key?: string | null; timeoutMs?: number } = {}) =>
  libreTranslateTranslator({ url: `${engine.url}/`, key: overrides.key === undefined ? key : overrides.key, timeoutMs: overrides.timeoutMs ?? 2000 });
const translate = (t = translator(), source = 'ar') => t.translate({ text: arabic, source, target: 'en' });

describe('libretranslate translator (loopback LibreTranslate server)', () => {
  it('posts q/source/target/format/api_key to /translate and returns translatedText', async () => {
    engine.respond((req, res) => {
      if (req.method !== 'POST' || req.path !== '/translate') return sendJson(res, 404, { error: 'Not Found' });
      sendJson(res, 200, { translatedText: english });
    });
    const before = engine.requests.length;

    const result = await translate();

    expect(result).toEqual({ text: english, engine: 'libretranslate', model: null, detectedSource: null });
    const req = engine.requests[before];
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.json).toEqual({ q: arabic, source: 'ar', target: 'en', format: 'text', api_key: key });
  });

  it('reports the language LibreTranslate detected for source auto, and sends no api_key without a key', async () => {
    engine.respond((req, res) => sendJson(res, 200, { detectedLanguage: { confidence: 92, language: 'ar' }, translatedText: english }));
    const before = engine.requests.length;

    const result = await translate(translator({ key: null }), 'auto');

    expect(result.detectedSource).toBe('ar');
    expect(engine.requests[before]?.json).toEqual({ q: arabic, source: 'auto', target: 'en', format: 'text' });
  });

  it('classifies 429 as rate_limited with the Retry-After date turned into seconds', async () => {
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    engine.respond((_req, res) => sendJson(res, 429, { error: 'Slowdown: 30 per 1 minute' }, { 'retry-after': inOneMinute }));
    const error = await caught(translate());
    expect(error.kind).toBe('rate_limited');
    expect(error.message).toContain('Slowdown');
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('classifies 500 as server', async () => {
    engine.respond((_req, res) => sendJson(res, 500, { error: 'Cannot translate text: argostranslate failed' }));
    expect((await caught(translate())).kind).toBe('server');
  });

  it('times out on a slow server', async () => {
    engine.respond((_req, res) => answerLater(res, 1000, () => sendJson(res, 200, { translatedText: english })));
    expect((await caught(translate(translator({ timeoutMs: 100 })))).kind).toBe('timeout');
  });

  it('rejects an HTML page and an answer without translatedText as bad_response', async () => {
    engine.respond((_req, res) => sendRaw(res, 200, '<!doctype html><title>LibreTranslate</title>'));
    expect((await caught(translate())).kind).toBe('bad_response');
    engine.respond((_req, res) => sendJson(res, 200, { translation: english }));
    expect((await caught(translate())).kind).toBe('bad_response');
  });

  it('classifies 403 (invalid key) as auth without repeating the key', async () => {
    engine.respond((req, res) => {
      const sent = (req.json as { api_key?: string } | undefined)?.api_key ?? '';
      sendJson(res, 403, { error: `Invalid API key: ${sent}` });
    });
    const error = await caught(translate());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Invalid API key');
    expect(error.message).not.toContain(key);
  });

  it('turns "language not supported" into a non-retryable unsupported', async () => {
    engine.respond((_req, res) => sendJson(res, 400, { error: 'ps is not supported' }));
    const error = await caught(translate(translator(), 'ps'));
    expect(error.kind).toBe('unsupported');
    expect(error.retryable).toBe(false);
  });
});

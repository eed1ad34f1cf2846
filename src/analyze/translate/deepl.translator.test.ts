import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deeplTranslator } from './deepl.translator.js';
import { answerLater, caught, type MockEngine, sendJson, sendRaw, startMockEngine } from './mock-engine.test-support.js';

const key = '3f9c1a7e-5b2d-4e8f-9a6c-0d1e2f3a4b5c:fx';
const arabic = 'أعلنت الفصائل المسلحة تعليق عملياتها';
const english = 'The armed factions announced the suspension of their operations';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(async () => {
  await engine.close();
});

const translator = (timeoutMs = 2000) => deeplTranslator({ url: engine.url, key, timeoutMs });
const translate = (t = translator(), source = 'ar', target = 'en') => t.translate({ text: arabic, source, target });

describe('deepl translator (loopback DeepL server)', () => {
  it('posts text/target_lang/source_lang to /v2/translate with the DeepL-Auth-Key header', async () => {
    engine.respond((req, res) => {
      if (req.method !== 'POST' || req.path !== '/v2/translate') return sendJson(res, 404, { message: 'Not found' });
      if (req.headers.authorization !== `DeepL-Auth-Key ${key}`) return sendJson(res, 403, { message: 'Wrong auth key' });
      sendJson(res, 200, { translations: [{ detected_source_language: 'AR', text: english }] });
    });
    const before = engine.requests.length;

    const result = await translate();

    expect(result).toEqual({ text: english, engine: 'deepl', model: null, detectedSource: 'ar' });
    expect(engine.requests[before]?.headers['content-type']).toBe('application/json');
    expect(engine.requests[before]?.json).toEqual({ text: [arabic], target_lang: 'EN-US', source_lang: 'AR' });
  });

  it('leaves source_lang out for auto so DeepL detects it', async () => {
    engine.respond((_req, res) => sendJson(res, 200, { translations: [{ detected_source_language: 'AR', text: english }] }));
    const before = engine.requests.length;
    await translate(translator(), 'auto');
    expect(engine.requests[before]?.json).toEqual({ text: [arabic], target_lang: 'EN-US' });
  });

  it.each(['ur', 'ps', 'fa'])('refuses source %s as unsupported without calling DeepL', async (source) => {
    const before = engine.requests.length;
    const error = await caught(translate(translator(), source));
    expect(error.kind).toBe('unsupported');
    expect(error.retryable).toBe(false);
    expect(engine.requests.length).toBe(before);
  });

  it('classifies 456 (quota exceeded) as rate_limited', async () => {
    engine.respond((_req, res) => sendJson(res, 456, { message: 'Quota exceeded' }));
    const error = await caught(translate());
    expect(error.kind).toBe('rate_limited');
    expect(error.details.status).toBe(456);
  });

  it('classifies 429 as rate_limited with Retry-After', async () => {
    engine.respond((_req, res) => sendJson(res, 429, { message: 'Too many requests' }, { 'retry-after': '3' }));
    const error = await caught(translate());
    expect(error.kind).toBe('rate_limited');
    expect(error.details.retryAfterSeconds).toBe(3);
  });

  it('classifies 503 as server', async () => {
    engine.respond((_req, res) => sendJson(res, 503, { message: 'Service unavailable' }));
    expect((await caught(translate())).kind).toBe('server');
  });

  it('times out on a slow server', async () => {
    engine.respond((_req, res) => answerLater(res, 1000, () => sendJson(res, 200, { translations: [{ text: english }] })));
    expect((await caught(translate(translator(100)))).kind).toBe('timeout');
  });

  it('rejects an HTML page and an empty translations list as bad_response', async () => {
    engine.respond((_req, res) => sendRaw(res, 200, '<html>maintenance</html>'));
    expect((await caught(translate())).kind).toBe('bad_response');
    engine.respond((_req, res) => sendJson(res, 200, { translations: [] }));
    expect((await caught(translate())).kind).toBe('bad_response');
  });

  it('classifies 403 as auth without repeating the key', async () => {
    engine.respond((req, res) => sendJson(res, 403, { message: `Authorization failed for ${req.headers.authorization ?? ''}` }));
    const error = await caught(translate());
    expect(error.kind).toBe('auth');
    expect(error.message).toContain('Authorization failed');
    expect(error.message).not.toContain(key);
  });
});

import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerLater, caught, type MockEngine, sendJson, sendRaw, startMockEngine } from './mock-engine.test-support.js';
import { chatCompletionsUrl, cleanModelOutput, openAiCompatibleTranslator } from './openai-compatible.translator.js';

const key = 'sk-test-7f3a9c2e-SECRET';
const model = 'qwen2.5-7b-instruct';
const arabic = 'قال أبو علي العسكري إن المستشارين مستعدون #العراق';
const english = 'Abu Ali al-Askari said the advisers are ready #العراق';

const completion = (content: unknown, finishReason = 'stop') => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model,
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
  usage: { prompt_tokens: 120, completion_tokens: 14, total_tokens: 134 },
});

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(async () => {
  await engine.close();
});

const translator = (overrides: { key?: string | null; timeoutMs?: number; url?: string } = {}) =>
  openAiCompatibleTranslator({ url: overrides.url ?? `${engine.url}/v1`, model, key: overrides.key === undefined ? key : overrides.key, timeoutMs: overrides.timeoutMs ?? 2000 });
const translate = (t = translator(), text = arabic) => t.translate({ text, source: 'ar', target: 'en' });

describe('openai-compatible translator (loopback chat completions server)', () => {
  it('sends a faithful-translation prompt and returns the answer with its provenance', async () => {
    engine.respond((req, res) => {
      if (req.method !== 'POST' || req.path !== '/v1/chat/completions') return sendJson(res, 404, { error: { message: 'not found' } });
      sendJson(res, 200, completion(english));
    });
    const before = engine.requests.length;

    const result = await translate();

    expect(result).toEqual({ text: english, engine: 'openai-compatible', model, detectedSource: null });
    const req = engine.requests[before];
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.headers.authorization).toBe(`Bearer ${key}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.json).toMatchObject({ model, temperature: 0, messages: [{ role: 'system' }, { role: 'user', content: arabic }] });
    const prompt = JSON.stringify(req?.json);
    for (const phrase of ['from Arabic into English', 'literally', 'kunyas', 'hashtags', 'quotation marks', 'censor', 'Output only the translation']) {
      expect(prompt).toContain(phrase);
    }
  });

  it('adds /v1 to a bare base URL and sends no Authorization without a key', async () => {
    engine.respond((req, res) => sendJson(res, req.path === '/v1/chat/completions' ? 200 : 404, completion(english)));
    const before = engine.requests.length;

    await translate(translator({ url: `${engine.url}/`, key: null }));

    expect(engine.requests[before]?.path).toBe('/v1/chat/completions');
    expect(engine.requests[before]?.headers.authorization).toBeUndefined();
  });

  it('strips quotes and code fences the model wraps its answer in', async () => {
    engine.respond((_req, res) => sendJson(res, 200, completion('```text\n"Abu Ali al-Askari said the advisers are ready #العراق"\n```')));
    expect((await translate()).text).toBe(english);
  });

  it('classifies 429 as rate_limited with Retry-After seconds', async () => {
    engine.respond((_req, res) => sendJson(res, 429, { error: { message: 'Rate limit reached', type: 'requests' } }, { 'retry-after': '7' }));
    const error = await caught(translate());
    expect(error.kind).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ status: 429, retryAfterSeconds: 7 });
  });

  it('classifies 500 as a retryable server error', async () => {
    engine.respond((_req, res) => sendJson(res, 500, { error: { message: 'CUDA out of memory' } }));
    const error = await caught(translate());
    expect(error.kind).toBe('server');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('CUDA out of memory');
  });

  it('gives up after the timeout when the model is slow', async () => {
    engine.respond((_req, res) => answerLater(res, 1000, () => sendJson(res, 200, completion(english))));
    const started = performance.now();
    const error = await caught(translate(translator({ timeoutMs: 100 })));
    expect(error.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it.each([
    ['an HTML page', (res: ServerResponse) => sendRaw(res, 200, '<html><body>Bad Gateway</body></html>')],
    ['no choices', (res: ServerResponse) => sendJson(res, 200, { id: 'x', choices: [] })],
    ['null content', (res: ServerResponse) => sendJson(res, 200, completion(null))],
    ['empty content', (res: ServerResponse) => sendJson(res, 200, completion('  '))],
    ['a cut-off answer', (res: ServerResponse) => sendJson(res, 200, completion('Abu Ali al-Askari said', 'length'))],
  ])('rejects %s as bad_response', async (_label, answer) => {
    engine.respond((_req, res) => answer(res));
    expect((await caught(translate())).kind).toBe('bad_response');
  });

  it('classifies 401 as auth and never repeats the key, even when the server echoes it', async () => {
    engine.respond((req, res) => sendJson(res, 401, { error: { message: `Incorrect API key provided: ${req.headers.authorization ?? ''}` } }));
    const error = await caught(translate());
    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Incorrect API key');
    expect(error.message).not.toContain(key);
  });

  it('reports other 4xx as bad_response with the server message', async () => {
    engine.respond((_req, res) => sendJson(res, 404, { error: { message: `The model '${model}' does not exist` } }));
    const error = await caught(translate());
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('does not exist');
  });
});

describe('chatCompletionsUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://localhost:11434/v1', 'http://localhost:11434/v1/chat/completions'],
    ['https://api.groq.com/openai/v1/', 'https://api.groq.com/openai/v1/chat/completions'],
    ['http://vllm:8000/v1/chat/completions', 'http://vllm:8000/v1/chat/completions'],
  ])('%s → %s', (base, url) => {
    expect(chatCompletionsUrl(base)).toBe(url);
  });
});

describe('cleanModelOutput', () => {
  it('drops a reasoning block before the answer', () => {
    expect(cleanModelOutput('<think>The user wants…</think>\n\nThe advisers are ready', 'المستشارون مستعدون')).toBe('The advisers are ready');
  });

  it('keeps quotes the original post had', () => {
    expect(cleanModelOutput('«The advisers are ready»', '«المستشارون مستعدون»')).toBe('«The advisers are ready»');
  });

  it('keeps two separate quotations', () => {
    expect(cleanModelOutput('"Victory" and "patience"', 'النصر والصبر')).toBe('"Victory" and "patience"');
  });
});

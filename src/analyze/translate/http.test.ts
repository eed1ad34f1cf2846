import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/translator.js';
import { parseRetryAfter, postJson } from './http.js';
import { caught, type MockEngine, sendJson, startMockEngine } from './mock-engine.test-support.js';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(async () => {
  await engine.close();
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('postJson', () => {
  it('classifies a refused connection as network, naming the socket error', async () => {
    const port = await closedPort();
    const error = await caught(postJson(`http://127.0.0.1:${port}/translate`, {}, { timeoutMs: 2000 }));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('times out when the server sends headers and then stalls the body', async () => {
    engine.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"translatedText": "par');
    });
    expect((await caught(postJson(`${engine.url}/translate`, {}, { timeoutMs: 150 }))).kind).toBe('timeout');
  });

  it('rethrows the caller’s own abort instead of calling it a timeout', async () => {
    engine.respond(() => undefined);
    const controller = new AbortController();
    const call = postJson(`${engine.url}/translate`, {}, { timeoutMs: 5000, signal: controller.signal });
    const shutdown = new Error('shutting down');
    controller.abort(shutdown);
    await expect(call).rejects.toBe(shutdown);
  });

  it('does not follow a redirect (it would carry the key elsewhere) and calls it a config error', async () => {
    engine.respond((_req, res) => {
      res.writeHead(301, { location: 'https://elsewhere.example/translate' });
      res.end();
    });
    const error = await caught(postJson(`${engine.url}/translate`, {}, { timeoutMs: 2000 }));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('https://elsewhere.example/translate');
  });

  it('clips long server messages to 200 characters and redacts secrets', async () => {
    engine.respond((_req, res) => sendJson(res, 400, { error: `bad key s3cr3t ${'x'.repeat(500)}` }));
    const error = await caught(postJson(`${engine.url}/translate`, {}, { timeoutMs: 2000, secrets: ['s3cr3t'] }));
    expect(error.kind).toBe('bad_response');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).toContain('[redacted]');
    expect(error.message.length).toBeLessThan(300);
  });

  it('lets an engine classify its own statuses', async () => {
    engine.respond((_req, res) => sendJson(res, 456, { message: 'Quota exceeded' }));
    const error = await caught(postJson(`${engine.url}/v2/translate`, {}, { timeoutMs: 2000, statusKinds: { 456: 'rate_limited' } }));
    expect(error).toBeInstanceOf(TranslationError);
    expect(error.kind).toBe('rate_limited');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Sat, 01 Mar 2025 12:01:30 GMT', 90],
    ['Sat, 01 Mar 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('%s → %s', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
});

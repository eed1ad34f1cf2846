import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchError, headerValue } from '../../core/fetcher.js';
import type { FetchErrorCode, HeaderList } from '../../core/fetcher.js';
import { createSafeFetcher } from './safe-fetcher.js';
import type { Resolver, SafeFetcherOptions } from './safe-fetcher.js';

interface TestServer {
  port: number;
  url: string;
  /** Requests seen, with their raw header lines and body. */
  seen: Array<{ method: string; url: string; headers: HeaderList; body: Buffer }>;
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<TestServer> {
  const seen: TestServer['seen'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: HeaderList = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers, body });
      handler(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}`, seen };
}

const base: SafeFetcherOptions = { userAgent: 'RasadTest/1.0', allow: ['127.0.0.1'], maxBytes: 1024 * 1024, timeoutMs: 2000 };

/** Every name under .test resolves to 127.0.0.1 (nothing under .test exists in real DNS). */
const testLookup: Resolver = (hostname) =>
  hostname.endsWith('.test') ? Promise.resolve([{ address: '127.0.0.1', family: 4 }]) : Promise.reject(new Error(`no such host ${hostname}`));

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

async function expectCode(promise: Promise<unknown>, code: FetchErrorCode): Promise<FetchError> {
  const error = await fetchError(promise);
  expect(error.code).toBe(code);
  expect(error.message).not.toMatch(/\n/);
  return error;
}

describe('createSafeFetcher', () => {
  it('returns a 200 exchange with the header lines as sent and received', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, 'OK', [
        ['X-First', 'one'],
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['x-second', 'two'],
      ]);
      res.end('hello');
    });
    const fetcher = createSafeFetcher(base);
    const ex = await fetcher.fetch({
      url: `${s.url}/page?q=1#frag`,
      headers: { Accept: 'text/html', 'User-Agent': 'spoofed', Cookie: 'a=b', Host: 'evil.example' },
    });

    expect(ex.url).toBe(`${s.url}/page?q=1#frag`);
    expect(ex.finalUrl).toBe(`${s.url}/page?q=1`);
    expect(ex.status).toBe(200);
    expect(ex.statusText).toBe('OK');
    expect(ex.httpVersion).toBe('1.1');
    expect(ex.redirects).toEqual([]);
    expect(Buffer.from(ex.body).toString()).toBe('hello');
    expect(Buffer.from(ex.rawBody).toString()).toBe('hello');
    expect(ex.remoteAddress).toBe('127.0.0.1');
    expect(new Date(ex.startedAt).toISOString()).toBe(ex.startedAt);
    expect(ex.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(ex.headers.filter(([k]) => k.toLowerCase().startsWith('x-'))).toEqual([
      ['X-First', 'one'],
      ['x-second', 'two'],
    ]);

    // What the server received is exactly what the exchange says was sent.
    const seen = s.seen[0];
    expect(seen?.url).toBe('/page?q=1');
    expect(ex.request.method).toBe('GET');
    expect(ex.request.url).toBe(`${s.url}/page?q=1`);
    expect(ex.request.headers).toEqual(seen?.headers);
    expect(ex.request.headers.slice(0, 3)).toEqual([
      ['Host', `127.0.0.1:${s.port}`],
      ['User-Agent', 'RasadTest/1.0'],
      ['Accept-Encoding', 'gzip, deflate, br'],
    ]);
    expect(headerValue(ex.request.headers, 'accept')).toBe('text/html');
    expect(headerValue(ex.request.headers, 'cookie')).toBeUndefined();
    expect(ex.request.headers.filter(([k]) => k.toLowerCase() === 'user-agent')).toHaveLength(1);
    expect(ex.request.headers.filter(([k]) => k.toLowerCase() === 'host')).toHaveLength(1);
    expect(ex.request.body).toBeUndefined();
    // Small bodies are not views into Node's shared buffer pool.
    expect(ex.body.byteOffset).toBe(0);
    expect(ex.body.buffer.byteLength).toBe(5);
    expect(ex.rawBody.buffer.byteLength).toBe(5);
  });

  it('decodes gzip, deflate (wrapped and raw) and br; rawBody keeps the bytes as sent', async () => {
    const text = 'evidence '.repeat(500);
    const encoded: Record<string, Buffer> = {
      gzip: zlib.gzipSync(text),
      deflate: zlib.deflateSync(text),
      'raw-deflate': zlib.deflateRawSync(text),
      br: zlib.brotliCompressSync(text),
      'gzip-then-br': zlib.brotliCompressSync(zlib.gzipSync(text)),
    };
    const s = await serve((req, res) => {
      const name = (req.url ?? '/').slice(1);
      const coding = name === 'raw-deflate' ? 'deflate' : name === 'gzip-then-br' ? 'gzip, br' : name;
      res.writeHead(200, { 'Content-Encoding': coding, 'Content-Type': 'text/plain' });
      res.end(encoded[name]);
    });
    const fetcher = createSafeFetcher(base);
    for (const name of Object.keys(encoded)) {
      const ex = await fetcher.fetch({ url: `${s.url}/${name}` });
      expect(Buffer.from(ex.body).toString(), name).toBe(text);
      expect(Buffer.from(ex.rawBody).equals(encoded[name] ?? Buffer.alloc(0)), name).toBe(true);
    }
  });

  it('follows a redirect chain (relative and absolute Locations) and records each hop', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(302, { Location: 'b?x=1' }).end('moved');
      else if (req.url === '/b?x=1') res.writeHead(301, { Location: `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}/c` }).end();
      else if (req.url === '/c') res.writeHead(308, { Location: '/final' }).end();
      else res.writeHead(200).end('done');
    });
    const ex = await createSafeFetcher(base).fetch({ url: `${s.url}/a` });
    expect(ex.status).toBe(200);
    expect(Buffer.from(ex.body).toString()).toBe('done');
    expect(ex.finalUrl).toBe(`${s.url}/final`);
    expect(ex.request.url).toBe(`${s.url}/final`);
    expect(ex.redirects.map((h) => [h.url, h.status, h.location])).toEqual([
      [`${s.url}/a`, 302, `${s.url}/b?x=1`],
      [`${s.url}/b?x=1`, 301, `${s.url}/c`],
      [`${s.url}/c`, 308, `${s.url}/final`],
    ]);
    expect(headerValue(ex.redirects[0]?.headers ?? [], 'location')).toBe('b?x=1');
    expect(s.seen.map((r) => r.url)).toEqual(['/a', '/b?x=1', '/c', '/final']);
  });

  it('fails with too_many_redirects past the limit, and returns the 3xx itself with maxRedirects 0', async () => {
    const s = await serve((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { Location: `/${n + 1}` }).end('again');
    });
    const fetcher = createSafeFetcher({ ...base, maxRedirects: 3 });
    await expectCode(fetcher.fetch({ url: `${s.url}/0` }), 'too_many_redirects');
    expect(s.seen.map((r) => r.url)).toEqual(['/0', '/1', '/2', '/3']);

    await expectCode(fetcher.fetch({ url: `${s.url}/0`, maxRedirects: 1 }), 'too_many_redirects');

    const ex = await fetcher.fetch({ url: `${s.url}/0`, maxRedirects: 0 });
    expect(ex.status).toBe(302);
    expect(headerValue(ex.headers, 'location')).toBe('/1');
    expect(Buffer.from(ex.body).toString()).toBe('again');
    expect(ex.redirects).toEqual([]);
  });

  it('refuses a redirect to a name that resolves to a refused address', async () => {
    const second = await serve((_req, res) => res.end('internal'));
    const first = await serve((_req, res) => res.writeHead(302, { Location: `http://second.test:${second.port}/secret` }).end());
    const fetcher = createSafeFetcher({ ...base, allow: ['first.test'], lookup: testLookup });

    const direct = await fetcher.fetch({ url: `http://first.test:${first.port}/`, maxRedirects: 0 });
    expect(direct.status).toBe(302);
    expect(direct.remoteAddress).toBe('127.0.0.1');

    const error = await expectCode(fetcher.fetch({ url: `http://first.test:${first.port}/` }), 'refused_address');
    expect(error.message).toContain('127.0.0.1');
    expect(error.url).toBe(`http://first.test:${first.port}/`);
    expect(second.seen).toHaveLength(0);
  });

  it('refuses a public-looking name that rebinds to loopback before connecting', async () => {
    const s = await serve((_req, res) => res.end('internal'));
    const fetcher = createSafeFetcher({ ...base, allow: [], lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]) });
    await expectCode(fetcher.fetch({ url: `http://news.example.org:${s.port}/` }), 'refused_address');
    const mapped = createSafeFetcher({ ...base, allow: [], lookup: () => Promise.resolve([{ address: '::ffff:127.0.0.1', family: 6 }]) });
    await expectCode(mapped.fetch({ url: `http://news.example.org:${s.port}/` }), 'refused_address');
    expect(s.seen).toHaveLength(0);
  });

  it('connects only to the allowed addresses when a name resolves to several', async () => {
    const s = await serve((_req, res) => res.end('ok'));
    const fetcher = createSafeFetcher({
      ...base,
      allow: ['127.0.0.1'],
      lookup: () =>
        Promise.resolve([
          { address: '10.1.2.3', family: 4 },
          { address: '127.0.0.1', family: 4 },
        ]),
    });
    const ex = await fetcher.fetch({ url: `http://mixed.example:${s.port}/` });
    expect(ex.remoteAddress).toBe('127.0.0.1');
  });

  it('refuses loopback without an allow list, before any request is sent', async () => {
    const s = await serve((_req, res) => res.end('internal'));
    const fetcher = createSafeFetcher({ ...base, allow: [] });
    await expectCode(fetcher.fetch({ url: `${s.url}/` }), 'refused_address');
    await expectCode(fetcher.fetch({ url: `http://[::1]:${s.port}/` }), 'refused_address');
    await expectCode(fetcher.fetch({ url: `http://[::ffff:127.0.0.1]:${s.port}/` }), 'refused_address');
    await expectCode(fetcher.fetch({ url: `http://2130706433:${s.port}/` }), 'refused_address');
    expect(s.seen).toHaveLength(0);
  });

  it('refuses schemes other than http and https, and bad URLs', async () => {
    const fetcher = createSafeFetcher(base);
    await expectCode(fetcher.fetch({ url: 'file:///etc/passwd' }), 'bad_url');
    await expectCode(fetcher.fetch({ url: 'ftp://example.org/x' }), 'bad_url');
    await expectCode(fetcher.fetch({ url: 'not a url' }), 'bad_url');
    const s = await serve((_req, res) => res.writeHead(302, { Location: 'file:///etc/passwd' }).end());
    await expectCode(fetcher.fetch({ url: `${s.url}/` }), 'bad_url');
  });

  it('fails with too_large when Content-Length announces more than the cap', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(2 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
      // Never finishes: the fetcher must give up on the announcement alone.
    });
    const started = Date.now();
    await expectCode(createSafeFetcher(base).fetch({ url: `${s.url}/` }), 'too_large');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails with too_large as soon as a chunked body passes the cap, with a per-request override', async () => {
    let serverSawClose = false;
    const s = await serve((_req, res) => {
      res.on('close', () => (serverSawClose = true));
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(16 * 1024, 1);
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || sent > 100) {
          clearInterval(timer);
          return;
        }
        res.write(chunk);
        sent++;
      }, 1);
    });
    const fetcher = createSafeFetcher(base);
    const error = await expectCode(fetcher.fetch({ url: `${s.url}/`, maxBytes: 40 * 1024 }), 'too_large');
    expect(error.message).toContain(String(40 * 1024));
    await new Promise((r) => setTimeout(r, 50));
    expect(serverSawClose).toBe(true);
  });

  it('fails with too_large on a gzip bomb (the cap applies to the decoded size)', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.byteLength) });
      res.end(bomb);
    });
    await expectCode(createSafeFetcher(base).fetch({ url: `${s.url}/` }), 'too_large');
  });

  it('fails with timeout on a server that trickles bytes, and closes the socket', async () => {
    let serverSawClose = false;
    const s = await serve((_req, res) => {
      res.on('close', () => (serverSawClose = true));
      res.writeHead(200, { 'Content-Length': '1000' });
      const timer = setInterval(() => {
        if (res.destroyed) clearInterval(timer);
        else res.write('x');
      }, 20);
    });
    const started = Date.now();
    const error = await expectCode(createSafeFetcher(base).fetch({ url: `${s.url}/`, timeoutMs: 300 }), 'timeout');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
    expect(error.message).toContain(s.url);
    await new Promise((r) => setTimeout(r, 50));
    expect(serverSawClose).toBe(true);
  });

  it('returns 429, 404 and 500 as exchanges', async () => {
    const s = await serve((req, res) => {
      const status = Number((req.url ?? '/500').slice(1));
      res.writeHead(status, status === 429 ? { 'Retry-After': '30' } : {}).end(`status ${status}`);
    });
    const fetcher = createSafeFetcher(base);
    const ex = await fetcher.fetch({ url: `${s.url}/429` });
    expect(ex.status).toBe(429);
    expect(ex.statusText).toBe('Too Many Requests');
    expect(headerValue(ex.headers, 'retry-after')).toBe('30');
    expect(Buffer.from(ex.body).toString()).toBe('status 429');
    expect((await fetcher.fetch({ url: `${s.url}/404` })).status).toBe(404);
    expect((await fetcher.fetch({ url: `${s.url}/500` })).status).toBe(500);
  });

  it('never sends a cookie it was given (Set-Cookie is recorded, not stored)', async () => {
    const s = await serve((req, res) => {
      if (req.url === '/login') res.writeHead(302, { 'Set-Cookie': 'session=abc; Path=/', Location: '/home' }).end();
      else res.writeHead(200, { 'Set-Cookie': 'other=1' }).end('home');
    });
    const fetcher = createSafeFetcher(base);
    const first = await fetcher.fetch({ url: `${s.url}/login` });
    expect(headerValue(first.redirects[0]?.headers ?? [], 'set-cookie')).toBe('session=abc; Path=/');
    expect(headerValue(first.headers, 'set-cookie')).toBe('other=1');
    await fetcher.fetch({ url: `${s.url}/home` });
    expect(s.seen).toHaveLength(3);
    for (const r of s.seen) expect(headerValue(r.headers, 'cookie')).toBeUndefined();
  });

  it('sends a POST body, keeps it through 307 and turns it into a GET on 303', async () => {
    const s = await serve((req, res, body) => {
      if (req.url === '/post') res.end(`${req.method ?? ''} ${body.toString()}`);
      else if (req.url === '/307') res.writeHead(307, { Location: '/post' }).end();
      else if (req.url === '/303') res.writeHead(303, { Location: '/post' }).end();
      else res.writeHead(404).end();
    });
    const fetcher = createSafeFetcher(base);
    const payload = new TextEncoder().encode('{"q":"x"}');
    const headers = { 'Content-Type': 'application/json' };

    const direct = await fetcher.fetch({ url: `${s.url}/post`, method: 'POST', body: payload, headers });
    expect(Buffer.from(direct.body).toString()).toBe('POST {"q":"x"}');
    expect(direct.request.method).toBe('POST');
    expect(Buffer.from(direct.request.body ?? []).toString()).toBe('{"q":"x"}');
    expect(headerValue(direct.request.headers, 'content-length')).toBe(String(payload.byteLength));
    expect(direct.request.headers).toEqual(s.seen[0]?.headers);

    const kept = await fetcher.fetch({ url: `${s.url}/307`, method: 'POST', body: payload, headers });
    expect(Buffer.from(kept.body).toString()).toBe('POST {"q":"x"}');

    const seeOther = await fetcher.fetch({ url: `${s.url}/303`, method: 'POST', body: payload, headers });
    expect(Buffer.from(seeOther.body).toString()).toBe('GET ');
    expect(seeOther.request.method).toBe('GET');
    expect(seeOther.request.body).toBeUndefined();
    const last = s.seen[s.seen.length - 1];
    expect(headerValue(last?.headers ?? [], 'content-type')).toBeUndefined();
    expect(headerValue(last?.headers ?? [], 'content-length')).toBeUndefined();
  });

  it('does not carry Authorization to another origin on redirect', async () => {
    const other = await serve((_req, res) => res.end('other'));
    const s = await serve((req, res) => {
      if (req.url === '/same') res.writeHead(302, { Location: '/end' }).end();
      else if (req.url === '/cross') res.writeHead(302, { Location: `${other.url}/end` }).end();
      else res.end('end');
    });
    const fetcher = createSafeFetcher(base);
    await fetcher.fetch({ url: `${s.url}/same`, headers: { Authorization: 'Bearer t' } });
    expect(headerValue(s.seen[1]?.headers ?? [], 'authorization')).toBe('Bearer t');
    await fetcher.fetch({ url: `${s.url}/cross`, headers: { Authorization: 'Bearer t' } });
    expect(headerValue(other.seen[0]?.headers ?? [], 'authorization')).toBeUndefined();
  });

  it('sends HEAD without reading a body, even when Content-Length is over the cap', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'Content-Length': String(50 * 1024 * 1024) }).end());
    const ex = await createSafeFetcher(base).fetch({ url: `${s.url}/`, method: 'HEAD' });
    expect(ex.status).toBe(200);
    expect(ex.body.byteLength).toBe(0);
    expect(s.seen[0]?.method).toBe('HEAD');
  });

  it('reports network errors as FetchError network naming the URL', async () => {
    const s = await serve((req) => req.socket.destroy());
    const fetcher = createSafeFetcher(base);
    const dropped = await expectCode(fetcher.fetch({ url: `${s.url}/drop` }), 'network');
    expect(dropped.message).toContain(`${s.url}/drop`);

    const closed = await serve(() => undefined);
    servers.pop()?.close();
    await new Promise((r) => setTimeout(r, 20));
    const refused = await expectCode(fetcher.fetch({ url: `${closed.url}/` }), 'network');
    expect(refused.message).toContain(closed.url);
    expect(refused.message).toMatch(/ECONNREFUSED/);

    const unknown = createSafeFetcher({ ...base, lookup: testLookup });
    await expectCode(unknown.fetch({ url: 'http://nowhere.invalid/' }), 'network');
  });
});

import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import type { ClientRequest, IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchError, headerValue } from '../../core/fetcher.js';
import type { Fetcher, FetchRequest, HeaderList, HttpExchange, RedirectHop } from '../../core/fetcher.js';
import { addressPolicy } from './address-policy.js';
import type { AddressPolicy } from './address-policy.js';

/**
 * The `Fetcher` every connector goes through, on `node:http`/`node:https` (not global fetch) so each
 * safety rule is enforced where it can't be bypassed:
 *
 * - Address policy on the RESOLVED address: a custom `lookup` is handed to the request and drops
 *   every resolved address the policy refuses (a name rebinding to 127.0.0.1 connects nowhere); IP
 *   literals are checked before connecting; the connected socket's peer is checked again. Every
 *   redirect hop goes through the same checks.
 * - Redirects followed by hand (301/302/303/307/308, relative Locations resolved), at most
 *   `maxRedirects`; as in browsers, 303 (and 301/302 after a POST) continue as GET without a body,
 *   and Authorization/Proxy-Authorization are not carried to another origin.
 * - One deadline for the whole fetch, redirects and DNS included (`timeoutMs`), which also catches a
 *   server trickling bytes; a byte cap (`maxBytes`) on the body as sent AND on the decoded body
 *   (decompression bombs), checked against Content-Length up front and while reading. Any failure
 *   destroys the socket.
 * - No cookie jar: every request stands alone, `Set-Cookie` is ignored, a caller's Cookie header is
 *   dropped. One socket per request (no agent pooling), `Connection: close`.
 * - The exchange is recorded as it happened: the request header lines exactly as sent (the request
 *   is written from that list, so nothing is added behind its back), response header lines from
 *   `rawHeaders` in order, the body as sent (`rawBody`, de-chunked, still content-encoded) and
 *   decoded (`body`).
 *
 * Any HTTP status is an exchange; only the failures above and network errors throw `FetchError`.
 */

export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Name → addresses; defaults to the system resolver (`dns.lookup`, so /etc/hosts is honoured). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface SafeFetcherOptions {
  userAgent: string;
  /** `RASAD_FETCH_ALLOW` entries: host names, IP addresses, CIDRs. */
  allow: string[];
  /** Default byte cap, for the body as sent and as decoded. */
  maxBytes: number;
  /** Default whole-fetch deadline in ms. */
  timeoutMs: number;
  /** Default redirects followed (5). */
  maxRedirects?: number;
  /** Replaces DNS (tests point made-up names at 127.0.0.1). */
  lookup?: Resolver;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Request headers the fetcher owns: a caller's value is ignored. */
const OWNED_HEADERS = new Set([
  'host',
  'user-agent',
  'cookie',
  'cookie2',
  'connection',
  'keep-alive',
  'proxy-connection',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/** Request headers not carried to another origin on redirect. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** Request headers dropped when a redirect turns the request into a body-less GET. */
const BODY_HEADERS = new Set(['content-type', 'content-encoding', 'content-language', 'content-location']);

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotliDecompress = promisify(zlib.brotliDecompress);

type Method = 'GET' | 'HEAD' | 'POST';

interface HopInput {
  url: URL;
  method: Method;
  headers: HeaderList;
  body: Buffer | undefined;
  maxBytes: number;
  deadline: number;
  timeoutMs: number;
  /** What to do with a 3xx carrying a Location. */
  onRedirect: 'follow' | 'return' | 'fail';
  originalUrl: string;
}

interface HopResult {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: HeaderList;
  /** Null when the response is a redirect to follow (its body is not read). */
  rawBody: Buffer | null;
  remoteAddress: string | null;
  location: string | undefined;
}

export function createSafeFetcher(options: SafeFetcherOptions): Fetcher {
  const policy = addressPolicy(options.allow);
  const resolve: Resolver = options.lookup ?? defaultResolver;
  const defaultRedirects = options.maxRedirects ?? 5;

  return {
    async fetch(request: FetchRequest): Promise<HttpExchange> {
      const started = Date.now();
      const startedAt = new Date(started).toISOString();
      const maxBytes = request.maxBytes ?? options.maxBytes;
      const timeoutMs = request.timeoutMs ?? options.timeoutMs;
      const maxRedirects = request.maxRedirects ?? defaultRedirects;
      const deadline = started + timeoutMs;

      let url = parseHttpUrl(request.url, request.url);
      let method: Method = request.method ?? 'GET';
      let body = method === 'POST' ? ownBuffer(request.body ?? new Uint8Array(0)) : undefined;
      let extra: HeaderList = Object.entries(request.headers ?? {}).filter(([k]) => !OWNED_HEADERS.has(k.toLowerCase()));
      const redirects: RedirectHop[] = [];

      for (;;) {
        const headers = requestHeaders(url, options.userAgent, extra, method, body);
        const onRedirect = redirects.length < maxRedirects ? 'follow' : maxRedirects === 0 ? 'return' : 'fail';
        const hop = await exchangeOnce(
          { url, method, headers, body, maxBytes, deadline, timeoutMs, onRedirect, originalUrl: request.url },
          policy,
          resolve,
        );

        if (hop.rawBody === null) {
          // A redirect to follow: resolve it, re-check the scheme (the address is checked on connect).
          const location = hop.location ?? '';
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            throw new FetchError('bad_url', `redirect from ${url.href} to an invalid Location "${oneLine(location)}"`, request.url);
          }
          next = parseHttpUrl(next.href, request.url, `redirect from ${url.href} to`);
          redirects.push({ url: url.href, status: hop.status, location: next.href, headers: hop.headers });
          const toGet = hop.status === 303 ? method !== 'HEAD' : (hop.status === 301 || hop.status === 302) && method === 'POST';
          if (toGet) {
            method = 'GET';
            body = undefined;
            extra = extra.filter(([k]) => !BODY_HEADERS.has(k.toLowerCase()));
          }
          if (next.origin !== url.origin) extra = extra.filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase()));
          url = next;
          continue;
        }

        const rawBody = ownBuffer(hop.rawBody);
        const decoded = await decodeBody(rawBody, headerValue(hop.headers, 'content-encoding'), maxBytes, url.href, request.url);
        return {
          url: request.url,
          finalUrl: url.href,
          redirects,
          status: hop.status,
          statusText: hop.statusText,
          httpVersion: hop.httpVersion,
          request: { method, url: url.href, headers, ...(body !== undefined ? { body } : {}) },
          headers: hop.headers,
          rawBody,
          body: ownBuffer(decoded),
          startedAt,
          elapsedMs: Date.now() - started,
          remoteAddress: hop.remoteAddress,
        };
      }
    },
  };
}

async function defaultResolver(hostname: string): Promise<ResolvedAddress[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/** An http(s) URL without its fragment, or FetchError `bad_url`. */
function parseHttpUrl(text: string, originalUrl: string, context = 'cannot fetch'): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchError('bad_url', `${context} "${oneLine(text)}": not a valid URL`, originalUrl);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad_url', `${context} ${oneLine(url.href)}: only http and https URLs are fetched`, originalUrl);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  return url;
}

/** The header lines to send, in order; the request is written from exactly this list. */
function requestHeaders(url: URL, userAgent: string, extra: HeaderList, method: Method, body: Buffer | undefined): HeaderList {
  const headers: HeaderList = [
    ['Host', url.host],
    ['User-Agent', userAgent],
    ['Accept-Encoding', 'gzip, deflate, br'],
  ];
  for (const [name, value] of extra) {
    if (name.toLowerCase() === 'accept-encoding') headers[2] = [name, value];
    else headers.push([name, value]);
  }
  if (method === 'POST') headers.push(['Content-Length', String(body?.byteLength ?? 0)]);
  headers.push(['Connection', 'close']);
  return headers;
}

function exchangeOnce(input: HopInput, policy: AddressPolicy, resolve: Resolver): Promise<HopResult> {
  const { url, originalUrl } = input;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;

  return new Promise<HopResult>((resolvePromise, reject) => {
    let req: ClientRequest | undefined;
    let settled = false;
    const finish = (error: FetchError | null, result?: HopResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req?.destroy();
        reject(error);
      } else if (result) {
        resolvePromise(result);
      }
    };
    const refused = (address: string): FetchError =>
      new FetchError(
        'refused_address',
        `refused to connect to ${address} for ${url.href}: a local or private address not listed in RASAD_FETCH_ALLOW`,
        originalUrl,
      );

    const remaining = input.deadline - Date.now();
    const timer = setTimeout(
      () => finish(new FetchError('timeout', `no complete response within ${input.timeoutMs} ms from ${url.href}`, originalUrl)),
      Math.max(0, remaining),
    );
    if (remaining <= 0) return;

    // An IP literal is never passed to lookup, so it is checked here.
    if (isIP(hostname) && !policy.isAllowed(hostname, hostname)) {
      finish(refused(hostname));
      return;
    }

    const lookup: LookupFunction = (name, opts, callback) => {
      const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : (opts.family ?? 0);
      Promise.resolve()
        .then(() => resolve(name))
        .then(
          (addresses) => {
            const candidates = addresses.filter((a) => family === 0 || a.family === family);
            const usable = candidates.filter((a) => policy.isAllowed(hostname, a.address));
            const first = usable[0];
            if (!first) {
              const shown = candidates.map((a) => a.address).join(', ') || 'no address';
              callback(refused(`${shown} (${name})`), '', 0);
            } else if (opts.all) {
              callback(null, usable);
            } else {
              callback(null, first.address, first.family);
            }
          },
          (error: NodeJS.ErrnoException) => callback(error, '', 0),
        );
    };

    const flat: string[] = input.headers.flatMap(([k, v]) => [k, v]);
    try {
      req = (url.protocol === 'https:' ? https : http).request({
        protocol: url.protocol,
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: input.method,
        headers: flat,
        agent: false,
        lookup,
      });
    } catch (error) {
      finish(networkError(error, url, originalUrl));
      return;
    }

    req.on('error', (error) => finish(error instanceof FetchError ? error : networkError(error, url, originalUrl)));
    req.on('socket', (socket) => {
      socket.once('connect', () => {
        const peer = socket.remoteAddress;
        if (peer && !policy.isAllowed(hostname, peer)) finish(refused(peer));
      });
    });
    req.on('response', (res: IncomingMessage) => onResponse(res));

    const onResponse = (res: IncomingMessage): void => {
      res.on('error', (error) => finish(networkError(error, url, originalUrl)));
      const status = res.statusCode ?? 0;
      const headers = pairs(res.rawHeaders);
      const location = headerValue(headers, 'location');
      const base = {
        status,
        statusText: res.statusMessage ?? '',
        httpVersion: res.httpVersion,
        headers,
        remoteAddress: res.socket?.remoteAddress ?? null,
        location,
      };

      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        if (input.onRedirect === 'follow') {
          finish(null, { ...base, rawBody: null });
          res.destroy();
          return;
        }
        if (input.onRedirect === 'fail') {
          finish(new FetchError('too_many_redirects', `more than the allowed redirects fetching ${originalUrl} (last ${url.href})`, originalUrl));
          return;
        }
      }

      const tooLarge = (): FetchError =>
        new FetchError('too_large', `response body of ${url.href} is larger than ${input.maxBytes} bytes`, originalUrl);
      const announced = Number(headerValue(headers, 'content-length'));
      if (input.method !== 'HEAD' && Number.isFinite(announced) && announced > input.maxBytes) {
        finish(tooLarge());
        return;
      }

      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.byteLength;
        if (size > input.maxBytes) {
          finish(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(null, { ...base, rawBody: Buffer.concat(chunks, size) }));
      res.on('close', () => {
        if (!res.complete) {
          finish(new FetchError('network', `connection closed before the response from ${url.href} was complete`, originalUrl));
        }
      });
    };

    if (input.body !== undefined && input.body.byteLength > 0) req.end(input.body);
    else req.end();
  });
}

/** Undoes Content-Encoding (gzip, deflate, br, in reverse order of application), capped at maxBytes. */
async function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number, url: string, originalUrl: string): Promise<Buffer> {
  if (!contentEncoding || raw.byteLength === 0) return raw;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  let data = raw;
  const maxOutputLength = Math.max(1, maxBytes);
  for (const coding of codings) {
    try {
      if (coding === 'gzip' || coding === 'x-gzip') {
        data = await gunzip(data, { maxOutputLength, finishFlush: zlib.constants.Z_SYNC_FLUSH });
      } else if (coding === 'deflate') {
        // "deflate" should be zlib-wrapped; some servers send raw deflate: tell them apart by the header.
        const zlibWrapped = data.byteLength >= 2 && ((data[0] ?? 0) & 0x0f) === 8 && (((data[0] ?? 0) << 8) | (data[1] ?? 0)) % 31 === 0;
        const opts = { maxOutputLength, finishFlush: zlib.constants.Z_SYNC_FLUSH };
        data = zlibWrapped ? await inflate(data, opts) : await inflateRaw(data, opts);
      } else if (coding === 'br') {
        data = await brotliDecompress(data, { maxOutputLength, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      } else {
        // Not an encoding we asked for: leave the body as it is from here on.
        return data;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FetchError('too_large', `decoded ${coding} body of ${url} is larger than ${maxBytes} bytes`, originalUrl);
      }
      throw new FetchError('network', `could not decode the ${coding} body of ${url}: ${oneLine(errorMessage(error))}`, originalUrl);
    }
    if (data.byteLength > maxBytes) {
      throw new FetchError('too_large', `decoded ${coding} body of ${url} is larger than ${maxBytes} bytes`, originalUrl);
    }
  }
  return data;
}

/**
 * The bytes in a buffer of their own: Buffer.concat/Buffer.from may hand out a slice of Node's shared
 * 8 KiB pool, and a consumer reading `.buffer` would then see other data around it.
 */
function ownBuffer(bytes: Uint8Array): Buffer {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength && Buffer.isBuffer(bytes)) return bytes;
  const out = Buffer.alloc(bytes.byteLength);
  out.set(bytes);
  return out;
}

function pairs(raw: string[]): HeaderList {
  const out: HeaderList = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return out;
}

function networkError(error: unknown, url: URL, originalUrl: string): FetchError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = errorMessage(error);
  const text = code && !message.includes(code) ? `${code} ${message}` : message;
  return new FetchError('network', `network error fetching ${url.href}: ${oneLine(text)}`, originalUrl);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

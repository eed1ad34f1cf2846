import type { BlobStore } from '../core/blob-store.js';
import { type Clock, toIso } from '../core/clock.js';
import { headerValue, type HttpExchange } from '../core/fetcher.js';
import { timeOrderedId } from '../core/ids.js';
import type { Db } from '../store/database.js';
import { insertCapture, type CaptureRecord } from '../store/capture.repository.js';
import { appendCustody } from '../store/custody.repository.js';
import { withTransaction } from '../store/transaction.js';
import { perceptualHash } from './perceptual-hash.js';
import type { WarcWriter } from './warc-writer.js';

/** An RFC 3161 time-stamping authority (preserve/timestamp.ts speaks the protocol). */
export interface Timestamper {
  stamp(sha256Hex: string): Promise<{ token: Uint8Array; genTime: string; tsa: string }>;
}

export interface PreserverDeps {
  db: Db;
  blobs: BlobStore;
  warc: WarcWriter;
  clock: Clock;
  /** null: no authority configured (captures are hashed, chained and WARC-recorded, not stamped). */
  timestamper: Timestamper | null;
  /** Who the custody log names for captures. */
  actor: string;
}

export interface CaptureContext {
  sourceId: string | null;
  /** `fetch:telegram-web`, `media`, `check`, `mtproto`… */
  method: string;
  /** Compute a perceptual hash when the bytes are an image. */
  image?: boolean;
}

/** Time spent preserving, for the collection bench (share of time on evidence). */
export interface PreserveStats {
  captures: number;
  bytes: number;
  ms: number;
  timestampMs: number;
  timestampFailures: number;
}

export interface Preserver {
  /** Preserves an HTTP exchange: bytes by SHA-256, WARC request/response, capture row, custody entry, trusted time. */
  exchange(exchange: HttpExchange, ctx: CaptureContext): Promise<string>;
  /** Preserves bytes that did not come over HTTP (an MTProto response as JSON). */
  resource(resource: { uri: string; mediaType: string; bytes: Uint8Array }, ctx: CaptureContext): Promise<string>;
  stats(): PreserveStats;
}

/**
 * The evidence path every capture takes, in this order: the raw bytes go to the content-addressed
 * store, the exchange is appended to the WARC file, the SHA-256 is time-stamped by the authority
 * (a failure is recorded, never fatal), then the capture row and its custody-log entry are
 * written in one transaction. Nothing the connectors parse exists before its evidence does.
 */
export function createPreserver(deps: PreserverDeps): Preserver {
  const stats: PreserveStats = { captures: 0, bytes: 0, ms: 0, timestampMs: 0, timestampFailures: 0 };

  async function stamp(sha256: string): Promise<{ token: string; at: string; tsa: string } | { error: string }> {
    if (!deps.timestamper) return { error: 'no time-stamping authority configured' };
    const t0 = performance.now();
    try {
      const t = await deps.timestamper.stamp(sha256);
      return { token: Buffer.from(t.token).toString('base64'), at: t.genTime, tsa: t.tsa };
    } catch (error) {
      stats.timestampFailures++;
      return { error: error instanceof Error ? error.message : String(error) };
    } finally {
      stats.timestampMs += performance.now() - t0;
    }
  }

  async function store(capture: CaptureRecord, details: Record<string, unknown>): Promise<void> {
    await withTransaction(deps.db, async (tx) => {
      await insertCapture(tx, capture);
      await appendCustody(tx, [
        {
          at: capture.capturedAt,
          action: 'capture',
          subjectType: 'capture',
          subjectId: capture.id,
          actor: deps.actor,
          details: {
            sha256: capture.sha256,
            size: capture.sizeBytes,
            origin: capture.origin,
            method: capture.method,
            warc: capture.warcRef,
            ...(capture.timestampAt ? { timestamp: capture.timestampAt, tsa: capture.timestampTsa } : {}),
            ...details,
          },
        },
      ]);
    });
  }

  return {
    async exchange(exchange, ctx) {
      const t0 = performance.now();
      const capturedAt = toIso(deps.clock.now());
      const id = timeOrderedId(capturedAt);
      const blob = await deps.blobs.put(exchange.rawBody);
      const encoded = headerValue(exchange.headers, 'content-encoding');
      // Parsers read the decoded body: keep it too when the payload was compressed.
      const decoded = encoded && exchange.body !== exchange.rawBody ? await deps.blobs.put(exchange.body) : null;
      const warc = await deps.warc.writeExchange(withoutSecrets(exchange), { warcHeaders: { 'WARC-Rasad-Capture-ID': id } });
      const image = ctx.image ? await perceptualHash(exchange.body) : null;
      const ts = await stamp(blob.sha256);
      const capture: CaptureRecord = {
        id,
        sha256: blob.sha256,
        sizeBytes: blob.sizeBytes,
        mediaType: headerValue(exchange.headers, 'content-type') ?? 'application/octet-stream',
        storageKey: blob.storageKey,
        origin: exchange.url,
        method: ctx.method,
        capturedAt,
        warcRef: `${warc.file}#${warc.offset}`,
        timestampToken: 'token' in ts ? ts.token : null,
        sourceId: ctx.sourceId,
        httpStatus: exchange.status,
        warcFile: warc.file,
        warcOffset: warc.offset,
        warcLength: warc.length,
        timestampAt: 'token' in ts ? ts.at : null,
        timestampTsa: 'token' in ts ? ts.tsa : null,
        phash: image?.phash ?? null,
        meta: {
          finalUrl: exchange.finalUrl,
          ...(exchange.redirects.length > 0 ? { redirects: exchange.redirects.map((r) => ({ url: r.url, status: r.status, location: r.location })) } : {}),
          startedAt: exchange.startedAt,
          elapsedMs: Math.round(exchange.elapsedMs),
          remoteAddress: exchange.remoteAddress,
          warcRecords: warc.records.map((r) => ({ type: r.type, offset: r.offset, length: r.length, recordId: r.recordId })),
          ...(decoded ? { contentEncoding: encoded, decodedSha256: decoded.sha256, decodedStorageKey: decoded.storageKey } : {}),
          ...(image ? { image: { width: image.width, height: image.height, format: image.format } } : {}),
          ...('error' in ts && deps.timestamper ? { timestampError: ts.error } : {}),
        },
      };
      await store(capture, { status: exchange.status, finalUrl: exchange.finalUrl });
      stats.captures++;
      stats.bytes += blob.sizeBytes;
      stats.ms += performance.now() - t0;
      return id;
    },
    async resource(resource, ctx) {
      const t0 = performance.now();
      const capturedAt = toIso(deps.clock.now());
      const id = timeOrderedId(capturedAt);
      const blob = await deps.blobs.put(resource.bytes);
      const warc = await deps.warc.writeResource(resource.uri, resource.mediaType, resource.bytes, capturedAt, { 'WARC-Rasad-Capture-ID': id });
      const ts = await stamp(blob.sha256);
      const capture: CaptureRecord = {
        id,
        sha256: blob.sha256,
        sizeBytes: blob.sizeBytes,
        mediaType: resource.mediaType,
        storageKey: blob.storageKey,
        origin: resource.uri,
        method: ctx.method,
        capturedAt,
        warcRef: `${warc.file}#${warc.offset}`,
        timestampToken: 'token' in ts ? ts.token : null,
        sourceId: ctx.sourceId,
        httpStatus: null,
        warcFile: warc.file,
        warcOffset: warc.offset,
        warcLength: warc.length,
        timestampAt: 'token' in ts ? ts.at : null,
        timestampTsa: 'token' in ts ? ts.tsa : null,
        phash: null,
        meta: { ...('error' in ts && deps.timestamper ? { timestampError: ts.error } : {}) },
      };
      await store(capture, {});
      stats.captures++;
      stats.bytes += blob.sizeBytes;
      stats.ms += performance.now() - t0;
      return id;
    },
    stats: () => ({ ...stats }),
  };
}

// Request headers that carry credentials: the evidence keeps that they were sent, never their value.
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** The exchange with credential headers of the request replaced by `[redacted]`. */
export function withoutSecrets(exchange: HttpExchange): HttpExchange {
  const redact = (headers: HttpExchange['request']['headers']): HttpExchange['request']['headers'] =>
    headers.map(([k, v]) => (SECRET_HEADERS.has(k.toLowerCase()) ? [k, `${v.split(' ')[0] === v ? '' : `${v.split(' ')[0]} `}[redacted]`] : [k, v]));
  return { ...exchange, request: { ...exchange.request, headers: redact(exchange.request.headers) } };
}

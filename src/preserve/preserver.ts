import type { BlobStore } from '../core/blob-store.js';
import { type Clock, toIso } from '../core/clock.js';
import { headerValue, type HttpExchange } from '../core/fetcher.js';
import { timeOrderedId } from '../core/ids.js';
import type { Db } from '../store/database.js';
import { capturesDueForTimestamp, insertCapture, noteTimestampFailure, setCaptureTimestamp, type CaptureRecord } from '../store/capture.repository.js';
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
  /** Captures whose earlier failed time-stamp request was tried again. */
  timestampRetries: number;
}

export interface Preserver {
  /** Preserves an HTTP exchange: bytes by SHA-256, WARC request/response, capture row, custody entry, trusted time. */
  exchange(exchange: HttpExchange, ctx: CaptureContext): Promise<string>;
  /** Preserves bytes that did not come over HTTP (an MTProto response as JSON). */
  resource(resource: { uri: string; mediaType: string; bytes: Uint8Array }, ctx: CaptureContext): Promise<string>;
  stats(): PreserveStats;
  /** Queues the captures whose failed time-stamp request is due to be tried again; how many. */
  retryTimestamps(limit: number): Promise<number>;
  /** Waits until every queued time-stamp request is answered (or failed). */
  drain(): Promise<void>;
}

// After a failed request the next try waits 1 min, 5 min, 30 min, 2 h, 6 h, then a day each time;
// after TIMESTAMP_MAX_ATTEMPTS (about a week) the capture is left unstamped with its last error.
const RETRY_DELAYS_MS = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000];
export const TIMESTAMP_MAX_ATTEMPTS = 12;

/** When to ask again after `attempts` failed requests, or null once they are used up. */
export function nextTimestampAttempt(now: Date, attempts: number): string | null {
  if (attempts >= TIMESTAMP_MAX_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1] ?? RETRY_DELAYS_MS[0] ?? 60_000;
  return toIso(new Date(now.getTime() + delay));
}

// Time-stamp requests in flight at once: the authority's latency never holds up collection.
const STAMP_CONCURRENCY = 4;

/**
 * The evidence path every capture takes, in this order: the raw bytes go to the content-addressed
 * store, the exchange is appended to the WARC file, then the capture row and its custody-log entry
 * are written in one transaction; nothing the connectors parse exists before its evidence does.
 * The SHA-256 is then time-stamped by the authority in the background (a few requests at a time,
 * so its latency never holds up collection); the token is stored on the capture with a custody
 * entry of its own, and a failure is counted, never fatal.
 */
export function createPreserver(deps: PreserverDeps): Preserver {
  const stats: PreserveStats = { captures: 0, bytes: 0, ms: 0, timestampMs: 0, timestampFailures: 0, timestampRetries: 0 };

  const queue: StampJob[] = [];
  const queued = new Set<string>();
  let active = 0;
  let idle: Array<() => void> = [];

  function queueStamp(job: StampJob): void {
    if (!deps.timestamper || queued.has(job.id)) return;
    queued.add(job.id);
    queue.push(job);
    pump();
  }

  function pump(): void {
    while (active < STAMP_CONCURRENCY && queue.length > 0) {
      const job = queue.shift();
      if (!job) break;
      active++;
      void stampOne(job).finally(() => {
        queued.delete(job.id);
        active--;
        pump();
        if (active === 0 && queue.length === 0) {
          const waiting = idle;
          idle = [];
          for (const resolve of waiting) resolve();
        }
      });
    }
  }

  async function stampOne(job: StampJob): Promise<void> {
    const timestamper = deps.timestamper;
    if (!timestamper) return;
    const t0 = performance.now();
    try {
      const t = await timestamper.stamp(job.sha256);
      const stamp = { token: Buffer.from(t.token).toString('base64'), at: t.genTime, tsa: t.tsa };
      await withTransaction(deps.db, async (tx) => {
        await setCaptureTimestamp(tx, job.id, stamp);
        await appendCustody(tx, [
          { at: toIso(deps.clock.now()), action: 'timestamp', subjectType: 'capture', subjectId: job.id, actor: deps.actor, details: { sha256: job.sha256, genTime: t.genTime, tsa: t.tsa } },
        ]);
      });
    } catch (err) {
      // The capture stands without a token for now; it is asked for again later (retryTimestamps).
      stats.timestampFailures++;
      const attempts = job.attempts + 1;
      const error = err instanceof Error ? err.message : String(err);
      await noteTimestampFailure(deps.db, job.id, { error, nextAt: nextTimestampAttempt(deps.clock.now(), attempts) }).catch(() => undefined);
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
        timestampToken: null,
        sourceId: ctx.sourceId,
        httpStatus: exchange.status,
        warcFile: warc.file,
        warcOffset: warc.offset,
        warcLength: warc.length,
        timestampAt: null,
        timestampTsa: null,
        // Due at once: if the process stops before the authority answers, the next pass asks.
        timestampNextAt: deps.timestamper ? capturedAt : null,
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
        },
      };
      await store(capture, { status: exchange.status, finalUrl: exchange.finalUrl });
      queueStamp({ id, sha256: blob.sha256, attempts: 0 });
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
        timestampToken: null,
        sourceId: ctx.sourceId,
        httpStatus: null,
        warcFile: warc.file,
        warcOffset: warc.offset,
        warcLength: warc.length,
        timestampAt: null,
        timestampTsa: null,
        // Due at once: if the process stops before the authority answers, the next pass asks.
        timestampNextAt: deps.timestamper ? capturedAt : null,
        phash: null,
        meta: {},
      };
      await store(capture, {});
      queueStamp({ id, sha256: blob.sha256, attempts: 0 });
      stats.captures++;
      stats.bytes += blob.sizeBytes;
      stats.ms += performance.now() - t0;
      return id;
    },
    async retryTimestamps(limit) {
      if (!deps.timestamper) return 0;
      const due = await capturesDueForTimestamp(deps.db, toIso(deps.clock.now()), limit);
      const fresh = due.filter((d) => !queued.has(d.id));
      for (const d of fresh) queueStamp(d);
      stats.timestampRetries += fresh.length;
      return fresh.length;
    },
    stats: () => ({ ...stats }),
    drain: () => (active === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
  };
}

interface StampJob {
  id: string;
  sha256: string;
  /** Failed requests before this one. */
  attempts: number;
}

// Request headers that carry credentials: the evidence keeps that they were sent, never their value.
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** The exchange with credential headers of the request replaced by `[redacted]`. */
export function withoutSecrets(exchange: HttpExchange): HttpExchange {
  const redact = (headers: HttpExchange['request']['headers']): HttpExchange['request']['headers'] =>
    headers.map(([k, v]) => (SECRET_HEADERS.has(k.toLowerCase()) ? [k, `${v.split(' ')[0] === v ? '' : `${v.split(' ')[0]} `}[redacted]`] : [k, v]));
  return { ...exchange, request: { ...exchange.request, headers: redact(exchange.request.headers) } };
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import type { HeaderList, HttpExchange } from '../core/fetcher.js';

/**
 * WARC 1.1 (ISO 28500:2017) writer: every record is its own gzip member in a `.warc.gz` file, so
 * the `offset`/`length` returned for a record address exactly one gzip member that decompresses
 * to exactly one record and can be read alone (see `readWarcRecordAt`).
 *
 * Digests: `WARC-Block-Digest` and `WARC-Payload-Digest` are written as `sha256:<BASE32>` — the
 * spec's labelled-digest form with the RFC 4648 base32 alphabet, uppercase, WITHOUT `=` padding
 * (`=` is not a token character in the spec's grammar; 52 characters for SHA-256). This is the
 * encoding most WARC tools use for `sha1:`. Readers here accept base32 with or without padding and
 * also hex (`sha256:<64 hex digits>`). `warcDigestToHex` turns a labelled digest into the hex
 * form the blob store uses.
 */

const gzip = promisify(gzipCallback);

export const WARC_VERSION = 'WARC/1.1';
const CRLF = '\r\n';
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** One record written, addressed by the gzip member that holds it. */
export interface WarcRecordLocation {
  /** File name relative to the writer's `dir`. */
  file: string;
  /** Byte offset of the record's gzip member in the file. */
  offset: number;
  /** Length in bytes of that gzip member. */
  length: number;
  type: 'warcinfo' | 'request' | 'response' | 'resource';
  /** The WARC-Record-ID exactly as written, with angle brackets: `<urn:uuid:…>`. */
  recordId: string;
  targetUri: string | null;
}

export interface WarcResourceResult {
  file: string;
  offset: number;
  length: number;
  recordId: string;
  /** Hex SHA-256 of the payload (for a resource, the whole block). */
  payloadSha256: string;
}

export interface WarcExchangeResult {
  file: string;
  /** Offset and length of the final `response` record (the one that holds `rawBody`). */
  offset: number;
  length: number;
  requestId: string;
  responseId: string;
  /** Hex SHA-256 of `rawBody` as stored (still content-encoded). */
  payloadSha256: string;
  /** Every record written for the exchange, in file order: redirect hops, request, response. */
  records: WarcRecordLocation[];
}

export interface WarcWriterOptions {
  dir: string;
  /** File-name prefix: letters, digits, `.`, `_`, `-`. */
  prefix: string;
  /** A new file is started when the next write would make the current one larger (default 1 GiB). */
  maxFileBytes?: number;
  /** Written into each file's `warcinfo` record, e.g. `rasad/0.1.0`. */
  software: string;
  hostname?: string;
  /** `close` (default): fsync when a file is closed or rotated; `each`: also after every write call. */
  fsync?: 'close' | 'each';
  clock?: Clock;
}

export interface WarcWriter {
  writeExchange(exchange: HttpExchange, extra?: { warcHeaders?: Record<string, string> }): Promise<WarcExchangeResult>;
  writeResource(
    uri: string,
    contentType: string,
    bytes: Uint8Array,
    date: string,
    warcHeaders?: Record<string, string>,
  ): Promise<WarcResourceResult>;
  /** Names (relative to `dir`) of the files this writer created, oldest first. */
  files(): string[];
  /** Waits for queued writes, fsyncs and closes the current file. Later writes are rejected. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Digests

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, uppercase, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** RFC 4648 base32 (case-insensitive, padding optional); null when not valid base32. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

const DIGEST_ALGORITHMS: Record<string, { node: string; bytes: number }> = {
  sha1: { node: 'sha1', bytes: 20 },
  sha256: { node: 'sha256', bytes: 32 },
  sha512: { node: 'sha512', bytes: 64 },
  md5: { node: 'md5', bytes: 16 },
};

/** `sha-256` → `sha256`; null for algorithms this module cannot compute. */
function normaliseAlgorithm(label: string): string | null {
  const name = label.toLowerCase().replace(/-/g, '');
  return name in DIGEST_ALGORITHMS ? name : null;
}

/** `sha256:<BASE32>` for the given bytes (the form written to WARC-*-Digest). */
export function warcSha256Digest(bytes: Uint8Array | Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const part of Array.isArray(bytes) ? bytes : [bytes]) hash.update(part);
  return `sha256:${base32Encode(hash.digest())}`;
}

/** A hex SHA-256 as a WARC labelled digest (`sha256:<BASE32>`). */
export function hexToWarcDigest(hex: string, algorithm = 'sha256'): string {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) throw new Error(`not a hex digest: ${hex}`);
  return `${algorithm}:${base32Encode(Buffer.from(hex, 'hex'))}`;
}

/**
 * Parses a labelled digest (`sha256:<base32>`, `sha1:<base32>`, or hex values) into algorithm and
 * lowercase hex; null when the label is unknown or the value has the wrong size or alphabet.
 */
export function warcDigestToHex(labelled: string): { algorithm: string; hex: string } | null {
  const colon = labelled.indexOf(':');
  if (colon <= 0) return null;
  const algorithm = normaliseAlgorithm(labelled.slice(0, colon).trim());
  if (algorithm === null) return null;
  const size = DIGEST_ALGORITHMS[algorithm]!.bytes;
  const value = labelled.slice(colon + 1).trim();
  if (value.length === size * 2 && /^[0-9a-f]+$/i.test(value)) return { algorithm, hex: value.toLowerCase() };
  const decoded = base32Decode(value);
  if (decoded === null || decoded.length !== size) return null;
  if (value.replace(/=+$/, '').length !== Math.ceil((size * 8) / 5)) return null;
  return { algorithm, hex: Buffer.from(decoded).toString('hex') };
}

/** Whether `bytes` match a labelled digest; null when the digest cannot be interpreted. */
export function checkWarcDigest(labelled: string, bytes: Uint8Array | Uint8Array[]): boolean | null {
  const parsed = warcDigestToHex(labelled);
  if (parsed === null) return null;
  const hash = createHash(DIGEST_ALGORITHMS[parsed.algorithm]!.node);
  for (const part of Array.isArray(bytes) ? bytes : [bytes]) hash.update(part);
  return hash.digest('hex') === parsed.hex;
}

// ---------------------------------------------------------------------------------------------
// Record building

/** Fields the writer sets itself; `warcHeaders` may not override them. */
const RESERVED_FIELDS = new Set(
  [
    'WARC-Type',
    'WARC-Record-ID',
    'WARC-Date',
    'WARC-Target-URI',
    'WARC-Concurrent-To',
    'WARC-Block-Digest',
    'WARC-Payload-Digest',
    'WARC-IP-Address',
    'WARC-Filename',
    'Content-Type',
    'Content-Length',
    'WARC-Rasad-Dropped-Header',
  ].map((n) => n.toLowerCase()),
);

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function assertFieldValue(name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`WARC field ${name} contains a line break`);
}

function extraFields(warcHeaders: Record<string, string> | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(warcHeaders ?? {})) {
    if (!TOKEN.test(name)) throw new Error(`invalid WARC field name: ${JSON.stringify(name)}`);
    if (RESERVED_FIELDS.has(name.toLowerCase())) throw new Error(`WARC field ${name} is set by the writer`);
    assertFieldValue(name, value);
    out.push([name, value]);
  }
  return out;
}

function newRecordId(): string {
  return `<urn:uuid:${randomUUID()}>`;
}

const W3C_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

/** A WARC-Date: kept as given when already W3C-DTF UTC (seconds or finer), else normalised. */
export function warcDate(value: string | Date): string {
  if (typeof value === 'string' && W3C_DATE.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`invalid WARC-Date: ${String(value)}`);
  return date.toISOString();
}

/** IPv6 without brackets; IPv4-mapped IPv6 as a dotted quad. */
function ipAddress(address: string | null): string | null {
  if (!address) return null;
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

/** Header text as bytes: Latin-1 when every character fits (how Node hands received bytes over), else UTF-8. */
function headerBytes(text: string): Buffer {
  return /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/**
 * Header lines for an HTTP block: as received, except `chunked` is removed from Transfer-Encoding
 * (the stored body is de-chunked). Returns the lines and a note of what was dropped.
 */
function httpHeaderLines(headers: HeaderList): { lines: string; dropped: string[] } {
  let lines = '';
  const dropped: string[] = [];
  for (const [name, value] of headers) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`HTTP header ${name} contains a line break`);
    if (name.toLowerCase() === 'transfer-encoding') {
      const codings = value.split(',').map((c) => c.trim());
      const kept = codings.filter((c) => c.toLowerCase() !== 'chunked');
      if (kept.length !== codings.length) {
        dropped.push(`${name}: ${value}`);
        if (kept.length > 0) lines += `${name}: ${kept.join(', ')}${CRLF}`;
        continue;
      }
    }
    lines += `${name}: ${value}${CRLF}`;
  }
  return { lines, dropped };
}

function requestTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname || '/'}${parsed.search}`;
  } catch {
    return url;
  }
}

interface BuiltRecord {
  type: WarcRecordLocation['type'];
  recordId: string;
  targetUri: string | null;
  member: Buffer;
}

interface RecordSpec {
  type: WarcRecordLocation['type'];
  recordId: string;
  date: string;
  targetUri?: string;
  fields: Array<[string, string]>;
  contentType: string;
  /** The block in parts (e.g. HTTP head + body) so large bodies are not copied for hashing. */
  block: Uint8Array[];
  /** Part of the block that is the payload, when the record type has one. */
  payload?: Uint8Array;
}

async function buildRecord(spec: RecordSpec): Promise<BuiltRecord> {
  const blockLength = spec.block.reduce((n, part) => n + part.byteLength, 0);
  const fields: Array<[string, string]> = [
    ['WARC-Type', spec.type],
    ['WARC-Record-ID', spec.recordId],
    ['WARC-Date', spec.date],
  ];
  if (spec.targetUri !== undefined) {
    if (/\s/.test(spec.targetUri)) throw new Error(`WARC-Target-URI contains whitespace: ${spec.targetUri}`);
    fields.push(['WARC-Target-URI', spec.targetUri]);
  }
  fields.push(...spec.fields);
  fields.push(['WARC-Block-Digest', warcSha256Digest(spec.block)]);
  if (spec.payload) fields.push(['WARC-Payload-Digest', warcSha256Digest(spec.payload)]);
  fields.push(['Content-Type', spec.contentType]);
  fields.push(['Content-Length', String(blockLength)]);
  let head = `${WARC_VERSION}${CRLF}`;
  for (const [name, value] of fields) {
    assertFieldValue(name, value);
    head += `${name}: ${value}${CRLF}`;
  }
  head += CRLF;
  const record = Buffer.concat([Buffer.from(head, 'utf8'), ...spec.block, Buffer.from(CRLF + CRLF, 'latin1')]);
  const member = await gzip(record);
  return { type: spec.type, recordId: spec.recordId, targetUri: spec.targetUri ?? null, member };
}

function redirectRecord(exchange: HttpExchange, hop: HttpExchange['redirects'][number], date: string): Promise<BuiltRecord> {
  const { lines, dropped } = httpHeaderLines(hop.headers);
  const reason = STATUS_CODES[hop.status] ?? '';
  const head = headerBytes(`HTTP/${exchange.httpVersion} ${hop.status} ${reason}${CRLF}${lines}${CRLF}`);
  const fields: Array<[string, string]> = [];
  if (dropped.length > 0) fields.push(['WARC-Rasad-Dropped-Header', dropped.join(', ')]);
  // The fetcher keeps no body for a redirect it followed; say so when the hop announced one.
  const announced = hop.headers.some(
    ([n, v]) => (n.toLowerCase() === 'content-length' && Number(v) > 0) || n.toLowerCase() === 'transfer-encoding',
  );
  if (announced) fields.push(['WARC-Truncated', 'unspecified']);
  fields.push(['WARC-Rasad-Note', 'redirect hop followed by the fetcher; reason phrase and body not kept']);
  const empty = new Uint8Array(0);
  return buildRecord({
    type: 'response',
    recordId: newRecordId(),
    date,
    targetUri: hop.url,
    fields,
    contentType: 'application/http;msgtype=response',
    block: [head],
    payload: empty,
  });
}

// ---------------------------------------------------------------------------------------------
// Writer

function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

interface OpenFile {
  name: string;
  handle: FileHandle;
  size: number;
  /** Whether any record other than warcinfo has been written. */
  hasRecords: boolean;
}

export function createWarcWriter(options: WarcWriterOptions): WarcWriter {
  if (!/^[A-Za-z0-9._-]+$/.test(options.prefix)) throw new Error(`invalid WARC file prefix: ${options.prefix}`);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const clock = options.clock ?? systemClock;
  const created: string[] = [];
  let serial = 0;
  let current: OpenFile | null = null;
  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs tasks one at a time in call order; a failed task does not stop later ones. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function closeFile(file: OpenFile): Promise<void> {
    try {
      await file.handle.sync();
    } finally {
      await file.handle.close();
    }
    // Make the new directory entry durable too (not supported everywhere; best effort).
    const dir = await open(options.dir, 'r').catch(() => null);
    if (dir) await dir.sync().catch(() => undefined).finally(() => dir.close());
  }

  async function openNewFile(): Promise<OpenFile> {
    await mkdir(options.dir, { recursive: true });
    const now = clock.now();
    for (let attempt = 0; ; attempt += 1) {
      const name = `${options.prefix}-${fileTimestamp(now)}-${String(serial).padStart(5, '0')}-${randomBytes(3).toString('hex')}.warc.gz`;
      try {
        const handle = await open(path.join(options.dir, name), 'ax');
        serial += 1;
        created.push(name);
        const file: OpenFile = { name, handle, size: 0, hasRecords: false };
        try {
          await writeMembers(file, [await warcinfoRecord(name, now)]);
        } catch (error) {
          await handle.close().catch(() => undefined);
          throw error;
        }
        return file;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
    }
  }

  function warcinfoRecord(fileName: string, now: Date): Promise<BuiltRecord> {
    let body = `software: ${options.software}${CRLF}format: WARC File Format 1.1${CRLF}`;
    body += `conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/${CRLF}`;
    if (options.hostname) body += `hostname: ${options.hostname}${CRLF}`;
    return buildRecord({
      type: 'warcinfo',
      recordId: newRecordId(),
      date: now.toISOString(),
      fields: [['WARC-Filename', fileName]],
      contentType: 'application/warc-fields',
      block: [Buffer.from(body, 'utf8')],
    });
  }

  async function writeMembers(file: OpenFile, records: BuiltRecord[]): Promise<WarcRecordLocation[]> {
    const locations: WarcRecordLocation[] = [];
    let offset = file.size;
    for (const r of records) {
      locations.push({ file: file.name, offset, length: r.member.length, type: r.type, recordId: r.recordId, targetUri: r.targetUri });
      offset += r.member.length;
    }
    const data = Buffer.concat(records.map((r) => r.member));
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await file.handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    file.size += data.length;
    return locations;
  }

  /** Writes the records of one call contiguously into one file, rotating first when they would not fit. */
  function append(records: BuiltRecord[]): Promise<WarcRecordLocation[]> {
    return enqueue(async () => {
      if (closed) throw new Error('WARC writer is closed');
      const size = records.reduce((n, r) => n + r.member.length, 0);
      if (current && current.hasRecords && current.size + size > maxFileBytes) {
        const old = current;
        current = null;
        await closeFile(old);
      }
      current ??= await openNewFile();
      const file = current;
      try {
        const locations = await writeMembers(file, records);
        file.hasRecords = true;
        if (options.fsync === 'each') await file.handle.sync();
        return locations;
      } catch (error) {
        // The file may now end in a partial record: never append to it again.
        current = null;
        await file.handle.close().catch(() => undefined);
        throw error;
      }
    });
  }

  return {
    async writeExchange(exchange, extra) {
      const date = warcDate(exchange.startedAt);
      const extras = extraFields(extra?.warcHeaders);
      const ip = ipAddress(exchange.remoteAddress);
      const requestId = newRecordId();
      const responseId = newRecordId();

      const hops = exchange.redirects.map((hop) => redirectRecord(exchange, hop, date));

      const req = exchange.request;
      const reqHead = httpHeaderLines(req.headers);
      const requestBody = req.body ?? new Uint8Array(0);
      const requestFields: Array<[string, string]> = [];
      if (ip) requestFields.push(['WARC-IP-Address', ip]);
      requestFields.push(['WARC-Concurrent-To', responseId]);
      if (reqHead.dropped.length > 0) requestFields.push(['WARC-Rasad-Dropped-Header', reqHead.dropped.join(', ')]);
      const request = buildRecord({
        type: 'request',
        recordId: requestId,
        date,
        targetUri: req.url,
        fields: requestFields,
        contentType: 'application/http;msgtype=request',
        block: [
          headerBytes(`${req.method} ${requestTarget(req.url)} HTTP/${exchange.httpVersion}${CRLF}${reqHead.lines}${CRLF}`),
          requestBody,
        ],
        payload: requestBody,
      });

      const resHead = httpHeaderLines(exchange.headers);
      const responseFields: Array<[string, string]> = [];
      if (ip) responseFields.push(['WARC-IP-Address', ip]);
      responseFields.push(['WARC-Concurrent-To', requestId]);
      if (resHead.dropped.length > 0) responseFields.push(['WARC-Rasad-Dropped-Header', resHead.dropped.join(', ')]);
      responseFields.push(...extras);
      const response = buildRecord({
        type: 'response',
        recordId: responseId,
        date,
        targetUri: exchange.finalUrl,
        fields: responseFields,
        contentType: 'application/http;msgtype=response',
        block: [
          headerBytes(`HTTP/${exchange.httpVersion} ${exchange.status} ${exchange.statusText}${CRLF}${resHead.lines}${CRLF}`),
          exchange.rawBody,
        ],
        payload: exchange.rawBody,
      });

      const locations = await append(await Promise.all([...hops, request, response]));
      const final = locations[locations.length - 1]!;
      return {
        file: final.file,
        offset: final.offset,
        length: final.length,
        requestId,
        responseId,
        payloadSha256: createHash('sha256').update(exchange.rawBody).digest('hex'),
        records: locations,
      };
    },

    async writeResource(uri, contentType, bytes, date, warcHeaders) {
      const record = await buildRecord({
        type: 'resource',
        recordId: newRecordId(),
        date: warcDate(date),
        targetUri: uri,
        fields: extraFields(warcHeaders),
        contentType,
        block: [bytes],
        payload: bytes,
      });
      const [location] = await append([record]);
      return {
        file: location!.file,
        offset: location!.offset,
        length: location!.length,
        recordId: record.recordId,
        payloadSha256: createHash('sha256').update(bytes).digest('hex'),
      };
    },

    files() {
      return [...created];
    },

    close() {
      return enqueue(async () => {
        if (closed) return;
        closed = true;
        const file = current;
        current = null;
        if (file) await closeFile(file);
      });
    },
  };
}

import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import type { HeaderList } from '../core/fetcher.js';
import { checkWarcDigest } from './warc-writer.js';

/**
 * Reads `.warc.gz` files record by record without loading the whole file: each gzip member is
 * inflated on its own, so every record carries the offset and length of the member that holds it
 * (several records share them when a foreign file put more than one record in a member). Damage
 * is reported, not thrown, by `verifyWarcFile`: after a member that cannot be inflated the reader
 * looks for the next gzip member and goes on.
 *
 * Readers never trust the HTTP `Content-Length` inside a block: the WARC `Content-Length` is the
 * block length, and the HTTP payload is whatever follows the HTTP header block.
 *
 * Only gzip-compressed WARC files are read (a plain `.warc` file is reported as not gzip).
 */

export interface WarcRecord {
  /** Offset and length of the gzip member holding the record. */
  offset: number;
  length: number;
  /** `WARC/1.1`, `WARC/1.0`, … */
  version: string;
  /** Named fields in file order, names as written. */
  headers: Array<[string, string]>;
  type: string;
  /** As written, normally `<urn:uuid:…>`. */
  recordId: string;
  targetUri: string | null;
  date: string | null;
  contentType: string | null;
  block: Uint8Array;
  /** For `application/http` blocks: the HTTP start line and header lines. */
  http?: { startLine: string; headers: HeaderList };
  /** For HTTP records the bytes after the HTTP header block; for `resource` records the block. */
  payload?: Uint8Array;
  /** null when the record carries no digest of that kind, or one this reader cannot compute. */
  blockDigestOk: boolean | null;
  payloadDigestOk: boolean | null;
}

export interface WarcProblem {
  /** Offset of the gzip member concerned (what names a record whose member cannot be decoded). */
  offset: number;
  /** Present when the member decoded and its record has an id. */
  recordId?: string;
  problem: string;
}

export class WarcReadError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'WarcReadError';
  }
}

/** First value of a named field, case-insensitively. */
export function warcHeader(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');

/** Splits an `application/http` block into start line, header lines and body offset; null without an end of headers. */
export function parseHttpBlock(block: Uint8Array): { startLine: string; headers: HeaderList; bodyOffset: number } | null {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const end = buf.indexOf(CRLFCRLF);
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const startLine = lines.shift() ?? '';
  const headers: HeaderList = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { startLine, headers, bodyOffset: end + 4 };
}

/** Removes HTTP/1.1 chunked framing; null when the bytes are not well-formed chunked data. */
function dechunk(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', pos, 'latin1');
    if (lineEnd < 0) return null;
    const sizeText = body.subarray(pos, lineEnd).toString('latin1').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return null;
    const size = parseInt(sizeText, 16);
    pos = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (pos + size + 2 > body.length) return null;
    parts.push(body.subarray(pos, pos + size));
    pos += size + 2;
  }
}

// ---------------------------------------------------------------------------------------------
// Gzip members

/**
 * Reads up to `length` bytes at `position`: fewer at the end of the source, and possibly fewer
 * otherwise but never under min(length, 64 KiB) — callers loop for more.
 */
type ReadAt = (position: number, length: number) => Promise<Buffer>;

const READ_CHUNK = 1024 * 1024;
const MAX_RECORD_BYTES = 2 ** 31 - 1;

type MemberResult =
  | { ok: true; length: number; data: Buffer }
  /** `length` is known when the deflate stream ended (the trailer was missing or wrong). */
  | { ok: false; problem: string; length: number | null; data: Buffer };

/** Length of the gzip header at the start of `buf`, or a problem. */
function gzipHeaderLength(buf: Buffer): number | string {
  if (buf.length < 10) return 'truncated gzip header';
  if (buf[0] !== 0x1f || buf[1] !== 0x8b) return 'not a gzip member';
  if (buf[2] !== 8) return 'gzip member uses an unknown compression method';
  const flags = buf[3]!;
  if (flags & 0xe0) return 'gzip header has reserved flags set';
  let pos = 10;
  if (flags & 4) {
    if (buf.length < pos + 2) return 'truncated gzip header';
    pos += 2 + buf.readUInt16LE(pos);
  }
  for (const bit of [8, 16]) {
    if (flags & bit) {
      const zero = buf.indexOf(0, pos);
      if (zero < 0) return 'truncated gzip header';
      pos = zero + 1;
    }
  }
  if (flags & 2) pos += 2;
  return pos > buf.length ? 'truncated gzip header' : pos;
}

/** Inflates the deflate stream starting at `start`, reading only as much input as it needs. */
async function inflateFrom(
  readAt: ReadAt,
  start: number,
): Promise<{ ok: true; data: Buffer; consumed: number } | { ok: false; data: Buffer; error: string }> {
  const inflater = createInflateRaw();
  const chunks: Buffer[] = [];
  let produced = 0;
  // Held in an object: the event handlers change it, which control-flow narrowing cannot see.
  const status: { state: 'running' | 'ended' | 'failed'; error: string } = { state: 'running', error: '' };
  inflater.on('data', (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > MAX_RECORD_BYTES) inflater.destroy(new Error('record larger than 2 GiB'));
    else chunks.push(chunk);
  });
  const finished = new Promise<void>((resolve) => {
    inflater.once('end', () => {
      if (status.state === 'running') status.state = 'ended';
      resolve();
    });
    inflater.once('error', (e: Error) => {
      status.state = 'failed';
      status.error = e.message;
      resolve();
    });
  });
  let position = start;
  while (status.state === 'running') {
    const input = await readAt(position, READ_CHUNK);
    if (input.length === 0) break;
    position += input.length;
    const written = new Promise<void>((resolve) => inflater.write(input, () => resolve()));
    await Promise.race([written, finished]);
  }
  if (status.state === 'running') inflater.end();
  await finished;
  const data = Buffer.concat(chunks);
  if (status.state === 'ended') return { ok: true, data, consumed: inflater.bytesWritten };
  const { error } = status;
  return { ok: false, data, error: error === 'unexpected end of file' ? 'truncated gzip member' : `bad gzip data (${error})` };
}

async function readMember(readAt: ReadAt, offset: number): Promise<MemberResult> {
  const head = await readAt(offset, 64 * 1024);
  const headerLength = gzipHeaderLength(head);
  if (typeof headerLength === 'string') return { ok: false, problem: headerLength, length: null, data: Buffer.alloc(0) };
  const inflated = await inflateFrom(readAt, offset + headerLength);
  if (!inflated.ok) return { ok: false, problem: inflated.error, length: null, data: inflated.data };
  const trailerAt = offset + headerLength + inflated.consumed;
  const trailer = await readAt(trailerAt, 8);
  const length = headerLength + inflated.consumed + 8;
  if (trailer.length < 8) return { ok: false, problem: 'truncated gzip member (no trailer)', length: null, data: inflated.data };
  if (trailer.readUInt32LE(0) !== crc32(inflated.data) >>> 0) {
    return { ok: false, problem: 'gzip CRC mismatch', length, data: inflated.data };
  }
  if (trailer.readUInt32LE(4) !== inflated.data.length % 2 ** 32) {
    return { ok: false, problem: 'gzip size mismatch', length, data: inflated.data };
  }
  return { ok: true, length, data: inflated.data };
}

/** Offset of the next plausible gzip member start after `from`, or null. */
async function findNextMember(readAt: ReadAt, from: number): Promise<number | null> {
  const magic = Buffer.from([0x1f, 0x8b, 0x08]);
  let position = from;
  for (;;) {
    const chunk = await readAt(position, READ_CHUNK);
    if (chunk.length < magic.length) return null;
    let at = chunk.indexOf(magic);
    while (at >= 0) {
      const flags = chunk[at + 3];
      if (flags === undefined || (flags & 0xe0) === 0) return position + at;
      at = chunk.indexOf(magic, at + 1);
    }
    position += chunk.length - (magic.length - 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Records

const TARGET_URI_REQUIRED = new Set(['response', 'resource', 'request', 'revisit', 'conversion', 'continuation']);

interface ParsedRecord {
  record: WarcRecord | null;
  recordId?: string;
  problems: string[];
}

function parseFields(text: string): { version: string; headers: Array<[string, string]>; malformed: number } {
  const lines = text.split('\r\n');
  const version = lines.shift() ?? '';
  const headers: Array<[string, string]> = [];
  let malformed = 0;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      malformed += 1;
      continue;
    }
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { version, headers, malformed };
}

function buildRecord(
  version: string,
  headers: Array<[string, string]>,
  block: Buffer,
  offset: number,
  length: number,
  problems: string[],
): WarcRecord {
  const type = warcHeader(headers, 'WARC-Type') ?? '';
  const recordId = warcHeader(headers, 'WARC-Record-ID') ?? '';
  const contentType = warcHeader(headers, 'Content-Type') ?? null;
  const record: WarcRecord = {
    offset,
    length,
    version,
    headers,
    type,
    recordId,
    targetUri: warcHeader(headers, 'WARC-Target-URI') ?? null,
    date: warcHeader(headers, 'WARC-Date') ?? null,
    contentType,
    block,
    blockDigestOk: null,
    payloadDigestOk: null,
  };

  const blockDigest = warcHeader(headers, 'WARC-Block-Digest');
  if (blockDigest !== undefined) {
    record.blockDigestOk = checkWarcDigest(blockDigest, block);
    if (record.blockDigestOk === false) problems.push('WARC-Block-Digest does not match the block');
  }

  const isHttp = contentType !== null && /^application\/http\b/i.test(contentType);
  if (isHttp && (type === 'response' || type === 'request')) {
    const http = parseHttpBlock(block);
    if (http) {
      record.http = { startLine: http.startLine, headers: http.headers };
      record.payload = block.subarray(http.bodyOffset);
    } else {
      problems.push('HTTP block has no end of headers');
    }
  } else if (type === 'resource' || type === 'conversion') {
    record.payload = block;
  }

  const payloadDigest = warcHeader(headers, 'WARC-Payload-Digest');
  if (payloadDigest !== undefined && record.payload && type !== 'revisit') {
    let ok = checkWarcDigest(payloadDigest, record.payload);
    // Some writers digest the de-chunked body while storing the chunked one (the spec's wording).
    const te = record.http ? (warcHeader(record.http.headers, 'Transfer-Encoding') ?? '') : '';
    if (ok === false && /chunked/i.test(te)) {
      const plain = dechunk(Buffer.from(record.payload));
      if (plain && checkWarcDigest(payloadDigest, plain) === true) ok = true;
    }
    record.payloadDigestOk = ok;
    if (ok === false) problems.push('WARC-Payload-Digest does not match the payload');
  }
  return record;
}

/** Parses the record(s) held in one decompressed gzip member. */
function parseRecords(data: Buffer, offset: number, length: number): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  let pos = 0;
  while (pos < data.length) {
    // Tolerate stray line breaks between records.
    while (pos < data.length && (data[pos] === 0x0d || data[pos] === 0x0a)) pos += 1;
    if (pos >= data.length) break;
    const problems: string[] = [];
    const headEnd = data.indexOf(CRLFCRLF, pos);
    if (headEnd < 0) {
      out.push({ record: null, problems: ['record header is not terminated by an empty line'] });
      break;
    }
    const { version, headers, malformed } = parseFields(data.subarray(pos, headEnd).toString('utf8'));
    const recordId = warcHeader(headers, 'WARC-Record-ID');
    if (!/^WARC\/\d+\.\d+$/.test(version)) {
      out.push({ record: null, recordId, problems: [`not a WARC record (starts with ${JSON.stringify(version.slice(0, 20))})`] });
      break;
    }
    if (malformed > 0) problems.push(`${malformed} malformed header line(s)`);
    for (const name of ['WARC-Record-ID', 'WARC-Type', 'WARC-Date', 'Content-Length']) {
      if (warcHeader(headers, name) === undefined) problems.push(`missing mandatory field ${name}`);
    }
    const type = warcHeader(headers, 'WARC-Type') ?? '';
    if (TARGET_URI_REQUIRED.has(type) && warcHeader(headers, 'WARC-Target-URI') === undefined) {
      problems.push(`missing WARC-Target-URI (mandatory for ${type} records)`);
    }
    const date = warcHeader(headers, 'WARC-Date');
    if (date !== undefined && Number.isNaN(Date.parse(date))) problems.push(`invalid WARC-Date ${JSON.stringify(date)}`);

    const blockStart = headEnd + 4;
    const declaredText = warcHeader(headers, 'Content-Length');
    const declared = declaredText !== undefined && /^\d+$/.test(declaredText) ? Number(declaredText) : null;
    if (declaredText !== undefined && declared === null) problems.push(`invalid Content-Length ${JSON.stringify(declaredText)}`);
    const terminatedAt = (end: number): boolean => data.subarray(end, end + 4).equals(CRLFCRLF);

    let blockEnd: number;
    let last = false;
    if (declared !== null && terminatedAt(blockStart + declared)) {
      blockEnd = blockStart + declared;
    } else {
      // Best effort: the rest of the member is taken as one record ending in CRLF CRLF.
      last = true;
      blockEnd = data.length >= blockStart + 4 && terminatedAt(data.length - 4) ? data.length - 4 : data.length;
      if (declared !== null) {
        problems.push(`Content-Length ${declared} does not match the block (${blockEnd - blockStart} bytes before the record end)`);
      } else if (blockEnd === data.length) {
        problems.push('record is not terminated by CRLF CRLF');
      }
    }
    const record = buildRecord(version, headers, data.subarray(blockStart, blockEnd), offset, length, problems);
    out.push({ record, recordId, problems });
    if (last) break;
    pos = blockEnd + 4;
  }
  if (out.length === 0) out.push({ record: null, problems: ['gzip member holds no WARC record'] });
  return out;
}

type ScanItem = { kind: 'record'; record: WarcRecord; problems: string[] } | { kind: 'problem'; problem: WarcProblem };

/**
 * Reads through a window of at least 1 MiB, so that a file of many small members is not read
 * once per member. May return fewer bytes than asked (but at least 64 KiB unless at the end).
 */
function fileReader(handle: FileHandle): ReadAt {
  const MIN_SERVED = 64 * 1024;
  let windowStart = 0;
  let window = Buffer.alloc(0);
  let windowAtEnd = false;
  return async (position, length) => {
    const inWindow = position - windowStart;
    if (inWindow >= 0 && inWindow < window.length) {
      const available = window.length - inWindow;
      if (available >= Math.min(length, MIN_SERVED) || windowAtEnd) {
        return window.subarray(inWindow, inWindow + Math.min(length, available));
      }
    }
    const size = Math.max(length, READ_CHUNK);
    const buf = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buf, 0, size, position);
    window = buf.subarray(0, bytesRead);
    windowStart = position;
    windowAtEnd = bytesRead < size;
    return window.subarray(0, Math.min(length, bytesRead));
  };
}

async function* scanFile(file: string): AsyncGenerator<ScanItem> {
  const handle = await open(file, 'r');
  try {
    const readAt = fileReader(handle);
    const size = (await handle.stat()).size;
    let offset = 0;
    // After a damaged member its end cannot be trusted: look for the next member that decodes.
    let searching = false;
    while (offset < size) {
      let at = offset;
      if (searching) {
        const next = await findNextMember(readAt, offset);
        if (next === null) break;
        at = next;
      }
      const member = await readMember(readAt, at);
      if (searching && !member.ok && !member.data.subarray(0, 5).equals(Buffer.from('WARC/'))) {
        offset = at + 1; // a gzip signature inside compressed data, not a member
        continue;
      }
      searching = false;
      if (member.ok) {
        for (const parsed of parseRecords(member.data, at, member.length)) {
          if (parsed.record) yield { kind: 'record', record: parsed.record, problems: parsed.problems };
          else for (const problem of parsed.problems) yield { kind: 'problem', problem: { offset: at, recordId: parsed.recordId, problem } };
        }
        offset = at + member.length;
        continue;
      }
      // No record id: it would have to be read from data known to be damaged.
      yield { kind: 'problem', problem: { offset: at, problem: member.problem } };
      searching = true;
      offset = at + 1;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Every record of a `.warc.gz` file, in order. Records whose digests do not match are still
 * yielded (see `blockDigestOk`/`payloadDigestOk`). Other damage is passed to `onProblem` and
 * reading goes on; without `onProblem` it throws `WarcReadError`.
 */
export async function* readWarcRecords(
  file: string,
  options: { onProblem?: (problem: WarcProblem) => void } = {},
): AsyncGenerator<WarcRecord> {
  for await (const item of scanFile(file)) {
    if (item.kind === 'record') {
      const structural = item.problems.filter((p) => !/Digest does not match/.test(p));
      if (structural.length > 0 && !options.onProblem) {
        throw new WarcReadError(`${file}@${item.record.offset}: ${structural.join('; ')}`, file, item.record.offset);
      }
      for (const problem of item.problems) options.onProblem?.({ offset: item.record.offset, recordId: item.record.recordId, problem });
      yield item.record;
    } else {
      if (!options.onProblem) throw new WarcReadError(`${file}@${item.problem.offset}: ${item.problem.problem}`, file, item.problem.offset);
      options.onProblem(item.problem);
    }
  }
}

/**
 * The one record held in the gzip member at `offset` (`length` bytes), as returned by the writer.
 * Throws `WarcReadError` when the range is not exactly one intact member holding one record;
 * digest mismatches are reported in the flags, not thrown.
 */
export async function readWarcRecordAt(file: string, offset: number, length: number): Promise<WarcRecord> {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length <= 0) {
    throw new WarcReadError(`${file}: invalid range ${offset}+${length}`, file, offset);
  }
  const handle = await open(file, 'r');
  let bytes: Buffer;
  try {
    bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, offset);
    if (bytesRead !== length) throw new WarcReadError(`${file}@${offset}: range ends past the end of the file`, file, offset);
  } finally {
    await handle.close();
  }
  const readAt: ReadAt = (position, size) => Promise.resolve(bytes.subarray(position, position + size));
  const member = await readMember(readAt, 0);
  if (!member.ok) throw new WarcReadError(`${file}@${offset}: ${member.problem}`, file, offset);
  if (member.length !== length) {
    throw new WarcReadError(`${file}@${offset}: range is ${length} bytes but the gzip member is ${member.length}`, file, offset);
  }
  const parsed = parseRecords(member.data, offset, length);
  if (parsed.length !== 1) {
    const problems = parsed.flatMap((p) => p.problems);
    throw new WarcReadError(`${file}@${offset}: ${problems.join('; ') || 'member holds more than one record'}`, file, offset);
  }
  const { record, problems } = parsed[0]!;
  if (!record) throw new WarcReadError(`${file}@${offset}: ${problems.join('; ')}`, file, offset);
  const structural = problems.filter((p) => !/Digest does not match/.test(p));
  if (structural.length > 0) throw new WarcReadError(`${file}@${offset}: ${structural.join('; ')}`, file, offset);
  return record;
}

/**
 * Checks a whole `.warc.gz` file: gzip integrity, mandatory fields, Content-Length, and block and
 * payload digests. Damage is listed, never thrown (an unreadable file is one problem at offset 0).
 */
export async function verifyWarcFile(file: string): Promise<{ records: number; problems: WarcProblem[] }> {
  let records = 0;
  const problems: WarcProblem[] = [];
  try {
    for await (const item of scanFile(file)) {
      if (item.kind === 'problem') {
        problems.push(item.problem);
        continue;
      }
      records += 1;
      for (const problem of item.problems) {
        problems.push({ offset: item.record.offset, ...(item.record.recordId ? { recordId: item.record.recordId } : {}), problem });
      }
    }
  } catch (error) {
    problems.push({ offset: 0, problem: `cannot read file: ${(error as Error).message}` });
  }
  return { records, problems };
}

import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import type { HttpExchange } from '../core/fetcher.js';
import { readWarcRecordAt, readWarcRecords, verifyWarcFile, warcHeader } from './warc-reader.js';
import type { WarcRecord } from './warc-reader.js';
import {
  base32Decode,
  base32Encode,
  checkWarcDigest,
  createWarcWriter,
  hexToWarcDigest,
  warcDigestToHex,
  warcSha256Digest,
} from './warc-writer.js';
import type { WarcExchangeResult } from './warc-writer.js';

const run = promisify(execFile);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rasad-warc-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  const rawBody = overrides.rawBody ?? Buffer.from('<p>hello</p>');
  const url = overrides.finalUrl ?? 'https://example.org/post/1';
  return {
    url,
    finalUrl: url,
    redirects: [],
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    request: {
      method: 'GET',
      url,
      headers: [
        ['Host', new URL(url).host],
        ['User-Agent', 'Rasad/0.1'],
        ['Accept-Encoding', 'gzip, br'],
      ],
    },
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Content-Length', String(rawBody.byteLength)],
    ],
    rawBody,
    body: rawBody,
    startedAt: '2024-05-01T10:20:30.123Z',
    elapsedMs: 42,
    remoteAddress: '93.184.216.34',
    ...overrides,
  };
}

const arabicHtml = Buffer.from('<!doctype html><html lang="ar" dir="rtl"><body><p>بيان صادر عن المكتب الإعلامي — ١٤٤٥ هـ</p></body></html>', 'utf8');
const jsonBody = Buffer.from(JSON.stringify({ posts: Array.from({ length: 50 }, (_, i) => ({ id: i, text: `نص ${i}` })) }));
const gzipped = gzipSync(jsonBody);

const arabicExchange = exchange({
  url: 'http://example.org/p/1',
  finalUrl: 'https://example.org/post/1',
  redirects: [
    {
      url: 'http://example.org/p/1',
      status: 301,
      location: 'https://example.org/post/1',
      headers: [
        ['Location', 'https://example.org/post/1'],
        ['Content-Length', '0'],
      ],
    },
  ],
  headers: [
    ['Content-Type', 'text/html; charset=utf-8'],
    ['Transfer-Encoding', 'chunked'],
    ['X-Custom', 'kept'],
  ],
  rawBody: arabicHtml,
});

const gzipExchange = exchange({
  finalUrl: 'https://api.example.org/feed.json',
  headers: [
    ['Content-Type', 'application/json'],
    ['Content-Encoding', 'gzip'],
    ['Content-Length', String(gzipped.length)],
  ],
  rawBody: gzipped,
  body: jsonBody,
  remoteAddress: '::ffff:10.1.2.3',
});

// The HTTP Content-Length disagrees with the body: readers must use the WARC framing.
const lyingExchange = exchange({
  finalUrl: 'https://example.org/short',
  headers: [['Content-Length', '999']],
  rawBody: Buffer.from('only this'),
  remoteAddress: null,
});

async function readAll(file: string): Promise<WarcRecord[]> {
  const out: WarcRecord[] = [];
  for await (const record of readWarcRecords(file)) out.push(record);
  return out;
}

describe('digest encodings', () => {
  it('encodes and decodes RFC 4648 base32 (no padding written, padding accepted)', () => {
    expect(base32Encode(createHash('sha1').update('').digest())).toBe('3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ');
    expect(warcSha256Digest(Buffer.from(''))).toBe('sha256:4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ');
    expect(warcSha256Digest(Buffer.from('abc'))).toBe('sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ');
    const bytes = randomBytes(37);
    expect(Buffer.from(base32Decode(base32Encode(bytes))!)).toEqual(bytes);
    expect(base32Decode('not base32!')).toBeNull();
  });

  it('converts between labelled digests and hex', () => {
    const hex = sha256(Buffer.from('abc'));
    expect(hexToWarcDigest(hex)).toBe('sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ');
    expect(warcDigestToHex('sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====')).toEqual({ algorithm: 'sha256', hex });
    expect(warcDigestToHex('SHA-256:xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq')).toEqual({ algorithm: 'sha256', hex });
    expect(warcDigestToHex(`sha256:${hex}`)).toEqual({ algorithm: 'sha256', hex });
    expect(warcDigestToHex('sha256:TOOSHORT')).toBeNull();
    expect(warcDigestToHex('whirlpool:AAAA')).toBeNull();
    expect(checkWarcDigest('sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ', new Uint8Array())).toBe(true);
    expect(checkWarcDigest('sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ', Buffer.from('x'))).toBe(false);
  });
});

describe('WARC writer and reader', () => {
  let dir: string;
  let file: string;
  let results: WarcExchangeResult[];
  let media: Buffer;
  let mediaResult: Awaited<ReturnType<ReturnType<typeof createWarcWriter>['writeResource']>>;
  let records: WarcRecord[];

  beforeAll(async () => {
    dir = path.join(root, 'basic');
    const writer = createWarcWriter({ dir, prefix: 'rasad', software: 'rasad/0.1.0 (test)', hostname: 'test-host', clock: fixedClock('2024-05-01T10:21:00Z') });
    results = [];
    results.push(await writer.writeExchange(arabicExchange, { warcHeaders: { 'WARC-Rasad-Job': 'job-1' } }));
    results.push(await writer.writeExchange(gzipExchange));
    results.push(await writer.writeExchange(lyingExchange));
    media = randomBytes(1536 * 1024); // incompressible: its gzip member spans several read chunks
    mediaResult = await writer.writeResource('https://cdn.example.org/v/1.mp4', 'video/mp4', media, '2024-05-01T10:20:31Z', {
      'WARC-Rasad-Item': 'item-9',
    });
    await writer.close();
    expect(writer.files()).toHaveLength(1);
    file = path.join(dir, writer.files()[0]!);
    records = await readAll(file);
  });

  it('names files <prefix>-<yyyymmddhhmmss>-<serial>-<random>.warc.gz', async () => {
    expect(await readdir(dir)).toEqual([path.basename(file)]);
    expect(path.basename(file)).toMatch(/^rasad-20240501102100-00000-[0-9a-f]{6}\.warc\.gz$/);
    expect(results[0]!.file).toBe(path.basename(file));
  });

  it('starts with warcinfo and writes hop, request and response records in order', () => {
    expect(records.map((r) => r.type)).toEqual([
      'warcinfo',
      'response', // redirect hop
      'request',
      'response',
      'request',
      'response',
      'request',
      'response',
      'resource',
    ]);
    const info = records[0]!;
    expect(info.version).toBe('WARC/1.1');
    expect(warcHeader(info.headers, 'WARC-Filename')).toBe(path.basename(file));
    expect(info.contentType).toBe('application/warc-fields');
    const infoText = Buffer.from(info.block).toString('utf8');
    expect(infoText).toContain('software: rasad/0.1.0 (test)\r\n');
    expect(infoText).toContain('format: WARC File Format 1.1\r\n');
    expect(infoText).toContain('hostname: test-host\r\n');
    for (const r of records) {
      expect(r.recordId).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
      expect(r.blockDigestOk).toBe(true);
      expect(warcHeader(r.headers, 'WARC-Block-Digest')).toMatch(/^sha256:[A-Z2-7]{52}$/);
      expect(Number(warcHeader(r.headers, 'Content-Length'))).toBe(r.block.byteLength);
    }
    expect(new Set(records.map((r) => r.recordId)).size).toBe(records.length);
  });

  it('keeps the exchange as received, minus chunked framing, with request/response linked', () => {
    const [hop, request, response] = [records[1]!, records[2]!, records[3]!];
    const result = results[0]!;

    expect(hop.targetUri).toBe('http://example.org/p/1');
    expect(hop.http?.startLine).toBe('HTTP/1.1 301 Moved Permanently');
    expect(hop.http?.headers).toEqual([
      ['Location', 'https://example.org/post/1'],
      ['Content-Length', '0'],
    ]);
    expect(hop.payload).toHaveLength(0);
    expect(warcHeader(hop.headers, 'WARC-Truncated')).toBeUndefined();
    expect(result.records.map((r) => r.recordId)).toEqual([hop.recordId, request.recordId, response.recordId]);

    expect(request.recordId).toBe(result.requestId);
    expect(request.targetUri).toBe('https://example.org/post/1');
    expect(request.contentType).toBe('application/http;msgtype=request');
    expect(request.http?.startLine).toBe('GET /post/1 HTTP/1.1');
    expect(request.http?.headers[0]).toEqual(['Host', 'example.org']);
    expect(warcHeader(request.headers, 'WARC-Concurrent-To')).toBe(result.responseId);
    expect(request.payloadDigestOk).toBe(true);

    expect(response.recordId).toBe(result.responseId);
    expect(response.targetUri).toBe('https://example.org/post/1');
    expect(response.contentType).toBe('application/http;msgtype=response');
    expect(response.date).toBe('2024-05-01T10:20:30.123Z');
    expect(warcHeader(response.headers, 'WARC-IP-Address')).toBe('93.184.216.34');
    expect(warcHeader(response.headers, 'WARC-Concurrent-To')).toBe(result.requestId);
    expect(warcHeader(response.headers, 'WARC-Rasad-Dropped-Header')).toBe('Transfer-Encoding: chunked');
    expect(warcHeader(response.headers, 'WARC-Rasad-Job')).toBe('job-1');
    expect(response.http?.startLine).toBe('HTTP/1.1 200 OK');
    expect(response.http?.headers).toEqual([
      ['Content-Type', 'text/html; charset=utf-8'],
      ['X-Custom', 'kept'],
    ]);
    expect(Buffer.from(response.payload!)).toEqual(arabicHtml);
    expect(Buffer.from(response.payload!).toString('utf8')).toContain('بيان صادر عن المكتب الإعلامي');
    expect(response.payloadDigestOk).toBe(true);
    expect(warcDigestToHex(warcHeader(response.headers, 'WARC-Payload-Digest')!)!.hex).toBe(sha256(arabicHtml));
    expect(result.payloadSha256).toBe(sha256(arabicHtml));
  });

  it('stores content-encoded payloads byte for byte and ignores the HTTP Content-Length', () => {
    const gz = records[5]!;
    expect(Buffer.from(gz.payload!)).toEqual(gzipped);
    expect(gunzipSync(gz.payload!)).toEqual(jsonBody);
    expect(warcHeader(gz.headers, 'WARC-IP-Address')).toBe('10.1.2.3');
    expect(results[1]!.payloadSha256).toBe(sha256(gzipped));

    const lying = records[7]!;
    expect(Buffer.from(lying.payload!).toString()).toBe('only this');
    expect(lying.payloadDigestOk).toBe(true);
    expect(warcHeader(lying.headers, 'WARC-IP-Address')).toBeUndefined();
  });

  it('writes resources with the payload equal to the block', () => {
    const resource = records[8]!;
    expect(resource.recordId).toBe(mediaResult.recordId);
    expect(resource.targetUri).toBe('https://cdn.example.org/v/1.mp4');
    expect(resource.contentType).toBe('video/mp4');
    expect(resource.date).toBe('2024-05-01T10:20:31Z');
    expect(warcHeader(resource.headers, 'WARC-Rasad-Item')).toBe('item-9');
    expect(Buffer.from(resource.block).equals(media)).toBe(true);
    expect(resource.payloadDigestOk).toBe(true);
    expect(mediaResult.payloadSha256).toBe(sha256(media));
  });

  it('reads any record alone by offset and length', async () => {
    for (const result of results) {
      for (const location of result.records) {
        const record = await readWarcRecordAt(file, location.offset, location.length);
        expect(record.recordId).toBe(location.recordId);
        expect(record.type).toBe(location.type);
      }
      const response = await readWarcRecordAt(file, result.offset, result.length);
      expect(response.recordId).toBe(result.responseId);
      expect(sha256(response.payload!)).toBe(result.payloadSha256);
    }
    const media2 = await readWarcRecordAt(file, mediaResult.offset, mediaResult.length);
    expect(Buffer.from(media2.block).equals(media)).toBe(true);
    // A range that is not exactly one member is refused.
    await expect(readWarcRecordAt(file, results[0]!.offset, results[0]!.length + 5)).rejects.toThrow(/gzip member is/);
    await expect(readWarcRecordAt(file, results[0]!.offset + 1, results[0]!.length)).rejects.toThrow(/not a gzip member/);
  });

  it('is readable by gzip/zcat as plain WARC text (no warcio available here)', async () => {
    await run('gzip', ['-t', file]);
    const { stdout } = await run('sh', ['-c', `gzip -dc '${file}' | head -c 4000`], { encoding: 'latin1', maxBuffer: 1 << 20 });
    expect(stdout.startsWith('WARC/1.1\r\nWARC-Type: warcinfo\r\n')).toBe(true);
    expect(stdout).toContain('\r\n\r\nWARC/1.1\r\nWARC-Type: response\r\n');
    expect(stdout).toContain('Content-Type: application/http;msgtype=response\r\n');
  });

  it('verifies an intact file without problems', async () => {
    expect(await verifyWarcFile(file)).toEqual({ records: 9, problems: [] });
  });

  it('names the record whose compressed bytes were damaged and still checks the others', async () => {
    const original = await readFile(file);
    const target = results[1]!; // the gzip-payload response, in the middle of the file
    const damaged = path.join(root, 'damaged.warc.gz');
    // Wherever the flipped byte lands (header, deflate data, trailer), only that member is named.
    for (const fraction of [0.02, 0.2, 0.5, 0.8, 0.99]) {
      const bytes = Buffer.from(original);
      bytes[target.offset + Math.floor(target.length * fraction)]! ^= 0x55;
      await writeFile(damaged, bytes);
      const report = await verifyWarcFile(damaged);
      expect(report.problems.length, `flip at ${fraction}`).toBeGreaterThan(0);
      expect(report.problems.map((p) => p.offset)).toEqual(report.problems.map(() => target.offset));
      for (const p of report.problems) if (p.recordId) expect(p.recordId).toBe(target.responseId);
      expect(report.records).toBeGreaterThanOrEqual(8);
    }
    // Readers without a problem handler refuse the file; with one they go on.
    await expect(readAll(damaged)).rejects.toThrow(/@\d+: /);
    const seen: number[] = [];
    let count = 0;
    for await (const _record of readWarcRecords(damaged, { onProblem: (p) => seen.push(p.offset) })) count += 1;
    expect(count).toBeGreaterThanOrEqual(8);
    expect(seen.every((o) => o === target.offset)).toBe(true);
  });

  it('names the record whose content was altered under a valid gzip member (digest mismatch)', async () => {
    const bytes = await readFile(file);
    const target = results[0]!;
    const member = gunzipSync(bytes.subarray(target.offset, target.offset + target.length));
    const at = member.indexOf(Buffer.from('المكتب', 'utf8'));
    member[at + 1]! ^= 0x01; // one bit of the Arabic payload
    const forged = gzipSync(member);
    const spliced = Buffer.concat([bytes.subarray(0, target.offset), forged, bytes.subarray(target.offset + target.length)]);
    const forgedFile = path.join(root, 'forged.warc.gz');
    await writeFile(forgedFile, spliced);
    const report = await verifyWarcFile(forgedFile);
    expect(report.records).toBe(9);
    expect(report.problems).toEqual([
      { offset: target.offset, recordId: target.responseId, problem: 'WARC-Block-Digest does not match the block' },
      { offset: target.offset, recordId: target.responseId, problem: 'WARC-Payload-Digest does not match the payload' },
    ]);
    const record = await readWarcRecordAt(forgedFile, target.offset, forged.length);
    expect(record.blockDigestOk).toBe(false);
    expect(record.payloadDigestOk).toBe(false);
  });

  it('reports a wrong Content-Length and missing mandatory fields', async () => {
    const text =
      'WARC/1.1\r\nWARC-Type: resource\r\nWARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nhello\r\n\r\n';
    const bad = path.join(root, 'bad-fields.warc.gz');
    await writeFile(bad, gzipSync(Buffer.from(text)));
    const report = await verifyWarcFile(bad);
    expect(report.records).toBe(1);
    expect(report.problems.map((p) => p.problem)).toEqual([
      'missing mandatory field WARC-Record-ID',
      'missing WARC-Target-URI (mandatory for resource records)',
      'Content-Length 3 does not match the block (5 bytes before the record end)',
    ]);
  });

  it('reports a truncated file and a file that is not gzip instead of crashing', async () => {
    const truncated = path.join(root, 'truncated.warc.gz');
    await writeFile(truncated, await readFile(file));
    await truncate(truncated, mediaResult.offset + 1000);
    const report = await verifyWarcFile(truncated);
    expect(report.records).toBe(8);
    expect(report.problems).toEqual([{ offset: mediaResult.offset, problem: 'truncated gzip member' }]);

    const garbage = path.join(root, 'garbage.warc.gz');
    await writeFile(garbage, Buffer.from('this is not a warc file at all'));
    expect((await verifyWarcFile(garbage)).problems).toEqual([{ offset: 0, problem: 'not a gzip member' }]);

    expect((await verifyWarcFile(path.join(root, 'missing.warc.gz'))).problems[0]!.problem).toMatch(/^cannot read file: ENOENT/);
  });
});

describe('WARC writer files and concurrency', () => {
  it('rotates to a new file when the size limit would be exceeded', async () => {
    const dir = path.join(root, 'rotate');
    const writer = createWarcWriter({ dir, prefix: 'rot', software: 'rasad-test', maxFileBytes: 6000 });
    const written: WarcExchangeResult[] = [];
    for (let i = 0; i < 12; i += 1) {
      written.push(await writer.writeExchange(exchange({ finalUrl: `https://example.org/${i}`, rawBody: randomBytes(1500) })));
    }
    await writer.close();
    const files = writer.files();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect((await readdir(dir)).sort()).toEqual([...files].sort());
    files.forEach((name, i) => expect(name).toMatch(new RegExp(`^rot-\\d{14}-${String(i).padStart(5, '0')}-[0-9a-f]{6}\\.warc\\.gz$`)));
    let total = 0;
    for (const name of files) {
      const full = path.join(dir, name);
      expect((await stat(full)).size).toBeLessThanOrEqual(6000);
      const records = await readAll(full);
      expect(records[0]!.type).toBe('warcinfo');
      expect(warcHeader(records[0]!.headers, 'WARC-Filename')).toBe(name);
      expect(records.filter((r) => r.type === 'warcinfo')).toHaveLength(1);
      total += records.filter((r) => r.type === 'response').length;
      expect((await verifyWarcFile(full)).problems).toEqual([]);
    }
    expect(total).toBe(12);
    for (const w of written) {
      const record = await readWarcRecordAt(path.join(dir, w.file), w.offset, w.length);
      expect(record.recordId).toBe(w.responseId);
    }
  });

  it('serializes concurrent writes so records never interleave', async () => {
    const dir = path.join(root, 'concurrent');
    const writer = createWarcWriter({ dir, prefix: 'con', software: 'rasad-test' });
    const jobs = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3
        ? writer.writeResource(`urn:rasad:media:${i}`, 'application/octet-stream', randomBytes(2000 + i * 50), '2024-05-01T00:00:00Z')
        : writer.writeExchange(exchange({ finalUrl: `https://example.org/c/${i}`, rawBody: randomBytes(1000 + i * 100) })),
    );
    const results = await Promise.all(jobs);
    await writer.close();
    await expect(writer.writeResource('urn:x', 'text/plain', new Uint8Array(1), '2024-05-01T00:00:00Z')).rejects.toThrow(/closed/);

    const file = path.join(dir, writer.files()[0]!);
    expect(await verifyWarcFile(file)).toEqual({ records: 1 + 30 * 2 + 10, problems: [] });
    const records = await readAll(file);
    // Every exchange's request is immediately followed by its response.
    for (let i = 1; i < records.length; i += 1) {
      if (records[i]!.type === 'response') {
        expect(records[i - 1]!.type).toBe('request');
        expect(warcHeader(records[i]!.headers, 'WARC-Concurrent-To')).toBe(records[i - 1]!.recordId);
      }
    }
    for (const result of results) {
      const id = 'responseId' in result ? result.responseId : result.recordId;
      const record = await readWarcRecordAt(file, result.offset, result.length);
      expect(record.recordId).toBe(id);
      expect(sha256(record.payload!)).toBe(result.payloadSha256);
    }
  });

  it('rejects WARC fields that would override its own or break the header block', async () => {
    const writer = createWarcWriter({ dir: path.join(root, 'reject'), prefix: 'rej', software: 'rasad-test' });
    await expect(writer.writeExchange(exchange(), { warcHeaders: { 'WARC-Record-ID': '<urn:x>' } })).rejects.toThrow(/set by the writer/);
    await expect(writer.writeExchange(exchange(), { warcHeaders: { 'X-Note': 'a\r\nWARC-Type: evil' } })).rejects.toThrow(/line break/);
    await expect(writer.writeResource('https://example.org/a b', 'text/plain', new Uint8Array(1), '2024-05-01T00:00:00Z')).rejects.toThrow(
      /whitespace/,
    );
    await writer.close();
    expect(writer.files()).toEqual([]);
  });
});

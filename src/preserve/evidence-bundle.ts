import { createHash } from 'node:crypto';
import { open, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { custodyHash, type CustodyEntry } from '../core/custody-chain.js';
import { verifyTimestampToken } from './timestamp.js';
import { readWarcRecordAt, verifyWarcFile } from './warc-reader.js';

/**
 * An evidence bundle is a folder anyone can check without Rasad: the preserved bytes of every
 * capture, the WARC records of the exchanges, the RFC 3161 tokens, the custody-log extract, a
 * manifest, and SHA256SUMS (`sha256sum -c SHA256SUMS` works). `verifyBundle` recomputes all of it
 * and names every file that does not match.
 */

export const BUNDLE_FORMAT = 'rasad-evidence-bundle';
const MANIFEST = 'manifest.json';
const SUMS = 'SHA256SUMS';
const WARC = 'evidence.warc.gz';
const CUSTODY = 'custody.jsonl';

export interface BundleCapture {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  origin: string;
  method: string;
  capturedAt: string;
  httpStatus: number | null;
  phash: string | null;
  /** Items this capture supports, with the role (page, media, article, check). */
  supports: Array<{ key: string; role: string }>;
  bytes: Uint8Array;
  /** The decoded body when the payload was content-encoded (what a reader opens). */
  decoded: Uint8Array | null;
  /** The capture's WARC records in their file (absolute path), the response record last. */
  warc: { file: string; records: Array<{ type: string; offset: number; length: number }> } | null;
  timestamp: { token: Uint8Array; at: string; tsa: string } | null;
}

export interface BundleItem {
  key: string;
  url: string | null;
  source: string;
  publishedAt: string | null;
  collectedAt: string;
  text: string;
  liveness: string;
  livenessReason: string | null;
  goneAt: string | null;
  versions: Array<{ version: number; text: string; editedAt: string | null; seenAt: string }>;
}

export interface BundleContent {
  subject: { type: 'item' | 'event'; id: string; title: string | null };
  createdAt: string;
  software: string;
  items: BundleItem[];
  captures: BundleCapture[];
  custody: CustodyEntry[];
  /** The newest custody entry when the bundle was made (the log can be checked up to it). */
  custodyHead: { seq: number; hash: string } | null;
  /** CA certificates (PEM) of the time-stamping authorities, copied for convenience. */
  tsaCerts: Array<{ name: string; pem: Uint8Array }>;
}

const fileEntry = z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().min(0) });
const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  created_at: z.string(),
  software: z.string(),
  subject: z.object({ type: z.enum(['item', 'event']), id: z.string(), title: z.string().nullable() }),
  items: z.array(z.object({ key: z.string() }).loose()),
  captures: z.array(
    z.object({
      id: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number(),
      file: z.string(),
      decoded_file: z.string().nullable(),
      origin: z.string(),
      captured_at: z.string(),
      warc: z.object({ offset: z.number(), length: z.number(), records: z.number() }).nullable(),
      timestamp: z.object({ file: z.string(), at: z.string(), tsa: z.string() }).nullable(),
    }).loose(),
  ),
  files: z.array(fileEntry),
  custody: z.object({ file: z.string(), entries: z.number(), head: z.object({ seq: z.number(), hash: z.string() }).nullable() }),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const EXTENSIONS: Array<[RegExp, string]> = [
  [/html/, 'html'],
  [/json/, 'json'],
  [/xml|rss|atom/, 'xml'],
  [/jpeg/, 'jpg'],
  [/png/, 'png'],
  [/webp/, 'webp'],
  [/gif/, 'gif'],
  [/mp4/, 'mp4'],
  [/ogg/, 'ogg'],
  [/text\/plain/, 'txt'],
];
const extensionOf = (mediaType: string): string => EXTENSIONS.find(([re]) => re.test(mediaType))?.[1] ?? 'bin';

/** Writes a bundle into `dir` (created; must be empty). Returns the manifest's SHA-256 and the file count. */
export async function writeBundle(dir: string, content: BundleContent): Promise<{ manifestSha256: string; files: number; bytes: number }> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty: a bundle goes into a new or empty folder`);
  const files: Array<z.infer<typeof fileEntry>> = [];
  const put = async (rel: string, bytes: Uint8Array): Promise<void> => {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, bytes, { flag: 'wx' });
    files.push({ path: rel, sha256: sha256(bytes), size: bytes.byteLength });
  };
  // The WARC records of every capture, copied member by member (gzip members concatenate).
  const warcParts: Uint8Array[] = [];
  let warcOffset = 0;
  const captures: BundleManifest['captures'] = [];
  for (const c of content.captures) {
    const file = `captures/${c.sha256}.${extensionOf(c.mediaType)}`;
    if (!files.some((f) => f.path === file)) await put(file, c.bytes);
    let decodedFile: string | null = null;
    if (c.decoded) {
      decodedFile = `captures/${sha256(c.decoded)}.decoded.${extensionOf(c.mediaType)}`;
      if (!files.some((f) => f.path === decodedFile)) await put(decodedFile, c.decoded);
    }
    let warc: BundleManifest['captures'][number]['warc'] = null;
    if (c.warc && c.warc.records.length > 0) {
      const handle = await open(c.warc.file, 'r');
      try {
        let last = { offset: 0, length: 0 };
        for (const r of c.warc.records) {
          const buf = Buffer.alloc(r.length);
          await handle.read(buf, 0, r.length, r.offset);
          last = { offset: warcOffset, length: r.length };
          warcParts.push(buf);
          warcOffset += r.length;
        }
        warc = { offset: last.offset, length: last.length, records: c.warc.records.length };
      } finally {
        await handle.close();
      }
    }
    let timestamp: BundleManifest['captures'][number]['timestamp'] = null;
    if (c.timestamp) {
      const tsFile = `timestamps/${c.id}.tst`;
      await put(tsFile, c.timestamp.token);
      timestamp = { file: tsFile, at: c.timestamp.at, tsa: c.timestamp.tsa };
    }
    captures.push({
      id: c.id,
      sha256: c.sha256,
      size: c.sizeBytes,
      file,
      decoded_file: decodedFile,
      media_type: c.mediaType,
      origin: c.origin,
      method: c.method,
      captured_at: c.capturedAt,
      http_status: c.httpStatus,
      phash: c.phash,
      supports: c.supports,
      warc,
      timestamp,
    });
  }
  if (warcParts.length > 0) await put(WARC, Buffer.concat(warcParts));
  await put(CUSTODY, new TextEncoder().encode(content.custody.map((e) => JSON.stringify(e)).join('\n') + (content.custody.length > 0 ? '\n' : '')));
  for (const cert of content.tsaCerts) await put(`tsa/${cert.name}`, cert.pem);
  await put('README.txt', new TextEncoder().encode(readme(content)));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: 1,
    created_at: content.createdAt,
    software: content.software,
    subject: content.subject,
    items: content.items.map((i) => ({
      key: i.key,
      url: i.url,
      source: i.source,
      published_at: i.publishedAt,
      collected_at: i.collectedAt,
      text: i.text,
      liveness: i.liveness,
      liveness_reason: i.livenessReason,
      gone_at: i.goneAt,
      versions: i.versions.map((v) => ({ version: v.version, text: v.text, edited_at: v.editedAt, seen_at: v.seenAt })),
    })),
    captures,
    files: [...files],
    custody: { file: CUSTODY, entries: content.custody.length, head: content.custodyHead },
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(path.join(dir, MANIFEST), manifestBytes, { flag: 'wx' });
  const all = [...files, { path: MANIFEST, sha256: sha256(manifestBytes), size: manifestBytes.byteLength }];
  await writeFile(path.join(dir, SUMS), all.map((f) => `${f.sha256}  ${f.path}`).join('\n') + '\n', { flag: 'wx' });
  return { manifestSha256: sha256(manifestBytes), files: all.length + 1, bytes: all.reduce((n, f) => n + f.size, 0) };
}

function readme(content: BundleContent): string {
  return [
    `Rasad evidence bundle: ${content.subject.type} ${content.subject.id}${content.subject.title ? ` (${content.subject.title})` : ''}`,
    `Made ${content.createdAt} by ${content.software}.`,
    '',
    'Check it with Rasad:        rasad evidence verify <this folder>',
    'Check it without Rasad:     sha256sum -c SHA256SUMS',
    'Check a trusted timestamp:  openssl ts -verify -digest <sha256 of the capture> -sha256 -token_in -in timestamps/<capture>.tst -CAfile <the TSA CA certificate>',
    '',
    'captures/      the bytes exactly as received (named by their SHA-256); *.decoded.* when the server compressed them',
    'evidence.warc.gz  the HTTP requests and responses (WARC 1.1, one gzip member per record)',
    'timestamps/    RFC 3161 time-stamp tokens over each capture\'s SHA-256',
    'custody.jsonl  the custody-log entries of these captures (hash-chained: each hash covers the previous entry\'s hash)',
    'manifest.json  what is here: items, captures, hashes, the custody-log head at export time',
    '',
  ].join('\n');
}

export interface BundleProblem {
  file: string;
  problem: string;
}

export interface BundleVerification {
  ok: boolean;
  problems: BundleProblem[];
  checked: { files: number; captures: number; timestamps: number; warcRecords: number; custodyEntries: number };
  timestampChain: 'trusted' | 'bundle' | 'unchecked';
}

/**
 * Recomputes every hash, reads back every WARC record and checks its digests and payload, verifies
 * every time-stamp token over its capture's hash (against `trustedCerts`, else the CA copied in the
 * bundle), and checks each custody entry's hash. Every mismatch names its file.
 */
export async function verifyBundle(dir: string, opts: { trustedCerts?: Uint8Array[] } = {}): Promise<BundleVerification> {
  const problems: BundleProblem[] = [];
  const checked = { files: 0, captures: 0, timestamps: 0, warcRecords: 0, custodyEntries: 0 };
  const read = async (rel: string): Promise<Uint8Array | null> => {
    try {
      return new Uint8Array(await readFile(path.join(dir, rel)));
    } catch {
      problems.push({ file: rel, problem: 'missing' });
      return null;
    }
  };
  // 1. SHA256SUMS: every listed file, and nothing unlisted.
  const sums = await read(SUMS);
  const listed = new Map<string, string>();
  if (sums) {
    for (const [n, line] of new TextDecoder().decode(sums).split('\n').entries()) {
      if (line.trim() === '') continue;
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m?.[1] || !m[2]) {
        problems.push({ file: SUMS, problem: `line ${n + 1} is not "<sha256>  <file>"` });
        continue;
      }
      listed.set(m[2], m[1]);
    }
  }
  const actual = new Map<string, string>();
  for (const [rel, expected] of listed) {
    if (rel.includes('..') || path.isAbsolute(rel)) {
      problems.push({ file: SUMS, problem: `unsafe path ${rel}` });
      continue;
    }
    const bytes = await read(rel);
    if (!bytes) continue;
    checked.files++;
    const h = sha256(bytes);
    actual.set(rel, h);
    if (h !== expected) problems.push({ file: rel, problem: `SHA-256 is ${h}, SHA256SUMS says ${expected}` });
  }
  for (const rel of await listFiles(dir)) if (rel !== SUMS && !listed.has(rel)) problems.push({ file: rel, problem: 'not listed in SHA256SUMS' });
  // 2. The manifest.
  const manifestBytes = await read(MANIFEST);
  let manifest: BundleManifest | null = null;
  if (manifestBytes) {
    try {
      const parsed = manifestSchema.safeParse(JSON.parse(new TextDecoder().decode(manifestBytes)));
      if (parsed.success) manifest = parsed.data;
      else problems.push({ file: MANIFEST, problem: `not a bundle manifest: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() });
    } catch {
      problems.push({ file: MANIFEST, problem: 'not valid JSON' });
    }
  }
  let timestampChain: BundleVerification['timestampChain'] = 'unchecked';
  if (manifest) {
    for (const f of manifest.files) {
      const h = actual.get(f.path) ?? (listed.has(f.path) ? null : undefined);
      if (h === undefined) problems.push({ file: f.path, problem: 'listed in the manifest but not in SHA256SUMS' });
      else if (h !== null && h !== f.sha256) problems.push({ file: f.path, problem: `SHA-256 is ${h}, the manifest says ${f.sha256}` });
    }
    // 3. Captures, their tokens and their WARC records.
    let trusted = opts.trustedCerts ?? [];
    if (trusted.length > 0) timestampChain = 'trusted';
    else {
      const bundled = manifest.files.filter((f) => f.path.startsWith('tsa/'));
      for (const f of bundled) {
        const pem = await read(f.path);
        if (pem) trusted = [...trusted, pem];
      }
      if (trusted.length > 0) timestampChain = 'bundle';
    }
    const warcPath = path.join(dir, WARC);
    const hasWarc = manifest.files.some((f) => f.path === WARC);
    if (hasWarc) {
      const v = await verifyWarcFile(warcPath).catch((e: unknown): Awaited<ReturnType<typeof verifyWarcFile>> => ({ records: 0, problems: [{ offset: 0, problem: e instanceof Error ? e.message : String(e) }] }));
      checked.warcRecords = v.records;
      for (const p of v.problems) problems.push({ file: WARC, problem: `record at offset ${p.offset}${p.recordId ? ` (${p.recordId})` : ''}: ${p.problem}` });
    }
    for (const c of manifest.captures) {
      checked.captures++;
      const h = actual.get(c.file);
      if (h !== undefined && h !== c.sha256) problems.push({ file: c.file, problem: `SHA-256 is ${h}, capture ${c.id} was ${c.sha256}` });
      if (c.warc && hasWarc) {
        try {
          const record = await readWarcRecordAt(warcPath, c.warc.offset, c.warc.length);
          const payload = record.payload ?? record.block;
          if (sha256(payload) !== c.sha256) problems.push({ file: WARC, problem: `the response record of capture ${c.id} does not hold its bytes` });
        } catch (error) {
          problems.push({ file: WARC, problem: `capture ${c.id}: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      if (c.timestamp) {
        const token = await read(c.timestamp.file);
        if (!token) continue;
        checked.timestamps++;
        const v = await verifyTimestampToken(token, c.sha256, trusted.length > 0 ? { trustedCerts: trusted } : {});
        if (!v.ok) problems.push({ file: c.timestamp.file, problem: `time-stamp token does not verify for capture ${c.id}: ${v.problem ?? 'invalid'}` });
      }
    }
    // 4. The custody extract: every entry's hash covers its fields and the previous hash.
    const custody = await read(manifest.custody.file);
    if (custody) {
      const lines = new TextDecoder().decode(custody).split('\n').filter((l) => l.trim() !== '');
      for (const [n, line] of lines.entries()) {
        checked.custodyEntries++;
        try {
          const e = JSON.parse(line) as CustodyEntry;
          if (custodyHash(e.prevHash, e) !== e.hash) problems.push({ file: manifest.custody.file, problem: `entry ${n + 1} (seq ${e.seq}) does not match its hash` });
        } catch {
          problems.push({ file: manifest.custody.file, problem: `line ${n + 1} is not a custody entry` });
        }
      }
      if (lines.length !== manifest.custody.entries) problems.push({ file: manifest.custody.file, problem: `${lines.length} entries, the manifest says ${manifest.custody.entries}` });
    }
  }
  return { ok: problems.length === 0, problems, checked, timestampChain };
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(path.join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${name}` : name;
    const s = await stat(path.join(dir, rel));
    if (s.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

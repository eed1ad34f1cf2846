import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../../test/support/factories.js';
import { routeTestContext } from '../../../test/support/route-context.js';
import type { AppContext } from '../../app/context.js';
import { timeOrderedId } from '../../core/ids.js';
import { type CaptureRecord, insertCapture, linkItemCaptures, noteTimestampFailure } from '../../store/capture.repository.js';
import { custodyOfSubjects } from '../../store/custody.repository.js';
import { type Db, openDatabase } from '../../store/database.js';
import { insertItems } from '../../store/item.repository.js';
import { recordEdits } from '../../store/item-version.repository.js';
import { insertLivenessChecks, updateItemLiveness } from '../../store/liveness.repository.js';
import { watchSource } from '../../store/watched-source.repository.js';
import { buildServer } from '../app.js';
import { CAPTURE_CSP } from './evidence.routes.js';

const NOW = '2026-11-24T10:00:00.000Z';
const COLLECTED = '2026-11-20T08:05:00.000Z';
const ORIGINAL = 'نعلن عن دورة تدريبية جديدة للمنتسبين.';
const EDITED = 'نعلن عن دورة جديدة.';
// A channel page as Telegram might serve it: a script and a tracking pixel the viewer must never run or fetch.
const PAGE = '<html><body><script>fetch("https://t.me/track")</script><img src="https://cdn.example/pixel.gif"><p>post 41</p></body></html>';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001a5f645400000000049454e44ae426082', 'hex');

interface Evidence {
  key: string;
  liveness: { state: string; reason: string | null; checked_at: string | null; gone_at: string | null; history: Array<Record<string, unknown>> };
  captures: Array<Record<string, unknown> & { id: string; role: string }>;
  versions: Array<Record<string, unknown>>;
}

// Evidence of an invented deleted post over a real in-memory SQLite database, driven with Fastify's inject.
describe('evidence routes', () => {
  let db: Db;
  let ctx: AppContext;
  let app: FastifyInstance;
  const ids = { page: '', image: '', check: '', video: '', lost: '' };
  const keys = { deleted: '', imported: '' };
  const evidenceUrl = (key: string) => `/api/items/${encodeURIComponent(key)}/evidence`;

  async function capture(bytes: Uint8Array, at: string, fields: Partial<CaptureRecord>, decoded?: Uint8Array): Promise<string> {
    const blob = await ctx.blobs.put(bytes);
    const plain = decoded ? await ctx.blobs.put(decoded) : null;
    const id = timeOrderedId(at);
    await insertCapture(db, {
      id,
      sha256: blob.sha256,
      sizeBytes: blob.sizeBytes,
      mediaType: 'application/octet-stream',
      storageKey: blob.storageKey,
      origin: 'https://t.me/closed_front/41',
      method: 'fetch:telegram-web',
      capturedAt: at,
      warcRef: null,
      timestampToken: null,
      ...fields,
      meta: { ...(plain ? { contentEncoding: 'gzip', decodedSha256: plain.sha256, decodedStorageKey: plain.storageKey } : {}), ...fields.meta },
    });
    return id;
  }

  beforeAll(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    ctx = routeTestContext(db, NOW, 'evidence');
    const sourceId = await watchSource(db, { kind: 'telegram', handle: 'closed_front', url: 'https://t.me/s/closed_front', pollIntervalSeconds: 300, followLinks: false, discoveryDepth: 0, discoveredFrom: null }, COLLECTED);

    ids.page = await capture(gzipSync(Buffer.from(PAGE)), COLLECTED, {
      mediaType: 'text/html; charset=utf-8',
      httpStatus: 200,
      warcRef: 'rasad-20261120.warc.gz#1024',
      warcFile: 'rasad-20261120.warc.gz',
      warcOffset: 1024,
      warcLength: 2048,
      timestampToken: 'MIIB',
      timestampAt: '2026-11-20T08:05:01.000Z',
      timestampTsa: 'https://tsa.example/tsr',
    }, Buffer.from(PAGE));
    ids.image = await capture(PNG, '2026-11-20T08:05:02.000Z', { mediaType: 'image/png', method: 'media', origin: 'https://cdn.example/photo.png', httpStatus: 200, phash: '8f0f0f0f0f0f0f0f', warcRef: 'rasad-20261120.warc.gz#4096' });
    // Its time-stamp request failed twice; the authority is asked again later.
    await noteTimestampFailure(db, ids.image, { error: 'HTTP 503', nextAt: null });
    await noteTimestampFailure(db, ids.image, { error: 'time-stamp authority timed out', nextAt: '2026-11-20T08:10:02.000Z' });
    ids.check = await capture(Buffer.from('<html><body>Post not found</body></html>'), '2026-11-23T09:00:00.000Z', { mediaType: 'text/html', method: 'check', httpStatus: 200 });
    ids.video = await capture(Buffer.from('not really a video'), '2026-11-20T08:05:03.000Z', { mediaType: 'video/mp4', method: 'media' });
    // A capture row whose bytes are missing from the evidence store.
    ids.lost = timeOrderedId('2026-11-20T08:06:00.000Z');
    await insertCapture(db, { id: ids.lost, sha256: 'f'.repeat(64), sizeBytes: 3, mediaType: 'text/plain', storageKey: `sha256/ff/ff/${'f'.repeat(64)}`, origin: 'x', method: 'media', capturedAt: NOW, warcRef: null, timestampToken: null });

    const deleted = buildNewItem(
      sourceId,
      { key: 'telegram:closed_front/41', nativeId: '41', url: 'https://t.me/closed_front/41', text: ORIGINAL, source: { kind: 'telegram', handle: 'closed_front', title: null } },
      { collectedAt: COLLECTED, captureId: ids.page, language: 'ar', script: 'Arab' },
    );
    const imported = buildNewItem(sourceId, { key: 'telegram:closed_front/40', nativeId: '40', text: 'An imported post.', source: { kind: 'telegram', handle: 'closed_front', title: null } });
    await insertItems(db, [deleted, imported]);
    Object.assign(keys, { deleted: deleted.draft.key, imported: imported.draft.key });
    await linkItemCaptures(db, [
      { itemId: deleted.id, captureId: ids.image, role: 'media', url: 'https://cdn.example/photo.png', createdAt: COLLECTED },
      { itemId: deleted.id, captureId: ids.check, role: 'check', url: 'https://t.me/closed_front/41?embed=1', createdAt: '2026-11-23T09:00:00.000Z' },
    ]);
    await recordEdits(db, [{ itemId: deleted.id, text: EDITED, title: null, editedAt: '2026-11-21T10:00:00.000Z', captureId: null }], '2026-11-21T10:05:00.000Z');
    await insertLivenessChecks(db, [
      { subjectType: 'item', subjectId: deleted.id, checkedAt: '2026-11-23T09:00:00.000Z', verdict: 'gone', reason: 'tg_post_not_found', httpStatus: 200, captureId: ids.check },
      { subjectType: 'item', subjectId: deleted.id, checkedAt: '2026-11-24T09:00:00.000Z', verdict: 'gone', reason: 'tg_post_not_found', httpStatus: 200, captureId: null },
    ]);
    await updateItemLiveness(db, deleted.id, { liveness: 'gone', reason: 'tg_post_not_found', checkedAt: '2026-11-24T09:00:00.000Z', goneChecks: 2, suspectedAt: '2026-11-23T09:00:00.000Z', goneAt: '2026-11-24T09:00:00.000Z', nextCheckAt: null });
    app = await buildServer(ctx, { webRoot: null });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("gives an item's liveness with its history, its captures oldest first and its edits", async () => {
    const r = await app.inject({ method: 'GET', url: evidenceUrl(keys.deleted) });
    expect(r.statusCode, r.body).toBe(200);
    const ev = r.json<Evidence>();
    expect(ev.key).toBe(keys.deleted);
    expect(ev.liveness).toEqual({
      state: 'gone',
      reason: 'tg_post_not_found',
      checked_at: '2026-11-24T09:00:00.000Z',
      gone_at: '2026-11-24T09:00:00.000Z',
      history: [
        { checked_at: '2026-11-23T09:00:00.000Z', verdict: 'gone', reason: 'tg_post_not_found', http_status: 200, capture_id: ids.check },
        { checked_at: '2026-11-24T09:00:00.000Z', verdict: 'gone', reason: 'tg_post_not_found', http_status: 200, capture_id: null },
      ],
    });
    expect(ev.captures.map((c) => [c.id, c.role])).toEqual([
      [ids.page, 'page'],
      [ids.image, 'media'],
      [ids.check, 'check'],
    ]);
    expect(ev.captures[0]).toEqual({
      id: ids.page,
      role: 'page',
      url: 'https://t.me/closed_front/41',
      sha256: createHash('sha256').update(gzipSync(Buffer.from(PAGE))).digest('hex'),
      size: gzipSync(Buffer.from(PAGE)).byteLength,
      media_type: 'text/html; charset=utf-8',
      origin: 'https://t.me/closed_front/41',
      method: 'fetch:telegram-web',
      captured_at: COLLECTED,
      http_status: 200,
      warc: { file: 'rasad-20261120.warc.gz', offset: 1024, length: 2048 },
      timestamp: { at: '2026-11-20T08:05:01.000Z', tsa: 'https://tsa.example/tsr' },
      timestamp_retry: null,
      phash: null,
    });
    // Older captures have only `<file>#<offset>`; no token, no trusted time.
    expect(ev.captures[1]).toMatchObject({
      media_type: 'image/png',
      phash: '8f0f0f0f0f0f0f0f',
      warc: { file: 'rasad-20261120.warc.gz', offset: 4096, length: null },
      timestamp: null,
      timestamp_retry: { attempts: 2, next_at: '2026-11-20T08:10:02.000Z', error: 'time-stamp authority timed out' },
    });
    expect(ev.captures[2]).toMatchObject({ role: 'check', url: 'https://t.me/closed_front/41?embed=1', warc: null });
    expect(ev.versions).toEqual([{ version: 2, text: EDITED, title: null, edited_at: '2026-11-21T10:00:00.000Z', seen_at: '2026-11-21T10:05:00.000Z' }]);
  });

  it('gives an imported item unknown liveness and no evidence; 404 for an unknown item', async () => {
    const ev = (await app.inject({ method: 'GET', url: evidenceUrl(keys.imported) })).json<Evidence>();
    expect(ev).toEqual({ key: keys.imported, liveness: { state: 'unknown', reason: null, checked_at: null, gone_at: null, history: [] }, captures: [], versions: [] });
    const missing = await app.inject({ method: 'GET', url: evidenceUrl('telegram:closed_front/999') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string; message: string } }>().error).toEqual({ code: 'not_found', message: 'no item with key telegram:closed_front/999' });
  });

  it('serves preserved HTML decoded, sandboxed, with no referrer and no sniffing, and logs the access', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/captures/${ids.page}/content` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe(PAGE);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CAPTURE_CSP);
    expect(CAPTURE_CSP).toBe("sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['content-disposition']).toBe('inline');
    expect(r.headers['cache-control']).toBe('no-store');
    const custody = await custodyOfSubjects(db, [{ subjectType: 'capture', subjectId: ids.page }]);
    expect(custody.map((e) => [e.action, e.actor, e.details, e.at])).toEqual([['access', 'web', { via: 'api' }, NOW]]);
  });

  it('names the analyst from the header in the custody log, and serves images inline and other types as downloads', async () => {
    const image = await app.inject({ method: 'GET', url: `/api/captures/${ids.image}/content`, headers: { 'x-rasad-analyst': encodeURIComponent('محللة') } });
    expect(image.statusCode).toBe(200);
    expect(image.rawPayload.equals(PNG)).toBe(true);
    expect([image.headers['content-type'], image.headers['content-disposition']]).toEqual(['image/png', 'inline']);
    const video = await app.inject({ method: 'GET', url: `/api/captures/${ids.video}/content` });
    expect(video.headers['content-disposition']).toBe(`attachment; filename="rasad-capture-${ids.video}.bin"`);
    expect(video.headers['content-security-policy']).toBe(CAPTURE_CSP);
    const custody = await custodyOfSubjects(db, [
      { subjectType: 'capture', subjectId: ids.image },
      { subjectType: 'capture', subjectId: ids.video },
    ]);
    expect(custody.map((e) => [e.subjectId, e.actor])).toEqual([
      [ids.image, 'محللة'],
      [ids.video, 'web'],
    ]);
  });

  it('refuses unknown captures and captures whose bytes are gone (404, nothing logged), and HEAD', async () => {
    for (const id of ['01JUNKNOWNCAPTURE0000000000', ids.lost]) {
      const r = await app.inject({ method: 'GET', url: `/api/captures/${id}/content` });
      expect(r.statusCode).toBe(404);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
    expect(await custodyOfSubjects(db, [{ subjectType: 'capture', subjectId: ids.lost }])).toEqual([]);
    expect((await app.inject({ method: 'HEAD', url: `/api/captures/${ids.check}/content` })).statusCode).toBe(404);
    expect(await custodyOfSubjects(db, [{ subjectType: 'capture', subjectId: ids.check }])).toEqual([]);
  });

  it('documents the evidence routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { description?: string }>> }>();
    for (const p of ['/api/items/{key}/evidence', '/api/captures/{id}/content']) expect(spec.paths[p]?.get?.description, p).toBeTruthy();
  });
});

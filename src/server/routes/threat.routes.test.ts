import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../../test/support/factories.js';
import { routeTestContext } from '../../../test/support/route-context.js';
import { AR_OFFER_TEXT, arOfferAssessment, EN_REPORT_TEXT, enReportAssessment } from '../../../test/support/threat-fixtures.js';
import { threatRecord } from '../../analyze/threat.stage.js';
import { saveThreat } from '../../store/analysis.repository.js';
import { type Db, openDatabase } from '../../store/database.js';
import { insertItems } from '../../store/item.repository.js';
import { upsertSource } from '../../store/source.repository.js';
import { buildServer } from '../app.js';

const NOW = '2026-11-24T10:00:00.000Z';

// The routes over a real in-memory SQLite database, driven with Fastify's inject (no socket).
describe('threat routes', () => {
  let db: Db;
  let app: FastifyInstance;
  const keys = { offer: '', report: '', plain: '' };
  const url = (key: string, rest = '') => `/api/items/${encodeURIComponent(key)}${rest}`;

  beforeAll(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    const ctx = routeTestContext(db, NOW, 'threat');
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const offer = buildNewItem(sourceId, { nativeId: 'thr-1', text: AR_OFFER_TEXT, publishedAt: '2024-01-03T00:00:00.000Z' }, { language: 'ar', script: 'Arab' });
    const report = buildNewItem(sourceId, { nativeId: 'thr-2', text: EN_REPORT_TEXT, publishedAt: '2024-01-02T00:00:00.000Z' }, { language: 'en', script: 'Latn' });
    const plain = buildNewItem(sourceId, { nativeId: 'thr-3', text: 'Nothing to see.', publishedAt: '2024-01-01T00:00:00.000Z' });
    await insertItems(db, [offer, report, plain]);
    await saveThreat(db, threatRecord(offer.id, arOfferAssessment(), NOW));
    await saveThreat(db, threatRecord(report.id, enReportAssessment(), NOW));
    Object.assign(keys, { offer: offer.draft.key, report: report.draft.key, plain: plain.draft.key });
    app = await buildServer(ctx, { webRoot: null });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('gives an item’s assessment with evidence, and its labels', async () => {
    const r = await app.inject({ method: 'GET', url: url(keys.offer, '/threat') });
    expect(r.statusCode).toBe(200);
    const body = r.json<{ key: string; threat: { score: number; categories: Array<{ evidence: Array<{ gloss?: string }> }>; stage_version: string }; labels: unknown[] }>();
    expect(body.key).toBe(keys.offer);
    expect(body.threat).toMatchObject({ score: 73, severity: 'high', is_threat: true, stance: 'original', targets: [{ name: 'United States' }], assessed_at: NOW });
    expect(body.threat.categories[0]?.evidence.map((e) => e.gloss ?? null)).toEqual(['readiness', 'training', 'liberation movements', null]);
    expect(body.labels).toEqual([]);
    const none = await app.inject({ method: 'GET', url: url(keys.plain, '/threat') });
    expect(none.json()).toMatchObject({ threat: null, labels: [] });
    expect((await app.inject({ method: 'GET', url: url('x:0', '/threat') })).statusCode).toBe(404);
  });

  it('confirms and corrects through POST, the analyst from a header, and shows the labels on the item', async () => {
    const confirmed = await app.inject({
      method: 'POST',
      url: url(keys.offer, '/threat-review'),
      headers: { 'x-rasad-analyst': 'analyst-web' },
      payload: { verdict: 'confirm', reason: 'a plain offer of training' },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ verdict: 'confirm', is_threat: true, categories: ['support_offer'], analyst: 'analyst-web', created_at: NOW, assessed: { score: 73, categories: ['support_offer'] } });

    const corrected = await app.inject({
      method: 'POST',
      url: url(keys.report, '/threat-review'),
      payload: { verdict: 'correct', is_threat: false, stance: 'quoting', categories: [], reason: 'it quotes the commander' },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json()).toMatchObject({ verdict: 'correct', stance: 'quoting', analyst: 'analyst' });

    const item = (await app.inject({ method: 'GET', url: url(keys.report) })).json<{ threat: { stance: string; reported: unknown[] }; threat_labels: Array<{ reason: string }> }>();
    expect(item.threat.stance).toBe('reporting');
    expect(item.threat.reported).toHaveLength(1);
    expect(item.threat_labels.map((l) => l.reason)).toEqual(['it quotes the commander']);
    const list = (await app.inject({ method: 'GET', url: '/api/items?limit=10' })).json<{ items: Array<{ key: string; threat: { score: number } | null; threat_labels: unknown[] }> }>();
    expect(list.items.map((i) => [i.key, i.threat?.score ?? null, i.threat_labels.length])).toEqual([
      [keys.offer, 73, 1],
      [keys.report, 12, 1],
      [keys.plain, null, 0],
    ]);
  });

  it('refuses bad reviews with 400 naming the field, 404 for unknown items, 409 for a confirmation without assessment', async () => {
    const post = (key: string, payload: unknown) => app.inject({ method: 'POST', url: url(key, '/threat-review'), payload: payload as Record<string, unknown> });
    const cases: Array<[unknown, number, RegExp]> = [
      [{ verdict: 'correct', is_threat: true, stance: 'original', categories: [], reason: 'r' }, 400, /^categories: is_threat true needs at least one category$/],
      [{ verdict: 'correct', is_threat: false, stance: 'reporting', categories: ['threat'], reason: 'r' }, 400, /^categories: /],
      [{ verdict: 'correct', stance: 'reporting', reason: 'r' }, 400, /^is_threat: /],
      [{ verdict: 'correct', is_threat: false, stance: 'reporting', reason: '  ' }, 400, /^reason: a reason is required$/],
      [{ verdict: 'confirm', reason: 'r', stance: 'original' }, 400, /^stance: a confirmation takes no correction fields/],
      [{ verdict: 'approve', reason: 'r' }, 400, /^verdict: /],
      [{ verdict: 'confirm' }, 400, /reason/],
    ];
    for (const [payload, status, message] of cases) {
      const r = await post(keys.offer, payload);
      expect([JSON.stringify(payload), r.statusCode]).toEqual([JSON.stringify(payload), status]);
      expect(r.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    expect((await post('x:0', { verdict: 'confirm', reason: 'r' })).statusCode).toBe(404);
    const conflict = await post(keys.plain, { verdict: 'confirm', reason: 'r' });
    expect(conflict.statusCode).toBe(409);
  });

  it('filters the item list to threats and by minimum score', async () => {
    const keysOf = async (query: string) => (await app.inject({ method: 'GET', url: `/api/items?${query}` })).json<{ items: Array<{ key: string }> }>().items.map((i) => i.key);
    expect(await keysOf('threat=1')).toEqual([keys.offer]);
    expect(await keysOf('min_score=10')).toEqual([keys.offer, keys.report]);
    expect(await keysOf('threat=0')).toHaveLength(3);
    expect((await app.inject({ method: 'GET', url: '/api/items?min_score=101' })).statusCode).toBe(400);
  });

  it('documents the threat routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/items/{key}/threat', '/api/items/{key}/threat-review']));
    expect(Object.keys(spec.paths['/api/items/{key}/threat-review'] ?? {})).toEqual(['post']);
  });
});

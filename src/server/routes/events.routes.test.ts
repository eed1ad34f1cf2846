import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../../test/support/factories.js';
import { routeTestContext } from '../../../test/support/route-context.js';
import type { EventDetail, EventView } from '../../app/events.service.js';
import { clusterPending } from '../../events/events.runner.js';
import { auditTrail } from '../../store/audit.repository.js';
import { type Db, openDatabase } from '../../store/database.js';
import { insertItems } from '../../store/item.repository.js';
import { upsertSource } from '../../store/source.repository.js';
import { buildServer } from '../app.js';

const NOW = '2026-11-24T10:00:00.000Z';

// Invented posts: a statement on Telegram copied word for word on X a minute later and reported by
// a feed; a second, unrelated statement forwarded by another channel; and a post about nothing.
const OFFER = 'The security advisers of the resistance announce their readiness to train the liberation movements of the Non-United States of America. N-USA The End.';
const MARCH = 'The brigades call on their supporters to gather at the northern gate of the city on Friday after the noon prayer, in memory of the fallen commanders.';
const PLAIN = 'Weather in the capital: light rain expected on Tuesday with mild winds from the west and clearing skies by the evening.';

interface Page {
  events: EventView[];
  total: number;
}

// The routes over a real in-memory SQLite database, driven with Fastify's inject (no socket).
describe('event routes', () => {
  let db: Db;
  let app: FastifyInstance;
  const keys = { offer: '', copy: '', report: '', march: '', forward: '', plain: '' };
  const get = async <T>(url: string) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<T>();
  };
  const detailUrl = (ref: string) => `/api/events/${encodeURIComponent(ref)}`;

  beforeAll(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    const ctx = routeTestContext(db, NOW, 'events');
    const tg = await upsertSource(db, { kind: 'telegram', handle: 'advisers', title: 'Advisers channel' }, NOW);
    const other = await upsertSource(db, { kind: 'telegram', handle: 'brigades', title: 'Brigades channel' }, NOW);
    const x = await upsertSource(db, { kind: 'x', handle: 'copycat', title: null }, NOW);
    const feed = await upsertSource(db, { kind: 'rss', handle: 'https://monitor.example/feed.xml', title: 'Monitor' }, NOW);
    const en = { language: 'en', script: 'Latn' };
    const offer = buildNewItem(tg, { key: 'telegram:advisers/10', nativeId: '10', text: OFFER, publishedAt: '2024-01-13T07:31:00.000Z', source: { kind: 'telegram', handle: 'advisers', title: 'Advisers channel' } }, en);
    const copy = buildNewItem(
      x,
      {
        key: 'x:900001',
        platform: 'x',
        nativeId: '900001',
        kind: 'post',
        text: OFFER,
        author: { name: 'Copy Cat', handle: 'copycat' },
        publishedAt: '2024-01-13T07:32:00.000Z',
        source: { kind: 'x', handle: 'copycat', title: null },
      },
      en,
    );
    const report = buildNewItem(
      feed,
      {
        key: 'rss:monitor-1',
        platform: 'rss',
        nativeId: 'monitor-1',
        kind: 'entry',
        url: 'https://monitor.example/posts/1',
        title: 'Militia offers training',
        text: `A militia channel posted: "${OFFER}"`,
        publishedAt: '2024-01-13T09:00:00.000Z',
        source: { kind: 'rss', handle: 'https://monitor.example/feed.xml', title: 'Monitor' },
      },
      en,
    );
    const march = buildNewItem(other, { key: 'telegram:brigades/5', nativeId: '5', text: MARCH, publishedAt: '2024-01-14T12:00:00.000Z', source: { kind: 'telegram', handle: 'brigades', title: 'Brigades channel' } }, en);
    const forward = buildNewItem(tg, { key: 'telegram:advisers/11', nativeId: '11', text: MARCH, publishedAt: '2024-01-14T12:05:00.000Z', source: { kind: 'telegram', handle: 'advisers', title: 'Advisers channel' } }, en);
    const plain = buildNewItem(tg, { key: 'telegram:advisers/12', nativeId: '12', text: PLAIN, publishedAt: '2024-01-13T08:00:00.000Z', source: { kind: 'telegram', handle: 'advisers', title: 'Advisers channel' } }, en);
    await insertItems(db, [offer, copy, report, march, forward, plain]);
    Object.assign(keys, { offer: offer.draft.key, copy: copy.draft.key, report: report.draft.key, march: march.draft.key, forward: forward.draft.key, plain: plain.draft.key });
    await clusterPending(ctx.events());
    app = await buildServer(ctx, { webRoot: null });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists events with their first item, members and independent sources', async () => {
    const page = await get<Page>('/api/events');
    expect(page.total).toBe(2);
    const offer = page.events.find((e) => e.members.includes(keys.offer));
    expect(offer).toMatchObject({ first: { key: keys.offer, published_at: '2024-01-13T07:31:00.000Z' }, languages: ['en'] });
    expect(offer?.members).toEqual([keys.offer, keys.copy, keys.report]);
    expect(offer?.first?.why).not.toBe('');
    // Copies of one post are one source, however many accounts carry them.
    expect(offer?.sources).toBeGreaterThanOrEqual(1);
    expect(offer?.sources).toBeLessThan(3);
    expect(page.events.some((e) => e.members.includes(keys.plain))).toBe(false);
    // Most recently first seen first, paged with limit and offset.
    expect(page.events.map((e) => e.first?.key)).toEqual([keys.march, keys.offer]);
    const second = await get<Page>('/api/events?limit=1&offset=1');
    expect([second.total, second.events.map((e) => e.first?.key)]).toEqual([2, [keys.offer]]);
    expect((await app.inject({ method: 'GET', url: '/api/events?limit=0' })).statusCode).toBe(400);
  });

  it('gives an event by id or by an item key, with its timeline; 404 otherwise', async () => {
    const byItem = await get<EventDetail>(detailUrl(keys.copy));
    const byId = await get<EventDetail>(detailUrl(byItem.id));
    expect(byId).toEqual(byItem);
    expect(byItem.timeline.map((t) => [t.key, t.relation])).toEqual([
      [keys.offer, 'origin'],
      [keys.copy, expect.any(String)],
      [keys.report, expect.any(String)],
    ]);
    const copy = byItem.timeline[1];
    expect(copy).toMatchObject({ platform: 'x', linked_to: keys.offer, language: 'en' });
    expect(copy?.relation).not.toBe('origin');
    expect(copy?.why).toBeTruthy();

    const missing = await app.inject({ method: 'GET', url: detailUrl('ev-000000000000') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('not_found');
    // An item that stands alone belongs to no event.
    expect((await app.inject({ method: 'GET', url: detailUrl(keys.plain) })).statusCode).toBe(404);
  });

  it('collapses the item list to one row per event with collapse=1', async () => {
    type Items = { items: Array<{ key: string; event: { id: string; members: number; first: boolean } | null }> };
    const all = await get<Items>('/api/items?limit=50');
    expect(all.items).toHaveLength(6);
    const copy = all.items.find((i) => i.key === keys.copy);
    expect(copy?.event).toMatchObject({ members: 3, first: false });
    expect(all.items.find((i) => i.key === keys.plain)?.event).toBeNull();
    const collapsed = await get<Items>('/api/items?limit=50&collapse=1');
    expect(collapsed.items.map((i) => i.key)).toEqual([keys.march, keys.plain, keys.offer]);
    expect(collapsed.items.find((i) => i.key === keys.offer)?.event).toMatchObject({ members: 3, first: true });
    expect((await get<Items>('/api/items?limit=50&collapse=0')).items).toHaveLength(6);
    expect((await app.inject({ method: 'GET', url: '/api/items?collapse=yes' })).statusCode).toBe(400);
  });

  it('refuses merges and splits without a reason or with bad members (400) and unknown events (404)', async () => {
    const post = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload });
    const offerId = (await get<EventDetail>(detailUrl(keys.offer))).id;
    const cases: Array<[string, Record<string, unknown>, number, RegExp]> = [
      ['/api/events/merge', { events: [keys.offer, keys.march] }, 400, /reason/],
      ['/api/events/merge', { events: [keys.offer, keys.march], reason: '  ' }, 400, /^reason: a reason is required$/],
      ['/api/events/merge', { events: [keys.offer], reason: 'r' }, 400, /^events/],
      ['/api/events/merge', { events: [keys.offer, 'ev-000000000000'], reason: 'r' }, 404, /ev-000000000000/],
      [`${detailUrl(offerId)}/split`, { items: [keys.report] }, 400, /reason/],
      [`${detailUrl(offerId)}/split`, { items: [keys.report], reason: '' }, 400, /^reason: a reason is required$/],
      [`${detailUrl(offerId)}/split`, { items: [], reason: 'r' }, 400, /^items/],
      [`${detailUrl(offerId)}/split`, { items: [keys.march], reason: 'r' }, 400, /^items: .* is not a member/],
      [`${detailUrl(offerId)}/split`, { items: [keys.offer, keys.copy, keys.report], reason: 'r' }, 400, /at least one item/],
      [`${detailUrl('ev-000000000000')}/split`, { items: [keys.report], reason: 'r' }, 404, /ev-000000000000/],
    ];
    for (const [url, payload, status, message] of cases) {
      const r = await post(url, payload);
      expect([url, JSON.stringify(payload), r.statusCode]).toEqual([url, JSON.stringify(payload), status]);
      expect(r.json<{ error: { message: string } }>().error.message).toMatch(message);
    }
    // Nothing changed.
    expect((await get<Page>('/api/events')).total).toBe(2);
  });

  it('splits members off with a reason, the analyst from the header', async () => {
    const before = await get<EventDetail>(detailUrl(keys.offer));
    const r = await app.inject({
      method: 'POST',
      url: `${detailUrl(before.id)}/split`,
      headers: { 'x-rasad-analyst': encodeURIComponent('محلل') },
      payload: { items: [keys.report], reason: 'the feed reports a different offer' },
    });
    expect(r.statusCode, r.body).toBe(200);
    // One item split off stands alone.
    expect(r.json()).toEqual({ split_into: null });
    const after = await get<EventDetail>(detailUrl(before.id));
    expect(after.members).toEqual([keys.offer, keys.copy]);
    expect((await app.inject({ method: 'GET', url: detailUrl(keys.report) })).statusCode).toBe(404);
    const audit = await auditTrail(db, { subjectType: 'event', subjectId: before.id });
    expect(audit.find((a) => a.action === 'event.split')).toMatchObject({ actor: 'محلل', reason: 'the feed reports a different offer' });
  });

  it('merges events with a reason and returns the merged event', async () => {
    const march = await get<EventDetail>(detailUrl(keys.march));
    const offer = await get<EventDetail>(detailUrl(keys.offer));
    const r = await app.inject({ method: 'POST', url: '/api/events/merge', payload: { events: [offer.id, keys.forward], reason: 'one campaign' } });
    expect(r.statusCode, r.body).toBe(200);
    const merged = r.json<EventDetail>();
    expect(merged.id).toBe(offer.id);
    expect(merged.members).toEqual([keys.offer, keys.copy, keys.march, keys.forward]);
    expect(merged.timeline[0]).toMatchObject({ key: keys.offer, relation: 'origin' });
    expect((await get<Page>('/api/events')).total).toBe(1);
    expect((await app.inject({ method: 'GET', url: detailUrl(march.id) })).statusCode).toBe(404);
  });

  it('splits several members off into a new event of their own', async () => {
    const merged = await get<EventDetail>(detailUrl(keys.offer));
    const r = await app.inject({ method: 'POST', url: `${detailUrl(merged.id)}/split`, payload: { items: [keys.march, keys.forward], reason: 'two campaigns after all' } });
    expect(r.statusCode, r.body).toBe(200);
    const split = r.json<{ split_into: EventDetail }>().split_into;
    expect(split.members).toEqual([keys.march, keys.forward]);
    expect(split.id).not.toBe(merged.id);
    expect(split.timeline.map((t) => t.key)).toEqual([keys.march, keys.forward]);
    expect((await get<EventDetail>(detailUrl(merged.id))).members).toEqual([keys.offer, keys.copy]);
    expect((await get<Page>('/api/events')).total).toBe(2);
  });

  it('documents the event routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/events', '/api/events/{id}', '/api/events/merge', '/api/events/{id}/split']));
    expect(Object.keys(spec.paths['/api/events/merge'] ?? {})).toEqual(['post']);
  });
});

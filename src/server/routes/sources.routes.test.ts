import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../../test/support/factories.js';
import { routeTestContext } from '../../../test/support/route-context.js';
import { type Db, openDatabase } from '../../store/database.js';
import { discoveryIdFor, recordDiscoveries } from '../../store/discovery.repository.js';
import { insertItems } from '../../store/item.repository.js';
import { updateItemLiveness } from '../../store/liveness.repository.js';
import { upsertSource } from '../../store/source.repository.js';
import { recordPoll, watchSource } from '../../store/watched-source.repository.js';
import { buildServer } from '../app.js';

const NOW = '2026-11-24T10:00:00.000Z';
const HOUR_AGO = '2026-11-24T09:00:00.000Z';
const LAST_WEEK = '2026-11-17T09:00:00.000Z';

type Source = Record<string, unknown> & { id: string; handle: string; status: string };
type Discovery = Record<string, unknown> & { handle: string; status: string };
interface Vanished {
  items: Array<{ key: string; url: string | null; source: { id: string; kind: string; handle: string; title: string | null } | null; reason: string | null; gone_at: string | null; published_at: string | null; collected_at: string; text: string }>;
  sources: Array<{ id: string; kind: string; handle: string; title: string | null; reason: string | null; gone_at: string | null }>;
}

// Invented channels and posts, over a real in-memory SQLite database, driven with Fastify's inject.
describe('source routes', () => {
  let db: Db;
  let app: FastifyInstance;
  const ids = { watched: '', gone: '', imported: '' };
  const keys = { fresh: '', old: '', deleted: '' };
  const get = async <T>(url: string) => {
    const r = await app.inject({ method: 'GET', url });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<T>();
  };

  beforeAll(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    const ctx = routeTestContext(db, NOW, 'sources');
    const watch = (handle: string) =>
      watchSource(db, { kind: 'telegram', handle, url: `https://t.me/s/${handle}`, pollIntervalSeconds: 300, followLinks: false, discoveryDepth: 0, discoveredFrom: null }, LAST_WEEK);
    ids.watched = await watch('desert_bulletin');
    ids.gone = await watch('closed_front');
    ids.imported = await upsertSource(db, { kind: 'telegram', handle: 'old_export', title: 'Old export' }, LAST_WEEK);
    const poll = { cursor: null, profile: null, goneChecks: 0, suspectedAt: null, goneAt: null };
    await recordPoll(db, ids.watched, { ...poll, polledAt: HOUR_AGO, nextPollAt: NOW, success: true, error: null, errorCount: 0, status: 'active', statusReason: null, profile: { title: 'Desert Bulletin', audience: 1200 } });
    await recordPoll(db, ids.gone, { ...poll, polledAt: HOUR_AGO, nextPollAt: '2026-11-25T09:00:00.000Z', success: false, error: 'tg_username_unoccupied: the username is free', errorCount: 3, status: 'gone', statusReason: 'tg_username_unoccupied', goneChecks: 2, goneAt: HOUR_AGO });

    const src = (handle: string) => ({ kind: 'telegram' as const, handle, title: null });
    const fresh = buildNewItem(ids.watched, { key: 'telegram:desert_bulletin/7', nativeId: '7', text: 'Convoy seen on the northern road.', source: src('desert_bulletin') }, { collectedAt: HOUR_AGO });
    const old = buildNewItem(ids.watched, { key: 'telegram:desert_bulletin/6', nativeId: '6', text: 'Market prices this week.', source: src('desert_bulletin') }, { collectedAt: LAST_WEEK });
    const deleted = buildNewItem(
      ids.gone,
      { key: 'telegram:closed_front/41', nativeId: '41', url: 'https://t.me/closed_front/41', text: 'A statement that was later deleted.', publishedAt: '2026-11-20T08:00:00.000Z', source: src('closed_front') },
      { collectedAt: '2026-11-20T08:05:00.000Z' },
    );
    await insertItems(db, [fresh, old, deleted]);
    Object.assign(keys, { fresh: fresh.draft.key, old: old.draft.key, deleted: deleted.draft.key });
    await updateItemLiveness(db, deleted.id, { liveness: 'gone', reason: 'tg_post_not_found', checkedAt: HOUR_AGO, goneChecks: 2, suspectedAt: '2026-11-23T09:00:00.000Z', goneAt: HOUR_AGO, nextCheckAt: null });
    await updateItemLiveness(db, fresh.id, { liveness: 'suspected', reason: 'tg_post_not_found', checkedAt: HOUR_AGO, goneChecks: 1, suspectedAt: HOUR_AGO, goneAt: null, nextCheckAt: NOW });

    const seen = { kind: 'telegram', how: 'forward', depth: 1, viaSourceId: ids.watched, viaItemKey: keys.fresh };
    await recordDiscoveries(db, [{ ...seen, handle: 'Sahel_Wire' }, { ...seen, handle: 'sahel_wire' }, { ...seen, handle: 'dunes_desk', how: 'mention' }], NOW);
    // An already watched handle never enters the queue.
    await recordDiscoveries(db, [{ ...seen, handle: 'desert_bulletin' }], NOW);
    app = await buildServer(ctx, { webRoot: null });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists watched sources with their health in the CLI shape; all=1 adds those imports created', async () => {
    const { sources } = await get<{ sources: Source[] }>('/api/sources');
    expect(sources.map((s) => s.handle)).toEqual(['closed_front', 'desert_bulletin']);
    const [gone, watched] = sources;
    expect(watched).toEqual({
      id: ids.watched,
      kind: 'telegram',
      handle: 'desert_bulletin',
      url: 'https://t.me/s/desert_bulletin',
      title: 'Desert Bulletin',
      status: 'active',
      status_reason: null,
      monitored: true,
      last_success: HOUR_AGO,
      last_error: null,
      last_error_at: null,
      errors_in_a_row: 0,
      next_poll: NOW,
      poll_seconds: 300,
      follow_links: false,
      items: 2,
      items_last_day: 1,
      audience: 1200,
      external_id: null,
      gone_at: null,
      suspected_at: null,
      discovered_from: null,
    });
    expect(gone).toMatchObject({ status: 'gone', status_reason: 'tg_username_unoccupied', last_error: 'tg_username_unoccupied: the username is free', errors_in_a_row: 3, gone_at: HOUR_AGO, items: 1, items_last_day: 0 });

    const all = await get<{ sources: Source[] }>('/api/sources?all=1');
    expect(all.sources.map((s) => s.handle)).toEqual(['closed_front', 'desert_bulletin', 'old_export']);
    expect(all.sources.find((s) => s.id === ids.imported)).toMatchObject({ monitored: false, items: 0 });
    expect((await get<{ sources: Source[] }>('/api/sources?all=0')).sources).toHaveLength(2);
    expect((await app.inject({ method: 'GET', url: '/api/sources?all=yes' })).statusCode).toBe(400);
  });

  it('gives the discovery queue in snake_case, pending by default, with the source and item it was seen through', async () => {
    const { discoveries } = await get<{ discoveries: Discovery[] }>('/api/sources/discovered');
    expect(discoveries.map((d) => [d.handle, d.seen_count])).toEqual([
      ['sahel_wire', 2],
      ['dunes_desk', 1],
    ]);
    expect(discoveries[0]).toEqual({
      id: discoveryIdFor('telegram', 'sahel_wire'),
      kind: 'telegram',
      handle: 'sahel_wire',
      status: 'pending',
      depth: 1,
      how: 'forward',
      seen_count: 2,
      first_seen_at: NOW,
      last_seen_at: NOW,
      via_item_key: keys.fresh,
      via_source: { id: ids.watched, kind: 'telegram', handle: 'desert_bulletin', title: 'Desert Bulletin' },
      decided_at: null,
      decided_by: null,
      reason: null,
    });
    expect(discoveries[1]).toMatchObject({ handle: 'dunes_desk', how: 'mention' });
    expect((await get<{ discoveries: Discovery[] }>('/api/sources/discovered?status=all')).discoveries).toHaveLength(2);
    expect((await get<{ discoveries: Discovery[] }>('/api/sources/discovered?status=dismissed')).discoveries).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/sources/discovered?status=maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('validation');
  });

  it('lists what vanished: gone items with their source and reason, and gone sources (suspected ones are not gone yet)', async () => {
    const gone = await get<Vanished>('/api/vanished');
    expect(gone.items).toEqual([
      {
        key: keys.deleted,
        url: 'https://t.me/closed_front/41',
        source: { id: ids.gone, kind: 'telegram', handle: 'closed_front', title: null },
        reason: 'tg_post_not_found',
        gone_at: HOUR_AGO,
        published_at: '2026-11-20T08:00:00.000Z',
        collected_at: '2026-11-20T08:05:00.000Z',
        text: 'A statement that was later deleted.',
      },
    ]);
    expect(gone.sources).toEqual([{ id: ids.gone, kind: 'telegram', handle: 'closed_front', title: null, reason: 'tg_username_unoccupied', gone_at: HOUR_AGO }]);
    expect((await app.inject({ method: 'GET', url: '/api/vanished?limit=0' })).statusCode).toBe(400);
    expect((await get<Vanished>('/api/vanished?limit=1')).items).toHaveLength(1);
  });

  it('documents the source routes in OpenAPI', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, { description?: string }>> }>();
    for (const p of ['/api/sources', '/api/sources/discovered', '/api/vanished']) {
      expect(spec.paths[p]?.get?.description, p).toBeTruthy();
    }
  });
});

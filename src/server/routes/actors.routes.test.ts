import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../../test/support/factories.js';
import { routeTestContext } from '../../../test/support/route-context.js';
import { saveActor, saveAffiliation, type ActorRecord } from '../../store/actor.repository.js';
import { replaceMentions } from '../../store/analysis.repository.js';
import { type Db, openDatabase } from '../../store/database.js';
import { insertItems } from '../../store/item.repository.js';
import { upsertSource } from '../../store/source.repository.js';
import { normalize } from '../../text/normalize.js';
import { buildServer } from '../app.js';

const NOW = '2026-11-24T10:00:00.000Z';
const TEXT = 'قال أبو سالم الحديدي إن سرايا الفجر الجديد مستعدة';

function alias(actorId: string, name: string, kind: string, script: string | null) {
  return { id: `${actorId}:${name}`, alias: name, normalized: normalize(name), script, kind, source: 'analyst note', confidence: kind === 'aka' ? 0.5 : 1 };
}

const fajr: ActorRecord = {
  id: 'fajr',
  kind: 'group',
  canonicalName: 'Saraya al-Fajr al-Jadid',
  description: 'An invented armed group for tests.',
  aliases: [alias('fajr', 'Saraya al-Fajr al-Jadid', 'primary', null), alias('fajr', 'سرايا الفجر الجديد', 'native', 'Arab'), alias('fajr', 'Фаджр', 'aka', null)],
  designations: [{ list: 'ofac', reference: '90001', listedOn: '2020-01-01' }],
};
const hadidi: ActorRecord = {
  id: 'hadidi',
  kind: 'person',
  canonicalName: 'Abu Salim al-Hadidi',
  description: null,
  aliases: [alias('hadidi', 'Abu Salim al-Hadidi', 'primary', null), alias('hadidi', 'أبو سالم الحديدي', 'kunya', null)],
  designations: [],
};

// The routes over a real in-memory SQLite database, driven with Fastify's inject (no socket).
describe('actor routes', () => {
  let db: Db;
  let app: FastifyInstance;
  let itemId = '';

  beforeAll(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    const ctx = routeTestContext(db, NOW, 'actors');
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const item = buildNewItem(sourceId, { nativeId: 'routes-1', text: TEXT }, { language: 'ar', script: 'Arab' });
    const plain = buildNewItem(sourceId, { nativeId: 'routes-2', text: 'no actor here' });
    itemId = item.id;
    await insertItems(db, [item, plain]);
    await saveActor(db, fajr, NOW);
    await saveActor(db, hadidi, NOW);
    await saveActor(db, { ...fajr, id: 'fajr-old', canonicalName: 'Saraya al Fajr', aliases: [alias('fajr-old', 'Fajr Companies', 'former_name', null)], designations: [] }, NOW);
    await db.kysely.updateTable('actors').set({ mergedInto: 'fajr' }).where('id', '=', 'fajr-old').execute();
    await saveAffiliation(db, { personId: 'hadidi', groupId: 'fajr', role: 'commander', source: 'test file' });
    const span = (matched: string, actorId: string, score: number) => {
      const start = TEXT.indexOf(matched);
      return { id: `${actorId}:${start}`, itemId: item.id, actorId, matchedText: matched, spanStart: start, spanEnd: start + matched.length, score, method: 'alias', stageVersion: 'actors@1' };
    };
    await replaceMentions(db, item.id, [span('أبو سالم الحديدي', 'hadidi', 0.96), span('سرايا الفجر الجديد', 'fajr', 0.9)]);
    app = await buildServer(ctx, { webRoot: null });
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
  };

  it('lists actors with counts and designations, filtered by any alias', async () => {
    const all = await get('/api/actors');
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      total: 2,
      actors: [
        { id: 'hadidi', kind: 'person', canonical: 'Abu Salim al-Hadidi', merged_into: null, designations: [], alias_count: 2, mention_count: 1 },
        { id: 'fajr', kind: 'group', canonical: 'Saraya al-Fajr al-Jadid', merged_into: null, designations: ['ofac:90001'], alias_count: 3, mention_count: 1 },
      ],
    });
    const found = await get(`/api/actors?q=${encodeURIComponent('الحديدي')}`);
    expect((found.body.actors as Array<{ id: string }>).map((a) => a.id)).toEqual(['hadidi']);
    const merged = await get('/api/actors?merged=true&limit=1&offset=2');
    expect(merged.body).toMatchObject({ total: 3, actors: [{ id: 'fajr-old', merged_into: 'fajr' }] });
    expect((await get('/api/actors?limit=0')).status).toBe(400);
  });

  it('shows an actor: aliases by script with romanization, designations, affiliations, merges and items', async () => {
    const { status, body } = await get('/api/actors/fajr');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'fajr',
      kind: 'group',
      canonical: 'Saraya al-Fajr al-Jadid',
      description: 'An invented armed group for tests.',
      merged_into: null,
      merged_from: [{ id: 'fajr-old', canonical: 'Saraya al Fajr' }],
      designations: [{ label: 'ofac:90001', list: 'ofac', reference: '90001', listed_on: '2020-01-01', via: null }],
      aliases: {
        Arab: [{ alias: 'سرايا الفجر الجديد', script: 'Arab', kind: 'native', source: 'analyst note', confidence: 1, romanized: 'Saraya al-Fajr al-Jadid', via: null }],
        Latn: [
          { alias: 'Saraya al-Fajr al-Jadid', script: 'Latn', romanized: null, via: null },
          { alias: 'Fajr Companies', kind: 'former_name', via: 'fajr-old' },
        ],
        other: [{ alias: 'Фаджр', script: 'Cyrl', confidence: 0.5 }],
      },
      affiliations: [{ relation: 'has_member', actor: { id: 'hadidi', canonical: 'Abu Salim al-Hadidi', kind: 'person' }, role: 'commander', source: 'test file' }],
    });
    const items = body.items as { total: number; results: Array<{ item: { id: string; mentions: unknown[] }; mentions: Array<{ actor_id: string; matched: string }> }> };
    expect(items.total).toBe(1);
    expect(items.results[0]?.item.id).toBe(itemId);
    expect(items.results[0]?.mentions).toEqual([{ actor_id: 'fajr', canonical: 'Saraya al-Fajr al-Jadid', matched: 'سرايا الفجر الجديد', start: 24, end: 42, score: 0.9 }]);
    // The item itself carries every mention, of any actor.
    expect(items.results[0]?.item.mentions).toHaveLength(2);
  });

  it('detects the script of aliases stored without one, and links a merged actor to its survivor', async () => {
    const person = await get('/api/actors/hadidi');
    const aliases = person.body.aliases as Record<string, Array<{ alias: string; script: string; romanized: string | null }>>;
    expect(aliases.Arab?.[0]).toMatchObject({ alias: 'أبو سالم الحديدي', script: 'Arab' });
    expect(aliases.Arab?.[0]?.romanized).toMatch(/^Abu Salim al-Hadidi$/);
    expect(person.body.affiliations).toMatchObject([{ relation: 'member_of', actor: { id: 'fajr' } }]);
    const old = await get('/api/actors/fajr-old');
    expect(old.body).toMatchObject({ merged_into: { id: 'fajr', canonical: 'Saraya al-Fajr al-Jadid' }, items: { total: 0, results: [] } });
  });

  it('pages the items of an actor', async () => {
    const first = await get('/api/actors/hadidi/items?limit=1');
    expect(first.body).toMatchObject({ total: 1, results: [{ item: { id: itemId }, mentions: [{ actor_id: 'hadidi', matched: 'أبو سالم الحديدي' }] }] });
    expect((await get('/api/actors/hadidi/items?offset=1')).body).toEqual({ total: 1, results: [] });
  });

  it('answers 404 with a clear message for an unknown actor', async () => {
    for (const url of ['/api/actors/nobody', '/api/actors/nobody/items']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: 'no actor with id nobody' } });
    }
  });

  it('adds mentions to the item views of list, detail and search, and documents the routes', async () => {
    const list = await get('/api/items');
    const listed = (list.body.items as Array<{ id: string; mentions: Array<{ actor_id: string; start: number; end: number }> }>).find((i) => i.id === itemId);
    expect(listed?.mentions.map((m) => [m.actor_id, TEXT.slice(m.start, m.end)])).toEqual([
      ['hadidi', 'أبو سالم الحديدي'],
      ['fajr', 'سرايا الفجر الجديد'],
    ]);
    expect((list.body.items as Array<{ id: string; mentions: unknown[] }>).find((i) => i.id !== itemId)?.mentions).toEqual([]);
    const one = await get(`/api/items/${encodeURIComponent('telegram:testchannel/routes-1')}`);
    expect(one.body.mentions).toHaveLength(2);
    const found = await get(`/api/search?q=${encodeURIComponent('الحديدي')}`);
    expect((found.body.results as Array<{ item: { mentions: unknown[] } }>)[0]?.item.mentions).toHaveLength(2);
    const spec = (await get('/docs/json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/actors', '/api/actors/{id}', '/api/actors/{id}/items']));
  });
});

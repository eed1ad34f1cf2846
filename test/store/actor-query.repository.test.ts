import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ActorRecord, saveActor, saveAffiliation } from '../../src/store/actor.repository.js';
import { affiliationsOfActor, getActorProfile, itemsMentioningActors, listActors, mentionsOfItems } from '../../src/store/actor-query.repository.js';
import { type MentionRecord, replaceMentions } from '../../src/store/analysis.repository.js';
import type { Db } from '../../src/store/database.js';
import { insertItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import { normalize } from '../../src/text/normalize.js';
import { buildNewItem } from '../support/factories.js';
import { type DialectName, freshDatabase } from '../support/databases.js';

const NOW = '2026-11-24T10:00:00.000Z';

// Invented actors: a group, its commander, a second group, and a duplicate merged into the first.
function buildActor(id: string, kind: ActorRecord['kind'], canonicalName: string, names: Array<[string, string, string | null]>, designations: string[] = []): ActorRecord {
  return {
    id,
    kind,
    canonicalName,
    description: null,
    aliases: names.map(([alias, aliasKind, script], i) => ({ id: `${id}-a${i}`, alias, normalized: normalize(alias), script, kind: aliasKind, source: 'test', confidence: 1 })),
    designations: designations.map((d) => ({ list: d.split(':')[0] ?? '', reference: d.split(':')[1] ?? '', listedOn: null })),
  };
}

function mention(itemId: string, actorId: string, text: string, matched: string, score = 0.9): MentionRecord {
  const start = text.indexOf(matched);
  return { id: `${itemId}:${actorId}:${start}`, itemId, actorId, matchedText: matched, spanStart: start, spanEnd: start + matched.length, score, method: 'alias', stageVersion: 'actors@1' };
}

describe.each<DialectName>(['sqlite', 'postgres'])('actor queries on %s', (dialect) => {
  let db: Db;
  const texts = {
    old: 'بيان سرايا الفجر الجديد حول أبو سالم الحديدي',
    mid: 'Saraya al-Fajr al-Jadid claimed the attack',
    new: 'قال أبو سالم الحديدي إن سرايا الفجر الجديد مستعدة',
    none: 'nothing to see here',
  };
  const ids: Record<keyof typeof texts, string> = { old: '', mid: '', new: '', none: '' };

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const dates = { old: '2024-01-01T00:00:00.000Z', mid: '2024-02-01T00:00:00.000Z', new: '2024-03-01T00:00:00.000Z', none: '2024-04-01T00:00:00.000Z' };
    for (const k of Object.keys(texts) as Array<keyof typeof texts>) {
      const item = buildNewItem(sourceId, { nativeId: `aq-${k}`, text: texts[k], publishedAt: dates[k] });
      ids[k] = item.id;
      await insertItems(db, [item]);
    }
    await saveActor(db, buildActor('fajr', 'group', 'SARAYA AL-FAJR AL-JADID', [
      ['SARAYA AL-FAJR AL-JADID', 'primary', null],
      ['سرايا الفجر الجديد', 'native', 'Arab'],
      ['New Dawn Companies', 'calque', null],
      ['SFJ', 'acronym', null],
    ], ['ofac:90001', 'un:QDe.901']), NOW);
    await saveActor(db, buildActor('hadidi', 'person', 'Abu Salim al-Hadidi', [
      ['Abu Salim al-Hadidi', 'primary', null],
      ['أبو سالم الحديدي', 'native', 'Arab'],
    ]), NOW);
    await saveActor(db, buildActor('other', 'group', 'Liwa al-Sayf', [['Liwa al-Sayf', 'primary', null]]), NOW);
    await saveActor(db, buildActor('fajr-dup', 'group', 'Saraya al Fajr', [['Saraya al Fajr', 'primary', null], ['Fajr Brigades', 'aka', null]], ['eu:T-77']), NOW);
    await db.kysely.updateTable('actors').set({ mergedInto: 'fajr' }).where('id', '=', 'fajr-dup').execute();
    await saveAffiliation(db, { personId: 'hadidi', groupId: 'fajr', role: 'commander', source: 'test' });
    await saveAffiliation(db, { personId: 'hadidi', groupId: 'other', role: null, source: null });

    await replaceMentions(db, ids.old, [mention(ids.old, 'fajr', texts.old, 'سرايا الفجر الجديد'), mention(ids.old, 'hadidi', texts.old, 'أبو سالم الحديدي', 0.95)]);
    await replaceMentions(db, ids.mid, [mention(ids.mid, 'fajr-dup', texts.mid, 'Saraya al-Fajr', 0.8)]);
    await replaceMentions(db, ids.new, [mention(ids.new, 'hadidi', texts.new, 'أبو سالم الحديدي'), mention(ids.new, 'fajr', texts.new, 'سرايا الفجر الجديد')]);
  });
  afterEach(async () => {
    await db.close();
  });

  it('lists actors most mentioned first with designations and counts, hiding merged actors', async () => {
    const page = await listActors(db, { limit: 10, offset: 0 });
    expect(page.total).toBe(3);
    // Two mentions each: ties go by name.
    expect(page.actors.map((a) => a.id)).toEqual(['hadidi', 'fajr', 'other']);
    expect(page.actors[1]).toEqual({
      id: 'fajr',
      kind: 'group',
      canonicalName: 'SARAYA AL-FAJR AL-JADID',
      mergedInto: null,
      designations: ['ofac:90001', 'un:QDe.901'],
      aliasCount: 4,
      mentionCount: 2,
    });
    expect(page.actors[2]?.mentionCount).toBe(0);
    const withMerged = await listActors(db, { limit: 10, offset: 0, includeMerged: true });
    expect(withMerged.total).toBe(4);
    expect(withMerged.actors.find((a) => a.id === 'fajr-dup')?.mergedInto).toBe('fajr');
  });

  it('pages the actors index', async () => {
    const first = await listActors(db, { limit: 2, offset: 0 });
    const second = await listActors(db, { limit: 2, offset: 2 });
    expect(first.total).toBe(3);
    expect([...first.actors, ...second.actors].map((a) => a.id)).toEqual(['hadidi', 'fajr', 'other']);
  });

  it('filters by canonical name or alias in any script, folding spelling', async () => {
    const ids = async (q: string) => (await listActors(db, { q, limit: 10, offset: 0 })).actors.map((a) => a.id);
    expect(await ids('hadidi')).toEqual(['hadidi']);
    expect(await ids('HADIDI')).toEqual(['hadidi']);
    expect(await ids('الفجر')).toEqual(['fajr']);
    // Hamza and alef forms fold: أبو and ابو are the same word.
    expect(await ids('ابو سالم')).toEqual(['hadidi']);
    expect(await ids('dawn comp')).toEqual(['fajr']);
    expect(await ids('sayf')).toEqual(['other']);
    // LIKE wildcards are matched literally.
    expect(await ids('%')).toEqual([]);
    expect(await ids('_')).toEqual([]);
    expect(await ids('Fajr Brigades')).toEqual([]);
    expect((await listActors(db, { q: 'Fajr Brigades', limit: 10, offset: 0, includeMerged: true })).actors.map((a) => a.id)).toEqual(['fajr-dup']);
  });

  it('gives a profile with merge links and the aliases and designations of merged actors', async () => {
    const fajr = await getActorProfile(db, 'fajr');
    expect(fajr?.mergedInto).toBeNull();
    expect(fajr?.mergedFrom).toEqual([{ id: 'fajr-dup', canonicalName: 'Saraya al Fajr' }]);
    expect(fajr?.aliases.map((a) => [a.actorId, a.alias])).toEqual([
      ['fajr', 'New Dawn Companies'],
      ['fajr', 'SARAYA AL-FAJR AL-JADID'],
      ['fajr', 'SFJ'],
      ['fajr', 'سرايا الفجر الجديد'],
      ['fajr-dup', 'Fajr Brigades'],
      ['fajr-dup', 'Saraya al Fajr'],
    ]);
    expect(fajr?.aliases.find((a) => a.alias === 'سرايا الفجر الجديد')).toMatchObject({ script: 'Arab', kind: 'native', source: 'test', confidence: 1 });
    expect(fajr?.designations.map((d) => `${d.actorId}>${d.list}:${d.reference}`)).toEqual(['fajr>ofac:90001', 'fajr>un:QDe.901', 'fajr-dup>eu:T-77']);
    const dup = await getActorProfile(db, 'fajr-dup');
    expect(dup?.mergedInto).toEqual({ id: 'fajr', canonicalName: 'SARAYA AL-FAJR AL-JADID' });
    expect(dup?.mergedFrom).toEqual([]);
    expect(await getActorProfile(db, 'nobody')).toBeUndefined();
  });

  it('lists affiliations both ways with the other actor’s name, kind and role', async () => {
    expect(await affiliationsOfActor(db, 'hadidi')).toEqual([
      { relation: 'member_of', otherId: 'other', otherCanonicalName: 'Liwa al-Sayf', otherKind: 'group', role: null, source: null },
      { relation: 'member_of', otherId: 'fajr', otherCanonicalName: 'SARAYA AL-FAJR AL-JADID', otherKind: 'group', role: 'commander', source: 'test' },
    ]);
    expect(await affiliationsOfActor(db, 'fajr')).toEqual([
      { relation: 'has_member', otherId: 'hadidi', otherCanonicalName: 'Abu Salim al-Hadidi', otherKind: 'person', role: 'commander', source: 'test' },
    ]);
    expect(await affiliationsOfActor(db, 'fajr-dup')).toEqual([]);
  });

  it('pages the items mentioning an actor newest first, with that actor’s mentions only', async () => {
    const page = await itemsMentioningActors(db, ['fajr', 'fajr-dup'], { limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.itemId)).toEqual([ids.new, ids.mid]);
    expect(page.items[0]?.mentions).toEqual([
      { itemId: ids.new, actorId: 'fajr', canonicalName: 'SARAYA AL-FAJR AL-JADID', matchedText: 'سرايا الفجر الجديد', spanStart: 24, spanEnd: 42, score: 0.9, method: 'alias' },
    ]);
    expect(page.items[1]?.mentions[0]).toMatchObject({ actorId: 'fajr-dup', canonicalName: 'Saraya al Fajr', spanStart: 0, spanEnd: 14, score: 0.8 });
    const rest = await itemsMentioningActors(db, ['fajr', 'fajr-dup'], { limit: 2, offset: 2 });
    expect(rest.items.map((i) => i.itemId)).toEqual([ids.old]);
    expect((await itemsMentioningActors(db, ['other'], { limit: 5, offset: 0 })).items).toEqual([]);
    expect(await itemsMentioningActors(db, [], { limit: 5, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('fetches the mentions of many items at once, in text order, with canonical names', async () => {
    const byItem = await mentionsOfItems(db, [ids.old, ids.new, ids.none, ids.old]);
    expect([...byItem.keys()].sort()).toEqual([ids.old, ids.new].sort());
    expect(byItem.get(ids.new)?.map((m) => [m.canonicalName, texts.new.slice(m.spanStart, m.spanEnd)])).toEqual([
      ['Abu Salim al-Hadidi', 'أبو سالم الحديدي'],
      ['SARAYA AL-FAJR AL-JADID', 'سرايا الفجر الجديد'],
    ]);
    expect(byItem.get(ids.old)?.[1]?.score).toBeCloseTo(0.95);
    expect((await mentionsOfItems(db, [])).size).toBe(0);
  });
});

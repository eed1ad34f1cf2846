import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorIdFor, storeActorLists } from '../../src/actors/actor-import.service.js';
import type { ActorDraft } from '../../src/actors/actor-draft.js';
import { findMergeSuggestions } from '../../src/actors/merge-suggestions.js';
import { actorHistory, affiliate, createActor, dismissPair, mergeActors, type RegistryEditDeps, unmergeActor } from '../../src/actors/registry-edit.service.js';
import { fixedClock } from '../../src/core/clock.js';
import { affiliationsOfActor } from '../../src/store/actor-query.repository.js';
import {
  actorIdsByDesignation,
  getActorRow,
  getDismissal,
  actorsMergedInto,
  mergePointers,
  registrySnapshot,
  saveDismissal,
  setMergedInto,
  updateActorFields,
} from '../../src/store/actor-edit.repository.js';
import { appendAudit, auditTrail, auditTrailOf } from '../../src/store/audit.repository.js';
import type { Db } from '../../src/store/database.js';
import { withTransaction } from '../../src/store/transaction.js';
import { type DialectName, freshDatabase } from '../support/databases.js';

const NOW = '2026-11-23T10:00:00.000Z';

// Invented list entries.
function draft(list: ActorDraft['list'], reference: string, kind: ActorDraft['kind'], name: string, aliases: string[] = []): ActorDraft {
  return {
    list,
    reference,
    kind,
    canonicalName: name,
    aliases: aliases.map((a) => ({ name: a, kind: 'aka' as const, quality: null, script: null })),
    programs: [],
    listedOn: null,
    remarks: null,
    countries: [],
    extra: {},
  };
}

const LISTS = [
  {
    files: ['ofac/sdn.csv', 'ofac/alt.csv'],
    affiliations: [],
    result: {
      skipped: [{ locator: 'sdn.csv:9', reason: 'no name' }],
      actors: [draft('ofac', '90301', 'person', 'QUDRANI, Zafir Malik', ['Abu Hadid al-Zujaji']), draft('ofac', '90302', 'group', 'HOURGLASS FRONT', ['Jabhat al-Saa'])],
    },
  },
  { files: ['un/consolidated.xml'], affiliations: [], result: { skipped: [], actors: [draft('un', 'QDi.9301', 'person', 'ZAFIR MALIK QUDRANI', ['Abu Hadid al-Zujaji'])] } },
];

const PERSON = actorIdFor('ofac', '90301');
const GROUP = actorIdFor('ofac', '90302');
const UN_PERSON = actorIdFor('un', 'QDi.9301');

// One contract, two real databases: the audit log and registry edits behave the same on both.
describe.each<DialectName>(['sqlite', 'postgres'])('actor edits and audit on %s', (dialect) => {
  let db: Db;
  let deps: RegistryEditDeps;

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    let n = 0;
    deps = { db, clock: fixedClock(NOW), user: 'analyst2', newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
    await storeActorLists({ db, clock: deps.clock, user: 'importer' }, LISTS);
  });
  afterEach(async () => {
    await db.close();
  });

  it('appends audit entries with JSON snapshots and reads a trail newest first, even within one millisecond', async () => {
    const subject = { subjectType: 'actor', subjectId: PERSON };
    for (const action of ['first', 'second', 'third']) {
      await appendAudit(db, { at: NOW, actor: 'analyst2', action, ...subject, reason: null, before: { n: action, list: [1, 'ب'] }, after: null });
    }
    const trail = await auditTrail(db, subject);
    expect(trail.map((e) => e.action)).toEqual(['third', 'second', 'first']);
    expect(trail[0]).toMatchObject({ before: { n: 'third', list: [1, 'ب'] }, after: null, actor: 'analyst2', at: NOW });
  });

  it('finds pair subjects by either side', async () => {
    await appendAudit(db, { at: NOW, actor: 'a', action: 'merge', subjectType: 'actor_merge', subjectId: `${UN_PERSON}|${PERSON}`, reason: 'r', before: null, after: null });
    await appendAudit(db, { at: NOW, actor: 'a', action: 'affiliate', subjectType: 'actor_affiliation', subjectId: `${PERSON}|${GROUP}`, reason: null, before: null, after: null });
    const ofPerson = await auditTrailOf(db, { subjects: [], pairTypes: ['actor_merge', 'actor_affiliation'], pairMembers: [PERSON] });
    expect(ofPerson.map((e) => e.action)).toEqual(['affiliate', 'merge']);
    const ofGroup = await auditTrailOf(db, { subjects: [], pairTypes: ['actor_merge', 'actor_affiliation'], pairMembers: [GROUP], limit: 5 });
    expect(ofGroup.map((e) => e.action)).toEqual(['affiliate']);
    expect(await auditTrailOf(db, { subjects: [] })).toEqual([]);
  });

  it('audits imports: one entry per list, in the list’s transaction', async () => {
    const trail = await auditTrail(db, { subjectType: 'actor_list', subjectId: 'ofac:ofac/sdn.csv,ofac/alt.csv' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'import', actor: 'importer', after: { actors: 2, aliases: 4, designations: 2, affiliations: 0, skipped: 1 } });
  });

  it('reads and writes actor rows, merge pointers, dismissals and designations', async () => {
    await updateActorFields(db, PERSON, { notes: 'checked', description: null }, NOW);
    expect(await getActorRow(db, PERSON)).toMatchObject({ id: PERSON, kind: 'person', notes: 'checked', mergedInto: null });
    expect(await getActorRow(db, 'nope')).toBeUndefined();
    expect(await actorIdsByDesignation(db, 'un', 'QDi.9301')).toEqual([UN_PERSON]);

    await setMergedInto(db, UN_PERSON, PERSON, NOW);
    expect((await actorsMergedInto(db, PERSON)).map((a) => a.id)).toEqual([UN_PERSON]);
    expect([...(await mergePointers(db))]).toEqual([[UN_PERSON, PERSON]]);
    await setMergedInto(db, UN_PERSON, null, NOW);
    expect(await actorsMergedInto(db, PERSON)).toEqual([]);

    await saveDismissal(db, UN_PERSON, PERSON, 'namesakes', NOW);
    await saveDismissal(db, PERSON, UN_PERSON, 'namesakes, born 1970 and 1982', NOW);
    expect((await getDismissal(db, PERSON, UN_PERSON))?.reason).toBe('namesakes, born 1970 and 1982');
    const snap = await registrySnapshot(db);
    expect(snap.dismissals).toHaveLength(1);
    expect(snap.actors).toHaveLength(3);
    expect(snap.aliases.every((a) => typeof a.confidence === 'number')).toBe(true);
  });

  it('rolls a refused merge back whole and records an accepted one with its reason', async () => {
    const before = await auditTrailOf(db, { subjects: [], pairTypes: ['actor_merge'], pairMembers: [PERSON] });
    await expect(mergeActors(deps, 'ofac:90301', 'ofac:90302', 'x')).rejects.toThrow('cannot merge');
    await expect(
      withTransaction(db, async (tx) => {
        await setMergedInto(tx, UN_PERSON, PERSON, NOW);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await getActorRow(db, UN_PERSON))?.mergedInto).toBeNull();
    expect(before).toEqual([]);

    await mergeActors(deps, 'ofac:90301', 'un:QDi.9301', 'same birth date');
    expect(await findMergeSuggestions(db)).toEqual([]);
    await unmergeActor(deps, 'un:QDi.9301', 'undo');
    expect((await findMergeSuggestions(db)).map((s) => [s.keep.id, s.merge.id].sort())).toEqual([[PERSON, UN_PERSON].sort()]);
    await dismissPair(deps, 'un:QDi.9301', 'ofac:90301', 'different people');
    expect(await findMergeSuggestions(db)).toEqual([]);

    await affiliate(deps, 'ofac:90301', 'ofac:90302', { role: 'founder' });
    expect((await affiliationsOfActor(db, PERSON)).map((f) => [f.otherId, f.role])).toEqual([[GROUP, 'founder']]);
    const created = await createActor(deps, { kind: 'organization', canonicalName: 'Sand Relief Society', aliases: [{ name: 'SRS', kind: 'acronym' }] });
    expect((await getActorRow(db, created.id))?.kind).toBe('organization');

    const history = (await actorHistory(db, 'ofac:90301')).entries;
    expect(history.map((e) => [e.action, e.actor])).toEqual([
      ['affiliate', 'analyst2'],
      ['dismiss', 'analyst2'],
      ['unmerge', 'analyst2'],
      ['merge', 'analyst2'],
    ]);
    expect(history[3]).toMatchObject({ reason: 'same birth date', before: { merged_into: null }, after: { merged_into: PERSON } });
  });
});

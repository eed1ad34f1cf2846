import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { getActorRow } from '../store/actor-edit.repository.js';
import { loadRegistry } from '../store/actor.repository.js';
import { auditTrail } from '../store/audit.repository.js';
import { type Db, openDatabase } from '../store/database.js';
import type { ActorDraft } from './actor-draft.js';
import { actorIdFor, storeActorLists } from './actor-import.service.js';
import { findMergeSuggestions } from './merge-suggestions.js';
import {
  actorDetails,
  actorHistory,
  addAlias,
  affiliate,
  createActor,
  dismissPair,
  editActor,
  mergeActors,
  type RegistryEditDeps,
  removeAlias,
  resolveActorRef,
  unaffiliate,
  unmergeActor,
} from './registry-edit.service.js';

// Invented actors on invented list entries.
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

const FIXTURE = [
  { files: ['ofac/sdn.csv'], affiliations: [], result: { skipped: [], actors: [draft('ofac', '90101', 'person', "AL-ZUBAYRI, Hamid 'Adil", ['Abu Wardah al-Zubayri']), draft('ofac', '90102', 'group', 'SANDSTORM BATTALIONS', ['Kataib al-Asifa'])] } },
  { files: ['un/consolidated.xml'], affiliations: [], result: { skipped: [], actors: [draft('un', 'QDi.9101', 'person', 'HAMID ADIL AL-ZUBAYRI', ['Abu Wardah al-Zubairi'])] } },
  { files: ['rasad/actors.json'], affiliations: [], result: { skipped: [], actors: [draft('rasad', 'qvm', 'group', 'Quiet Valley Movement')] } },
];

const OFAC_PERSON = 'ofac:90101';
const UN_PERSON = 'un:QDi.9101';
const GROUP = 'ofac:90102';

describe('registry editing (SQLite)', () => {
  let db: Db;
  let deps: RegistryEditDeps;
  let auditRows: () => Promise<number>;

  beforeEach(async () => {
    db = await openDatabase({ sqliteFile: ':memory:' });
    let n = 0;
    deps = { db, clock: fixedClock('2026-11-23T09:00:00.000Z'), user: 'analyst1', newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
    await storeActorLists({ db, clock: deps.clock, user: 'importer' }, FIXTURE);
    auditRows = async () => Number((await db.kysely.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  });
  afterEach(async () => {
    await db.close();
  });

  it('audits each imported list once, with its counts', async () => {
    const trail = await auditTrail(db, { subjectType: 'actor_list', subjectId: 'ofac:ofac/sdn.csv' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'import', actor: 'importer', after: { actors: 2, designations: 2 } });
    expect(await auditRows()).toBe(3);
  });

  it('resolves ids and designations, and names an unknown reference', async () => {
    const byDesignation = await resolveActorRef(db, OFAC_PERSON);
    expect(byDesignation.id).toBe(actorIdFor('ofac', '90101'));
    expect((await resolveActorRef(db, byDesignation.id)).canonicalName).toBe("AL-ZUBAYRI, Hamid 'Adil");
    expect((await resolveActorRef(db, 'rasad:qvm')).canonicalName).toBe('Quiet Valley Movement');
    await expect(resolveActorRef(db, 'ofac:424242')).rejects.toThrow(NotFoundError);
    await expect(resolveActorRef(db, 'ofac:424242')).rejects.toThrow("'ofac:424242'");
    await createActor(deps, { kind: 'group', canonicalName: 'Northern Reed Front', designations: ['us-state:FTO'] });
    await createActor(deps, { kind: 'group', canonicalName: 'Southern Reed Front', designations: ['us-state:FTO'] });
    await expect(resolveActorRef(db, 'us-state:FTO')).rejects.toThrow(ValidationError);
  });

  it("creates an analyst's actor with normalized aliases, detected scripts and an audit entry", async () => {
    const record = await createActor(deps, {
      kind: 'person',
      canonicalName: '  Abu Sahm  al-Qarnawi ',
      aliases: [{ name: 'أبو سهمٍ القرناوي', kind: 'native' }, { name: 'Sahm Qarnawi' }],
      notes: 'seen in channel exports',
    });
    expect(record.id).toBe('00000000-0000-4000-8000-000000000001');
    const details = await actorDetails(db, record.id);
    expect(details.actor).toMatchObject({ canonicalName: 'Abu Sahm al-Qarnawi', notes: 'seen in channel exports', mergedInto: null });
    const arabic = details.aliases.find((a) => a.kind === 'native');
    expect(arabic).toMatchObject({ script: 'Arab', normalized: 'ابو سهم القرناوي', source: 'analyst:analyst1' });
    expect(details.aliases.find((a) => a.kind === 'primary')?.alias).toBe('Abu Sahm al-Qarnawi');
    const [entry] = await auditTrail(db, { subjectType: 'actor', subjectId: record.id });
    expect(entry).toMatchObject({ action: 'create', actor: 'analyst1', before: null, after: { canonical_name: 'Abu Sahm al-Qarnawi' } });
  });

  it('renames, keeping the new name as an alias, and records before and after', async () => {
    const r = await editActor(deps, GROUP, { canonicalName: "Kata'ib al-'Asifa", notes: 'renamed after analyst review' }, 'house style');
    expect(r.canonicalName).toBe("Kata'ib al-'Asifa");
    const details = await actorDetails(db, GROUP);
    expect(details.aliases.map((a) => a.alias)).toEqual(expect.arrayContaining(["Kata'ib al-'Asifa", 'SANDSTORM BATTALIONS']));
    const [entry] = await auditTrail(db, { subjectType: 'actor', subjectId: r.id });
    expect(entry).toMatchObject({ action: 'edit', reason: 'house style', before: { canonical_name: 'SANDSTORM BATTALIONS', notes: null }, after: { canonical_name: "Kata'ib al-'Asifa" } });
    await expect(editActor(deps, GROUP, {})).rejects.toThrow('nothing to change');
  });

  it('adds and removes aliases; refuses duplicates and the canonical name', async () => {
    const { alias } = await addAlias(deps, OFAC_PERSON, { name: 'Hamid al-Zubayrī', kind: 'romanization' });
    expect(alias).toMatchObject({ normalized: 'hamid al-zubayri', script: 'Latn', kind: 'romanization' });
    await expect(addAlias(deps, OFAC_PERSON, { name: 'Hamid al-Zubayrī' })).rejects.toThrow('already has the alias');
    // removal by the normalized form
    expect((await removeAlias(deps, OFAC_PERSON, 'HAMID AL-ZUBAYRI')).alias.alias).toBe('Hamid al-Zubayrī');
    await expect(removeAlias(deps, OFAC_PERSON, 'Nobody Known')).rejects.toThrow(NotFoundError);
    await expect(removeAlias(deps, OFAC_PERSON, "AL-ZUBAYRI, Hamid 'Adil")).rejects.toThrow('rename the actor first');
    const actions = (await auditTrail(db, { subjectType: 'actor', subjectId: actorIdFor('ofac', '90101') })).map((e) => e.action);
    expect(actions).toEqual(['alias_remove', 'alias_add']);
  });

  it('links a person to a group with a role, and refuses the wrong kinds', async () => {
    await affiliate(deps, OFAC_PERSON, GROUP, { role: 'commander' });
    expect((await actorDetails(db, GROUP)).affiliations).toMatchObject([{ relation: 'has_member', role: 'commander', otherId: actorIdFor('ofac', '90101') }]);
    await expect(affiliate(deps, GROUP, OFAC_PERSON, {})).rejects.toThrow('not a person');
    await expect(affiliate(deps, OFAC_PERSON, UN_PERSON, {})).rejects.toThrow('is a person, not a group');
    await unaffiliate(deps, OFAC_PERSON, GROUP, 'wrong unit');
    expect((await actorDetails(db, GROUP)).affiliations).toEqual([]);
    await expect(unaffiliate(deps, OFAC_PERSON, GROUP)).rejects.toThrow(NotFoundError);
  });

  it('merges without deleting, folds the merged actor into the survivor, and unmerges', async () => {
    const before = await auditRows();
    const r = await mergeActors(deps, OFAC_PERSON, UN_PERSON, 'same date and place of birth');
    expect(r.merged.mergedInto).toBe(r.survivor.id);
    const registry = await loadRegistry(db);
    const survivor = registry.find((a) => a.id === r.survivor.id);
    expect(survivor?.designations).toEqual(['ofac:90101', 'un:QDi.9101']);
    expect(registry.some((a) => a.id === r.merged.id)).toBe(false);
    expect((await actorDetails(db, OFAC_PERSON)).mergedFrom.map((m) => m.id)).toEqual([r.merged.id]);
    expect((await actorDetails(db, UN_PERSON)).mergedInto?.id).toBe(r.survivor.id);
    expect(await auditRows()).toBe(before + 1);

    await unmergeActor(deps, UN_PERSON, 'different people after all');
    expect((await getActorRow(db, r.merged.id))?.mergedInto).toBeNull();
    expect((await loadRegistry(db)).some((a) => a.id === r.merged.id)).toBe(true);
    await expect(unmergeActor(deps, UN_PERSON, 'again')).rejects.toThrow('is not merged');
  });

  it('refuses merging into itself, a person with a group, an already merged actor; writes nothing then', async () => {
    const before = await auditRows();
    await expect(mergeActors(deps, OFAC_PERSON, OFAC_PERSON, 'x')).rejects.toThrow('into itself');
    await expect(mergeActors(deps, OFAC_PERSON, GROUP, 'x')).rejects.toThrow(/cannot merge group SANDSTORM BATTALIONS .* with person/);
    await expect(mergeActors(deps, OFAC_PERSON, UN_PERSON, '  ')).rejects.toThrow('needs a reason');
    await expect(mergeActors(deps, OFAC_PERSON, 'ofac:nope', 'x')).rejects.toThrow(NotFoundError);
    expect(await auditRows()).toBe(before);
    expect((await getActorRow(db, actorIdFor('un', 'QDi.9101')))?.mergedInto).toBeNull();

    const third = await createActor(deps, { kind: 'person', canonicalName: 'Hamid Adil Zubayri' });
    await mergeActors(deps, OFAC_PERSON, UN_PERSON, 'same person');
    await expect(mergeActors(deps, third.id, UN_PERSON, 'x')).rejects.toThrow('already merged into');
    // keeping a merged actor means keeping its survivor
    const r = await mergeActors(deps, UN_PERSON, third.id, 'same person too');
    expect(r.survivor.id).toBe(actorIdFor('ofac', '90101'));
    expect(r.requested.id).toBe(actorIdFor('un', 'QDi.9101'));
    // and the survivor cannot be merged into an actor merged into it
    await expect(mergeActors(deps, UN_PERSON, OFAC_PERSON, 'x')).rejects.toThrow(/HAMID ADIL AL-ZUBAYRI .* is already merged into AL-ZUBAYRI/);
  });

  it('suggests the same person on two lists until merged or dismissed', async () => {
    const suggested = await findMergeSuggestions(db);
    expect(suggested.map((s) => [s.keep.id, s.merge.id].sort())).toEqual([[actorIdFor('ofac', '90101'), actorIdFor('un', 'QDi.9101')].sort()]);
    await dismissPair(deps, UN_PERSON, OFAC_PERSON, 'namesakes: different birth years');
    expect(await findMergeSuggestions(db)).toEqual([]);
    await expect(dismissPair(deps, GROUP, GROUP, 'x')).rejects.toThrow('same actor');
  });

  it('shows an actor’s history newest first, including merges and links it is part of', async () => {
    await addAlias(deps, OFAC_PERSON, { name: 'Abu Wardah' });
    await affiliate(deps, OFAC_PERSON, GROUP, { role: 'commander' });
    await mergeActors(deps, OFAC_PERSON, UN_PERSON, 'same person');
    await unmergeActor(deps, UN_PERSON, 'undo');
    const { entries } = await actorHistory(db, OFAC_PERSON);
    expect(entries.map((e) => e.action)).toEqual(['unmerge', 'merge', 'affiliate', 'alias_add']);
    expect((await actorHistory(db, UN_PERSON)).entries.map((e) => e.action)).toEqual(['unmerge', 'merge']);
    expect((await actorHistory(db, GROUP)).entries.map((e) => e.action)).toEqual(['affiliate']);
  });
});

import type { ActorRecord } from './actor.repository.js';
import type { Db } from './database.js';

/** The actor row itself, with the fields analysts edit and the merge pointer. */
export interface ActorRow {
  id: string;
  kind: ActorRecord['kind'];
  canonicalName: string;
  description: string | null;
  notes: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One alias row as stored. */
export type AliasRow = ActorRecord['aliases'][number];

/** A person → group link, seen from one of its two sides. */
/** The actor row, or undefined. */
export async function getActorRow(db: Db, id: string): Promise<ActorRow | undefined> {
  const r = await db.kysely
    .selectFrom('actors')
    .select(['id', 'kind', 'canonicalName', 'description', 'notes', 'mergedInto', 'createdAt', 'updatedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, kind: r.kind as ActorRow['kind'] } : undefined;
}

/** Ids of actors carrying a designation (`ofac` + `11462`). */
export async function actorIdsByDesignation(db: Db, list: string, reference: string): Promise<string[]> {
  const rows = await db.kysely.selectFrom('actorDesignations').select('actorId').distinct().where('list', '=', list).where('reference', '=', reference).execute();
  return rows.map((r) => r.actorId).sort();
}

/** Sets the edited fields of an actor (only those given) and its update time. */
export async function updateActorFields(
  db: Db,
  id: string,
  fields: { canonicalName?: string; description?: string | null; notes?: string | null },
  now: string,
): Promise<void> {
  await db.kysely.updateTable('actors').set({ ...fields, updatedAt: now }).where('id', '=', id).execute();
}

/** Adds one alias to an actor. */
export async function insertAlias(db: Db, actorId: string, alias: AliasRow, now: string): Promise<void> {
  await db.kysely.insertInto('actorAliases').values({ ...alias, actorId, createdAt: now }).execute();
}

/** Removes one alias by its id. */
export async function deleteAlias(db: Db, actorId: string, aliasId: string): Promise<void> {
  await db.kysely.deleteFrom('actorAliases').where('actorId', '=', actorId).where('id', '=', aliasId).execute();
}

/** The link between a person and a group, or undefined. */
export async function getAffiliation(db: Db, personId: string, groupId: string): Promise<{ personId: string; groupId: string; role: string | null; source: string | null } | undefined> {
  return db.kysely
    .selectFrom('actorAffiliations')
    .select(['personId', 'groupId', 'role', 'source'])
    .where('personId', '=', personId)
    .where('groupId', '=', groupId)
    .executeTakeFirst();
}

/** Removes the link between a person and a group. */
export async function deleteAffiliation(db: Db, personId: string, groupId: string): Promise<void> {
  await db.kysely.deleteFrom('actorAffiliations').where('personId', '=', personId).where('groupId', '=', groupId).execute();
}

/** Points an actor at the actor it was merged into, or clears the pointer (unmerge). */
export async function setMergedInto(db: Db, id: string, survivorId: string | null, now: string): Promise<void> {
  await db.kysely.updateTable('actors').set({ mergedInto: survivorId, updatedAt: now }).where('id', '=', id).execute();
}

/** Actors merged directly into this one. */
export async function actorsMergedInto(db: Db, survivorId: string): Promise<Array<{ id: string; kind: string; canonicalName: string }>> {
  return db.kysely.selectFrom('actors').select(['id', 'kind', 'canonicalName']).where('mergedInto', '=', survivorId).orderBy('canonicalName').execute();
}

/** The merge pointers of every actor that has one (to follow chains of merges). */
export async function mergePointers(db: Db): Promise<Map<string, string>> {
  const rows = await db.kysely.selectFrom('actors').select(['id', 'mergedInto']).where('mergedInto', 'is not', null).execute();
  return new Map(rows.flatMap((r) => (r.mergedInto === null ? [] : [[r.id, r.mergedInto] as const])));
}

/** A dismissed merge suggestion; pairs are stored with the smaller id first. */
export interface DismissalRow {
  actorA: string;
  actorB: string;
  reason: string | null;
  createdAt: string;
}

/** The dismissal of a pair (either order), or undefined. */
export async function getDismissal(db: Db, a: string, b: string): Promise<DismissalRow | undefined> {
  const [x, y] = a < b ? [a, b] : [b, a];
  return db.kysely.selectFrom('actorMergeDismissals').selectAll().where('actorA', '=', x).where('actorB', '=', y).executeTakeFirst();
}

/** Records (or re-records, with a new reason) that a pair is not the same actor. */
export async function saveDismissal(db: Db, a: string, b: string, reason: string, now: string): Promise<DismissalRow> {
  const [actorA, actorB] = a < b ? [a, b] : [b, a];
  const row = { actorA, actorB, reason, createdAt: now };
  await db.kysely
    .insertInto('actorMergeDismissals')
    .values(row)
    .onConflict((oc) => oc.columns(['actorA', 'actorB']).doUpdateSet({ reason, createdAt: now }))
    .execute();
  return row;
}

/** What merge suggestions are computed from: the whole registry in four queries. */
export interface RegistrySnapshot {
  actors: Array<{ id: string; kind: string; canonicalName: string; mergedInto: string | null }>;
  aliases: Array<{ actorId: string; alias: string; normalized: string; kind: string; confidence: number }>;
  designations: Array<{ actorId: string; list: string; reference: string }>;
  dismissals: Array<{ actorA: string; actorB: string }>;
}

/** Reads the registry for merge suggestions. */
export async function registrySnapshot(db: Db): Promise<RegistrySnapshot> {
  const actors = await db.kysely.selectFrom('actors').select(['id', 'kind', 'canonicalName', 'mergedInto']).orderBy('id').execute();
  const aliases = await db.kysely.selectFrom('actorAliases').select(['actorId', 'alias', 'normalized', 'kind', 'confidence']).orderBy('actorId').orderBy('alias').execute();
  const designations = await db.kysely.selectFrom('actorDesignations').select(['actorId', 'list', 'reference']).orderBy('list').orderBy('reference').execute();
  const dismissals = await db.kysely.selectFrom('actorMergeDismissals').select(['actorA', 'actorB']).execute();
  return { actors, aliases: aliases.map((a) => ({ ...a, confidence: Number(a.confidence) })), designations, dismissals };
}

import { survivorResolver } from '../core/merge-chain.js';
import type { Db } from './database.js';

/** An actor with its aliases and designations (the registry grows in the actors issue). */
export interface ActorRecord {
  id: string;
  kind: 'group' | 'person' | 'organization';
  canonicalName: string;
  description: string | null;
  aliases: Array<{ id: string; alias: string; normalized: string; script: string | null; kind: string; source: string | null; confidence: number }>;
  designations: Array<{ list: string; reference: string; listedOn: string | null }>;
}

/** Creates or replaces an actor with its aliases and designations, in the caller's transaction. */
export async function saveActor(db: Db, actor: ActorRecord, now: string): Promise<void> {
  await db.kysely
    .insertInto('actors')
    .values({ id: actor.id, kind: actor.kind, canonicalName: actor.canonicalName, description: actor.description, notes: null, createdAt: now, updatedAt: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ kind: actor.kind, canonicalName: actor.canonicalName, description: actor.description, updatedAt: now }),
    )
    .execute();
  // Re-importing a list replaces the list's aliases but keeps those analysts added (`analyst:…`).
  await db.kysely
    .deleteFrom('actorAliases')
    .where('actorId', '=', actor.id)
    .where((eb) => eb.or([eb('source', 'is', null), eb('source', 'not like', 'analyst:%')]))
    .execute();
  if (actor.aliases.length > 0) {
    await db.kysely
      .insertInto('actorAliases')
      .values(actor.aliases.map((a) => ({ ...a, actorId: actor.id, createdAt: now })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  await db.kysely.deleteFrom('actorDesignations').where('actorId', '=', actor.id).execute();
  if (actor.designations.length > 0) {
    await db.kysely
      .insertInto('actorDesignations')
      .values(actor.designations.map((d) => ({ ...d, actorId: actor.id })))
      .execute();
  }
}

/** One actor with aliases and designations, or undefined. */
export async function getActor(db: Db, id: string): Promise<ActorRecord | undefined> {
  const row = await db.kysely.selectFrom('actors').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const aliases = await db.kysely
    .selectFrom('actorAliases')
    .select(['id', 'alias', 'normalized', 'script', 'kind', 'source', 'confidence'])
    .where('actorId', '=', id)
    .orderBy('alias')
    .execute();
  const designations = await db.kysely
    .selectFrom('actorDesignations')
    .select(['list', 'reference', 'listedOn'])
    .where('actorId', '=', id)
    .orderBy('list')
    .execute();
  return {
    id: row.id,
    kind: row.kind as ActorRecord['kind'],
    canonicalName: row.canonicalName,
    description: row.description,
    aliases: aliases.map((a) => ({ ...a, confidence: Number(a.confidence) })),
    designations,
  };
}

/** Actor ids whose alias has exactly this normalized form (the seed of indexed candidate lookup). */
export async function actorIdsByNormalizedAlias(db: Db, normalized: string): Promise<string[]> {
  const rows = await db.kysely.selectFrom('actorAliases').select('actorId').distinct().where('normalized', '=', normalized).execute();
  return rows.map((r) => r.actorId);
}

/** Records (or updates) that a person belongs to a group, with a role. */
export async function saveAffiliation(db: Db, a: { personId: string; groupId: string; role: string | null; source: string | null }): Promise<void> {
  await db.kysely
    .insertInto('actorAffiliations')
    .values(a)
    .onConflict((oc) => oc.columns(['personId', 'groupId']).doUpdateSet({ role: a.role, source: a.source }))
    .execute();
}

/** Counts of actors, aliases and designations in the registry. */
export async function registryCounts(db: Db): Promise<{ actors: number; aliases: number; designations: number }> {
  const count = async (table: 'actors' | 'actorAliases' | 'actorDesignations'): Promise<number> =>
    Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { actors: await count('actors'), aliases: await count('actorAliases'), designations: await count('actorDesignations') };
}

/** One actor as the resolver and the mentions stage see it: merged actors folded into the survivor. */
export interface RegistryActor {
  id: string;
  kind: ActorRecord['kind'];
  canonicalName: string;
  /** `list:reference`, e.g. `ofac:11462`, `un:QDe.001`. */
  designations: string[];
  aliases: Array<{ alias: string; kind: string; confidence: number; script: string | null }>;
  /** Ids of actors linked by an affiliation (person ↔ group), after merges. */
  affiliated: string[];
}

/**
 * The whole registry in a few queries, for building the in-memory name index once. An actor
 * merged into another contributes its aliases and designations to the survivor (and follows
 * chains of merges); the merged record itself is not listed.
 */
export async function loadRegistry(db: Db): Promise<RegistryActor[]> {
  const actors = await db.kysely.selectFrom('actors').select(['id', 'kind', 'canonicalName', 'mergedInto']).execute();
  const survivor = survivorResolver(actors);
  const byId = new Map<string, RegistryActor>();
  for (const a of actors) {
    if (a.mergedInto !== null) continue;
    byId.set(a.id, { id: a.id, kind: a.kind as ActorRecord['kind'], canonicalName: a.canonicalName, designations: [], aliases: [], affiliated: [] });
  }
  const aliases = await db.kysely.selectFrom('actorAliases').select(['actorId', 'alias', 'kind', 'confidence', 'script']).orderBy('actorId').orderBy('alias').execute();
  for (const a of aliases) {
    byId.get(survivor(a.actorId))?.aliases.push({ alias: a.alias, kind: a.kind, confidence: Number(a.confidence), script: a.script });
  }
  const designations = await db.kysely.selectFrom('actorDesignations').select(['actorId', 'list', 'reference']).orderBy('list').orderBy('reference').execute();
  for (const d of designations) {
    const actor = byId.get(survivor(d.actorId));
    const label = `${d.list}:${d.reference}`;
    if (actor && !actor.designations.includes(label)) actor.designations.push(label);
  }
  const links = await db.kysely.selectFrom('actorAffiliations').select(['personId', 'groupId']).execute();
  for (const l of links) {
    const person = byId.get(survivor(l.personId));
    const group = byId.get(survivor(l.groupId));
    if (!person || !group || person === group) continue;
    if (!person.affiliated.includes(group.id)) person.affiliated.push(group.id);
    if (!group.affiliated.includes(person.id)) group.affiliated.push(person.id);
  }
  return [...byId.values()];
}

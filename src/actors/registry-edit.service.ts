import { type ActorAffiliation, affiliationsOfActor } from '../store/actor-query.repository.js';
import { type Clock, toIso } from '../core/clock.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { deterministicId } from '../core/ids.js';
import {
  type ActorRow,
  type AliasRow,
  actorIdsByDesignation,
  deleteAffiliation,
  deleteAlias,
  getActorRow,
  getAffiliation,
  getDismissal,
  insertAlias,
  actorsMergedInto,
  saveDismissal,
  setMergedInto,
  updateActorFields,
} from '../store/actor-edit.repository.js';
import { type ActorRecord, getActor, saveActor, saveAffiliation } from '../store/actor.repository.js';
import { type AuditEntry, type AuditEntryInput, appendAudit, auditTrailOf } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import { withTransaction } from '../store/transaction.js';
import { normalize } from '../text/normalize.js';
import { dominantScript } from '../text/script.js';
import type { AliasKind } from './actor-draft.js';
import { actorIdFor } from './actor-import.service.js';

/** What registry edits need: the database, a clock, who is editing, and a source of fresh ids. */
export interface RegistryEditDeps {
  db: Db;
  clock: Clock;
  /** The analyst's user name, recorded in the audit log (resolved at the CLI or HTTP edge). */
  user: string;
  newId: () => string;
}

export type ActorKind = ActorRecord['kind'];

/** An alias as an analyst gives it; what is left out is derived (script) or defaulted. */
export interface AliasInput {
  name: string;
  kind?: AliasKind;
  /** ISO 15924; detected from the text when not given. */
  script?: string | null;
  /** Where the alias is attested; defaults to `analyst:<user>`. */
  source?: string | null;
  confidence?: number;
}

/** A new actor as an analyst describes it. */
export interface NewActorInput {
  kind: ActorKind;
  canonicalName: string;
  aliases?: AliasInput[];
  description?: string | null;
  notes?: string | null;
  /** `list:reference`, e.g. `us-state:FTO`. */
  designations?: string[];
}

/** Audit subject types of registry changes; pair subjects are `a|b`. */
export const AUDIT_SUBJECT = {
  actor: 'actor',
  affiliation: 'actor_affiliation',
  merge: 'actor_merge',
  dismissal: 'actor_pair',
} as const;

class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** One audit entry by the editing user, in the change's transaction. */
async function audit(tx: Db, deps: RegistryEditDeps, at: string, entry: Omit<AuditEntryInput, 'at' | 'actor'>): Promise<void> {
  await appendAudit(tx, { ...entry, at, actor: deps.user });
}

const label = (a: { id: string; canonicalName: string }): string => `${a.canonicalName} (${a.id})`;
const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * The actor a reference names: an actor id; or a designation `list:reference` (`ofac:11462`),
 * which is first the list's own imported record (`rasad:kh` is the Rasad actor file's `kh`) and
 * else the one actor carrying that designation. Unknown or ambiguous references are errors.
 */
export async function resolveActorRef(db: Db, ref: string): Promise<ActorRow> {
  const r = ref.trim();
  if (r === '') throw new ValidationError('empty actor reference');
  const direct = await getActorRow(db, r);
  if (direct) return direct;
  const colon = r.indexOf(':');
  if (colon > 0 && colon < r.length - 1) {
    const list = r.slice(0, colon).toLowerCase();
    const reference = r.slice(colon + 1);
    const own = await getActorRow(db, actorIdFor(list, reference));
    if (own) return own;
    const ids = await actorIdsByDesignation(db, list, reference);
    if (ids.length > 1) throw new ValidationError(`'${ref}' names ${ids.length} actors (${ids.slice(0, 5).join(', ')}); give an actor id`);
    const only = ids[0] === undefined ? undefined : await getActorRow(db, ids[0]);
    if (only) return only;
  }
  throw new NotFoundError(`unknown actor '${ref}' (give an actor id or a designation like ofac:11462)`);
}

/** The actor at the end of a chain of merges (the actor itself when it is not merged). */
async function survivorOf(db: Db, actor: ActorRow): Promise<ActorRow> {
  let cur = actor;
  for (let hops = 0; hops < 32 && cur.mergedInto !== null; hops++) {
    const next = await getActorRow(db, cur.mergedInto);
    if (!next) break;
    cur = next;
  }
  return cur;
}

function aliasRow(actorId: string, input: AliasInput, user: string): AliasRow {
  const name = clean(input.name);
  if (name === '') throw new ValidationError('an alias cannot be empty');
  const confidence = input.confidence ?? 1;
  if (!(confidence >= 0 && confidence <= 1)) throw new ValidationError(`alias confidence must be in [0, 1], got ${confidence}`);
  return {
    id: deterministicId('rasad:alias', `${actorId}:${name}`),
    alias: name,
    normalized: normalize(name),
    script: input.script ?? dominantScript(name).script,
    kind: input.kind ?? 'aka',
    source: input.source ?? `analyst:${user}`,
    confidence,
  };
}

function parseDesignation(d: string): { list: string; reference: string; listedOn: null } {
  const colon = d.indexOf(':');
  if (colon <= 0 || colon === d.length - 1) throw new ValidationError(`designation '${d}' is not list:reference (e.g. ofac:11462)`);
  return { list: d.slice(0, colon).trim().toLowerCase(), reference: d.slice(colon + 1).trim(), listedOn: null };
}

// Audit snapshots use the database's column names, so they read the same in SQL and in `history --json`.
function actorSnapshot(a: ActorRow): Record<string, unknown> {
  return { id: a.id, kind: a.kind, canonical_name: a.canonicalName, description: a.description, notes: a.notes, merged_into: a.mergedInto };
}

function aliasSnapshot(a: AliasRow): Record<string, unknown> {
  return { id: a.id, alias: a.alias, normalized: a.normalized, script: a.script, kind: a.kind, source: a.source, confidence: a.confidence };
}

/** Creates an analyst's actor with a fresh id; its canonical name is also its primary alias. */
export async function createActor(deps: RegistryEditDeps, input: NewActorInput, reason: string | null = null): Promise<ActorRecord> {
  const canonicalName = clean(input.canonicalName);
  if (canonicalName === '') throw new ValidationError('an actor needs a name');
  const id = deps.newId();
  const now = toIso(deps.clock.now());
  const aliases: AliasRow[] = [];
  for (const a of [{ name: canonicalName, kind: 'primary' as const }, ...(input.aliases ?? [])]) {
    const row = aliasRow(id, a, deps.user);
    if (!aliases.some((x) => x.alias === row.alias)) aliases.push(row);
  }
  const record: ActorRecord = {
    id,
    kind: input.kind,
    canonicalName,
    description: input.description ?? null,
    aliases,
    designations: [...new Map((input.designations ?? []).map(parseDesignation).map((d) => [`${d.list}:${d.reference}`, d])).values()],
  };
  await withTransaction(deps.db, async (tx) => {
    await saveActor(tx, record, now);
    if (input.notes) await updateActorFields(tx, id, { notes: input.notes }, now);
    await audit(tx, deps, now, {
      action: 'create',
      subjectType: AUDIT_SUBJECT.actor,
      subjectId: id,
      reason,
      before: null,
      after: {
        ...actorSnapshot({ ...record, notes: input.notes ?? null, mergedInto: null, createdAt: now, updatedAt: now }),
        aliases: aliases.map(aliasSnapshot),
        designations: record.designations.map((d) => `${d.list}:${d.reference}`),
      },
    });
  });
  return record;
}

/** Renames an actor or edits its description and notes; a new canonical name is also added as an alias. */
export async function editActor(
  deps: RegistryEditDeps,
  ref: string,
  changes: { canonicalName?: string; description?: string | null; notes?: string | null },
  reason: string | null = null,
): Promise<ActorRow> {
  const fields: { canonicalName?: string; description?: string | null; notes?: string | null } = {};
  if (changes.canonicalName !== undefined) {
    fields.canonicalName = clean(changes.canonicalName);
    if (fields.canonicalName === '') throw new ValidationError('an actor needs a name');
  }
  if (changes.description !== undefined) fields.description = changes.description;
  if (changes.notes !== undefined) fields.notes = changes.notes;
  if (Object.keys(fields).length === 0) throw new ValidationError('nothing to change: give a new name, description or note');
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const before = await resolveActorRef(tx, ref);
    await updateActorFields(tx, before.id, fields, now);
    if (fields.canonicalName !== undefined) {
      const current = await getActor(tx, before.id);
      if (!current?.aliases.some((a) => a.alias === fields.canonicalName)) {
        await insertAlias(tx, before.id, aliasRow(before.id, { name: fields.canonicalName, kind: 'primary' }, deps.user), now);
      }
    }
    const after = { ...before, ...fields, updatedAt: now };
    await audit(tx, deps, now, { action: 'edit', subjectType: AUDIT_SUBJECT.actor, subjectId: before.id, reason, before: actorSnapshot(before), after: actorSnapshot(after) });
    return after;
  });
}

/** Adds an alias to an actor, normalized like imported aliases and with its script detected. */
export async function addAlias(deps: RegistryEditDeps, ref: string, alias: AliasInput, reason: string | null = null): Promise<{ actor: ActorRow; alias: AliasRow }> {
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const actor = await resolveActorRef(tx, ref);
    const row = aliasRow(actor.id, alias, deps.user);
    const existing = await getActor(tx, actor.id);
    if (existing?.aliases.some((a) => a.alias === row.alias)) throw new ConflictError(`${label(actor)} already has the alias '${row.alias}'`);
    await insertAlias(tx, actor.id, row, now);
    await updateActorFields(tx, actor.id, {}, now);
    await audit(tx, deps, now, { action: 'alias_add', subjectType: AUDIT_SUBJECT.actor, subjectId: actor.id, reason, before: null, after: aliasSnapshot(row) });
    return { actor, alias: row };
  });
}

/**
 * Removes an alias, named exactly or by its normalized form when that names one alias. The
 * canonical name stays an alias: rename the actor first.
 */
export async function removeAlias(deps: RegistryEditDeps, ref: string, name: string, reason: string | null = null): Promise<{ actor: ActorRow; alias: AliasRow }> {
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const actor = await resolveActorRef(tx, ref);
    const aliases = (await getActor(tx, actor.id))?.aliases ?? [];
    const wanted = clean(name);
    let matches = aliases.filter((a) => a.alias === wanted);
    if (matches.length === 0) matches = aliases.filter((a) => a.normalized === normalize(wanted));
    if (matches.length > 1) throw new ValidationError(`'${name}' matches ${matches.length} aliases of ${label(actor)} (${matches.map((a) => a.alias).join(', ')}); give one exactly`);
    const target = matches[0];
    if (!target) throw new NotFoundError(`${label(actor)} has no alias '${name}'`);
    if (target.alias === actor.canonicalName) throw new ValidationError(`'${target.alias}' is the canonical name of ${actor.id}; rename the actor first`);
    await deleteAlias(tx, actor.id, target.id);
    await updateActorFields(tx, actor.id, {}, now);
    await audit(tx, deps, now, { action: 'alias_remove', subjectType: AUDIT_SUBJECT.actor, subjectId: actor.id, reason, before: aliasSnapshot(target), after: null });
    return { actor, alias: target };
  });
}

async function personAndGroup(db: Db, personRef: string, groupRef: string): Promise<[ActorRow, ActorRow]> {
  const person = await resolveActorRef(db, personRef);
  const group = await resolveActorRef(db, groupRef);
  if (person.kind !== 'person') throw new ValidationError(`${label(person)} is a ${person.kind}, not a person`);
  if (group.kind === 'person') throw new ValidationError(`${label(group)} is a person, not a group or organization`);
  return [person, group];
}

/** Records (or updates the role of) a person's membership of a group. */
export async function affiliate(
  deps: RegistryEditDeps,
  personRef: string,
  groupRef: string,
  link: { role?: string | null; source?: string | null },
  reason: string | null = null,
): Promise<{ person: ActorRow; group: ActorRow; role: string | null }> {
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const [person, group] = await personAndGroup(tx, personRef, groupRef);
    const before = await getAffiliation(tx, person.id, group.id);
    const after = { personId: person.id, groupId: group.id, role: link.role ?? null, source: link.source ?? `analyst:${deps.user}` };
    await saveAffiliation(tx, after);
    const snap = (a: { personId: string; groupId: string; role: string | null; source: string | null }): Record<string, unknown> => ({ person_id: a.personId, group_id: a.groupId, role: a.role, source: a.source });
    await audit(tx, deps, now, {
      action: 'affiliate',
      subjectType: AUDIT_SUBJECT.affiliation,
      subjectId: `${person.id}|${group.id}`,
      reason,
      before: before ? snap(before) : null,
      after: snap(after),
    });
    return { person, group, role: after.role };
  });
}

/** Removes a person's membership of a group. */
export async function unaffiliate(deps: RegistryEditDeps, personRef: string, groupRef: string, reason: string | null = null): Promise<{ person: ActorRow; group: ActorRow }> {
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const [person, group] = await personAndGroup(tx, personRef, groupRef);
    const before = await getAffiliation(tx, person.id, group.id);
    if (!before) throw new NotFoundError(`${label(person)} is not affiliated with ${label(group)}`);
    await deleteAffiliation(tx, person.id, group.id);
    await audit(tx, deps, now, {
      action: 'unaffiliate',
      subjectType: AUDIT_SUBJECT.affiliation,
      subjectId: `${person.id}|${group.id}`,
      reason,
      before: { person_id: before.personId, group_id: before.groupId, role: before.role, source: before.source },
      after: null,
    });
    return { person, group };
  });
}

const kindClass = (kind: string): 'person' | 'group' => (kind === 'person' ? 'person' : 'group');

/**
 * Merges one actor into another: the merged record stays (with its aliases and designations)
 * and points at the survivor, so the merge can be undone. Keeping a merged actor means keeping
 * its survivor; merging an already merged actor, an actor into itself, or a person with a
 * group is refused.
 */
export async function mergeActors(
  deps: RegistryEditDeps,
  keepRef: string,
  mergeRef: string,
  reason: string,
): Promise<{ survivor: ActorRow; merged: ActorRow; requested: ActorRow }> {
  if (clean(reason) === '') throw new ValidationError('a merge needs a reason');
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const requested = await resolveActorRef(tx, keepRef);
    const merged = await resolveActorRef(tx, mergeRef);
    if (requested.id === merged.id) throw new ValidationError(`cannot merge ${label(merged)} into itself`);
    if (merged.mergedInto !== null) {
      const into = await survivorOf(tx, merged);
      throw new ConflictError(`${label(merged)} is already merged into ${label(into)}; unmerge it first`);
    }
    const survivor = await survivorOf(tx, requested);
    if (survivor.id === merged.id) throw new ValidationError(`${label(requested)} is already merged into ${label(merged)}`);
    if (kindClass(survivor.kind) !== kindClass(merged.kind)) {
      throw new ValidationError(`cannot merge ${merged.kind} ${label(merged)} with ${survivor.kind} ${label(survivor)}: persons merge only with persons`);
    }
    await setMergedInto(tx, merged.id, survivor.id, now);
    await audit(tx, deps, now, {
      action: 'merge',
      subjectType: AUDIT_SUBJECT.merge,
      subjectId: `${merged.id}|${survivor.id}`,
      reason,
      before: actorSnapshot(merged),
      after: { ...actorSnapshot({ ...merged, mergedInto: survivor.id }), ...(requested.id === survivor.id ? {} : { requested_into: requested.id }) },
    });
    return { survivor, merged: { ...merged, mergedInto: survivor.id, updatedAt: now }, requested };
  });
}

/** Undoes a merge: the actor stands on its own again, with everything it had. */
export async function unmergeActor(deps: RegistryEditDeps, ref: string, reason: string): Promise<{ actor: ActorRow; was: string }> {
  if (clean(reason) === '') throw new ValidationError('an unmerge needs a reason');
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const actor = await resolveActorRef(tx, ref);
    const was = actor.mergedInto;
    if (was === null) throw new ConflictError(`${label(actor)} is not merged into another actor`);
    await setMergedInto(tx, actor.id, null, now);
    await audit(tx, deps, now, {
      action: 'unmerge',
      subjectType: AUDIT_SUBJECT.merge,
      subjectId: `${actor.id}|${was}`,
      reason,
      before: actorSnapshot(actor),
      after: actorSnapshot({ ...actor, mergedInto: null }),
    });
    return { actor: { ...actor, mergedInto: null, updatedAt: now }, was };
  });
}

/** Records that two actors are not the same, so they are never suggested for merging again. */
export async function dismissPair(deps: RegistryEditDeps, refA: string, refB: string, reason: string): Promise<{ a: ActorRow; b: ActorRow }> {
  if (clean(reason) === '') throw new ValidationError('a dismissal needs a reason');
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const a = await resolveActorRef(tx, refA);
    const b = await resolveActorRef(tx, refB);
    if (a.id === b.id) throw new ValidationError(`${label(a)} and ${refB} are the same actor`);
    const before = await getDismissal(tx, a.id, b.id);
    const after = await saveDismissal(tx, a.id, b.id, reason, now);
    const snap = (d: typeof after): Record<string, unknown> => ({ actor_a: d.actorA, actor_b: d.actorB, reason: d.reason, created_at: d.createdAt });
    await audit(tx, deps, now, {
      action: 'dismiss',
      subjectType: AUDIT_SUBJECT.dismissal,
      subjectId: `${after.actorA}|${after.actorB}`,
      reason,
      before: before ? snap(before) : null,
      after: snap(after),
    });
    return { a, b };
  });
}

/** Everything `actors show` prints about one actor record. */
export interface ActorDetails {
  actor: ActorRow;
  aliases: AliasRow[];
  designations: string[];
  affiliations: ActorAffiliation[];
  /** Actors merged directly into this one. */
  mergedFrom: Array<{ id: string; kind: string; canonicalName: string }>;
  /** The actor this one is merged into, and the end of the chain when merges are chained. */
  mergedInto: { id: string; canonicalName: string } | null;
  survivor: { id: string; canonicalName: string } | null;
}

/** One actor record with its aliases, designations, links and merges. */
export async function actorDetails(db: Db, ref: string): Promise<ActorDetails> {
  const actor = await resolveActorRef(db, ref);
  const record = await getActor(db, actor.id);
  const into = actor.mergedInto === null ? undefined : await getActorRow(db, actor.mergedInto);
  const survivor = await survivorOf(db, actor);
  return {
    actor,
    aliases: record?.aliases ?? [],
    designations: (record?.designations ?? []).map((d) => `${d.list}:${d.reference}`),
    affiliations: await affiliationsOfActor(db, actor.id),
    mergedFrom: await actorsMergedInto(db, actor.id),
    mergedInto: into ? { id: into.id, canonicalName: into.canonicalName } : null,
    survivor: survivor.id === actor.id ? null : { id: survivor.id, canonicalName: survivor.canonicalName },
  };
}

/** The audit trail of an actor, newest first: its own edits and the merges, links and dismissals it is part of. */
export async function actorHistory(db: Db, ref: string, limit?: number): Promise<{ actor: ActorRow; entries: AuditEntry[] }> {
  const actor = await resolveActorRef(db, ref);
  const entries = await auditTrailOf(db, {
    subjects: [{ subjectType: AUDIT_SUBJECT.actor, subjectId: actor.id }],
    pairTypes: [AUDIT_SUBJECT.merge, AUDIT_SUBJECT.affiliation, AUDIT_SUBJECT.dismissal],
    pairMembers: [actor.id],
    ...(limit === undefined ? {} : { limit }),
  });
  return { actor, entries };
}

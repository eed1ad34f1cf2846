import { timeOrderedId } from '../core/ids.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/** What the registry (and later assessments, events, evidence) records about one change. */
export interface AuditEntryInput {
  /** ISO-8601 UTC, from the caller's clock. */
  at: string;
  /** Who made the change: an analyst's user name, or the process for imports. */
  actor: string;
  /** What was done: `create`, `edit`, `alias_add`, `merge`, `import`, … */
  action: string;
  /** The kind of record changed: `actor`, `actor_merge`, `actor_list`, … */
  subjectType: string;
  subjectId: string;
  reason: string | null;
  /** The changed record before and after (null when it did not exist before, or no longer after). */
  before: unknown;
  after: unknown;
}

/** One stored audit entry. */
export interface AuditEntry extends AuditEntryInput {
  id: string;
}

/** Appends one entry, in the caller's transaction (the same one as the change it records); returns its id. */
export async function appendAudit(db: Db, entry: AuditEntryInput): Promise<string> {
  // Ids order entries even within one millisecond and under an injected fixed clock: "newest
  // first" is then `at DESC, id DESC` with no extra column.
  const id = timeOrderedId(entry.at);
  await db.kysely
    .insertInto('auditLog')
    .values({ ...entry, id, before: toJson(entry.before), after: toJson(entry.after) })
    .execute();
  return id;
}

type AuditRow = { id: string; at: string; actor: string; action: string; subjectType: string; subjectId: string; reason: string | null; before: unknown; after: unknown };

function toEntry(r: AuditRow): AuditEntry {
  return { ...r, before: fromJson<unknown>(r.before, null), after: fromJson<unknown>(r.after, null) };
}

/** The audit trail of one subject, newest first. */
export async function auditTrail(db: Db, subject: { subjectType: string; subjectId: string }): Promise<AuditEntry[]> {
  const rows = await db.kysely
    .selectFrom('auditLog')
    .selectAll()
    .where('subjectType', '=', subject.subjectType)
    .where('subjectId', '=', subject.subjectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toEntry);
}

/**
 * Entries about any of several subjects, newest first. A pair subject (`a|b`: a merge, an
 * affiliation, a dismissed suggestion) matches when either side is one of `pairMembers`.
 */
export async function auditTrailOf(
  db: Db,
  query: { subjects: Array<{ subjectType: string; subjectId: string }>; pairTypes?: string[]; pairMembers?: string[]; limit?: number },
): Promise<AuditEntry[]> {
  const pairTypes = query.pairTypes ?? [];
  const members = query.pairMembers ?? [];
  if (query.subjects.length === 0 && (pairTypes.length === 0 || members.length === 0)) return [];
  let q = db.kysely
    .selectFrom('auditLog')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...query.subjects.map((s) => eb.and([eb('subjectType', '=', s.subjectType), eb('subjectId', '=', s.subjectId)])),
        ...(pairTypes.length > 0
          ? members.flatMap((m) => [
              eb.and([eb('subjectType', 'in', pairTypes), eb('subjectId', 'like', `${m}|%`)]),
              eb.and([eb('subjectType', 'in', pairTypes), eb('subjectId', 'like', `%|${m}`)]),
            ])
          : []),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc');
  if (query.limit !== undefined) q = q.limit(query.limit);
  return (await q.execute()).map(toEntry);
}

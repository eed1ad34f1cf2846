import type { DialectSql } from './migration.js';

const statements = (json: string): string[] => [
  // A merged actor stays in the registry (so the merge can be undone) and points at the survivor.
  `ALTER TABLE actors ADD COLUMN merged_into TEXT REFERENCES actors (id) ON DELETE SET NULL`,
  `CREATE INDEX actors_merged_into ON actors (merged_into)`,
  // Pairs an analyst said are not the same actor: never suggested for merging again.
  `CREATE TABLE actor_merge_dismissals (
    actor_a TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    actor_b TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    reason TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (actor_a, actor_b)
  )`,
  // Append-only record of every change analysts (and imports) make to the registry and, later,
  // to assessments, events and evidence.
  `CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    reason TEXT,
    before ${json},
    after ${json}
  )`,
  `CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, at)`,
];

/** Actor merges (undoable), merge-suggestion dismissals and the audit log. */
export const actorMergesAudit: DialectSql = { sqlite: statements('TEXT'), postgres: statements('JSONB') };

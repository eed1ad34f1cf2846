import type { DialectSql } from './migration.js';

const statements = (json: string, bool: string): string[] => [
  // What the post reports, quotes, counters or denies, and the structural cues behind the stance.
  `ALTER TABLE threat_assessments ADD COLUMN reported ${json} NOT NULL DEFAULT '[]'`,
  `ALTER TABLE threat_assessments ADD COLUMN reasons ${json} NOT NULL DEFAULT '[]'`,
  `CREATE INDEX threat_assessments_score ON threat_assessments (is_threat, score)`,
  // Analysts' confirmations and corrections of an assessment: the training and measurement set.
  // The assessment they judged is kept beside the label, so later stage versions can be compared.
  `CREATE TABLE threat_labels (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    verdict TEXT NOT NULL,
    is_threat ${bool} NOT NULL,
    stance TEXT NOT NULL,
    categories ${json} NOT NULL DEFAULT '[]',
    severity TEXT,
    targets ${json} NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL,
    analyst TEXT NOT NULL,
    assessed ${json},
    stage_version TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX threat_labels_item ON threat_labels (item_id, created_at)`,
];

/** Threat assessments keep `reported` and `reasons`; analysts' review labels. */
export const threatReview: DialectSql = { sqlite: statements('TEXT', 'INTEGER'), postgres: statements('JSONB', 'BOOLEAN') };

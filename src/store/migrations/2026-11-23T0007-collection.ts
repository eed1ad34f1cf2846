import type { DialectSql } from './migration.js';

const statements = (json: string, serial: string, big: string): string[] => [
  // Watched sources: collection state, health and liveness. Sources that imports created stay
  // unmonitored (monitored = 0) until `rasad sources add` watches them.
  `ALTER TABLE sources ADD COLUMN monitored INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE sources ADD COLUMN external_id TEXT`,
  `ALTER TABLE sources ADD COLUMN description TEXT`,
  `ALTER TABLE sources ADD COLUMN audience ${big}`,
  `ALTER TABLE sources ADD COLUMN follow_links INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE sources ADD COLUMN discovery_depth INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE sources ADD COLUMN next_poll_at TEXT`,
  `ALTER TABLE sources ADD COLUMN last_polled_at TEXT`,
  `ALTER TABLE sources ADD COLUMN last_success_at TEXT`,
  `ALTER TABLE sources ADD COLUMN last_error TEXT`,
  `ALTER TABLE sources ADD COLUMN last_error_at TEXT`,
  `ALTER TABLE sources ADD COLUMN error_count INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE sources ADD COLUMN status_reason TEXT`,
  `ALTER TABLE sources ADD COLUMN gone_checks INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE sources ADD COLUMN suspected_at TEXT`,
  `ALTER TABLE sources ADD COLUMN gone_at TEXT`,
  `CREATE INDEX sources_due ON sources (monitored, next_poll_at)`,
  // Items: liveness history lives in liveness_checks; these columns hold the current state.
  `ALTER TABLE items ADD COLUMN liveness_reason TEXT`,
  `ALTER TABLE items ADD COLUMN liveness_checked_at TEXT`,
  `ALTER TABLE items ADD COLUMN gone_checks INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE items ADD COLUMN suspected_at TEXT`,
  `ALTER TABLE items ADD COLUMN gone_at TEXT`,
  `ALTER TABLE items ADD COLUMN next_check_at TEXT`,
  `CREATE INDEX items_next_check ON items (next_check_at)`,
  `CREATE INDEX items_liveness ON items (liveness, gone_at)`,
  // Captures from live collection: the WARC record, the trusted time, the HTTP facts.
  `ALTER TABLE captures ADD COLUMN source_id TEXT`,
  `ALTER TABLE captures ADD COLUMN http_status INTEGER`,
  `ALTER TABLE captures ADD COLUMN warc_file TEXT`,
  `ALTER TABLE captures ADD COLUMN warc_offset ${big}`,
  `ALTER TABLE captures ADD COLUMN warc_length ${big}`,
  `ALTER TABLE captures ADD COLUMN timestamp_at TEXT`,
  `ALTER TABLE captures ADD COLUMN timestamp_tsa TEXT`,
  `ALTER TABLE captures ADD COLUMN phash TEXT`,
  `ALTER TABLE captures ADD COLUMN meta ${json} NOT NULL DEFAULT '{}'`,
  `CREATE INDEX captures_source ON captures (source_id, captured_at)`,
  // Every capture an item rests on: the page it was read from, its media, its liveness checks.
  `CREATE TABLE item_captures (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    capture_id TEXT NOT NULL REFERENCES captures (id),
    role TEXT NOT NULL,
    url TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (item_id, capture_id, role)
  )`,
  `CREATE INDEX item_captures_capture ON item_captures (capture_id)`,
  // Edits: the original text stays in items.text; every later text seen is a new version.
  `CREATE TABLE item_versions (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    text TEXT NOT NULL,
    title TEXT,
    edited_at TEXT,
    seen_at TEXT NOT NULL,
    capture_id TEXT,
    PRIMARY KEY (item_id, version)
  )`,
  // Channels and accounts seen through forwards, mentions and links, waiting for an analyst.
  `CREATE TABLE source_discoveries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    handle TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    depth INTEGER NOT NULL,
    how TEXT NOT NULL,
    via_source_id TEXT,
    via_item_key TEXT,
    seen_count INTEGER NOT NULL DEFAULT 1,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    reason TEXT,
    UNIQUE (kind, handle)
  )`,
  `CREATE INDEX source_discoveries_status ON source_discoveries (status, seen_count)`,
  // Re-checks of items and sources, with the evidence of each.
  `CREATE TABLE liveness_checks (
    id TEXT PRIMARY KEY,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    reason TEXT NOT NULL,
    http_status INTEGER,
    capture_id TEXT
  )`,
  `CREATE INDEX liveness_checks_subject ON liveness_checks (subject_type, subject_id, checked_at)`,
  // Append-only, hash-chained custody log of captures, timestamps, exports, verifications and
  // access to evidence: each entry's hash covers the previous entry's hash.
  `CREATE TABLE custody_log (
    seq ${serial},
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    details ${json} NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  )`,
  `CREATE INDEX custody_log_subject ON custody_log (subject_type, subject_id)`,
];

/** Live collection: source state, discoveries, item versions and captures, liveness, custody log. */
export const collection: DialectSql = {
  sqlite: statements('TEXT', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'INTEGER'),
  postgres: statements('JSONB', 'BIGSERIAL PRIMARY KEY', 'BIGINT'),
};

import type { DialectSql } from './migration.js';

const statements = (json: string): string[] => [
  // How each member joined: the member it was linked to and why ("repost of", "cites Telegram, …").
  `ALTER TABLE event_members ADD COLUMN linked_to TEXT`,
  `ALTER TABLE event_members ADD COLUMN why TEXT`,
  // An item belongs to at most one event.
  `CREATE UNIQUE INDEX event_members_one_event ON event_members (item_id)`,
  // Contradictions provenance found (a report dated before the post it cites).
  `ALTER TABLE events ADD COLUMN anomalies ${json} NOT NULL DEFAULT '[]'`,
  `ALTER TABLE events ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE events ADD COLUMN last_seen_at TEXT`,
  `CREATE INDEX events_first_seen ON events (first_seen_at)`,
  // Analysts' merges and splits, by item keys, replayed after every rebuild.
  `CREATE TABLE event_decisions (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    item_keys ${json} NOT NULL,
    reason TEXT NOT NULL,
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
];

/** Event members keep their link and why; events keep anomalies; analysts' merge/split decisions. */
export const events: DialectSql = { sqlite: statements('TEXT'), postgres: statements('JSONB') };

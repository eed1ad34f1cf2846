import type { DialectSql } from './migration.js';

const statements = [
  // Items a watched source found that are filed under another source: a search or hashtag source
  // finds posts of many accounts, and each post stays under its author.
  `CREATE TABLE source_hits (
    source_id TEXT NOT NULL REFERENCES sources(id),
    item_id TEXT NOT NULL REFERENCES items(id),
    found_at TEXT NOT NULL,
    PRIMARY KEY (source_id, item_id)
  )`,
  `CREATE INDEX source_hits_item ON source_hits (item_id)`,
];

/** What search sources found. */
export const sourceHits: DialectSql = { sqlite: statements, postgres: statements };

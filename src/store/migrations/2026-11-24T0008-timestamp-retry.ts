import type { DialectSql } from './migration.js';

const statements = [
  // Time-stamp requests that failed are tried again later: how many tries so far, when the next
  // is due (null: none due, either stamped, given up, or never asked for) and the last error.
  `ALTER TABLE captures ADD COLUMN timestamp_attempts INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE captures ADD COLUMN timestamp_next_at TEXT`,
  `ALTER TABLE captures ADD COLUMN timestamp_error TEXT`,
  `CREATE INDEX captures_timestamp_due ON captures (timestamp_next_at)`,
];

/** Retries of failed RFC 3161 time-stamp requests. */
export const timestampRetry: DialectSql = { sqlite: statements, postgres: statements };

import type { DialectSql } from './migration.js';

const tables = (json: string): string[] => [
  // The cache: one row per (text hash, source, target, engine, model), with provenance.
  `CREATE TABLE translations (
    id TEXT PRIMARY KEY,
    text_sha256 TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    translated_text TEXT NOT NULL,
    detected_source TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE UNIQUE INDEX translations_key ON translations (text_sha256, source_lang, target_lang, engine, model)`,
  // Which translation an item shows, per target language.
  `CREATE TABLE item_translations (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    target_lang TEXT NOT NULL,
    translation_id TEXT NOT NULL REFERENCES translations (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (item_id, target_lang)
  )`,
  // Items whose translation failed for a reason that may pass (timeouts, 429, 5xx): retried with backoff.
  `CREATE TABLE translation_queue (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    target_lang TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    details ${json},
    PRIMARY KEY (item_id, target_lang)
  )`,
  `CREATE INDEX translation_queue_due ON translation_queue (status, next_attempt_at)`,
];

/** Translation cache with provenance, the item ↔ translation link, and the retry queue. */
export const translations: DialectSql = {
  sqlite: tables('TEXT'),
  postgres: tables('JSONB'),
};

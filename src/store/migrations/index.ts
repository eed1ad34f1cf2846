import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from '../database.js';
import { initial } from './2026-11-22T0001-initial.js';
import { translations } from './2026-11-22T0002-translations.js';
import { actorAffiliations } from './2026-11-23T0003-actor-affiliations.js';
import { actorMergesAudit } from './2026-11-23T0004-actor-merges-audit.js';
import { threatReview } from './2026-11-23T0005-threat-review.js';
import { events } from './2026-11-23T0006-events.js';
import { collection } from './2026-11-23T0007-collection.js';
import { timestampRetry } from './2026-11-24T0008-timestamp-retry.js';
import { sourceHits } from './2026-11-24T0009-source-hits.js';
import type { DialectSql } from './migration.js';

/** Every migration, append-only, named by timestamp so the order is the name order. */
const all: Record<string, DialectSql> = {
  '2026-11-22T0001-initial': initial,
  '2026-11-22T0002-translations': translations,
  '2026-11-23T0003-actor-affiliations': actorAffiliations,
  '2026-11-23T0004-actor-merges-audit': actorMergesAudit,
  '2026-11-23T0005-threat-review': threatReview,
  '2026-11-23T0006-events': events,
  '2026-11-23T0007-collection': collection,
  '2026-11-24T0008-timestamp-retry': timestampRetry,
  '2026-11-24T0009-source-hits': sourceHits,
};

/** Kysely migration provider that runs each migration's SQL for the connected dialect. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations(): Promise<Record<string, Migration>> {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(all)) {
        out[name] = {
          async up(db: Kysely<unknown>) {
            for (const statement of m[dialect]) await sql.raw(statement).execute(db);
          },
        };
      }
      return Promise.resolve(out);
    },
  };
}

import type { DialectSql } from './migration.js';

const statements = [
  // Person → group links (a security official of, founder of…), from actor files and analysts.
  `CREATE TABLE actor_affiliations (
    person_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    role TEXT,
    source TEXT,
    PRIMARY KEY (person_id, group_id)
  )`,
];

/** Affiliations between actors. */
export const actorAffiliations: DialectSql = { sqlite: statements, postgres: statements };

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { type Db, openDatabase } from '../../src/store/database.js';

export type DialectName = 'sqlite' | 'postgres';

/** A fresh, migrated database of the given dialect: in-memory SQLite or a new PostgreSQL database. */
export async function freshDatabase(dialect: DialectName): Promise<{ db: Db; url: string | null }> {
  if (dialect === 'sqlite') return { db: await openDatabase({ sqliteFile: ':memory:' }), url: null };
  const url = await freshPostgresUrl();
  return { db: await openDatabase({ postgresUrl: url }), url };
}

/** Creates an empty database on the test server and returns its URL. */
export async function freshPostgresUrl(): Promise<string> {
  const admin = inject('pgUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/postgres$/, `/${name}`);
}

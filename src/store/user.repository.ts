import type { Db } from './database.js';

/** A person who uses the workbench (roles, tokens and audit come with their own issue). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string | null;
  role: 'admin' | 'analyst' | 'viewer';
  createdAt: string;
}

/** Creates a user; a taken username is a conflict the caller sees as an error. */
export async function createUser(db: Db, user: UserRecord): Promise<void> {
  await db.kysely.insertInto('users').values({ ...user, passwordHash: null }).execute();
}

/** A user by username, or undefined. */
export async function getUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const r = await db.kysely.selectFrom('users').select(['id', 'username', 'displayName', 'role', 'createdAt']).where('username', '=', username).executeTakeFirst();
  return r ? { ...r, role: r.role as UserRecord['role'] } : undefined;
}

import { sql } from 'kysely';
import { sourceIdFor } from '../core/ids.js';
import type { SourceRef } from '../core/item.js';
import type { Db } from './database.js';
import { fromJson } from './json.js';

/** A stored source with its item count. */
export interface SourceRecord {
  id: string;
  kind: string;
  handle: string;
  title: string | null;
  url: string | null;
  language: string | null;
  status: string;
  tags: string[];
  createdAt: string;
  items: number;
}

/** Creates the source if new (id derived from kind + handle), filling a missing title/url/language. */
export async function upsertSource(db: Db, ref: SourceRef, now: string): Promise<string> {
  const id = sourceIdFor(ref.kind, ref.handle);
  await db.kysely
    .insertInto('sources')
    .values({
      id,
      kind: ref.kind,
      handle: ref.handle,
      title: ref.title ?? null,
      url: ref.url ?? null,
      language: ref.language ?? null,
      reliability: null,
      tags: '[]',
      cursor: null,
      pollIntervalSeconds: null,
      status: 'active',
      discoveredFrom: null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) =>
      oc.columns(['kind', 'handle']).doUpdateSet({
        title: sql`coalesce(sources.title, excluded.title)`,
        url: sql`coalesce(sources.url, excluded.url)`,
        language: sql`coalesce(sources.language, excluded.language)`,
      }),
    )
    .execute();
  return id;
}

const SOURCE_COLUMNS = [
  'sources.id',
  'sources.kind',
  'sources.handle',
  'sources.title',
  'sources.url',
  'sources.language',
  'sources.status',
  'sources.tags',
  'sources.createdAt',
] as const;

/** Every source with how many items it holds, by kind then handle. */
export async function listSources(db: Db): Promise<SourceRecord[]> {
  const rows = await db.kysely
    .selectFrom('sources')
    .leftJoin('items', 'items.sourceId', 'sources.id')
    .select([...SOURCE_COLUMNS, (eb) => eb.fn.count<number>('items.id').as('items')])
    .groupBy([...SOURCE_COLUMNS])
    .orderBy('sources.kind')
    .orderBy('sources.handle')
    .execute();
  return rows.map((r) => ({ ...r, tags: fromJson<string[]>(r.tags, []), items: Number(r.items) }));
}

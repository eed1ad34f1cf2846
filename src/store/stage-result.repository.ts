import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

/** The stored output of one stage for one item. */
export interface StageResultRecord {
  itemId: string;
  stage: string;
  version: number;
  output: unknown;
  createdAt: string;
}

/** Stores stage outputs, replacing an older version's output for the same item and stage. */
export async function saveStageResults(db: Db, results: StageResultRecord[]): Promise<void> {
  for (let i = 0; i < results.length; i += 300) {
    const batch = results.slice(i, i + 300).map((r) => ({ ...r, output: toJson(r.output) }));
    if (batch.length === 0) continue;
    await db.kysely
      .insertInto('stageResults')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['itemId', 'stage']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          output: eb.ref('excluded.output'),
          createdAt: eb.ref('excluded.createdAt'),
        })),
      )
      .execute();
  }
}

/** Every stage output stored for an item. */
export async function getStageResults(db: Db, itemId: string): Promise<StageResultRecord[]> {
  const rows = await db.kysely.selectFrom('stageResults').selectAll().where('itemId', '=', itemId).orderBy('stage').execute();
  return rows.map((r) => ({ ...r, output: fromJson<unknown>(r.output, null) }));
}

/** Ids of items (oldest first) with no output of `stage` at `version` or newer: the work of a re-run. */
export async function itemsNeedingStage(db: Db, stage: string, version: number, limit: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('items')
    .leftJoin('stageResults as sr', (join) => join.onRef('sr.itemId', '=', 'items.id').on('sr.stage', '=', stage))
    .select('items.id')
    .where((eb) => eb.or([eb('sr.itemId', 'is', null), eb('sr.version', '<', version)]))
    .orderBy('items.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}


/** One stage's outputs for a page of items, by item id (items without one are absent). */
export async function stageOutputsOfItems(db: Db, itemIds: readonly string[], stage: string): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const batch = itemIds.slice(i, i + 500);
    if (batch.length === 0) continue;
    const rows = await db.kysely.selectFrom('stageResults').select(['itemId', 'output']).where('stage', '=', stage).where('itemId', 'in', batch).execute();
    for (const r of rows) out.set(r.itemId, fromJson<unknown>(r.output, null));
  }
  return out;
}

/** Forgets one stage's results for every item (its next run re-processes everything). */
export async function deleteStageResults(db: Db, stage: string): Promise<void> {
  await db.kysely.deleteFrom('stageResults').where('stage', '=', stage).execute();
}

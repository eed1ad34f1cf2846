import type { Db } from './database.js';

/** A later text of an item (an edit); the original stays in `items.text`. */
export interface ItemVersion {
  itemId: string;
  version: number;
  text: string;
  title: string | null;
  editedAt: string | null;
  seenAt: string;
  captureId: string | null;
}

/**
 * Compares freshly collected texts with what is stored (the latest version, else the original)
 * and records each changed one as a new version. Returns the ids of items that changed.
 */
export async function recordEdits(
  db: Db,
  seen: Array<{ itemId: string; text: string; title: string | null; editedAt: string | null; captureId: string | null }>,
  now: string,
): Promise<string[]> {
  if (seen.length === 0) return [];
  const ids = seen.map((s) => s.itemId);
  const current = new Map<string, { text: string; title: string | null; version: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const originals = await db.kysely.selectFrom('items').select(['id', 'text', 'title']).where('id', 'in', chunk).execute();
    for (const o of originals) current.set(o.id, { text: o.text, title: o.title, version: 1 });
    const versions = await db.kysely.selectFrom('itemVersions').select(['itemId', 'version', 'text', 'title']).where('itemId', 'in', chunk).orderBy('version').execute();
    for (const v of versions) current.set(v.itemId, { text: v.text, title: v.title, version: Number(v.version) });
  }
  const changed: string[] = [];
  const rows: ItemVersion[] = [];
  for (const s of seen) {
    const c = current.get(s.itemId);
    if (!c || (c.text === s.text && (c.title ?? null) === (s.title ?? null))) continue;
    const version = c.version + 1;
    current.set(s.itemId, { text: s.text, title: s.title, version });
    rows.push({ itemId: s.itemId, version, text: s.text, title: s.title, editedAt: s.editedAt, seenAt: now, captureId: s.captureId });
    changed.push(s.itemId);
  }
  for (let i = 0; i < rows.length; i += 200) await db.kysely.insertInto('itemVersions').values(rows.slice(i, i + 200)).execute();
  for (const r of rows) if (r.editedAt) await db.kysely.updateTable('items').set({ editedAt: r.editedAt }).where('id', '=', r.itemId).execute();
  return changed;
}

/** Every later version of an item, oldest first. */
export async function itemVersions(db: Db, itemId: string): Promise<ItemVersion[]> {
  const rows = await db.kysely.selectFrom('itemVersions').selectAll().where('itemId', '=', itemId).orderBy('version').execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

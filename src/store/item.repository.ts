import { sql } from 'kysely';
import type { Item, ItemDraft } from '../core/item.js';
import type SqliteDatabase from 'better-sqlite3';
import type { Db } from './database.js';

type SqliteHandle = SqliteDatabase.Database;
type SqliteStatement = SqliteDatabase.Statement;
import { fromJson, toJson } from './json.js';
import type { ItemsTable } from './schema.js';

/** What the import path computed for a new item besides its draft. */
export interface NewItem {
  id: string;
  sourceId: string;
  draft: ItemDraft;
  collectedAt: string;
  normalized: string;
  searchText: string;
  stemText: string;
  spellingText: string;
  normalizeVersion: number;
  language: string | null;
  languageConfidence: number | null;
  script: string | null;
  captureId: string | null;
}

type ItemRow = Omit<
  ItemsTable,
  'seq' | 'liveness' | 'livenessReason' | 'livenessCheckedAt' | 'goneChecks' | 'suspectedAt' | 'goneAt' | 'nextCheckAt'
>;

function toRow(n: NewItem): ItemRow {
  const d = n.draft;
  return {
    id: n.id,
    key: d.key,
    sourceId: n.sourceId,
    platform: d.platform,
    nativeId: d.nativeId,
    kind: d.kind,
    url: d.url ?? null,
    title: d.title ?? null,
    authorName: d.author?.name ?? null,
    authorHandle: d.author?.handle ?? null,
    authorId: d.author?.id ?? null,
    publishedAt: d.publishedAt ?? null,
    editedAt: d.editedAt ?? null,
    collectedAt: n.collectedAt,
    text: d.text,
    normalized: n.normalized,
    searchText: n.searchText,
    stemText: n.stemText,
    spellingText: n.spellingText,
    normalizeVersion: n.normalizeVersion,
    langHint: d.langHint ?? null,
    language: n.language,
    languageConfidence: n.languageConfidence,
    script: n.script,
    forwardedFrom: d.forwardedFrom ? toJson(d.forwardedFrom) : null,
    replyTo: d.replyTo ?? null,
    quotes: d.quotes ?? null,
    reposts: d.reposts ?? null,
    media: toJson(d.media),
    links: toJson(d.links),
    hashtags: toJson(d.hashtags),
    metrics: toJson(d.metrics),
    extra: toJson(d.extra),
    captureId: n.captureId,
    locator: d.locator ?? null,
  };
}

// 33 columns x 200 rows stays far below SQLite's and PostgreSQL's bound-parameter limits.
const INSERT_BATCH = 200;

/** Which of these keys are already stored. */
export async function existingKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely.selectFrom('items').select('key').where('key', 'in', chunk).execute();
    for (const r of rows) found.add(r.key);
  }
  return found;
}

/**
 * Inserts items whose key is new and indexes them for search; existing keys are left untouched
 * (idempotent re-import). Returns the ids actually inserted.
 */
export async function insertItems(db: Db, items: NewItem[]): Promise<string[]> {
  if (db.sqlite) return Promise.resolve(insertItemsSqlite(db.sqlite, items));
  const inserted: string[] = [];
  for (let i = 0; i < items.length; i += INSERT_BATCH) {
    const batch = items.slice(i, i + INSERT_BATCH);
    const rows = await db.kysely
      .insertInto('items')
      .values(batch.map(toRow))
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['id', 'seq', 'searchText', 'stemText', 'spellingText'])
      .execute();
    if (db.dialect === 'sqlite' && rows.length > 0) {
      // FTS5 external-content index: rows are added explicitly, in the same transaction.
      const values = sql.join(rows.map((r) => sql`(${r.seq}, ${r.searchText}, ${r.stemText}, ${r.spellingText})`));
      await sql`INSERT INTO items_fts (rowid, search_text, stem_text, spelling_text) VALUES ${values}`.execute(db.kysely);
    }
    for (const r of rows) inserted.push(r.id);
  }
  return inserted;
}

const COLUMNS = [
  'id', 'key', 'source_id', 'platform', 'native_id', 'kind', 'url', 'title', 'author_name', 'author_handle', 'author_id',
  'published_at', 'edited_at', 'collected_at', 'text', 'normalized', 'search_text', 'stem_text', 'spelling_text', 'normalize_version', 'lang_hint',
  'language', 'language_confidence', 'script', 'forwarded_from', 'reply_to', 'quotes', 'reposts', 'media', 'links',
  'hashtags', 'metrics', 'extra', 'capture_id', 'locator',
] as const;

const statements = new WeakMap<SqliteHandle, { item: SqliteStatement; fts: SqliteStatement }>();

/**
 * SQLite bulk path: two cached prepared statements on the same connection (so inside the
 * caller's transaction), instead of re-preparing a 6,600-parameter multi-row INSERT per batch.
 * Same semantics as the portable path; the contract suite runs both dialects over it.
 */
function insertItemsSqlite(handle: SqliteHandle, items: NewItem[]): string[] {
  let st = statements.get(handle);
  if (!st) {
    st = {
      item: handle.prepare(
        `INSERT INTO items (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (key) DO NOTHING RETURNING seq`,
      ),
      fts: handle.prepare('INSERT INTO items_fts (rowid, search_text, stem_text, spelling_text) VALUES (?, ?, ?, ?)'),
    };
    statements.set(handle, st);
  }
  const inserted: string[] = [];
  for (const n of items) {
    const r = toRow(n);
    const row = st.item.get(
      r.id, r.key, r.sourceId, r.platform, r.nativeId, r.kind, r.url, r.title, r.authorName, r.authorHandle, r.authorId,
      r.publishedAt, r.editedAt, r.collectedAt, r.text, r.normalized, r.searchText, r.stemText, r.spellingText, r.normalizeVersion, r.langHint,
      r.language, r.languageConfidence, r.script, r.forwardedFrom, r.replyTo, r.quotes, r.reposts, r.media, r.links,
      r.hashtags, r.metrics, r.extra, r.captureId, r.locator,
    ) as { seq: number } | undefined;
    if (!row) continue;
    st.fts.run(row.seq, r.searchText, r.stemText, r.spellingText);
    inserted.push(r.id);
  }
  return inserted;
}

/** Filters and paging for the newest-first item list. */
export interface ItemQuery {
  limit: number;
  /** Opaque cursor from a previous page (`next`). */
  before?: string | null;
  sourceId?: string | null;
  language?: string | null;
  /** Only items published at or after this ISO time. */
  since?: string | null;
  /** Only items whose threat assessment says `is_threat`. */
  threatOnly?: boolean;
  /** Only items whose threat score is at least this (0–100). */
  minScore?: number | null;
  /** One row per event: members of an event other than its first item are left out. */
  collapseEvents?: boolean;
}

/** A page of items, newest first, and the cursor of the next page. */
export interface ItemPage {
  items: StoredItem[];
  next: string | null;
}

/** An item as read back, with its source's kind, handle and title. */
export interface StoredItem extends Item {
  seq: number;
  /** unknown (imported), live, suspected, gone, restored */
  liveness: string;
  livenessReason: string | null;
  goneAt: string | null;
  sourceKind: string;
  sourceHandle: string;
  sourceTitle: string | null;
}

function selectItems(db: Db) {
  return db.kysely
    .selectFrom('items')
    .innerJoin('sources', 'sources.id', 'items.sourceId')
    .selectAll('items')
    .select(['sources.kind as sourceKind', 'sources.handle as sourceHandle', 'sources.title as sourceTitle']);
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirstOrThrow']>>;

function fromRow(r: SelectedRow): StoredItem {
  return {
    id: r.id,
    seq: Number(r.seq),
    key: r.key,
    sourceId: r.sourceId,
    sourceKind: r.sourceKind,
    sourceHandle: r.sourceHandle,
    sourceTitle: r.sourceTitle,
    platform: r.platform as Item['platform'],
    nativeId: r.nativeId,
    kind: r.kind as Item['kind'],
    source: { kind: r.sourceKind as Item['source']['kind'], handle: r.sourceHandle, title: r.sourceTitle },
    url: r.url,
    title: r.title,
    author: r.authorName || r.authorHandle || r.authorId ? { name: r.authorName, handle: r.authorHandle, id: r.authorId } : null,
    publishedAt: r.publishedAt,
    editedAt: r.editedAt,
    collectedAt: r.collectedAt,
    text: r.text,
    normalized: r.normalized,
    langHint: r.langHint,
    language: r.language,
    languageConfidence: r.languageConfidence === null ? null : Number(r.languageConfidence),
    script: r.script,
    forwardedFrom: fromJson<Item['forwardedFrom']>(r.forwardedFrom, null),
    replyTo: r.replyTo,
    quotes: r.quotes,
    reposts: r.reposts,
    media: fromJson<Item['media']>(r.media, []),
    links: fromJson<string[]>(r.links, []),
    hashtags: fromJson<string[]>(r.hashtags, []),
    metrics: fromJson<Record<string, number>>(r.metrics, {}),
    extra: fromJson<Record<string, unknown>>(r.extra, {}),
    captureId: r.captureId,
    locator: r.locator,
    liveness: r.liveness,
    livenessReason: r.livenessReason,
    goneAt: r.goneAt,
  };
}

// The cursor is `<published_at or empty>|<seq>`: stable under inserts, cheap on the index.
function encodeCursor(item: StoredItem): string {
  return Buffer.from(`${item.publishedAt ?? ''}|${item.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): { publishedAt: string | null; seq: number } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = raw.lastIndexOf('|');
  const seq = Number(raw.slice(bar + 1));
  if (bar < 0 || !Number.isInteger(seq)) return null;
  const publishedAt = raw.slice(0, bar);
  return { publishedAt: publishedAt === '' ? null : publishedAt, seq };
}

/** Items newest first (undated last), filtered, one page at a time. */
export async function listItems(db: Db, q: ItemQuery): Promise<ItemPage> {
  let query = selectItems(db);
  const { sourceId } = q;
  if (sourceId) {
    // Its own items and those it found under other sources (a search source's results).
    query = query.where((eb) =>
      eb.or([eb('items.sourceId', '=', sourceId), eb('items.id', 'in', eb.selectFrom('sourceHits').select('sourceHits.itemId').where('sourceHits.sourceId', '=', sourceId))]),
    );
  }
  if (q.language) query = query.where('items.language', '=', q.language);
  if (q.since) query = query.where('items.publishedAt', '>=', q.since);
  if (q.threatOnly || (q.minScore !== undefined && q.minScore !== null)) {
    const { threatOnly, minScore } = q;
    query = query.where('items.id', 'in', (eb) => {
      let t = eb.selectFrom('threatAssessments').select('threatAssessments.itemId');
      // is_threat is an INTEGER 0/1 on SQLite and a BOOLEAN on PostgreSQL.
      if (threatOnly) t = t.where('threatAssessments.isThreat', '=', db.dialect === 'sqlite' ? 1 : true);
      if (minScore !== undefined && minScore !== null) t = t.where('threatAssessments.score', '>=', minScore);
      return t;
    });
  }
  if (q.collapseEvents) {
    query = query.where('items.id', 'not in', (eb) =>
      eb
        .selectFrom('eventMembers')
        .innerJoin('events', 'events.id', 'eventMembers.eventId')
        .select('eventMembers.itemId')
        .where((w) => w.or([w('events.firstItemId', 'is', null), w('events.firstItemId', '!=', w.ref('eventMembers.itemId'))])),
    );
  }
  const cursor = q.before ? decodeCursor(q.before) : null;
  if (cursor) {
    const { publishedAt, seq } = cursor;
    query =
      publishedAt === null
        ? query.where((eb) => eb.and([eb('items.publishedAt', 'is', null), eb('items.seq', '<', seq)]))
        : query.where((eb) =>
            eb.or([
              eb('items.publishedAt', '<', publishedAt),
              eb.and([eb('items.publishedAt', '=', publishedAt), eb('items.seq', '<', seq)]),
              eb('items.publishedAt', 'is', null),
            ]),
          );
  }
  const rows = await query
    .orderBy('items.publishedAt', (ob) => ob.desc().nullsLast())
    .orderBy('items.seq', 'desc')
    .limit(q.limit + 1)
    .execute();
  const items = rows.slice(0, q.limit).map(fromRow);
  const last = items[items.length - 1];
  return { items, next: rows.length > q.limit && last ? encodeCursor(last) : null };
}

/** One item by key, or undefined. */
export async function getItemByKey(db: Db, key: string): Promise<StoredItem | undefined> {
  const row = await selectItems(db).where('items.key', '=', key).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Items by id, in the order given (missing ids are skipped). */
export async function getItemsByIds(db: Db, ids: string[]): Promise<StoredItem[]> {
  if (ids.length === 0) return [];
  const byId = new Map<string, StoredItem>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await selectItems(db).where('items.id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) byId.set(r.id, fromRow(r));
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Total number of items. */
export async function countItems(db: Db): Promise<number> {
  const r = await db.kysely.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Item counts per (source, language), for summaries. */
export async function countBySourceAndLanguage(
  db: Db,
): Promise<Array<{ sourceId: string; language: string | null; items: number }>> {
  const rows = await db.kysely
    .selectFrom('items')
    .select(['sourceId', 'language', (eb) => eb.fn.countAll<number>().as('items')])
    .groupBy(['sourceId', 'language'])
    .execute();
  return rows.map((r) => ({ sourceId: r.sourceId, language: r.language, items: Number(r.items) }));
}

/** Sets the language columns of an item (the language stage's output). */
export async function updateItemLanguage(
  db: Db,
  id: string,
  language: { code: string; confidence: number; script: string | null },
): Promise<void> {
  await db.kysely
    .updateTable('items')
    .set({ language: language.code, languageConfidence: language.confidence, script: language.script })
    .where('id', '=', id)
    .execute();
}

/** Items whose normalized text was made by an older normalization version (oldest first). */
export async function itemsWithStaleNormalization(
  db: Db,
  version: number,
  limit: number,
): Promise<Array<{ id: string; seq: number; text: string; title: string | null; searchText: string; stemText: string; spellingText: string }>> {
  const rows = await db.kysely
    .selectFrom('items')
    .select(['id', 'seq', 'text', 'title', 'searchText', 'stemText', 'spellingText'])
    .where('normalizeVersion', '<', version)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** Replaces an item's normalized and search text, keeping the SQLite FTS index in step. */
export async function updateNormalization(
  db: Db,
  row: {
    id: string;
    seq: number;
    old: { searchText: string; stemText: string; spellingText: string };
    normalized: string;
    searchText: string;
    stemText: string;
    spellingText: string;
    version: number;
  },
): Promise<void> {
  if (db.dialect === 'sqlite') {
    // External-content FTS5 needs the old values to remove a row's old terms.
    await sql`INSERT INTO items_fts (items_fts, rowid, search_text, stem_text, spelling_text) VALUES ('delete', ${row.seq}, ${row.old.searchText}, ${row.old.stemText}, ${row.old.spellingText})`.execute(db.kysely);
  }
  await db.kysely
    .updateTable('items')
    .set({ normalized: row.normalized, searchText: row.searchText, stemText: row.stemText, spellingText: row.spellingText, normalizeVersion: row.version })
    .where('id', '=', row.id)
    .execute();
  if (db.dialect === 'sqlite') {
    await sql`INSERT INTO items_fts (rowid, search_text, stem_text, spelling_text) VALUES (${row.seq}, ${row.searchText}, ${row.stemText}, ${row.spellingText})`.execute(db.kysely);
  }
}

/** Item ids and texts in insertion order after `afterSeq` (for passes over the whole store). */
export async function itemTextsAfter(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<Array<{ id: string; seq: number; text: string; language: string | null; script: string | null; platform: string }>> {
  const rows = await db.kysely.selectFrom('items').select(['id', 'seq', 'text', 'language', 'script', 'platform']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * Items published (or, without a platform date, collected) in [from, to], excluding some ids: the
 * time window the event clusterer reads around a batch of new items.
 */
export async function itemsInWindow(db: Db, from: string, to: string, exclude: ReadonlySet<string>, limit = 200_000): Promise<StoredItem[]> {
  const rows = await selectItems(db)
    .where((eb) =>
      eb.or([
        eb.and([eb('items.publishedAt', '>=', from), eb('items.publishedAt', '<=', to)]),
        eb.and([eb('items.publishedAt', 'is', null), eb('items.collectedAt', '>=', from), eb('items.collectedAt', '<=', to)]),
      ]),
    )
    .orderBy('items.publishedAt')
    .limit(limit)
    .execute();
  return rows.filter((r) => !exclude.has(r.id)).map(fromRow);
}

/** Items by key (missing keys are skipped). */
export async function getItemsByKeys(db: Db, keys: readonly string[]): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await selectItems(db).where('items.key', 'in', keys.slice(i, i + 500)).execute();
    out.push(...rows.map(fromRow));
  }
  return out;
}

import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';
import { threatFromRow, type ThreatRecord } from './analysis.repository.js';
import type { ThreatLabelsTable } from './schema.js';

/** An analyst's verdict on a threat assessment: confirmed as it stands, or corrected. */
export type ThreatVerdict = 'confirm' | 'correct';

/** One stored label: what the analyst says the assessment should be, and what they judged. */
export interface ThreatLabelRecord {
  id: string;
  itemId: string;
  verdict: ThreatVerdict;
  isThreat: boolean;
  stance: string;
  /** Category labels (`threat`, `support_offer`…), without scores or spans. */
  categories: string[];
  severity: string | null;
  /** Target names (`United States`, `US Embassy in Baghdad`). */
  targets: string[];
  reason: string;
  analyst: string;
  /** The assessment judged, as a JSON snapshot (null when the item had none). */
  assessed: unknown;
  /** `threat@N` of the assessment judged. */
  stageVersion: string | null;
  createdAt: string;
}

/** The item fields a training row or a measurement needs beside its label. */
export interface LabelledItem {
  id: string;
  key: string;
  text: string;
  language: string | null;
  script: string | null;
  platform: string;
}

type LabelRow = ThreatLabelsTable;

const bool = (v: number | boolean): boolean => v === true || v === 1;

function fromLabelRow(r: LabelRow): ThreatLabelRecord {
  return {
    id: r.id,
    itemId: r.itemId,
    verdict: r.verdict === 'correct' ? 'correct' : 'confirm',
    isThreat: bool(r.isThreat),
    stance: r.stance,
    categories: fromJson<string[]>(r.categories, []),
    severity: r.severity,
    targets: fromJson<string[]>(r.targets, []),
    reason: r.reason,
    analyst: r.analyst,
    assessed: fromJson<unknown>(r.assessed, null),
    stageVersion: r.stageVersion,
    createdAt: r.createdAt,
  };
}

/** Stores one label (in the caller's transaction, beside its audit entry). */
export async function insertThreatLabel(db: Db, label: ThreatLabelRecord): Promise<void> {
  await db.kysely
    .insertInto('threatLabels')
    .values({
      ...label,
      isThreat: db.dialect === 'sqlite' ? (label.isThreat ? 1 : 0) : label.isThreat,
      categories: toJson(label.categories),
      targets: toJson(label.targets),
      assessed: label.assessed === null ? null : toJson(label.assessed),
    })
    .execute();
}

/** The labels of one item, newest first. */
export async function labelsOfItem(db: Db, itemId: string): Promise<ThreatLabelRecord[]> {
  return (await labelsOfItems(db, [itemId])).get(itemId) ?? [];
}

/** The labels of several items (a page), each item's newest first. */
export async function labelsOfItems(db: Db, itemIds: string[]): Promise<Map<string, ThreatLabelRecord[]>> {
  const out = new Map<string, ThreatLabelRecord[]>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely
      .selectFrom('threatLabels')
      .selectAll()
      .where('itemId', 'in', chunk)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const r of rows) {
      const list = out.get(r.itemId) ?? [];
      list.push(fromLabelRow(r));
      out.set(r.itemId, list);
    }
  }
  return out;
}

/** A page of labelled items, each with its latest label, in item key order. */
export interface LatestLabelPage {
  rows: Array<{ item: LabelledItem; label: ThreatLabelRecord }>;
  /** The key to pass as `afterKey` for the next page; null on the last one. */
  next: string | null;
}

/**
 * The latest label of every labelled item, one page at a time in item key order (a keyset on the
 * unique key, so pages stay right while labels are added). "Latest" is the newest `created_at`,
 * then the greatest id (ids are time-ordered).
 */
export async function latestLabels(db: Db, page: { afterKey?: string | null; limit: number }): Promise<LatestLabelPage> {
  let q = db.kysely
    .selectFrom('threatLabels as l')
    .innerJoin('items as i', 'i.id', 'l.itemId')
    .selectAll('l')
    .select(['i.key as itemKey', 'i.text as itemText', 'i.language as itemLanguage', 'i.script as itemScript', 'i.platform as itemPlatform'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('threatLabels as n')
            .select('n.id')
            .whereRef('n.itemId', '=', 'l.itemId')
            .where((nb) => nb.or([nb('n.createdAt', '>', nb.ref('l.createdAt')), nb.and([nb('n.createdAt', '=', nb.ref('l.createdAt')), nb('n.id', '>', nb.ref('l.id'))])])),
        ),
      ),
    );
  if (page.afterKey) q = q.where('i.key', '>', page.afterKey);
  const rows = await q.orderBy('i.key').limit(page.limit + 1).execute();
  const shown = rows.slice(0, page.limit).map((r) => ({
    item: { id: r.itemId, key: r.itemKey, text: r.itemText, language: r.itemLanguage, script: r.itemScript, platform: r.itemPlatform },
    label: fromLabelRow(r),
  }));
  const last = shown[shown.length - 1];
  return { rows: shown, next: rows.length > page.limit && last ? last.item.key : null };
}

/** Every labelled item with its latest label, page by page (for exports and measurements). */
export async function* eachLatestLabel(db: Db, pageSize = 500): AsyncGenerator<{ item: LabelledItem; label: ThreatLabelRecord }> {
  let afterKey: string | null = null;
  do {
    const page: LatestLabelPage = await latestLabels(db, { afterKey, limit: pageSize });
    yield* page.rows;
    afterKey = page.next;
  } while (afterKey !== null);
}

/** How many labels there are, and how many items carry at least one. */
export async function countThreatLabels(db: Db): Promise<{ labels: number; items: number }> {
  const r = await db.kysely
    .selectFrom('threatLabels')
    .select((eb) => [eb.fn.countAll<number>().as('labels'), eb.fn.count<number>('itemId').distinct().as('items')])
    .executeTakeFirstOrThrow();
  return { labels: Number(r.labels), items: Number(r.items) };
}

/** The threat assessments of several items (a page of the list), by item id. */
export async function threatsOfItems(db: Db, itemIds: string[]): Promise<Map<string, ThreatRecord>> {
  const out = new Map<string, ThreatRecord>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const chunk = itemIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.kysely.selectFrom('threatAssessments').selectAll().where('itemId', 'in', chunk).execute();
    for (const r of rows) out.set(r.itemId, threatFromRow(r));
  }
  return out;
}

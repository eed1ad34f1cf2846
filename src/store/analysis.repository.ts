import type { Db } from './database.js';
import type { ThreatAssessmentsTable } from './schema.js';
import { fromJson, toJson } from './json.js';

/** An actor named in an item, with the span (UTF-16 offsets into the original text). */
export interface MentionRecord {
  id: string;
  itemId: string;
  actorId: string;
  matchedText: string;
  spanStart: number;
  spanEnd: number;
  score: number;
  method: string;
  stageVersion: string;
}

/** A threat assessment as stored (shape of `threat` in CLI.md). */
export interface ThreatRecord {
  itemId: string;
  score: number;
  severity: 'none' | 'low' | 'medium' | 'high' | 'critical';
  isThreat: boolean;
  stance: string;
  categories: unknown[];
  targets: unknown[];
  /** Categories in words the post reports, quotes, counters or denies. */
  reported: unknown[];
  /** Structural cues behind the stance (reported speech, negation, question…). */
  reasons: unknown[];
  stageVersion: string;
  createdAt: string;
}

/** `method` prefix of mentions found in an item's translation (spans index the translated text). */
export const TRANSLATION_MENTION = 'translation:';

/**
 * Replaces an item's mentions in its original text (`inTranslation` false) or in its
 * translation (true, methods prefixed `translation:`), leaving the other kind alone.
 */
export async function replaceMentions(db: Db, itemId: string, mentions: MentionRecord[], inTranslation = false): Promise<void> {
  await db.kysely
    .deleteFrom('mentions')
    .where('itemId', '=', itemId)
    .where('method', inTranslation ? 'like' : 'not like', `${TRANSLATION_MENTION}%`)
    .execute();
  if (mentions.length > 0) await db.kysely.insertInto('mentions').values(mentions).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/** Stores the mentions of freshly inserted items (bulk, in the caller's transaction). */
export async function insertMentions(db: Db, mentions: MentionRecord[]): Promise<void> {
  for (let i = 0; i < mentions.length; i += 500) {
    await db.kysely.insertInto('mentions').values(mentions.slice(i, i + 500)).onConflict((oc) => oc.column('id').doNothing()).execute();
  }
}

/** Mentions in an item, in text order. */
export async function mentionsOfItem(db: Db, itemId: string): Promise<MentionRecord[]> {
  const rows = await db.kysely.selectFrom('mentions').selectAll().where('itemId', '=', itemId).orderBy('spanStart').execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

function threatRow(db: Db, t: ThreatRecord) {
  return {
    ...t,
    isThreat: db.dialect === 'sqlite' ? (t.isThreat ? 1 : 0) : t.isThreat,
    categories: toJson(t.categories),
    targets: toJson(t.targets),
    reported: toJson(t.reported),
    reasons: toJson(t.reasons),
  };
}

/** Stores the assessments of freshly inserted items (bulk, in the caller's transaction). */
export async function insertThreats(db: Db, threats: ThreatRecord[]): Promise<void> {
  for (let i = 0; i < threats.length; i += 200) {
    const rows = threats.slice(i, i + 200).map((t) => threatRow(db, t));
    await db.kysely.insertInto('threatAssessments').values(rows).onConflict((oc) => oc.column('itemId').doNothing()).execute();
  }
}

/** Stores (or replaces) the threat assessment of an item. */
export async function saveThreat(db: Db, t: ThreatRecord): Promise<void> {
  const row = threatRow(db, t);
  await db.kysely
    .insertInto('threatAssessments')
    .values(row)
    .onConflict((oc) =>
      oc.column('itemId').doUpdateSet({
        score: row.score,
        severity: row.severity,
        isThreat: row.isThreat,
        stance: row.stance,
        categories: row.categories,
        targets: row.targets,
        reported: row.reported,
        reasons: row.reasons,
        stageVersion: row.stageVersion,
        createdAt: row.createdAt,
      }),
    )
    .execute();
}

/** A stored assessment row as the rest of the code reads it (JSON columns parsed). */
export function threatFromRow(r: ThreatAssessmentsTable): ThreatRecord {
  return {
    ...r,
    score: Number(r.score),
    severity: r.severity as ThreatRecord['severity'],
    isThreat: r.isThreat === true || r.isThreat === 1,
    categories: fromJson<unknown[]>(r.categories, []),
    targets: fromJson<unknown[]>(r.targets, []),
    reported: fromJson<unknown[]>(r.reported, []),
    reasons: fromJson<unknown[]>(r.reasons, []),
  };
}

/** The threat assessment of an item, or undefined. */
export async function getThreat(db: Db, itemId: string): Promise<ThreatRecord | undefined> {
  const r = await db.kysely.selectFrom('threatAssessments').selectAll().where('itemId', '=', itemId).executeTakeFirst();
  return r ? threatFromRow(r) : undefined;
}

/**
 * Ids of items (oldest first) whose assessment scores at least `minScore` and that have no
 * output of `stage` yet: the posts still waiting for a second opinion.
 */
export async function assessedItemsWithoutStage(db: Db, stage: string, minScore: number, limit: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('threatAssessments as t')
    .innerJoin('items', 'items.id', 't.itemId')
    .leftJoin('stageResults as sr', (join) => join.onRef('sr.itemId', '=', 't.itemId').on('sr.stage', '=', stage))
    .select('t.itemId')
    .where('sr.itemId', 'is', null)
    .where('t.score', '>=', minScore)
    .orderBy('items.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => r.itemId);
}

/** A stored assessment with its item's key, for overviews (the demo summary, digests). */
export interface ThreatOverviewRow {
  key: string;
  score: number;
  severity: string;
  isThreat: boolean;
  stance: string;
  categories: unknown[];
  reported: unknown[];
}

/** The highest-scoring assessments, threats first, then posts that report or quote one. */
export async function topThreats(db: Db, limit: number): Promise<ThreatOverviewRow[]> {
  const rows = await db.kysely
    .selectFrom('threatAssessments as t')
    .innerJoin('items', 'items.id', 't.itemId')
    .select(['items.key', 't.score', 't.severity', 't.isThreat', 't.stance', 't.categories', 't.reported'])
    .where('t.score', '>', 0)
    .orderBy('t.isThreat', 'desc')
    .orderBy('t.score', 'desc')
    .orderBy('items.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    score: Number(r.score),
    severity: r.severity,
    isThreat: r.isThreat === true || r.isThreat === 1,
    stance: r.stance,
    categories: fromJson<unknown[]>(r.categories, []),
    reported: fromJson<unknown[]>(r.reported, []),
  }));
}

/** The actors named in each of these items (mentions in the original text or its translation). */
export async function actorIdsOfItems(db: Db, itemIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const batch = itemIds.slice(i, i + 500);
    if (batch.length === 0) continue;
    const rows = await db.kysely.selectFrom('mentions').select(['itemId', 'actorId']).distinct().where('itemId', 'in', batch).execute();
    for (const r of rows) {
      const list = out.get(r.itemId) ?? [];
      if (!list.includes(r.actorId)) list.push(r.actorId);
      out.set(r.itemId, list);
    }
  }
  return out;
}

/** The threat score of each of these items that has one. */
export async function threatScoresOfItems(db: Db, itemIds: readonly string[]): Promise<Map<string, { score: number; severity: string; isThreat: boolean }>> {
  const out = new Map<string, { score: number; severity: string; isThreat: boolean }>();
  for (let i = 0; i < itemIds.length; i += 500) {
    const batch = itemIds.slice(i, i + 500);
    if (batch.length === 0) continue;
    const rows = await db.kysely.selectFrom('threatAssessments').select(['itemId', 'score', 'severity', 'isThreat']).where('itemId', 'in', batch).execute();
    for (const r of rows) out.set(r.itemId, { score: Number(r.score), severity: r.severity, isThreat: Boolean(r.isThreat) });
  }
  return out;
}

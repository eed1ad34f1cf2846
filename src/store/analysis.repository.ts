import type { Db } from './database.js';
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

/** Stores (or replaces) the threat assessment of an item. */
export async function saveThreat(db: Db, t: ThreatRecord): Promise<void> {
  const row = { ...t, isThreat: db.dialect === 'sqlite' ? (t.isThreat ? 1 : 0) : t.isThreat, categories: toJson(t.categories), targets: toJson(t.targets) };
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
        stageVersion: row.stageVersion,
        createdAt: row.createdAt,
      }),
    )
    .execute();
}

/** The threat assessment of an item, or undefined. */
export async function getThreat(db: Db, itemId: string): Promise<ThreatRecord | undefined> {
  const r = await db.kysely.selectFrom('threatAssessments').selectAll().where('itemId', '=', itemId).executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    severity: r.severity as ThreatRecord['severity'],
    isThreat: r.isThreat === true || r.isThreat === 1,
    categories: fromJson<unknown[]>(r.categories, []),
    targets: fromJson<unknown[]>(r.targets, []),
  };
}

import type { Pipeline } from '../analyze/pipeline.js';
import { itemIdForKey } from '../core/ids.js';
import type { ItemDraft, SourceRef } from '../core/item.js';
import type { Db } from '../store/database.js';
import { existingKeys, insertItems, type NewItem } from '../store/item.repository.js';
import { upsertSource } from '../store/source.repository.js';
import { saveStageResults } from '../store/stage-result.repository.js';
import { insertMentions, insertThreats, type MentionRecord, type ThreatRecord } from '../store/analysis.repository.js';
import { mentionRows } from '../actors/actors.stage.js';
import { threatRecord } from '../analyze/threat.stage.js';
import { searchForms } from '../analyze/reindex.js';
import { NORMALIZE_VERSION } from '../text/normalize.js';

/**
 * Stores one batch of drafts, in the caller's transaction: their sources, the new items (analyzed
 * when asked) and their stage results, mentions and threat assessments. Keys already stored are
 * left untouched (idempotent); `existing` lists them so callers can compare texts (edits).
 */
export async function storeDrafts(
  deps: { pipeline: Pipeline | null },
  tx: Db,
  result: { items: ItemDraft[]; sources: SourceRef[] },
  captureIdOf: (draft: ItemDraft) => string | null,
  now: string,
  analyze: boolean,
): Promise<{ imported: string[]; duplicates: number; existing: ItemDraft[] }> {
  const sourceIds = new Map<string, string>();
  const sourceKey = (kind: string, handle: string): string => `${kind}\u0000${handle}`;
  for (const ref of result.sources) sourceIds.set(sourceKey(ref.kind, ref.handle), await upsertSource(tx, ref, now));
  const seen = new Set<string>();
  const drafts: ItemDraft[] = [];
  for (const d of result.items) {
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    drafts.push(d);
  }
  const existing = await existingKeys(tx, drafts.map((d) => d.key));
  const fresh = drafts.filter((d) => !existing.has(d.key));
  const newItems: NewItem[] = [];
  const stageRows: Parameters<typeof saveStageResults>[1] = [];
  const mentions: MentionRecord[] = [];
  const threats: ThreatRecord[] = [];
  for (const draft of fresh) {
    let sourceId = sourceIds.get(sourceKey(draft.source.kind, draft.source.handle));
    if (!sourceId) {
      sourceId = await upsertSource(tx, draft.source, now);
      sourceIds.set(sourceKey(draft.source.kind, draft.source.handle), sourceId);
    }
    const id = itemIdForKey(draft.key);
    const forms = searchForms(draft.text, draft.title);
    const analysis = analyze && deps.pipeline ? await deps.pipeline.run({ text: draft.text, title: draft.title, langHint: draft.langHint, platform: draft.platform }) : null;
    newItems.push({
      id,
      sourceId,
      draft,
      collectedAt: now,
      ...forms,
      normalizeVersion: NORMALIZE_VERSION,
      language: analysis?.language.code ?? null,
      languageConfidence: analysis?.language.confidence ?? null,
      script: analysis?.language.script ?? null,
      captureId: captureIdOf(draft),
    });
    for (const o of analysis?.outputs ?? []) stageRows.push({ itemId: id, stage: o.stage, version: o.version, output: o.output, createdAt: now });
    if (analysis && analysis.mentions.length > 0) mentions.push(...mentionRows(id, analysis.mentions));
    if (analysis) threats.push(threatRecord(id, analysis.threat, now));
  }
  const inserted = await insertItems(tx, newItems);
  const insertedSet = new Set(inserted);
  await saveStageResults(tx, stageRows.filter((r) => insertedSet.has(r.itemId)));
  await insertMentions(tx, mentions.filter((m) => insertedSet.has(m.itemId)));
  await insertThreats(tx, threats.filter((t) => insertedSet.has(t.itemId)));
  return { imported: inserted, duplicates: drafts.length - inserted.length + (result.items.length - drafts.length), existing: drafts.filter((d) => existing.has(d.key)) };
}


import { mentionRows } from '../actors/actors.stage.js';
import { type Clock, toIso } from '../core/clock.js';
import { replaceMentions, saveThreat } from '../store/analysis.repository.js';
import type { Db } from '../store/database.js';
import { getItemsByIds, updateItemLanguage } from '../store/item.repository.js';
import { itemsNeedingStage, saveStageResults } from '../store/stage-result.repository.js';
import { withTransaction } from '../store/transaction.js';
import type { LanguageResult } from './language.stage.js';
import type { Pipeline, PipelineResult } from './pipeline.js';
import { threatRecord } from './threat.stage.js';

/**
 * Runs the pipeline over stored items whose results are missing or older than the current stage
 * versions (items imported with --no-analyze, or after a stage's version changed), in batches,
 * one transaction per batch. Returns how many items were (re)analyzed.
 */
export async function runPendingStages(
  deps: { db: Db; pipeline: Pipeline; clock: Clock },
  opts: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? 500;
  let done = 0;
  for (const stage of deps.pipeline.stages) {
    for (;;) {
      const ids = await itemsNeedingStage(deps.db, stage.name, stage.version, batchSize);
      if (ids.length === 0) break;
      const items = await getItemsByIds(deps.db, ids);
      const now = toIso(deps.clock.now());
      const analyzed: Array<{ item: (typeof items)[number]; result: PipelineResult }> = [];
      for (const item of items) {
        analyzed.push({ item, result: await deps.pipeline.run({ text: item.text, title: item.title, langHint: item.langHint, platform: item.platform }) });
      }
      await withTransaction(deps.db, async (tx) => {
        for (const { item, result } of analyzed) {
          await saveStageResults(tx, result.outputs.map((o) => ({ itemId: item.id, stage: o.stage, version: o.version, output: o.output, createdAt: now })));
          const language: LanguageResult = result.language;
          await updateItemLanguage(tx, item.id, language);
          await replaceMentions(tx, item.id, mentionRows(item.id, result.mentions));
          await saveThreat(tx, threatRecord(item.id, result.threat, now));
        }
      });
      done += items.length;
      opts.onProgress?.(done);
      if (items.length < ids.length) break; // ids vanished meanwhile; do not loop on them
    }
  }
  return done;
}

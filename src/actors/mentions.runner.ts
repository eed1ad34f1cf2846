import { type Clock, toIso } from '../core/clock.js';
import { loadRegistry } from '../store/actor.repository.js';
import { threatRecord, threatStage } from '../analyze/threat.stage.js';
import { replaceMentions, saveThreat } from '../store/analysis.repository.js';
import type { Db } from '../store/database.js';
import { itemTextsAfter } from '../store/item.repository.js';
import { saveStageResults } from '../store/stage-result.repository.js';
import { withTransaction } from '../store/transaction.js';
import { actorsStage, mentionRows } from './actors.stage.js';
import { createMentionFinder } from './match/mention-finder.js';

/**
 * Finds mentions again in every stored item over the current registry (after an import or a
 * merge changed who is in it), one transaction per batch. The actors stage runs, and the threat
 * stage again for posts that are threats (their targets include the actors named after the
 * threat); language and search forms are untouched. Returns items scanned and mentions found.
 */
export async function refreshMentions(
  deps: { db: Db; clock: Clock },
  opts: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<{ items: number; mentions: number }> {
  const finder = createMentionFinder(await loadRegistry(deps.db));
  const batchSize = opts.batchSize ?? 1000;
  let after = 0;
  let items = 0;
  let mentions = 0;
  for (;;) {
    const batch = await itemTextsAfter(deps.db, after, batchSize);
    if (batch.length === 0) break;
    const now = toIso(deps.clock.now());
    await withTransaction(deps.db, async (tx) => {
      const results = [];
      for (const item of batch) {
        const output = actorsStage.run({ text: item.text }, { finder });
        await replaceMentions(tx, item.id, mentionRows(item.id, output.mentions));
        mentions += output.mentions.length;
        results.push({ itemId: item.id, stage: actorsStage.name, version: actorsStage.version, output, createdAt: now });
        if (output.mentions.length > 0 && item.language) {
          const threat = threatStage.run({ text: item.text, language: item.language, script: item.script, platform: item.platform, mentions: output.mentions });
          if (threat.is_threat) {
            await saveThreat(tx, threatRecord(item.id, threat, now));
            results.push({ itemId: item.id, stage: threatStage.name, version: threatStage.version, output: threat, createdAt: now });
          }
        }
      }
      await saveStageResults(tx, results);
    });
    items += batch.length;
    after = batch[batch.length - 1]?.seq ?? after;
    opts.onProgress?.(items);
  }
  return { items, mentions };
}

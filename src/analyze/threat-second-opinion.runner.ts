import { z } from 'zod';
import { type Clock, toIso } from '../core/clock.js';
import { getThreat, assessedItemsWithoutStage } from '../store/analysis.repository.js';
import type { Db } from '../store/database.js';
import { getItemsByIds } from '../store/item.repository.js';
import { saveStageResults } from '../store/stage-result.repository.js';
import { compareOpinions, secondOpinionSchema, type ThreatSecondOpinion } from './threat/second-opinion.js';
import { type Stance, stances, threatCategories } from './threat/taxonomy.js';

/** The stage name under which second opinions are stored (`stage_results`). */
export const SECOND_OPINION_STAGE = { name: 'threat-second-opinion', version: 1 } as const;

/** What is stored for one item: the model's opinion and where it disagrees with the rules. */
export const storedSecondOpinionSchema = z.object({
  opinion: secondOpinionSchema.extend({ engine: z.string(), model: z.string() }),
  agree: z.boolean(),
  disagreements: z.array(z.string()),
  /** The rules' stage version the opinion was compared with. */
  rules: z.string(),
});
export type StoredSecondOpinion = z.infer<typeof storedSecondOpinionSchema>;

export interface SecondOpinionSummary {
  asked: number;
  agreed: number;
  disagreed: Array<{ key: string; disagreements: string[] }>;
  failed: Array<{ key: string; error: string }>;
}

/**
 * Asks the engine for a second opinion on stored items whose rules score is at least `minScore`
 * (0: every item) and that have none yet, one at a time, storing each answer as it comes. The
 * rules' assessment is never changed; disagreements are returned and stored for review.
 */
export async function runSecondOpinions(
  deps: { db: Db; engine: ThreatSecondOpinion; clock: Clock },
  opts: { minScore: number; limit: number; onProgress?: (done: number, total: number) => void },
): Promise<SecondOpinionSummary> {
  const summary: SecondOpinionSummary = { asked: 0, agreed: 0, disagreed: [], failed: [] };
  const ids = await assessedItemsWithoutStage(deps.db, SECOND_OPINION_STAGE.name, opts.minScore, opts.limit);
  for (const item of await getItemsByIds(deps.db, ids)) {
    const stored = await getThreat(deps.db, item.id);
    if (!stored) continue;
    summary.asked++;
    try {
      const opinion = await deps.engine.assess(item.text, item.language ?? 'und');
      const categories = z.array(z.object({ label: z.enum(threatCategories) })).catch([]).parse(stored.categories);
      const comparison = compareOpinions({ is_threat: stored.isThreat, stance: stances.includes(stored.stance as Stance) ? (stored.stance as Stance) : 'unknown', categories }, opinion);
      const output: StoredSecondOpinion = { opinion, ...comparison, rules: stored.stageVersion };
      await saveStageResults(deps.db, [{ itemId: item.id, stage: SECOND_OPINION_STAGE.name, version: SECOND_OPINION_STAGE.version, output, createdAt: toIso(deps.clock.now()) }]);
      if (comparison.agree) summary.agreed++;
      else summary.disagreed.push({ key: item.key, disagreements: comparison.disagreements });
    } catch (error) {
      summary.failed.push({ key: item.key, error: error instanceof Error ? error.message : String(error) });
    }
    opts.onProgress?.(summary.asked, ids.length);
  }
  return summary;
}

import type { Db } from '../store/database.js';
import { eachLatestLabel, type LabelledItem, type ThreatLabelRecord } from '../store/threat-label.repository.js';

/** One training row of `rasad threat labels export` (one JSON line). */
export interface ThreatTrainingRow {
  key: string;
  text: string;
  language: string | null;
  /** The item's platform (`telegram`, `x`, `rss`, `web`, `jsonl`), as `items list --json` says `source`. */
  source: string;
  label: {
    verdict: string;
    is_threat: boolean;
    stance: string;
    categories: string[];
    severity: string | null;
    targets: string[];
  };
  /** The assessment the analyst judged (the stage's full output then), or null. */
  assessed: unknown;
  stage_version: string | null;
  analyst: string;
  reason: string;
  created_at: string;
}

/** The training row of a labelled item. */
export function trainingRow(item: LabelledItem, l: ThreatLabelRecord): ThreatTrainingRow {
  return {
    key: item.key,
    text: item.text,
    language: item.language,
    source: item.platform,
    label: { verdict: l.verdict, is_threat: l.isThreat, stance: l.stance, categories: l.categories, severity: l.severity, targets: l.targets },
    assessed: l.assessed,
    stage_version: l.stageVersion,
    analyst: l.analyst,
    reason: l.reason,
    created_at: l.createdAt,
  };
}

/** Writes the latest label of every labelled item as JSON lines, in item key order; returns how many. */
export async function writeThreatLabelsJsonl(db: Db, write: (line: string) => Promise<void> | void): Promise<number> {
  let n = 0;
  for await (const { item, label } of eachLatestLabel(db)) {
    await write(`${JSON.stringify(trainingRow(item, label))}\n`);
    n++;
  }
  return n;
}

import type { FoundMention } from '../actors/match/resolve-types.js';
import type { Stage } from '../core/stage.js';
import type { ThreatRecord } from '../store/analysis.repository.js';
import { assessThreat } from './threat/assess.js';
import type { CompiledLexicon } from './threat/cue-matcher.js';
import { shippedLearnedModel, type LearnedModel } from './threat/learned.js';
import { shippedLexicons } from './threat/lexicons/index.js';
import { sourceKindOf } from './threat/stance.js';
import type { ThreatAssessment } from './threat/taxonomy.js';

/** Bumped whenever lexicons, rules, scoring or the shipped model change, so stored assessments are redone. */
export const THREAT_VERSION = 12;

export interface ThreatInput {
  text: string;
  language: string;
  script: string | null;
  /** The item's platform (`telegram`, `x`, `rss`, `web`, `jsonl`), or null. */
  platform?: string | null;
  /** Actor mentions found by the actors stage (threatened actors become targets). */
  mentions?: FoundMention[];
}

/** The compiled lexicons and, unless left out, the learned reading (threat/learned.ts). */
export interface ThreatStageContext {
  lexicons: ReadonlyMap<string, CompiledLexicon>;
  learned?: LearnedModel;
}

/**
 * The threat stage: lexicons and rules per language, the frame of each rule that fired, targets
 * and a score that shows its reasons (docs/THREAT.md). Pure given the compiled lexicons.
 */
export const threatStage = {
  name: 'threat',
  version: THREAT_VERSION,
  run(input: ThreatInput, ctx: ThreatStageContext = { lexicons: shippedLexicons(), learned: shippedLearnedModel() }): ThreatAssessment {
    return assessThreat(ctx.lexicons, input.text, {
      language: input.language,
      script: input.script,
      source: sourceKindOf(input.platform),
      ...(input.mentions ? { mentions: input.mentions } : {}),
      ...(ctx.learned ? { learned: ctx.learned } : {}),
    });
  },
} satisfies Stage<ThreatInput, ThreatAssessment, ThreatStageContext>;

/** The stored row of an item's assessment. */
export function threatRecord(itemId: string, a: ThreatAssessment, createdAt: string): ThreatRecord {
  return {
    itemId,
    score: a.score,
    severity: a.severity,
    isThreat: a.is_threat,
    stance: a.stance,
    categories: a.categories,
    targets: a.targets,
    reported: a.reported,
    reasons: a.reasons,
    stageVersion: `${threatStage.name}@${threatStage.version}`,
    createdAt,
  };
}

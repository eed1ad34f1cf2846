import { z } from 'zod';
import {
  categoryResultSchema,
  reasonSchema,
  severities,
  stances,
  targetSchema,
  threatCategories,
  type ThreatAssessment,
} from '../analyze/threat/taxonomy.js';
import type { StoredSecondOpinion } from '../analyze/threat-second-opinion.runner.js';
import type { ThreatRecord } from '../store/analysis.repository.js';
import type { ThreatLabelRecord } from '../store/threat-label.repository.js';

/** An item's stored threat assessment (CLI.md's `threat` plus `reported`, `reasons` and provenance). */
export const threatViewSchema = z.object({
  score: z.number().describe('0–100'),
  severity: z.enum(severities),
  is_threat: z.boolean(),
  stance: z.enum(stances),
  categories: z.array(categoryResultSchema).describe('What the post itself does, each with its evidence spans (UTF-16 offsets into `text`) and rules'),
  targets: z.array(targetSchema),
  reported: z.array(categoryResultSchema).describe('Categories in words the post reports, quotes, counters or denies'),
  reasons: z.array(reasonSchema).describe('Structural cues behind the stance (reported speech, negation, question…)'),
  stage_version: z.string().describe('`threat@N` that produced the assessment'),
  assessed_at: z.string(),
});
export type ThreatView = z.infer<typeof threatViewSchema>;

/** The assessment a label judged, in brief. */
const assessedBriefSchema = z.object({
  score: z.number(),
  severity: z.string(),
  is_threat: z.boolean(),
  stance: z.string(),
  categories: z.array(z.string()),
});

/** An analyst's confirmation or correction of an item's assessment. */
export const threatLabelViewSchema = z.object({
  id: z.string(),
  verdict: z.enum(['confirm', 'correct']),
  is_threat: z.boolean(),
  stance: z.enum(stances),
  categories: z.array(z.enum(threatCategories)),
  severity: z.enum(severities).nullable(),
  targets: z.array(z.string()),
  reason: z.string(),
  analyst: z.string(),
  created_at: z.string(),
  stage_version: z.string().nullable().describe('`threat@N` of the assessment judged; null when there was none'),
  assessed: assessedBriefSchema.nullable().describe('The assessment judged, in brief'),
});
export type ThreatLabelView = z.infer<typeof threatLabelViewSchema>;

/** Keeps the elements that have the shape (rows written by an older stage may not). */
function valid<T>(schema: z.ZodType<T>, values: readonly unknown[]): T[] {
  return values.flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success ? [r.data] : [];
  });
}

const oneOf = <T extends string>(values: readonly T[], v: string, fallback: T): T => (values as readonly string[]).includes(v) ? (v as T) : fallback;

/** The assessment as the stage gave it (the JSON snapshot a label keeps of what it judged). */
export function assessmentOf(t: ThreatRecord): ThreatAssessment {
  return {
    score: t.score,
    severity: t.severity,
    is_threat: t.isThreat,
    stance: oneOf(stances, t.stance, 'unknown'),
    categories: valid(categoryResultSchema, t.categories),
    targets: valid(targetSchema, t.targets),
    reported: valid(categoryResultSchema, t.reported),
    reasons: valid(reasonSchema, t.reasons),
  };
}

/** A stored assessment for output (whitelisted, snake_case). */
export function presentThreat(t: ThreatRecord): ThreatView {
  return { ...assessmentOf(t), stage_version: t.stageVersion, assessed_at: t.createdAt };
}

function assessedBrief(value: unknown): z.infer<typeof assessedBriefSchema> | null {
  const r = z
    .object({ score: z.number(), severity: z.string(), is_threat: z.boolean(), stance: z.string(), categories: z.array(z.object({ label: z.string() }).loose()) })
    .loose()
    .safeParse(value);
  if (!r.success) return null;
  return { score: r.data.score, severity: r.data.severity, is_threat: r.data.is_threat, stance: r.data.stance, categories: r.data.categories.map((c) => c.label) };
}

/** A stored label for output. */
export function presentThreatLabel(l: ThreatLabelRecord): ThreatLabelView {
  return {
    id: l.id,
    verdict: l.verdict,
    is_threat: l.isThreat,
    stance: oneOf(stances, l.stance, 'unknown'),
    categories: l.categories.filter((c): c is (typeof threatCategories)[number] => (threatCategories as readonly string[]).includes(c)),
    severity: l.severity === null ? null : oneOf(severities, l.severity, 'none'),
    targets: l.targets,
    reason: l.reason,
    analyst: l.analyst,
    created_at: l.createdAt,
    stage_version: l.stageVersion,
    assessed: assessedBrief(l.assessed),
  };
}

/** A second opinion as shown beside the rules' assessment (never instead of it). */
export const secondOpinionViewSchema = z.object({
  engine: z.string(),
  model: z.string(),
  is_threat: z.boolean(),
  stance: z.enum(stances),
  categories: z.array(z.enum(threatCategories)),
  severity: z.enum(severities),
  targets: z.array(z.string()),
  rationale: z.string(),
  agree: z.boolean().describe('false: the model and the rules disagree; flagged for review'),
  disagreements: z.array(z.string()),
  rules_version: z.string().describe('`threat@N` the opinion was compared with'),
});
export type SecondOpinionView = z.infer<typeof secondOpinionViewSchema>;

export function presentSecondOpinion(s: StoredSecondOpinion): SecondOpinionView {
  const { opinion } = s;
  return {
    engine: opinion.engine,
    model: opinion.model,
    is_threat: opinion.is_threat,
    stance: opinion.stance,
    categories: opinion.categories,
    severity: opinion.severity,
    targets: opinion.targets,
    rationale: opinion.rationale,
    agree: s.agree,
    disagreements: s.disagreements,
    rules_version: s.rules,
  };
}

import { z } from 'zod';

/** Threat categories (CLI.md, docs/THREAT.md). */
export const threatCategories = ['threat', 'incitement', 'support_offer', 'claim', 'recruitment', 'glorification'] as const;
export type ThreatCategory = (typeof threatCategories)[number];

/** Who speaks: the author (original) or someone reporting, quoting, countering or denying. */
export const stances = ['original', 'reporting', 'quoting', 'counter', 'negated', 'unknown'] as const;
export type Stance = (typeof stances)[number];

export const severities = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const targetTypes = ['country', 'organization', 'person', 'place'] as const;
export type TargetType = (typeof targetTypes)[number];

/** A span of the original text and the rule that put it there. */
export const evidenceSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  rule: z.string(),
  /** English gloss of Arabic-script evidence, when the glossary or lexicon knows the words. */
  gloss: z.string().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const categoryResultSchema = z.object({
  label: z.enum(threatCategories),
  score: z.number().min(0).max(1),
  evidence: z.array(evidenceSchema),
});
export type CategoryResult = z.infer<typeof categoryResultSchema>;

export const targetSchema = z.object({
  type: z.enum(targetTypes),
  name: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  actor_id: z.string().optional(),
});
export type ThreatTarget = z.infer<typeof targetSchema>;

/** A structural decision (reported speech, negation, question…) with the words that made it. */
export const reasonSchema = z.object({
  kind: z.enum(['reporting', 'quoting', 'counter', 'negated', 'hypothetical', 'question', 'amplification', 'source', 'benign']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  rule: z.string(),
});
export type StanceReason = z.infer<typeof reasonSchema>;

/**
 * The threat stage's output: CLI.md's `threat` object, plus `reported` (categories found in words
 * the post reports, quotes, counters or denies), `reasons` (the structural cues behind the stance)
 * and `version`.
 */
export const threatAssessmentSchema = z.object({
  score: z.number().int().min(0).max(100),
  severity: z.enum(severities),
  is_threat: z.boolean(),
  stance: z.enum(stances),
  categories: z.array(categoryResultSchema),
  targets: z.array(targetSchema),
  reported: z.array(categoryResultSchema),
  reasons: z.array(reasonSchema),
});
export type ThreatAssessment = z.infer<typeof threatAssessmentSchema>;

/** Severity for a score (docs/THREAT.md): none 0, low 1–29, medium 30–54, high 55–79, critical 80+. */
export function severityOf(score: number): Severity {
  if (score <= 0) return 'none';
  if (score < 30) return 'low';
  if (score < 55) return 'medium';
  if (score < 80) return 'high';
  return 'critical';
}

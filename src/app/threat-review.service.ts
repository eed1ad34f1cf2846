import { z } from 'zod';
import { SECOND_OPINION_STAGE, type StoredSecondOpinion, storedSecondOpinionSchema } from '../analyze/threat-second-opinion.runner.js';
import { getStageResults } from '../store/stage-result.repository.js';
import { severities, stances, threatCategories, type ThreatAssessment } from '../analyze/threat/taxonomy.js';
import { type Clock, toIso } from '../core/clock.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { timeOrderedId } from '../core/ids.js';
import { getThreat, type ThreatRecord } from '../store/analysis.repository.js';
import { appendAudit } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import { getItemByKey, getItemsByIds, type StoredItem } from '../store/item.repository.js';
import { insertThreatLabel, labelsOfItem, type ThreatLabelRecord } from '../store/threat-label.repository.js';
import { withTransaction } from '../store/transaction.js';
import { assessmentOf } from './threat.presenter.js';

/** What reviews need: the database, a clock, and (in tests) a source of label ids. */
export interface ThreatReviewDeps {
  db: Db;
  clock: Clock;
  /** A new label id for a creation time; time-ordered UUIDv7 by default. */
  newId?: (at: string) => string;
}

/** Audit log subject and actions of threat reviews. */
export const THREAT_AUDIT = { subjectType: 'item_threat', confirm: 'threat_confirm', correct: 'threat_correct' } as const;

/** An analyst's correction of an assessment (snake_case, as in CLI.md's `threat`). */
export const threatCorrectionSchema = z
  .object({
    is_threat: z.boolean(),
    stance: z.enum(stances),
    categories: z.array(z.enum(threatCategories)).max(threatCategories.length * 2).default([]),
    severity: z.enum(severities).optional(),
    targets: z.array(z.string().trim().min(1, 'a target name cannot be empty').max(300)).max(50).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    // The taxonomy's own rules (docs/THREAT.md), so labels measure the stage on its terms.
    if (c.is_threat && c.categories.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'is_threat true needs at least one category' });
    }
    if (!c.is_threat && c.categories.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'is_threat false takes no categories (what a post reports, quotes, counters or denies is not its own act)' });
    }
    if (c.is_threat && c.stance !== 'original') {
      ctx.addIssue({ code: 'custom', path: ['stance'], message: `is_threat true needs stance original, not ${c.stance} (a post that reports, quotes, counters or denies is not a threat)` });
    }
    if (c.is_threat && c.severity === 'none') {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'a threat cannot have severity none' });
    }
    if (!c.is_threat && c.severity !== undefined && c.severity !== 'none' && c.severity !== 'low') {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: `a post that is not a threat is at most low, not ${c.severity}` });
    }
  });
export type ThreatCorrection = z.input<typeof threatCorrectionSchema>;

const reasonSchema = z.string({ error: 'a reason is required' }).trim().min(1, 'a reason is required').max(4000);
const analystSchema = z.string({ error: 'an analyst name is required' }).trim().min(1, 'an analyst name is required').max(200);

class ConflictError extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** Parses with zod; the first problem becomes one ValidationError naming its field. */
function parse<T>(schema: z.ZodType<T>, value: unknown, field?: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [field, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  throw new ValidationError(issue?.message ?? 'invalid input', path ? { field: path } : {});
}

/** The item an API or CLI reference names: its key (`telegram:chan/12`), or its id. */
export async function resolveItem(db: Db, ref: string): Promise<StoredItem> {
  const r = ref.trim();
  const item = (await getItemByKey(db, r)) ?? (await getItemsByIds(db, [r]))[0];
  if (!item) throw new NotFoundError(`no item with key ${ref}`);
  return item;
}

/** An item's assessment and labels (newest first). */
export interface ThreatReview {
  item: StoredItem;
  threat: ThreatRecord | undefined;
  labels: ThreatLabelRecord[];
  /** The engine's second opinion and where it disagrees with the rules, when one was asked. */
  secondOpinion: StoredSecondOpinion | null;
}

// Audit snapshots use the database's column names, as the registry's do.
function labelSnapshot(l: ThreatLabelRecord): Record<string, unknown> {
  return {
    id: l.id,
    item_id: l.itemId,
    verdict: l.verdict,
    is_threat: l.isThreat,
    stance: l.stance,
    categories: l.categories,
    severity: l.severity,
    targets: l.targets,
    stage_version: l.stageVersion,
  };
}

function assessedSnapshot(a: ThreatAssessment | null, stageVersion: string | null): Record<string, unknown> | null {
  if (!a) return null;
  return { score: a.score, severity: a.severity, is_threat: a.is_threat, stance: a.stance, categories: a.categories.map((c) => c.label), stage_version: stageVersion };
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * Analysts' review of threat assessments: a confirmation keeps the assessment as the label, a
 * correction says what it should have been. Each label is stored with a snapshot of the
 * assessment it judged and an audit entry, in one transaction.
 */
export function threatReviewService(deps: ThreatReviewDeps) {
  const newId = deps.newId ?? timeOrderedId;

  async function save(
    itemRef: string,
    reason: string,
    analyst: string,
    make: (threat: ThreatRecord | undefined, item: StoredItem) => Omit<ThreatLabelRecord, 'id' | 'itemId' | 'reason' | 'analyst' | 'assessed' | 'stageVersion' | 'createdAt'>,
  ): Promise<{ item: StoredItem; label: ThreatLabelRecord }> {
    const why = parse(reasonSchema, reason, 'reason');
    const who = parse(analystSchema, analyst, 'analyst');
    return withTransaction(deps.db, async (tx) => {
      const item = await resolveItem(tx, itemRef);
      const threat = await getThreat(tx, item.id);
      const createdAt = toIso(deps.clock.now());
      const assessed = threat ? assessmentOf(threat) : null;
      const label: ThreatLabelRecord = {
        id: newId(createdAt),
        itemId: item.id,
        ...make(threat, item),
        reason: why,
        analyst: who,
        assessed,
        stageVersion: threat?.stageVersion ?? null,
        createdAt,
      };
      await insertThreatLabel(tx, label);
      await appendAudit(tx, {
        at: createdAt,
        actor: who,
        action: label.verdict === 'confirm' ? THREAT_AUDIT.confirm : THREAT_AUDIT.correct,
        subjectType: THREAT_AUDIT.subjectType,
        subjectId: item.id,
        reason: why,
        before: assessedSnapshot(assessed, label.stageVersion),
        after: labelSnapshot(label),
      });
      return { item, label };
    });
  }

  return {
    /** Confirms the item's stored assessment as it stands. */
    confirm(itemRef: string, reason: string, analyst: string): Promise<{ item: StoredItem; label: ThreatLabelRecord }> {
      return save(itemRef, reason, analyst, (threat, item) => {
        if (!threat) throw new ConflictError(`item ${item.key} has no threat assessment to confirm (run \`rasad analyze --pending\`, or correct it instead)`);
        const a = assessmentOf(threat);
        return {
          verdict: 'confirm',
          isThreat: a.is_threat,
          stance: a.stance,
          categories: unique(a.categories.map((c) => c.label)),
          severity: a.severity,
          targets: unique(a.targets.map((t) => t.name)),
        };
      });
    },

    /** Records what the item's assessment should have been. */
    async correct(itemRef: string, correction: unknown, reason: string, analyst: string): Promise<{ item: StoredItem; label: ThreatLabelRecord }> {
      const c = parse(threatCorrectionSchema, correction);
      return await save(itemRef, reason, analyst, () => ({
        verdict: 'correct',
        isThreat: c.is_threat,
        stance: c.stance,
        categories: unique(c.categories),
        severity: c.severity ?? null,
        targets: unique(c.targets),
      }));
    },

    /** The item's stored assessment and its labels, newest first. */
    async review(itemRef: string): Promise<ThreatReview> {
      const item = await resolveItem(deps.db, itemRef);
      const [threat, labels, stages] = await Promise.all([getThreat(deps.db, item.id), labelsOfItem(deps.db, item.id), getStageResults(deps.db, item.id)]);
      const second = stages.find((s) => s.stage === SECOND_OPINION_STAGE.name)?.output;
      const parsed = storedSecondOpinionSchema.safeParse(second);
      return { item, threat, labels, secondOpinion: parsed.success ? parsed.data : null };
    },
  };
}

export type ThreatReviewService = ReturnType<typeof threatReviewService>;

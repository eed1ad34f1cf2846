import { threatStage, type ThreatInput } from '../analyze/threat.stage.js';
import { threatCategories, type ThreatAssessment } from '../analyze/threat/taxonomy.js';
import { stageTag } from '../core/stage.js';
import type { Db } from '../store/database.js';
import { eachLatestLabel, type ThreatLabelRecord } from '../store/threat-label.repository.js';

/** What a label says and what the stage says now, in the terms they share. */
export interface Judgement {
  is_threat: boolean;
  stance: string;
  categories: string[];
}

/** One item on which the stage, run now, disagrees with the analyst's latest label. */
export interface Disagreement {
  key: string;
  /** Which of `is_threat`, `stance`, `categories` differ. */
  differs: Array<'is_threat' | 'stance' | 'categories'>;
  label: Judgement & { verdict: string; analyst: string; reason: string; stage_version: string | null };
  now: Judgement & { score: number; severity: string };
}

/** Precision, recall and F1 from counts; null where nothing was predicted or expected. */
export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** How the current stage does against the analysts' labels (`rasad threat measure --json`). */
export interface ThreatMeasurement {
  stage_version: string;
  counts: {
    /** Labelled items (each measured once, against its latest label). */
    items: number;
    confirmed: number;
    corrected: number;
    labelled_threats: number;
    predicted_threats: number;
    /** Items whose latest label judged an assessment by another stage version. */
    other_stage_version: number;
  };
  is_threat: Scores & { tn: number; accuracy: number | null };
  stance: { correct: number; total: number; accuracy: number | null };
  categories: Array<Scores & { label: string; support: number }>;
  /** Over all categories' counts together. */
  categories_micro: Scores;
  disagreements: Disagreement[];
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round(a / b));

function scores(tp: number, fp: number, fn: number): Scores {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : round((2 * precision * recall) / (precision + recall));
  return { tp, fp, fn, precision, recall, f1 };
}

/** The shared terms of an assessment. */
export function judgementOf(a: ThreatAssessment): Judgement {
  return { is_threat: a.is_threat, stance: a.stance, categories: [...new Set(a.categories.map((c) => c.label))].sort() };
}

/**
 * Accumulates label-versus-stage comparisons, item by item (pure: the caller runs the stage), and
 * gives the figures: is_threat accuracy and P/R/F1, stance accuracy, P/R/F1 per category.
 */
export function createMeasurement(stageVersion: string) {
  const counts = { items: 0, confirmed: 0, corrected: 0, labelled_threats: 0, predicted_threats: 0, other_stage_version: 0 };
  const threat = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const stance = { correct: 0, total: 0 };
  const perCategory = new Map<string, { tp: number; fp: number; fn: number }>(threatCategories.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const disagreements: Disagreement[] = [];

  return {
    /** Adds one labelled item: its key, its latest label, and the stage's assessment now. */
    add(key: string, label: ThreatLabelRecord, now: ThreatAssessment): void {
      counts.items++;
      if (label.verdict === 'confirm') counts.confirmed++;
      else counts.corrected++;
      if (label.isThreat) counts.labelled_threats++;
      if (now.is_threat) counts.predicted_threats++;
      if (label.stageVersion !== stageVersion) counts.other_stage_version++;

      if (label.isThreat && now.is_threat) threat.tp++;
      else if (!label.isThreat && now.is_threat) threat.fp++;
      else if (label.isThreat && !now.is_threat) threat.fn++;
      else threat.tn++;

      stance.total++;
      if (label.stance === now.stance) stance.correct++;

      const expected = new Set(label.categories);
      const got = judgementOf(now).categories;
      for (const c of new Set([...expected, ...got])) {
        const row = perCategory.get(c) ?? { tp: 0, fp: 0, fn: 0 };
        perCategory.set(c, row);
        const e = expected.has(c);
        const g = got.includes(c);
        if (e && g) row.tp++;
        else if (g) row.fp++;
        else row.fn++;
      }

      const mine: Judgement = { is_threat: label.isThreat, stance: label.stance, categories: [...expected].sort() };
      const theirs = judgementOf(now);
      const differs: Disagreement['differs'] = [];
      if (mine.is_threat !== theirs.is_threat) differs.push('is_threat');
      if (mine.stance !== theirs.stance) differs.push('stance');
      if (mine.categories.join(',') !== theirs.categories.join(',')) differs.push('categories');
      if (differs.length > 0) {
        disagreements.push({
          key,
          differs,
          label: { ...mine, verdict: label.verdict, analyst: label.analyst, reason: label.reason, stage_version: label.stageVersion },
          now: { ...theirs, score: now.score, severity: now.severity },
        });
      }
    },

    /** The figures so far. */
    result(): ThreatMeasurement {
      const cats = [...perCategory].map(([label, c]) => ({ label, support: c.tp + c.fn, ...scores(c.tp, c.fp, c.fn) }));
      const sum = (k: 'tp' | 'fp' | 'fn') => cats.reduce((n, c) => n + c[k], 0);
      return {
        stage_version: stageVersion,
        counts: { ...counts },
        is_threat: { ...scores(threat.tp, threat.fp, threat.fn), tn: threat.tn, accuracy: ratio(threat.tp + threat.tn, counts.items) },
        stance: { ...stance, accuracy: ratio(stance.correct, stance.total) },
        categories: cats,
        categories_micro: scores(sum('tp'), sum('fp'), sum('fn')),
        disagreements: [...disagreements],
      };
    },
  };
}

/**
 * Re-runs the threat stage on every labelled item's text and compares it with the item's latest
 * label: this is how labels measure the stage. `assess` defaults to the current stage.
 */
export async function measureThreatLabels(db: Db, assess: (input: ThreatInput) => ThreatAssessment = (input) => threatStage.run(input)): Promise<ThreatMeasurement> {
  const m = createMeasurement(stageTag(threatStage));
  for await (const { item, label } of eachLatestLabel(db)) {
    m.add(item.key, label, assess({ text: item.text, language: item.language ?? 'und', script: item.script, platform: item.platform }));
  }
  return m.result();
}

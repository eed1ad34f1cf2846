// Threat assessment and review labels as the UI reads them from the API, normalised field by field
// (like api.ts: a missing array degrades the panel, it does not blank the page), and the evidence
// marks laid over an item's text.

export const THREAT_CATEGORIES = ['threat', 'incitement', 'support_offer', 'claim', 'recruitment', 'glorification'] as const;
export const STANCES = ['original', 'reporting', 'quoting', 'counter', 'negated', 'unknown'] as const;
export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;

/** A span of the ORIGINAL text (UTF-16 offsets into `ItemView.text`) and the rule that marked it. */
export interface EvidenceView {
  start: number;
  end: number;
  text: string;
  rule: string;
  /** English gloss of Arabic-script evidence, when known. */
  gloss: string | null;
}

export interface ThreatCategoryView {
  label: string;
  /** In [0, 1]. */
  score: number;
  evidence: EvidenceView[];
}

export interface ThreatTargetView {
  type: string;
  name: string;
  start: number;
  end: number;
}

/** A structural cue behind the stance: reported speech, negation, question… */
export interface StanceReasonView {
  kind: string;
  start: number;
  end: number;
  text: string;
  rule: string;
}

export interface ThreatView {
  /** 0–100. */
  score: number;
  severity: string;
  is_threat: boolean;
  stance: string;
  categories: ThreatCategoryView[];
  targets: ThreatTargetView[];
  /** Categories in words the post reports, quotes, counters or denies. */
  reported: ThreatCategoryView[];
  reasons: StanceReasonView[];
  stage_version: string;
  assessed_at: string;
}

export interface ThreatLabelView {
  id: string;
  verdict: 'confirm' | 'correct';
  is_threat: boolean;
  stance: string;
  categories: string[];
  severity: string | null;
  targets: string[];
  reason: string;
  analyst: string;
  created_at: string;
  stage_version: string | null;
}

/** What the review form posts to `/api/items/:key/threat-review`. */
export type ThreatReviewBody =
  | { verdict: 'confirm'; reason: string }
  | { verdict: 'correct'; reason: string; is_threat: boolean; stance: string; categories: string[]; severity?: string; targets: string[] };

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const offset = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function span<T>(v: unknown, make: (r: Json, start: number, end: number) => T): T[] {
  if (!isRecord(v)) return [];
  const start = offset(v.start);
  const end = offset(v.end);
  return start === null || end === null || end <= start ? [] : [make(v, start, end)];
}

function category(v: unknown): ThreatCategoryView[] {
  if (!isRecord(v) || str(v.label) === '') return [];
  return [
    {
      label: str(v.label),
      score: num(v.score),
      evidence: list(v.evidence).flatMap((e) =>
        span(e, (r, start, end) => ({ start, end, text: str(r.text), rule: str(r.rule, 'rule'), gloss: str(r.gloss) || null })),
      ),
    },
  ];
}

/** The `threat` of an item view, or null when the server sent none (not assessed yet). */
export function toThreat(value: unknown): ThreatView | null {
  if (!isRecord(value) || typeof value.score !== 'number') return null;
  return {
    score: num(value.score),
    severity: str(value.severity, 'none'),
    is_threat: value.is_threat === true,
    stance: str(value.stance, 'unknown'),
    categories: list(value.categories).flatMap(category),
    targets: list(value.targets).flatMap((t) => span(t, (r, start, end) => ({ type: str(r.type, 'target'), name: str(r.name), start, end }))),
    reported: list(value.reported).flatMap(category),
    reasons: list(value.reasons).flatMap((x) => span(x, (r, start, end) => ({ kind: str(r.kind, 'reason'), start, end, text: str(r.text), rule: str(r.rule) }))),
    stage_version: str(value.stage_version),
    assessed_at: str(value.assessed_at),
  };
}

/** One review label, or null when it lacks what the list shows. */
export function toThreatLabel(value: unknown): ThreatLabelView | null {
  if (!isRecord(value) || str(value.id) === '') return null;
  return {
    id: str(value.id),
    verdict: value.verdict === 'correct' ? 'correct' : 'confirm',
    is_threat: value.is_threat === true,
    stance: str(value.stance, 'unknown'),
    categories: list(value.categories).filter((c): c is string => typeof c === 'string'),
    severity: typeof value.severity === 'string' ? value.severity : null,
    targets: list(value.targets).filter((c): c is string => typeof c === 'string'),
    reason: str(value.reason),
    analyst: str(value.analyst, 'analyst'),
    created_at: str(value.created_at),
    stage_version: typeof value.stage_version === 'string' ? value.stage_version : null,
  };
}

/** The engine's second opinion, shown beside the rules' assessment (never instead of it). */
export interface SecondOpinionView {
  engine: string;
  model: string;
  is_threat: boolean;
  stance: string;
  categories: string[];
  severity: string;
  rationale: string;
  agree: boolean;
  disagreements: string[];
}

/** The item view's `threat_second_opinion`, or null when none was asked. */
export function toSecondOpinion(value: unknown): SecondOpinionView | null {
  if (!isRecord(value) || typeof value.agree !== 'boolean') return null;
  const strings = (v: unknown): string[] => list(v).filter((c): c is string => typeof c === 'string');
  return {
    engine: str(value.engine),
    model: str(value.model),
    is_threat: value.is_threat === true,
    stance: str(value.stance, 'unknown'),
    categories: strings(value.categories),
    severity: str(value.severity, 'none'),
    rationale: str(value.rationale),
    agree: value.agree,
    disagreements: strings(value.disagreements),
  };
}

/** The readable labels of an item view (newest first, as sent). */
export function toThreatLabels(value: unknown): ThreatLabelView[] {
  return list(value).flatMap((l) => toThreatLabel(l) ?? []);
}

/** What one piece of evidence says about the words it covers. */
export interface EvidenceNote {
  label: string;
  rule: string;
  gloss: string | null;
  /** From `reported`: words the post reports, quotes, counters or denies. */
  reported: boolean;
}

/** A run of the text covered by the same evidence; marks never overlap and are in text order. */
export interface EvidenceMark {
  start: number;
  end: number;
  notes: EvidenceNote[];
}

/**
 * The evidence of an assessment laid over its text as non-overlapping marks: every boundary of
 * every span cuts the text, and each piece carries all the evidence covering it (two rules may
 * share a word). Spans out of range, or whose `text` is not the slice they point at (offsets from
 * another version of the text), are left out.
 */
export function evidenceMarks(text: string, threat: ThreatView | null): EvidenceMark[] {
  if (!threat) return [];
  const spans: Array<EvidenceNote & { start: number; end: number }> = [];
  const add = (cats: ThreatCategoryView[], reported: boolean) => {
    for (const c of cats) {
      for (const e of c.evidence) {
        if (e.end > text.length || e.end <= e.start) continue;
        if (e.text !== '' && text.slice(e.start, e.end) !== e.text) continue;
        spans.push({ start: e.start, end: e.end, label: c.label, rule: e.rule, gloss: e.gloss, reported });
      }
    }
  };
  add(threat.categories, false);
  add(threat.reported, true);
  const cuts = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
  const marks: EvidenceMark[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k] ?? 0;
    const end = cuts[k + 1] ?? start;
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    if (covering.length === 0) continue;
    const notes: EvidenceNote[] = [];
    for (const s of covering) {
      if (!notes.some((n) => n.label === s.label && n.rule === s.rule && n.reported === s.reported)) {
        notes.push({ label: s.label, rule: s.rule, gloss: s.gloss, reported: s.reported });
      }
    }
    const last = marks[marks.length - 1];
    if (last && last.end === start && sameNotes(last.notes, notes)) last.end = end;
    else marks.push({ start, end, notes });
  }
  return marks;
}

function sameNotes(a: EvidenceNote[], b: EvidenceNote[]): boolean {
  return a.length === b.length && a.every((n, i) => b[i]?.rule === n.rule && b[i]?.label === n.label && b[i]?.reported === n.reported);
}

/** The tooltip of an evidence mark: one line per rule, with the English gloss where there is one. */
export function evidenceTitle(notes: readonly EvidenceNote[]): string {
  return notes.map((n) => `${n.reported ? 'reports ' : ''}${n.label} · ${n.rule}${n.gloss ? ` · “${n.gloss}”` : ''}`).join('\n');
}

/** `low`…`critical` for the badge class; anything else shares a neutral look. */
export function severityClass(severity: string): string {
  return 'severity-' + ((SEVERITIES as readonly string[]).includes(severity) ? severity : 'none');
}

/** `support_offer` → `support offer`. */
export function categoryName(label: string): string {
  return label.replace(/_/g, ' ');
}

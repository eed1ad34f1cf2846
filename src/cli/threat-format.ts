import type { SecondOpinionView, ThreatLabelView, ThreatView } from '../app/threat.presenter.js';
import type { ThreatMeasurement } from '../app/threat-measure.js';

const q = (s: string): string => `“${s.replace(/\s+/g, ' ')}”`;
const list = (xs: readonly string[]): string => (xs.length > 0 ? xs.join(', ') : '—');
const fixed = (x: number | null): string => (x === null ? '  –  ' : x.toFixed(3));

/** The human form of an assessment: score, stance and its reasons, categories with their evidence, targets. */
export function threatLines(t: ThreatView | null): string[] {
  if (!t) return ['no threat assessment stored (run `rasad analyze --pending`)'];
  const out = [`${t.stage_version}, assessed ${t.assessed_at}: score ${t.score} · ${t.severity} · ${t.is_threat ? 'THREAT' : 'not a threat'} · stance ${t.stance}`];
  for (const r of t.reasons) out.push(`  ${r.kind} — ${q(r.text)} [${r.start}–${r.end}] ${r.rule}`);
  const category = (prefix: string, c: ThreatView['categories'][number]): void => {
    out.push(`  ${prefix}${c.label} ${c.score.toFixed(2)}`);
    for (const e of c.evidence) out.push(`      ${q(e.text)} [${e.start}–${e.end}] ${e.rule}${e.gloss ? ` — ${e.gloss}` : ''}`);
  };
  for (const c of t.categories) category('', c);
  for (const c of t.reported) category('reports: ', c);
  for (const g of t.targets) out.push(`  target ${g.type}: ${g.name} [${g.start}–${g.end}]${g.actor_id ? ` (actor ${g.actor_id})` : ''}`);
  return out;
}

/** One line per label, newest first. */
export function labelLines(labels: readonly ThreatLabelView[]): string[] {
  if (labels.length === 0) return ['no labels yet (`rasad threat review <key> --confirm --reason "…"`)'];
  return labels.map((l) => {
    const what = `is_threat ${String(l.is_threat)}, stance ${l.stance}, categories ${list(l.categories)}${l.severity ? `, severity ${l.severity}` : ''}${l.targets.length > 0 ? `, targets ${list(l.targets)}` : ''}`;
    return `  ${l.created_at}  ${l.analyst}  ${l.verdict}: ${what} — ${q(l.reason)}`;
  });
}

/** The human form of `rasad threat measure`. */
export function measurementLines(m: ThreatMeasurement): string[] {
  const c = m.counts;
  if (c.items === 0) return [`${m.stage_version}: no labelled items yet (label some with \`rasad threat review\`)`];
  const t = m.is_threat;
  const out = [
    `${m.stage_version} measured on ${c.items} labelled item${c.items === 1 ? '' : 's'} (${c.confirmed} confirmed, ${c.corrected} corrected; ${c.other_stage_version} judged on another stage version)`,
    `is_threat  accuracy ${fixed(t.accuracy)}  precision ${fixed(t.precision)}  recall ${fixed(t.recall)}  F1 ${fixed(t.f1)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn}, tn ${t.tn})`,
    `stance     accuracy ${fixed(m.stance.accuracy)}  (${m.stance.correct}/${m.stance.total})`,
    '',
    `${'category'.padEnd(15)} ${'P'.padEnd(5)}  ${'R'.padEnd(5)}  ${'F1'.padEnd(5)}  support  tp fp fn`,
  ];
  for (const k of m.categories) {
    out.push(`${k.label.padEnd(15)} ${fixed(k.precision)}  ${fixed(k.recall)}  ${fixed(k.f1)}  ${String(k.support).padStart(7)}  ${k.tp} ${k.fp} ${k.fn}`);
  }
  const micro = m.categories_micro;
  out.push(`${'(all, micro)'.padEnd(15)} ${fixed(micro.precision)}  ${fixed(micro.recall)}  ${fixed(micro.f1)}`);
  out.push('', m.disagreements.length === 0 ? 'no disagreements' : `disagreements (${m.disagreements.length}):`);
  for (const d of m.disagreements) {
    const parts = d.differs.map((f) =>
      f === 'categories' ? `categories: label ${list(d.label.categories)}, now ${list(d.now.categories)}` : `${f}: label ${String(d.label[f])}, now ${String(d.now[f])}`,
    );
    out.push(`  ${d.key}  ${parts.join('; ')}  (now score ${d.now.score})`);
  }
  return out;
}

/** The engine's second opinion, beside the rules' assessment. */
export function secondOpinionLines(s: SecondOpinionView | null): string[] {
  if (!s) return [];
  const what = s.is_threat ? `threat: ${s.categories.join(', ')}` : 'not a threat';
  const lines = ['', `second opinion (${s.engine} ${s.model}): ${what}, stance ${s.stance}, severity ${s.severity}${s.rationale ? ` — ${s.rationale}` : ''}`];
  lines.push(s.agree ? '  agrees with the rules' : `  DISAGREES with the rules (review): ${s.disagreements.join('; ')}`);
  return lines;
}

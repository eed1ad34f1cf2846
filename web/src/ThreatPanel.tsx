import { useEffect, useId, useState } from 'react';
import type { ItemView } from './api.js';
import { ThreatLabelList, ThreatReviewForm } from './ThreatReview.js';
import { textProps } from './text.js';
import { categoryName, type SecondOpinionView, severityClass, type ThreatCategoryView, type ThreatLabelView, type ThreatView } from './threat-view.js';

/** `HIGH 73`: the severity and score of an assessment. */
export function SeverityBadge({ severity, score }: { severity: string; score: number }) {
  return (
    <span className={`badge severity-badge ${severityClass(severity)}`} data-testid="severity-badge" title={`Threat score ${score}/100 · severity ${severity}`}>
      {severity} {score}
    </span>
  );
}

function Evidence({ category, item }: { category: ThreatCategoryView; item: ItemView }) {
  const dir = textProps(item.language, item.script);
  if (category.evidence.length === 0) return null;
  return (
    <ul className="threat-evidence-list">
      {category.evidence.map((e) => (
        <li key={`${e.start}:${e.end}:${e.rule}`}>
          “<bdi {...dir}>{e.text || item.text.slice(e.start, e.end)}</bdi>” <code className="threat-rule">{e.rule}</code>
          {e.gloss && <span className="threat-gloss"> — {e.gloss}</span>}
        </li>
      ))}
    </ul>
  );
}

function Summary({ threat: t, item }: { threat: ThreatView; item: ItemView }) {
  const dir = textProps(item.language, item.script);
  return (
    <>
      <p className="threat-head">
        <SeverityBadge severity={t.severity} score={t.score} />{' '}
        <strong className={t.is_threat ? 'threat-yes' : 'threat-no'} data-testid="threat-verdict">
          {t.is_threat ? 'Threat' : 'Not a threat'}
        </strong>{' '}
        <span className="muted" title={t.assessed_at ? `Assessed ${t.assessed_at}` : undefined}>
          · {t.stage_version || 'threat'}
        </span>
      </p>
      <p className="threat-stance" data-testid="threat-stance">
        Stance <strong>{t.stance}</strong>
        {t.reasons.map((r) => (
          <span key={`${r.kind}:${r.start}`} className="threat-reason" title={r.rule}>
            {' · '}
            {r.kind} — ‘<bdi {...dir}>{r.text || item.text.slice(r.start, r.end)}</bdi>’
          </span>
        ))}
      </p>
      {(t.categories.length > 0 || t.reported.length > 0) && (
        <ul className="threat-categories" data-testid="threat-categories">
          {t.categories.map((c) => (
            <li key={c.label} data-testid="threat-category" data-label={c.label}>
              <span className="threat-cat-name">{categoryName(c.label)}</span> <span className="threat-cat-score">{c.score.toFixed(2)}</span>
              <Evidence category={c} item={item} />
            </li>
          ))}
          {t.reported.map((c) => (
            <li key={`reported:${c.label}`} className="is-reported" data-testid="threat-reported" data-label={c.label} title="Found in words the post reports, quotes, counters or denies">
              <span className="threat-cat-name">reports: {c.label}</span> <span className="threat-cat-score">{c.score.toFixed(2)}</span>
              <Evidence category={c} item={item} />
            </li>
          ))}
        </ul>
      )}
      {t.targets.length > 0 && (
        <ul className="chips threat-targets" data-testid="threat-targets" aria-label="Targets">
          {t.targets.map((g) => (
            <li key={`${g.start}:${g.name}`} className="chip target-chip" title={`${g.type} · “${item.text.slice(g.start, g.end)}”`}>
              <span className="target-type">{g.type}</span> <bdi>{g.name}</bdi>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The threat panel of the item detail: the stage's assessment (score, severity, stance and its
 * reasons, categories with their evidence, targets), the review form and the saved labels.
 */
export function ThreatPanel({ item }: { item: ItemView }) {
  const headingId = useId();
  const [labels, setLabels] = useState<ThreatLabelView[]>(item.threat_labels);
  // A fresh copy of the item (loaded after the list's) brings the server's labels.
  useEffect(() => setLabels(item.threat_labels), [item.threat_labels]);
  return (
    <section className="threat-panel" data-testid="threat-panel" aria-labelledby={headingId}>
      <h3 className="threat-title" id={headingId}>
        Threat assessment
      </h3>
      {item.threat ? <Summary threat={item.threat} item={item} /> : <p className="muted">Not assessed yet (run the analysis, or label it below).</p>}
      {item.threat_second_opinion ? <SecondOpinion opinion={item.threat_second_opinion} /> : null}
      <ThreatReviewForm item={item} onSaved={(label) => setLabels((previous) => [label, ...previous])} />
      <ThreatLabelList labels={labels} />
    </section>
  );
}

/** The engine's second opinion beside the rules' assessment; a disagreement asks for review. */
function SecondOpinion({ opinion }: { opinion: SecondOpinionView }) {
  return (
    <div className={`threat-second${opinion.agree ? '' : ' threat-second-disagrees'}`} data-testid="threat-second-opinion">
      <p>
        <strong>Second opinion</strong> ({opinion.engine} {opinion.model}): {opinion.is_threat ? `threat — ${opinion.categories.join(', ')}` : 'not a threat'}, stance {opinion.stance}, severity {opinion.severity}
        {opinion.rationale ? ` — ${opinion.rationale}` : ''}
      </p>
      {opinion.agree ? <p className="muted">Agrees with the rules.</p> : <p>Disagrees with the rules, please review: {opinion.disagreements.join('; ')}</p>}
    </div>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage, isAbortError, postThreatReview } from './api.js';
import type { ItemView } from './api.js';
import { formatUtc } from './text.js';
import { categoryName, SEVERITIES, STANCES, THREAT_CATEGORIES, type ThreatLabelView, type ThreatReviewBody } from './threat-view.js';
import { rememberAnalyst, rememberedAnalyst } from './analyst.js';


type Status = { state: 'idle' } | { state: 'saving' } | { state: 'saved' } | { state: 'error'; message: string };

interface FormProps {
  item: ItemView;
  onSaved: (label: ThreatLabelView) => void;
}

/**
 * Confirm the assessment as it stands, or correct it (is_threat, stance, categories, severity,
 * targets); a reason is always required. Posts to the API and hands the saved label back.
 */
export function ThreatReviewForm({ item, onSaved }: FormProps) {
  const t = item.threat;
  const id = useId();
  const [mode, setMode] = useState<'confirm' | 'correct'>(t ? 'confirm' : 'correct');
  const [isThreat, setIsThreat] = useState(t?.is_threat ?? false);
  const [stance, setStance] = useState(t?.stance ?? 'unknown');
  const [categories, setCategories] = useState<string[]>(t?.categories.map((c) => c.label) ?? []);
  const [severity, setSeverity] = useState(t?.severity ?? '');
  const [targets, setTargets] = useState(t?.targets.map((g) => g.name).join(', ') ?? '');
  const [reason, setReason] = useState('');
  const [analyst, setAnalyst] = useState(rememberedAnalyst);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const request = useRef<AbortController | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  const toggleThreat = (value: boolean) => {
    setIsThreat(value);
    // The taxonomy: a threat is in the author's own voice and has a severity; a non-threat has no
    // categories and is at most low.
    if (value) {
      setStance('original');
      setSeverity((s) => (s === 'none' ? '' : s));
    } else {
      setCategories([]);
      setSeverity((s) => (s === 'none' || s === 'low' ? s : ''));
    }
  };

  const toggleCategory = (label: string, on: boolean) => {
    setCategories((current) => (on ? [...current.filter((c) => c !== label), label] : current.filter((c) => c !== label)));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const why = reason.trim();
    if (why === '') {
      setStatus({ state: 'error', message: 'A reason is required.' });
      return;
    }
    if (mode === 'correct' && isThreat && categories.length === 0) {
      setStatus({ state: 'error', message: 'A threat needs at least one category.' });
      return;
    }
    const body: ThreatReviewBody =
      mode === 'confirm'
        ? { verdict: 'confirm', reason: why }
        : {
            verdict: 'correct',
            reason: why,
            is_threat: isThreat,
            stance,
            categories: THREAT_CATEGORIES.filter((c) => categories.includes(c)),
            ...(severity ? { severity } : {}),
            targets: targets.split(',').map((s) => s.trim()).filter(Boolean),
          };
    const who = analyst.trim();
    if (who) rememberAnalyst(who);
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    setStatus({ state: 'saving' });
    postThreatReview(item.key, body, who || null, controller.signal).then(
      (label) => {
        setReason('');
        setStatus({ state: 'saved' });
        onSaved(label);
      },
      (error: unknown) => {
        if (!isAbortError(error)) setStatus({ state: 'error', message: errorMessage(error) });
      },
    );
  };

  return (
    <form className="threat-review" data-testid="threat-review-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <p className="threat-review-title" id={`${id}-title`}>
        Review
      </p>
      <div className="threat-review-mode" role="radiogroup" aria-label="Verdict">
        <label>
          <input type="radio" name={`${id}-mode`} value="confirm" checked={mode === 'confirm'} disabled={!t} onChange={() => setMode('confirm')} data-testid="review-confirm" />{' '}
          Confirm
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} value="correct" checked={mode === 'correct'} onChange={() => setMode('correct')} data-testid="review-correct" /> Correct
        </label>
      </div>

      {mode === 'correct' && (
        <fieldset className="threat-correction">
          <legend className="sr-only">Correction</legend>
          <label className="threat-field">
            <input type="checkbox" checked={isThreat} onChange={(e) => toggleThreat(e.currentTarget.checked)} data-testid="review-is-threat" /> Threat (in the
            author’s own voice)
          </label>
          <label className="threat-field">
            Stance{' '}
            <select className="select" value={stance} onChange={(e) => setStance(e.currentTarget.value)} data-testid="review-stance">
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <div className="threat-field threat-category-boxes" role="group" aria-label="Categories">
            {THREAT_CATEGORIES.map((c) => (
              <label key={c} className={isThreat ? undefined : 'muted'}>
                <input
                  type="checkbox"
                  checked={categories.includes(c)}
                  disabled={!isThreat}
                  onChange={(e) => toggleCategory(c, e.currentTarget.checked)}
                  data-testid="review-category"
                  value={c}
                />{' '}
                {categoryName(c)}
              </label>
            ))}
          </div>
          <label className="threat-field">
            Severity{' '}
            <select className="select" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)} data-testid="review-severity">
              <option value="">(not given)</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="threat-field">
            Targets{' '}
            <input className="search-input" value={targets} onChange={(e) => setTargets(e.currentTarget.value)} placeholder="comma-separated, e.g. United States" dir="auto" data-testid="review-targets" />
          </label>
        </fieldset>
      )}

      <label className="threat-field threat-reason-field">
        Reason (required)
        <textarea className="threat-reason-input" value={reason} onChange={(e) => setReason(e.currentTarget.value)} rows={2} dir="auto" required data-testid="review-reason" />
      </label>
      <div className="threat-review-actions">
        <label className="threat-field">
          Analyst{' '}
          <input className="search-input threat-analyst" value={analyst} onChange={(e) => setAnalyst(e.currentTarget.value)} placeholder="analyst" dir="auto" data-testid="review-analyst" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={status.state === 'saving'} data-testid="review-submit">
          {mode === 'confirm' ? 'Confirm assessment' : 'Save correction'}
        </button>
      </div>
      {status.state === 'error' && (
        <p className="error" role="alert" data-testid="review-error">
          {status.message}
        </p>
      )}
      {status.state === 'saved' && (
        <p className="status" role="status">
          Saved.
        </p>
      )}
    </form>
  );
}

function labelSummary(l: ThreatLabelView): string {
  const parts = [l.is_threat ? 'threat' : 'not a threat', `stance ${l.stance}`];
  if (l.categories.length > 0) parts.push(l.categories.map(categoryName).join(', '));
  if (l.severity) parts.push(`severity ${l.severity}`);
  if (l.targets.length > 0) parts.push(`targets ${l.targets.join(', ')}`);
  return parts.join(' · ');
}

/** The saved labels, newest first: who, when, verdict, what they said and why. */
export function ThreatLabelList({ labels }: { labels: ThreatLabelView[] }) {
  if (labels.length === 0) return <p className="muted threat-no-labels">No analyst has reviewed this assessment yet.</p>;
  return (
    <ol className="threat-labels" data-testid="threat-labels" aria-label="Review labels, newest first">
      {labels.map((l) => (
        <li key={l.id} className="threat-label" data-testid="threat-label" data-verdict={l.verdict}>
          <span className={`badge verdict-badge verdict-${l.verdict}`}>{l.verdict === 'confirm' ? 'Confirmed' : 'Corrected'}</span> <bdi className="threat-label-who">{l.analyst}</bdi>{' '}
          <time className="muted" dateTime={l.created_at}>
            {formatUtc(l.created_at)}
          </time>
          <div className="threat-label-what">{labelSummary(l)}</div>
          <div className="threat-label-reason" dir="auto">
            {l.reason}
          </div>
        </li>
      ))}
    </ol>
  );
}

import { useEffect, useId, useState } from 'react';
import { captureContentUrl, errorMessage, fetchEvidence, isAbortError } from './api.js';
import type { CaptureView, EvidenceView, ItemView, ItemVersionView } from './api.js';
import { ClampedText } from './ClampedText.js';
import { formatBytes, livenessClass, reasonText, shortHash } from './liveness-text.js';
import { SensitiveImage } from './SensitiveImage.js';
import { When } from './SourceList.js';
import { plural } from './text.js';

type State = { status: 'loading' } | { status: 'ready'; evidence: EvidenceView } | { status: 'error'; message: string };

const ROLE_LABELS: Record<string, string> = {
  page: 'page the item was read from',
  media: 'attached media',
  article: 'linked article',
  check: 'liveness re-check',
};

const STATE_LABELS: Record<string, string> = {
  unknown: 'not re-checked (imported items are not watched)',
  live: 'still online at the last check',
  suspected: 'missing at the last check, waiting for confirmation',
  gone: 'confirmed gone from the platform',
  restored: 'back online after being gone',
};

function isImage(c: CaptureView): boolean {
  return c.media_type.toLowerCase().startsWith('image/');
}

function Hash({ hash }: { hash: string }) {
  const [copied, setCopied] = useState(false);
  if (!hash) return <span className="muted">—</span>;
  return (
    <>
      <code className="evidence-hash" title={`SHA-256 ${hash}`} data-testid="capture-sha256" data-sha256={hash}>
        {shortHash(hash)}
      </code>{' '}
      <button
        type="button"
        className="btn btn-small"
        title="Copy the full SHA-256"
        onClick={() => {
          navigator.clipboard.writeText(hash).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </>
  );
}

/** Why a capture has no trusted time yet: the failed requests, the next try, the last error. */
function TimestampRetry({ retry }: { retry: NonNullable<CaptureView['timestamp_retry']> }) {
  return (
    <span className="muted" data-testid="capture-timestamp-retry" title={retry.error ?? undefined}>
      {' '}
      · {plural(retry.attempts, 'failed request', 'failed requests')}
      {retry.next_at ? (
        <>
          , next try <When iso={retry.next_at} />
        </>
      ) : (
        ', given up'
      )}
    </span>
  );
}

function Capture({ capture: c }: { capture: CaptureView }) {
  const href = captureContentUrl(c.id);
  return (
    <li className="evidence-capture" data-testid="capture" data-capture-id={c.id} data-role={c.role}>
      <div className="evidence-capture-head">
        <span className="badge kind-badge" title={ROLE_LABELS[c.role] ?? c.role}>
          {c.role}
        </span>
        <When iso={c.captured_at} />
        <span className="muted">
          {c.media_type}
          {c.size !== null && ` · ${formatBytes(c.size)}`}
          {c.http_status !== null && ` · HTTP ${c.http_status}`}
        </span>
        <a className="evidence-view" href={href} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer" data-testid="capture-view">
          view preserved copy ↗
        </a>
      </div>
      <dl className="evidence-facts">
        <dt>SHA-256</dt>
        <dd>
          <Hash hash={c.sha256} />
        </dd>
        <dt>WARC</dt>
        <dd data-testid="capture-warc">
          {c.warc ? (
            <code title={c.warc.length !== null ? `${c.warc.length} bytes` : undefined}>
              {c.warc.file}#{c.warc.offset}
            </code>
          ) : (
            <span className="muted">not in a WARC file</span>
          )}
        </dd>
        <dt>Trusted time</dt>
        <dd data-testid="capture-timestamp">
          {c.timestamp ? (
            <>
              <When iso={c.timestamp.at} />
              {c.timestamp.tsa && (
                <span className="muted">
                  {' '}
                  · <bdi>{c.timestamp.tsa}</bdi>
                </span>
              )}
            </>
          ) : (
            <>
              <span className="evidence-untimed">no trusted timestamp</span>
              {c.timestamp_retry && <TimestampRetry retry={c.timestamp_retry} />}
            </>
          )}
        </dd>
        <dt>Origin</dt>
        <dd>
          {/* Text, not a link: opening it would contact the platform. */}
          <code className="evidence-origin" dir="ltr" title={c.method}>
            {c.origin}
          </code>
        </dd>
        {c.phash && (
          <>
            <dt>Perceptual hash</dt>
            <dd>
              <code>{c.phash}</code>
            </dd>
          </>
        )}
      </dl>
      {isImage(c) && (
        <div className="media-images">
          <SensitiveImage src={href} external={false} host={window.location.host} label={`${c.role} capture ${c.media_type}`} width={null} height={null} />
        </div>
      )}
    </li>
  );
}

function Versions({ item, versions }: { item: ItemView; versions: ItemVersionView[] }) {
  const columns = [
    { id: 'original', label: 'Original', when: item.collected_at, whenLabel: 'as collected', title: item.title, text: item.text },
    ...versions.map((v) => ({
      id: `v${v.version}`,
      label: `Version ${v.version}`,
      when: v.edited_at ?? v.seen_at,
      whenLabel: v.edited_at ? 'edited' : 'seen',
      title: v.title,
      text: v.text,
    })),
  ];
  return (
    <div className="evidence-versions" data-testid="evidence-versions">
      {columns.map((c) => (
        <div key={c.id} className="text-col evidence-version" role="group" aria-label={c.label} data-testid="evidence-version" data-version={c.id}>
          <p className="text-col-label">
            {c.label} · {c.whenLabel} <When iso={c.when} />
          </p>
          {c.title && (
            <p className="evidence-version-title" dir="auto">
              {c.title}
            </p>
          )}
          <ClampedText text={c.text} language={item.language} script={item.script} lines={0} testId="version-text" />
        </div>
      ))}
    </div>
  );
}

/**
 * An item's evidence: whether it is still online (and every re-check), the captures it rests on
 * (hashes, WARC records, trusted timestamps, a sandboxed view of each), and the edits seen after
 * collection beside the original.
 */
export function EvidencePanel({ item }: { item: ItemView }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const headingId = useId();

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchEvidence(item.key, controller.signal).then(
      (evidence) => setState({ status: 'ready', evidence }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [item.key, attempt]);

  return (
    <section className="threat-panel evidence-panel" data-testid="evidence-panel" aria-labelledby={headingId}>
      <h3 className="threat-title" id={headingId}>
        Evidence
      </h3>
      {state.status === 'loading' && (
        <p className="status" role="status">
          Loading evidence…
        </p>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load the evidence.</strong> {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && <EvidenceBody item={item} evidence={state.evidence} />}
    </section>
  );
}

function EvidenceBody({ item, evidence: e }: { item: ItemView; evidence: EvidenceView }) {
  const l = e.liveness;
  return (
    <>
      <p className="evidence-liveness" data-testid="evidence-liveness" data-state={l.state}>
        <span className={livenessClass(l.state)} title={STATE_LABELS[l.state]}>
          {l.state}
        </span>{' '}
        {l.reason ? (
          <span className="gone-reason" title={l.reason} data-testid="evidence-liveness-reason">
            {reasonText(l.reason)}
          </span>
        ) : (
          <span className="muted">{STATE_LABELS[l.state] ?? ''}</span>
        )}
        {l.gone_at && (
          <span className="muted">
            {' '}
            · gone <When iso={l.gone_at} />
          </span>
        )}
        {l.checked_at && (
          <span className="muted">
            {' '}
            · last checked <When iso={l.checked_at} />
          </span>
        )}
      </p>

      {l.history.length > 0 && (
        <details className="evidence-history" open={l.history.length <= 6} data-testid="evidence-history">
          <summary>{plural(l.history.length, 'check', 'checks')}</summary>
          <ol className="plain-list">
            {l.history.map((h, i) => (
              <li key={`${h.checked_at}:${i}`} data-testid="evidence-check" data-verdict={h.verdict}>
                <When iso={h.checked_at} /> <span className={livenessClass(h.verdict)}>{h.verdict}</span>{' '}
                <span title={h.reason}>{reasonText(h.reason)}</span>
                {h.http_status !== null && <span className="muted"> · HTTP {h.http_status}</span>}
                {h.capture_id && (
                  <>
                    {' '}
                    ·{' '}
                    <a href={captureContentUrl(h.capture_id)} target="_blank" rel="noopener noreferrer" referrerPolicy="no-referrer">
                      the platform’s answer ↗
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}

      {e.captures.length === 0 ? (
        <p className="muted" data-testid="evidence-no-captures">
          No capture is linked to this item.
        </p>
      ) : (
        <>
          <p className="evidence-note muted">
            {plural(e.captures.length, 'capture', 'captures')}. A preserved copy opens in a sandbox: no scripts run and nothing is fetched from the platform. Each
            view is recorded in the custody log.
          </p>
          <ul className="evidence-captures" data-testid="evidence-captures">
            {e.captures.map((c) => (
              <Capture key={`${c.id}:${c.role}`} capture={c} />
            ))}
          </ul>
        </>
      )}

      {e.versions.length > 0 && (
        <>
          <h3 className="threat-review-title evidence-subhead">Edits ({plural(e.versions.length, 'later version', 'later versions')})</h3>
          <Versions item={item} versions={e.versions} />
        </>
      )}
    </>
  );
}

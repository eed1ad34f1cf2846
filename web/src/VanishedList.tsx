import { useEffect, useId, useState } from 'react';
import { errorMessage, fetchVanished, isAbortError } from './api.js';
import type { Vanished, VanishedItemView } from './api.js';
import { isPlainClick } from './ActorNav.js';
import { ClampedText } from './ClampedText.js';
import { livenessClass, reasonText, statusClass } from './liveness-text.js';
import { SourceLabel } from './SourceLabel.js';
import { When } from './SourceList.js';
import { plural, withAt } from './text.js';

const LIMIT = 500;

interface Props {
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
}

type State = { status: 'loading' } | { status: 'ready'; data: Vanished } | { status: 'error'; message: string };

/** A reason code in words, the code itself in the title. */
export function ReasonLabel({ reason, testId }: { reason: string | null; testId?: string }) {
  if (!reason) return <span className="muted">no reason recorded</span>;
  return (
    <span className="gone-reason" title={reason} data-testid={testId} data-reason={reason}>
      {reasonText(reason)}
    </span>
  );
}

function GoneItem({ item, hrefFor, onOpen }: { item: VanishedItemView } & Props) {
  return (
    <li className="event-row gone-row" data-testid="vanished-item" data-key={item.key}>
      <div className="event-row-head">
        {item.source ? <SourceLabel source={item.source} /> : <span className="muted">unknown source</span>}
        <span className={livenessClass('gone')}>gone</span>
        <ReasonLabel reason={item.reason} testId="vanished-reason" />
        <a
          className="gone-open"
          href={hrefFor(item.key)}
          data-testid="vanished-open"
          title="Open the item with its evidence"
          onClick={(event) => {
            if (!isPlainClick(event)) return;
            event.preventDefault();
            onOpen(item.key);
          }}
        >
          <code>{item.key}</code>
        </a>
      </div>
      <ClampedText text={item.text} language={null} script={null} lines={3} testId="vanished-text" />
      <div className="event-row-meta muted">
        <span>
          gone <When iso={item.gone_at} />
        </span>
        <span>
          published <When iso={item.published_at} />
        </span>
        <span>
          collected <When iso={item.collected_at} />
        </span>
      </div>
    </li>
  );
}

/** Items and sources confirmed gone from their platform, most recently vanished first. */
export function VanishedList({ hrefFor, onOpen }: Props) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const headingId = useId();
  const sourcesId = useId();

  useEffect(() => {
    document.title = 'Vanished — Rasad';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchVanished(LIMIT, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <section className="ops-page" data-testid="vanished-page" aria-labelledby={headingId}>
      <div className="actor-index-head">
        <h2 className="actor-index-title" id={headingId}>
          Vanished{' '}
          {state.status === 'ready' && (
            <span className="muted" data-testid="vanished-count">
              {plural(state.data.items.length, 'item', 'items')} · {plural(state.data.sources.length, 'source', 'sources')}
            </span>
          )}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)} title="Reload from the server">
          Refresh
        </button>
      </div>
      <p className="ops-note muted">
        Deleted posts, suspended accounts and removed pages, confirmed by repeated checks. What was collected stays here with its evidence: open an item to see the
        captures and the checks.
      </p>

      {state.status === 'loading' && (
        <p className="status" role="status">
          Loading…
        </p>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load what vanished.</strong> {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && (
        <>
          {state.data.items.length === 0 ? (
            <div className="empty">
              <p>No collected item has vanished (imports are never re-checked).</p>
            </div>
          ) : (
            <ul className="event-list" data-testid="vanished-items" aria-label="Vanished items">
              {state.data.items.map((item) => (
                <GoneItem key={item.key} item={item} hrefFor={hrefFor} onOpen={onOpen} />
              ))}
            </ul>
          )}

          <h3 className="actor-section-title ops-subhead" id={sourcesId}>
            Sources gone
          </h3>
          {state.data.sources.length === 0 ? (
            <p className="muted">No watched source has gone.</p>
          ) : (
            <ul className="event-list" data-testid="vanished-sources" aria-labelledby={sourcesId}>
              {state.data.sources.map((s) => (
                <li key={s.id} className="event-row" data-testid="vanished-source" data-source-id={s.id}>
                  <div className="event-row-head">
                    <SourceLabel source={s} />
                    <bdi className="muted">{withAt(s.handle)}</bdi>
                    <span className={statusClass('gone')}>gone</span>
                    <ReasonLabel reason={s.reason} testId="vanished-source-reason" />
                  </div>
                  <div className="event-row-meta muted">
                    <span>
                      gone <When iso={s.gone_at} />
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

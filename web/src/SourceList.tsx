import { useEffect, useId, useState } from 'react';
import type { MouseEvent } from 'react';
import { errorMessage, fetchDiscoveries, fetchSources, isAbortError } from './api.js';
import type { DiscoveryStatus, DiscoveryView, WatchedSourceView } from './api.js';
import { isPlainClick } from './ActorNav.js';
import { reasonText, statusClass } from './liveness-text.js';
import { SourceLabel } from './SourceLabel.js';
import { formatCount, formatUtc, plural, sourceKindLabel, withAt } from './text.js';

interface Props {
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
}

type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; message: string };

/** A time as `24 Nov 2026, 09:00 UTC`, the exact value in a title; a dash when there is none. */
export function When({ iso, testId }: { iso: string | null; testId?: string }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={iso} data-testid={testId}>
      {formatUtc(iso)}
    </time>
  );
}

/** A status badge (active, paused, quarantined, gone) with its reason in words. */
export function StatusBadge({ status, reason }: { status: string; reason: string | null }) {
  const words = reasonText(reason);
  return (
    <span className="status-cell">
      <span className={statusClass(status)} data-testid="source-status" title={reason ?? undefined}>
        {status}
      </span>
      {words && (
        <span className="status-reason muted" title={reason ?? undefined}>
          {words}
        </span>
      )}
    </span>
  );
}

function ItemKeyLink({ itemKey, hrefFor, onOpen }: { itemKey: string; hrefFor: (key: string) => string; onOpen: (key: string) => void }) {
  return (
    <a
      href={hrefFor(itemKey)}
      title="Open this item"
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        onOpen(itemKey);
      }}
    >
      <code>{itemKey}</code>
    </a>
  );
}

function SourceRow({ s }: { s: WatchedSourceView }) {
  return (
    <tr data-testid="source-row" data-source-id={s.id} data-status={s.status}>
      <td className="ops-source">
        <SourceLabel source={s} />
        <div className="ops-handle muted">
          <bdi>{s.handle ? withAt(s.handle) : '(no handle)'}</bdi>
          {!s.monitored && <span className="badge kind-badge ops-unwatched">not watched</span>}
        </div>
      </td>
      <td>
        <StatusBadge status={s.status} reason={s.status_reason} />
      </td>
      <td>
        <When iso={s.last_success} />
      </td>
      <td className="ops-error">
        {s.last_error ? (
          <>
            <span className="ops-error-text" title={s.last_error} dir="auto">
              {reasonText(s.last_error)}
            </span>
            <span className="muted">
              {' '}
              · <When iso={s.last_error_at} />
              {s.errors_in_a_row > 0 && <> · {plural(s.errors_in_a_row, 'error', 'errors')} in a row</>}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="num" data-testid="source-items">
        {formatCount(s.items)}
      </td>
      <td className="num" data-testid="source-items-day">
        {formatCount(s.items_last_day)}
      </td>
      <td>{s.status === 'paused' || !s.monitored ? <span className="muted">—</span> : <When iso={s.next_poll} />}</td>
    </tr>
  );
}

function DiscoveryRow({ d, hrefFor, onOpen }: { d: DiscoveryView } & Props) {
  const kind = sourceKindLabel(d.kind);
  return (
    <tr data-testid="discovery-row" data-handle={d.handle}>
      <td>
        <abbr className={`source-kind source-kind-${d.kind}`} title={kind.name}>
          {kind.short}
        </abbr>{' '}
        <bdi className="ops-discovered-handle">{withAt(d.handle)}</bdi>
        {d.status !== 'pending' && (
          <span className="badge kind-badge" title={[d.decided_by, d.decided_at, d.reason].filter(Boolean).join(' · ')}>
            {d.status}
          </span>
        )}
      </td>
      <td>
        <span className="badge kind-badge">{d.how}</span>
        {d.depth > 1 && <span className="muted"> · {d.depth} hops away</span>}
      </td>
      <td className="num" data-testid="discovery-seen">
        {formatCount(d.seen_count)}×
      </td>
      <td>
        <When iso={d.last_seen_at} />
      </td>
      <td className="ops-via">
        {d.via_item_key ? <ItemKeyLink itemKey={d.via_item_key} hrefFor={hrefFor} onOpen={onOpen} /> : <span className="muted">—</span>}
        {d.via_source && (
          <div className="muted">
            in <SourceLabel source={d.via_source} />
          </div>
        )}
      </td>
    </tr>
  );
}

/**
 * Watched sources with their collection health, then the queue of channels and accounts seen in
 * collected items. Read-only: adding, pausing, promoting and dismissing are done with the CLI.
 */
export function SourceList({ hrefFor, onOpen }: Props) {
  const [all, setAll] = useState(false);
  const [queue, setQueue] = useState<DiscoveryStatus>('pending');
  const [sources, setSources] = useState<Load<WatchedSourceView[]>>({ status: 'loading' });
  const [found, setFound] = useState<Load<DiscoveryView[]>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const headingId = useId();
  const queueId = useId();
  const queueSelectId = useId();

  useEffect(() => {
    document.title = 'Sources — Rasad';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setSources({ status: 'loading' });
    fetchSources(all, controller.signal).then(
      (data) => setSources({ status: 'ready', data }),
      (error: unknown) => {
        if (!isAbortError(error)) setSources({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [all, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    setFound({ status: 'loading' });
    fetchDiscoveries(queue, controller.signal).then(
      (data) => setFound({ status: 'ready', data }),
      (error: unknown) => {
        if (!isAbortError(error)) setFound({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [queue, attempt]);

  const counts = sources.status === 'ready' ? sources.data.reduce<Record<string, number>>((c, s) => ({ ...c, [s.status]: (c[s.status] ?? 0) + 1 }), {}) : {};

  return (
    <section className="ops-page" data-testid="sources-page" aria-labelledby={headingId}>
      <div className="actor-index-head">
        <h2 className="actor-index-title" id={headingId}>
          Sources{' '}
          {sources.status === 'ready' && (
            <span className="muted" data-testid="source-count">
              {plural(sources.data.length, 'source', 'sources')}
              {Object.entries(counts)
                .filter(([status]) => status !== 'active')
                .map(([status, n]) => ` · ${formatCount(n)} ${status}`)
                .join('')}
            </span>
          )}
        </h2>
        <label className="threat-filter" title="Also list the sources imports created, which are not polled">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="sources-all" /> Include imported sources
        </label>
        <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)} title="Reload from the server">
          Refresh
        </button>
      </div>
      <p className="ops-note muted">
        Read-only for now: add, pause, resume or remove sources with the <code>rasad sources</code> commands.
      </p>

      {sources.status === 'loading' && (
        <p className="status" role="status">
          Loading sources…
        </p>
      )}
      {sources.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load sources.</strong> {sources.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      {sources.status === 'ready' && sources.data.length === 0 && (
        <div className="empty">
          <p>No source is watched yet. Start with <code>rasad sources add telegram:NAME</code> and <code>rasad collect</code>.</p>
        </div>
      )}
      {sources.status === 'ready' && sources.data.length > 0 && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="source-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
                <th scope="col">Last success</th>
                <th scope="col">Last error</th>
                <th scope="col" className="num">
                  Items
                </th>
                <th scope="col" className="num">
                  Last 24 h
                </th>
                <th scope="col">Next poll</th>
              </tr>
            </thead>
            <tbody>
              {sources.data.map((s) => (
                <SourceRow key={s.id} s={s} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="actor-index-head ops-section-head">
        <h2 className="actor-index-title" id={queueId}>
          Discovered{' '}
          {found.status === 'ready' && (
            <span className="muted" data-testid="discovery-count">
              {plural(found.data.length, 'handle', 'handles')}
            </span>
          )}
        </h2>
        <label className="source-filter ops-filter" htmlFor={queueSelectId}>
          <span className="filter-label">Show</span>
          <select id={queueSelectId} className="select ops-select" value={queue} onChange={(e) => setQueue(e.target.value as DiscoveryStatus)} data-testid="discovery-status">
            <option value="pending">pending</option>
            <option value="promoted">promoted</option>
            <option value="dismissed">dismissed</option>
            <option value="all">all</option>
          </select>
        </label>
      </div>
      <p className="ops-note muted" data-testid="discovery-note">
        Channels and accounts seen in collected posts (forwards, mentions, links), most often seen first. Review them here; promoting and dismissing stay in the
        CLI for now: <code>rasad sources add telegram:NAME</code> promotes a handle, <code>rasad sources discovered</code> lists the queue.
      </p>
      {found.status === 'loading' && (
        <p className="status" role="status">
          Loading the discovery queue…
        </p>
      )}
      {found.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load the discovery queue.</strong> {found.message}
        </div>
      )}
      {found.status === 'ready' && found.data.length === 0 && (
        <div className="empty">
          <p>{queue === 'pending' ? 'Nothing waits for review.' : `No ${queue === 'all' ? '' : queue + ' '}handles.`}</p>
        </div>
      )}
      {found.status === 'ready' && found.data.length > 0 && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="discovery-table" aria-labelledby={queueId}>
            <thead>
              <tr>
                <th scope="col">Handle</th>
                <th scope="col">Seen as</th>
                <th scope="col" className="num">
                  Seen
                </th>
                <th scope="col">Last seen</th>
                <th scope="col">Via</th>
              </tr>
            </thead>
            <tbody>
              {found.data.map((d) => (
                <DiscoveryRow key={d.id || `${d.kind}:${d.handle}`} d={d} hrefFor={hrefFor} onOpen={onOpen} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

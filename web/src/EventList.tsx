import { createContext, useContext, useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { errorMessage, fetchEvents, isAbortError } from './api.js';
import type { EventSummary } from './api.js';
import { ActorLink, isPlainClick } from './ActorNav.js';
import { LanguageBadge } from './LanguageBadge.js';
import { SeverityBadge } from './ThreatPanel.js';
import { formatCount, formatUtc, plural } from './text.js';

const PAGE = 50;

// How any component (an item card, a timeline row) links to an event page without threading
// callbacks through every list: App provides the URL builder and the in-page navigation once.

export interface EventNav {
  /** `?event=<id>`: for middle-click, copy and the address bar. */
  href: (id: string) => string;
  /** Show the event page in place (pushes a history entry). */
  open: (id: string) => void;
}

export const EventNavContext = createContext<EventNav | null>(null);

interface LinkProps {
  id: string;
  children: ReactNode;
  className?: string;
  title?: string;
  testId?: string;
}

/** A link to an event page (plain text when no navigation is provided). */
export function EventLink({ id, children, className, title, testId }: LinkProps) {
  const nav = useContext(EventNavContext);
  if (!nav) return <span className={className}>{children}</span>;
  return (
    <a
      href={nav.href(id)}
      className={className}
      title={title}
      data-testid={testId}
      data-event-id={id}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        nav.open(id);
      }}
    >
      {children}
    </a>
  );
}

/** `0.85` → `85%`; null when the clusterer gave none. */
export function formatConfidence(confidence: number | null): string | null {
  if (confidence === null) return null;
  return `${Math.round(confidence * 100)}%`;
}

/** The anomalies of an event, flagged for the analyst to look at. */
export function Anomalies({ anomalies }: { anomalies: string[] }) {
  if (anomalies.length === 0) return null;
  return (
    <ul className="event-anomalies" data-testid="event-anomalies" aria-label="Anomalies">
      {anomalies.map((a) => (
        <li key={a} className="event-anomaly" dir="auto">
          <span aria-hidden="true">⚠</span> {a}
        </li>
      ))}
    </ul>
  );
}

/** The actors named across an event's members, linking to their pages. */
export function EventActors({ actors }: { actors: EventSummary['actors'] }) {
  if (actors.length === 0) return null;
  return (
    <ul className="event-actors" aria-label="Actors">
      {actors.map((a) => (
        <li key={a.id}>
          <ActorLink id={a.id} className="event-actor" testId="event-actor">
            <bdi>{a.name}</bdi>
          </ActorLink>
        </li>
      ))}
    </ul>
  );
}

/** Language badges of an event's members. */
export function EventLanguages({ languages }: { languages: string[] }) {
  if (languages.length === 0) return <span className="muted">no language</span>;
  return (
    <span className="event-languages" aria-label="Languages">
      {languages.map((l) => (
        <LanguageBadge key={l} language={l} confidence={null} />
      ))}
    </span>
  );
}

function EventRow({ event: e }: { event: EventSummary }) {
  return (
    <li className="event-row" data-testid="event-row" data-event-id={e.id}>
      <div className="event-row-head">
        <EventLink id={e.id} className="event-row-title" testId="event-link">
          <bdi dir="auto">{e.title || e.id}</bdi>
        </EventLink>
        {e.threat && <SeverityBadge severity={e.threat.severity} score={e.threat.score} />}
        {e.anomalies.length > 0 && (
          <span className="badge anomaly-badge" data-testid="anomaly-badge" title={e.anomalies.join('\n')}>
            ⚠ {plural(e.anomalies.length, 'anomaly', 'anomalies')}
          </span>
        )}
      </div>
      <div className="event-row-meta">
        <span data-testid="event-counts">
          {plural(e.members.length, 'item', 'items')} · {plural(e.sources, 'independent source', 'independent sources')}
        </span>
        <EventLanguages languages={e.languages} />
        {e.first && (
          <span className="event-row-first muted" title={e.first.why}>
            first <code className="key">{e.first.key}</code>
            {e.first.published_at && (
              <>
                {' '}
                at <time dateTime={e.first.published_at}>{formatUtc(e.first.published_at)}</time>
              </>
            )}
          </span>
        )}
      </div>
      <EventActors actors={e.actors} />
      <Anomalies anomalies={e.anomalies} />
    </li>
  );
}

type State =
  | { status: 'loading' }
  | { status: 'ready'; events: EventSummary[]; total: number; loadingMore: boolean; moreError: string | null }
  | { status: 'error'; message: string };

/** Events, most recently first seen first: each happening once, however many sources reported it. */
export function EventList() {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const headingId = useId();

  useEffect(() => {
    document.title = 'Events — Rasad';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ status: 'loading' });
    fetchEvents({ limit: PAGE }, controller.signal).then(
      (page) => setState({ status: 'ready', events: page.events, total: page.total, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const loadMore = () => {
    if (state.status !== 'ready' || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current?.abort();
    moreController.current = controller;
    const offset = state.events.length;
    setState({ ...state, loadingMore: true, moreError: null });
    fetchEvents({ limit: PAGE, offset }, controller.signal).then(
      (page) =>
        setState((s) => {
          if (s.status !== 'ready') return s;
          const seen = new Set(s.events.map((e) => e.id));
          return { ...s, events: [...s.events, ...page.events.filter((e) => !seen.has(e.id))], total: page.total, loadingMore: false };
        }),
      (error: unknown) => {
        if (!isAbortError(error)) setState((s) => (s.status === 'ready' ? { ...s, loadingMore: false, moreError: errorMessage(error) } : s));
      },
    );
  };

  return (
    <section className="event-index" data-testid="event-index" aria-labelledby={headingId}>
      <div className="actor-index-head">
        <h2 className="actor-index-title" id={headingId}>
          Events{' '}
          {state.status === 'ready' && (
            <span className="muted" data-testid="event-count">
              {plural(state.total, 'event', 'events')}
            </span>
          )}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)} title="Reload from the server">
          Refresh
        </button>
      </div>

      {state.status === 'loading' && (
        <p className="status" role="status">
          Loading events…
        </p>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load events.</strong> {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && state.events.length === 0 && (
        <div className="empty">
          <p>No events yet. Items reported by more than one post are grouped on import (or with `rasad events update`).</p>
        </div>
      )}
      {state.status === 'ready' && state.events.length > 0 && (
        <ul className="event-list" data-testid="event-list" aria-labelledby={headingId}>
          {state.events.map((e) => (
            <EventRow key={e.id} event={e} />
          ))}
        </ul>
      )}
      {state.status === 'ready' && state.moreError !== null && (
        <div className="error" role="alert">
          <strong>Could not load more.</strong> {state.moreError}
        </div>
      )}
      {state.status === 'ready' && state.events.length < state.total && (
        <div className="load-more-row">
          <button type="button" className="btn load-more" onClick={loadMore} disabled={state.loadingMore}>
            {state.loadingMore ? 'Loading…' : `Load more (${formatCount(state.total - state.events.length)} left)`}
          </button>
        </div>
      )}
    </section>
  );
}

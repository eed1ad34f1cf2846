import { useEffect, useId, useRef, useState } from 'react';
import { DetailError, DetailLoading, IndexLink } from './DetailStatus.js';
import type { FormEvent } from 'react';
import { ApiError, errorMessage, fetchEvent, isAbortError, mergeEvents, splitEvent } from './api.js';
import type { EventDetail as EventData } from './api.js';
import { isPlainClick } from './ActorNav.js';
import { Anomalies, EventActors, EventLanguages, EventLink, formatConfidence } from './EventList.js';
import { EventTimeline } from './EventTimeline.js';
import { SeverityBadge } from './ThreatPanel.js';
import { formatUtc, plural, sourceKindLabel } from './text.js';
import { rememberAnalyst, rememberedAnalyst } from './analyst.js';


interface Props {
  eventId: string;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  /** Link back to the events list. */
  indexHref: string;
  onIndex: () => void;
  /** Show another event in place of this one (after a merge moved it): replaces the history entry. */
  onReplace: (id: string) => void;
}

type State = { status: 'loading' } | { status: 'ready'; event: EventData } | { status: 'error'; message: string; notFound: boolean };
type Status = { state: 'idle' } | { state: 'saving' } | { state: 'done'; message: string; link: string | null } | { state: 'error'; message: string };

function StatusLine({ status, testId }: { status: Status; testId: string }) {
  if (status.state === 'error') {
    return (
      <p className="error" role="alert" data-testid={`${testId}-error`}>
        {status.message}
      </p>
    );
  }
  if (status.state === 'done') {
    return (
      <p className="status" role="status" data-testid={`${testId}-done`}>
        {status.message}
        {status.link && (
          <>
            {' '}
            <EventLink id={status.link} testId={`${testId}-link`}>
              Open it
            </EventLink>
          </>
        )}
      </p>
    );
  }
  return null;
}

/**
 * One event: its title, the item that posted first with why and how sure, sources, languages,
 * actors, the highest threat and anomalies; then the timeline of its members by time. Analysts
 * can split selected members off, or merge the event with another, always with a reason.
 */
export function EventDetail({ eventId, hrefFor, onOpen, indexHref, onIndex, onReplace }: Props) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [splitReason, setSplitReason] = useState('');
  const [mergeWith, setMergeWith] = useState('');
  const [mergeReason, setMergeReason] = useState('');
  const [analyst, setAnalyst] = useState(rememberedAnalyst);
  const [splitStatus, setSplitStatus] = useState<Status>({ state: 'idle' });
  const [mergeStatus, setMergeStatus] = useState<Status>({ state: 'idle' });
  const request = useRef<AbortController | null>(null);
  const headingId = useId();
  const timelineId = useId();
  const id = useId();

  useEffect(() => () => request.current?.abort(), []);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => (s.status === 'ready' && s.event.id === eventId ? s : { status: 'loading' }));
    fetchEvent(eventId, controller.signal).then(
      (event) => {
        setState({ status: 'ready', event });
        // Keep only selections that are still members.
        setSelected((current) => new Set([...current].filter((k) => event.members.includes(k))));
      },
      (error: unknown) => {
        if (isAbortError(error)) return;
        const notFound = error instanceof ApiError && error.status === 404;
        setState({ status: 'error', message: errorMessage(error), notFound });
      },
    );
    return () => controller.abort();
  }, [eventId, attempt]);

  // A different event starts with nothing selected and no old messages.
  useEffect(() => {
    setSelected(new Set());
    setSplitStatus({ state: 'idle' });
    setMergeStatus((s) => (s.state === 'done' ? s : { state: 'idle' }));
    window.scrollTo({ top: 0 });
  }, [eventId]);

  useEffect(() => {
    if (state.status === 'ready') document.title = `Event: ${state.event.title || state.event.id} — Rasad`;
  }, [state]);

  if (state.status === 'loading') return <DetailLoading page="event-page" noun="event" />;
  if (state.status === 'error') {
    return (
      <DetailError
        page="event-page"
        noun="event"
        message={state.message}
        notFound={state.notFound}
        onRetry={() => setAttempt((n) => n + 1)}
        back={<IndexLink href={indexHref} onIndex={onIndex} label="All events" />}
      />
    );
  }

  const event = state.event;
  const first = event.first;
  const firstEntry = first ? event.timeline.find((t) => t.key === first.key) : undefined;
  const confidence = first ? formatConfidence(first.confidence) : null;
  const who = analyst.trim() || null;
  const busy = splitStatus.state === 'saving' || mergeStatus.state === 'saving';

  const begin = (): AbortSignal => {
    request.current?.abort();
    const controller = new AbortController();
    request.current = controller;
    if (who) rememberAnalyst(who);
    return controller.signal;
  };

  const submitSplit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const keys = event.timeline.map((t) => t.key).filter((k) => selected.has(k));
    const why = splitReason.trim();
    const problem =
      keys.length === 0 ? 'Select the items to split off.' : keys.length >= event.timeline.length ? 'Leave at least one item in the event.' : why === '' ? 'A reason is required.' : null;
    if (problem !== null) {
      setSplitStatus({ state: 'error', message: problem });
      return;
    }
    setSplitStatus({ state: 'saving' });
    splitEvent(event.id, keys, why, who, begin()).then(
      (into) => {
        setSplitReason('');
        setSelected(new Set());
        setSplitStatus({
          state: 'done',
          message: into ? `Split off ${plural(keys.length, 'item', 'items')} into a new event of ${plural(into.members.length, 'item', 'items')}.` : `Split off ${plural(keys.length, 'item', 'items')}; they now stand alone.`,
          link: into?.id ?? null,
        });
        setAttempt((n) => n + 1);
      },
      (error: unknown) => {
        if (!isAbortError(error)) setSplitStatus({ state: 'error', message: errorMessage(error) });
      },
    );
  };

  const submitMerge = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const other = mergeWith.trim();
    const why = mergeReason.trim();
    const problem = other === '' ? 'Give the id of the event to merge with (or the key of one of its items).' : why === '' ? 'A reason is required.' : null;
    if (problem !== null) {
      setMergeStatus({ state: 'error', message: problem });
      return;
    }
    setMergeStatus({ state: 'saving' });
    mergeEvents([event.id, other], why, who, begin()).then(
      (merged) => {
        setMergeWith('');
        setMergeReason('');
        setMergeStatus({ state: 'done', message: `Merged: the event now holds ${plural(merged.members.length, 'item', 'items')}.`, link: null });
        setState({ status: 'ready', event: merged });
        if (merged.id !== event.id) onReplace(merged.id);
      },
      (error: unknown) => {
        if (!isAbortError(error)) setMergeStatus({ state: 'error', message: errorMessage(error) });
      },
    );
  };

  return (
    <article className="event-page" data-testid="event-page" data-event-id={event.id} aria-labelledby={headingId}>
      <p className="actor-crumbs">
        <IndexLink href={indexHref} onIndex={onIndex} label="All events" />
      </p>

      <header className="event-head card">
        <div className="actor-title-row">
          <h2 className="event-title" id={headingId} data-testid="event-title" dir="auto">
            {event.title || event.id}
          </h2>
          {event.threat && <SeverityBadge severity={event.threat.severity} score={event.threat.score} />}
        </div>
        <p className="event-stats">
          <span data-testid="event-counts">
            {plural(event.members.length, 'item', 'items')} · {plural(event.sources, 'independent source', 'independent sources')}
          </span>{' '}
          <EventLanguages languages={event.languages} /> <code className="key" title="Event id">{event.id}</code>
        </p>
        {first && (
          <div className="event-first" data-testid="event-first" data-key={first.key}>
            <p className="event-first-line">
              <span className="actor-label">First</span>{' '}
              {firstEntry && (
                <span className="source">
                  <abbr className={`source-kind source-kind-${firstEntry.platform}`} title={sourceKindLabel(firstEntry.platform).name}>
                    {sourceKindLabel(firstEntry.platform).short}
                  </abbr>
                  <bdi className="source-name">{firstEntry.author ?? firstEntry.source}</bdi>
                </span>
              )}{' '}
              {first.published_at && <time dateTime={first.published_at}>{formatUtc(first.published_at)}</time>}{' '}
              <a
                href={hrefFor(first.key)}
                onClick={(e) => {
                  if (!isPlainClick(e)) return;
                  e.preventDefault();
                  onOpen(first.key);
                }}
              >
                <code className="key">{first.key}</code>
              </a>
              {confidence && (
                <span className="badge confidence-badge" data-testid="event-confidence" title="How sure the clusterer is that this item posted first">
                  confidence {confidence}
                </span>
              )}
            </p>
            {first.why && (
              <p className="event-why" data-testid="event-why">
                {first.why}
              </p>
            )}
          </div>
        )}
        <EventActors actors={event.actors} />
        <Anomalies anomalies={event.anomalies} />
      </header>

      <section className="event-timeline-section" aria-labelledby={timelineId}>
        <h3 className="actor-section-title" id={timelineId}>
          Timeline <span className="muted">{plural(event.timeline.length, 'item', 'items')} by time</span>
        </h3>
        <label className="threat-field event-analyst">
          Analyst{' '}
          <input
            className="search-input threat-analyst"
            value={analyst}
            onChange={(e) => setAnalyst(e.currentTarget.value)}
            placeholder="analyst"
            dir="auto"
            title="Named in the audit log of your splits and merges"
            data-testid="event-analyst"
          />
        </label>
        <form className="event-split" data-testid="split-form" onSubmit={submitSplit} aria-label="Split items off this event">
          <EventTimeline
            entries={event.timeline}
            firstKey={first?.key ?? null}
            selected={selected}
            onToggle={(key, on) =>
              setSelected((current) => {
                const next = new Set(current);
                if (on) next.add(key);
                else next.delete(key);
                return next;
              })
            }
            hrefFor={hrefFor}
            onOpen={onOpen}
          />
          <div className={'event-action card event-split-action' + (selected.size > 0 ? ' is-active' : '')}>
            <p className="threat-review-title">Split off the selected items</p>
            <label className="threat-field threat-reason-field">
              Reason (required)
              <textarea className="threat-reason-input" value={splitReason} onChange={(e) => setSplitReason(e.currentTarget.value)} rows={2} dir="auto" data-testid="split-reason" />
            </label>
            <div className="threat-review-actions">
              <span className="muted" data-testid="split-count">
                {selected.size === 0 ? 'Select items in the timeline.' : `${plural(selected.size, 'item', 'items')} selected`}
              </span>
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="split-submit">
                Split off
              </button>
            </div>
            <StatusLine status={splitStatus} testId="split" />
          </div>
        </form>
      </section>

      <form className="event-action card" data-testid="merge-form" onSubmit={submitMerge} aria-labelledby={`${id}-merge`}>
        <p className="threat-review-title" id={`${id}-merge`}>
          Merge with another event
        </p>
        <label className="threat-field">
          Event{' '}
          <input
            className="search-input event-merge-input"
            value={mergeWith}
            onChange={(e) => setMergeWith(e.currentTarget.value)}
            placeholder="event id (ev-…) or the key of one of its items"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            data-testid="merge-with"
          />
        </label>
        <label className="threat-field threat-reason-field">
          Reason (required)
          <textarea className="threat-reason-input" value={mergeReason} onChange={(e) => setMergeReason(e.currentTarget.value)} rows={2} dir="auto" data-testid="merge-reason" />
        </label>
        <div className="threat-review-actions">
          <span />
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="merge-submit">
            Merge
          </button>
        </div>
        <StatusLine status={mergeStatus} testId="merge" />
      </form>
    </article>
  );
}

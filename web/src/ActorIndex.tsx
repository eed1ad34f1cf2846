import { useEffect, useId, useRef, useState } from 'react';
import { errorMessage, fetchActors, isAbortError } from './api.js';
import type { ActorSummary } from './api.js';
import { ActorLink } from './ActorNav.js';
import { kindLabel } from './ActorPage.js';
import { formatCount, plural } from './text.js';

const PAGE = 50;
// Wait for a pause in typing before asking the server (and rewriting the URL).
const FILTER_DELAY_MS = 250;

interface Props {
  /** The filter in the URL (`aq`). */
  filter: string;
  onFilter: (q: string) => void;
}

type State =
  | { status: 'loading' }
  | { status: 'ready'; actors: ActorSummary[]; total: number; loadingMore: boolean; moreError: string | null }
  | { status: 'error'; message: string };

/** The actor registry, most mentioned first, with a filter over names and aliases in any script. */
export function ActorIndex({ filter, onFilter }: Props) {
  const [draft, setDraft] = useState(filter);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const inputId = useId();
  const headingId = useId();

  // Follow the URL when it changes under us (Back/Forward).
  useEffect(() => setDraft(filter), [filter]);

  useEffect(() => {
    if (draft.trim() === filter) return;
    const timer = setTimeout(() => onFilter(draft.trim()), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, filter, onFilter]);

  useEffect(() => {
    document.title = 'Actors — Rasad';
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ status: 'loading' });
    fetchActors({ q: filter, limit: PAGE }, controller.signal).then(
      (page) => setState({ status: 'ready', actors: page.actors, total: page.total, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [filter, attempt]);

  const loadMore = () => {
    if (state.status !== 'ready' || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current?.abort();
    moreController.current = controller;
    const offset = state.actors.length;
    setState({ ...state, loadingMore: true, moreError: null });
    fetchActors({ q: filter, limit: PAGE, offset }, controller.signal).then(
      (page) =>
        setState((s) =>
          s.status === 'ready' ? { ...s, actors: [...s.actors, ...page.actors], total: page.total, loadingMore: false } : s,
        ),
      (error: unknown) => {
        if (!isAbortError(error)) setState((s) => (s.status === 'ready' ? { ...s, loadingMore: false, moreError: errorMessage(error) } : s));
      },
    );
  };

  return (
    <section className="actor-index" aria-labelledby={headingId}>
      <div className="actor-index-head">
        <h2 className="actor-index-title" id={headingId}>
          Actors{' '}
          {state.status === 'ready' && (
            <span className="muted" data-testid="actor-count">
              {plural(state.total, 'actor', 'actors')}
              {filter ? ' match' : ''}
            </span>
          )}
        </h2>
        <form
          className="search actor-filter"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            onFilter(draft.trim());
          }}
        >
          <label htmlFor={inputId} className="sr-only">
            Filter actors
          </label>
          <input
            id={inputId}
            data-testid="actor-filter"
            className="search-input"
            type="search"
            dir="auto"
            value={draft}
            placeholder="Filter by name or alias, in any script"
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setDraft(event.target.value)}
          />
        </form>
      </div>

      {state.status === 'loading' && (
        <p className="status" role="status">
          Loading actors…
        </p>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <strong>Could not load actors.</strong> {state.message}{' '}
          <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      {state.status === 'ready' && state.actors.length === 0 && (
        <div className="empty">
          <p>{filter ? 'No actor has a name or alias containing this.' : 'The registry is empty. Import lists with `rasad actors import`.'}</p>
        </div>
      )}
      {state.status === 'ready' && state.actors.length > 0 && (
        <ul className="actor-list" data-testid="actor-list" aria-labelledby={headingId}>
          {state.actors.map((a) => (
            <li key={a.id} className="actor-row" data-testid="actor-row" data-actor-id={a.id}>
              <ActorLink id={a.id} className="actor-row-name">
                <bdi>{a.canonical}</bdi>
              </ActorLink>
              <span className="badge kind-badge">{kindLabel(a.kind)}</span>
              {a.designations.map((d) => (
                <span key={d} className="badge designation-badge">
                  {d}
                </span>
              ))}
              <span className="actor-row-counts muted">
                {plural(a.alias_count, 'alias', 'aliases')} · {a.mention_count > 0 ? plural(a.mention_count, 'mention', 'mentions') : 'no mentions'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.status === 'ready' && state.moreError !== null && (
        <div className="error" role="alert">
          <strong>Could not load more.</strong> {state.moreError}
        </div>
      )}
      {state.status === 'ready' && state.actors.length < state.total && (
        <div className="load-more-row">
          <button type="button" className="btn load-more" onClick={loadMore} disabled={state.loadingMore}>
            {state.loadingMore ? 'Loading…' : `Load more (${formatCount(state.total - state.actors.length)} left)`}
          </button>
        </div>
      )}
    </section>
  );
}

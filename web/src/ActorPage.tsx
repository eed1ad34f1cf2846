import { useEffect, useId, useRef, useState } from 'react';
import { DetailError, DetailLoading, IndexLink } from './DetailStatus.js';
import { ALIAS_SCRIPTS, ApiError, errorMessage, fetchActor, fetchActorItems, isAbortError } from './api.js';
import type { ActorDetail, AliasScript, AliasView, MentioningItem } from './api.js';
import { formatScore } from './ActorMentions.js';
import { ActorLink } from './ActorNav.js';
import { ItemCard } from './ItemCard.js';
import { formatCount, plural } from './text.js';

const PAGE = 20;

const SCRIPT_LABELS: Record<AliasScript, string> = { Arab: 'Arabic script', Latn: 'Latin script', other: 'Other scripts' };

const KIND_LABELS: Record<string, string> = { group: 'Group', person: 'Person', organization: 'Organization' };

interface Props {
  actorId: string;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  onHashtag: (tag: string) => void;
  /** Link back to the actors index. */
  indexHref: string;
  onIndex: () => void;
}

type State = { status: 'loading' } | { status: 'ready'; actor: ActorDetail } | { status: 'error'; message: string; notFound: boolean };

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? (kind.charAt(0).toUpperCase() + kind.slice(1) || 'Actor');
}

function AliasRow({ alias, group }: { alias: AliasView; group: AliasScript }) {
  const rtl = group === 'Arab';
  return (
    <li className="alias-row" data-testid="actor-alias" data-script={group} data-kind={alias.kind}>
      <span className="alias-name" dir={rtl ? 'rtl' : 'auto'}>
        {alias.alias}
      </span>
      {alias.romanized && alias.romanized !== alias.alias && (
        <span className="gloss-romanized" title="Romanization">
          {alias.romanized}
        </span>
      )}{' '}
      <span className="badge kind-badge alias-kind">{alias.kind.replace(/_/g, ' ')}</span>
      {group === 'other' && alias.script && <span className="badge lang-badge alias-script">{alias.script}</span>}
      <span className="alias-meta muted">
        {alias.source && (
          <>
            {' '}
            · <bdi>{alias.source}</bdi>
          </>
        )}
        {alias.confidence < 1 && <> · confidence {formatScore(alias.confidence)}</>}
        {alias.via && (
          <>
            {' '}
            · from{' '}
            <ActorLink id={alias.via} title="The merged actor this alias came from">
              merged record
            </ActorLink>
          </>
        )}
      </span>
    </li>
  );
}

/**
 * One actor: canonical name, kind, designations, aliases grouped by script (Arabic script right
 * to left with a romanization), affiliations linking to the other actor, merges, and the latest
 * items mentioning it (as cards, with their mentions marked).
 */
export function ActorPage({ actorId, hrefFor, onOpen, onHashtag, indexHref, onIndex }: Props) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [more, setMore] = useState<{ items: MentioningItem[]; loading: boolean; error: string | null }>({ items: [], loading: false, error: null });
  const moreController = useRef<AbortController | null>(null);
  const headingId = useId();
  const aliasesId = useId();
  const affiliationsId = useId();
  const itemsId = useId();

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState({ status: 'loading' });
    window.scrollTo({ top: 0 });
    setMore({ items: [], loading: false, error: null });
    fetchActor(actorId, controller.signal).then(
      (actor) => setState({ status: 'ready', actor }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        const notFound = error instanceof ApiError && error.status === 404;
        setState({ status: 'error', message: errorMessage(error), notFound });
      },
    );
    return () => controller.abort();
  }, [actorId, attempt]);

  useEffect(() => {
    if (state.status === 'ready') document.title = `${state.actor.canonical} — Rasad`;
  }, [state]);

  if (state.status === 'loading') return <DetailLoading page="actor-page" noun="actor" />;
  if (state.status === 'error') {
    return (
      <DetailError
        page="actor-page"
        noun="actor"
        message={state.message}
        notFound={state.notFound}
        onRetry={() => setAttempt((n) => n + 1)}
        back={<IndexLink href={indexHref} onIndex={onIndex} label="All actors" />}
      />
    );
  }

  const actor = state.actor;
  const items = [...actor.items.results, ...more.items];
  const aliasCount = ALIAS_SCRIPTS.reduce((n, s) => n + actor.aliases[s].length, 0);

  const loadMore = () => {
    if (more.loading) return;
    const controller = new AbortController();
    moreController.current?.abort();
    moreController.current = controller;
    setMore((m) => ({ ...m, loading: true, error: null }));
    fetchActorItems(actor.id, { limit: PAGE, offset: items.length }, controller.signal).then(
      (page) => setMore((m) => ({ items: [...m.items, ...page.results], loading: false, error: null })),
      (error: unknown) => {
        if (!isAbortError(error)) setMore((m) => ({ ...m, loading: false, error: errorMessage(error) }));
      },
    );
  };

  return (
    <article className="actor-page" data-testid="actor-page" data-actor-id={actor.id} aria-labelledby={headingId}>
      <p className="actor-crumbs">
        <IndexLink href={indexHref} onIndex={onIndex} label="All actors" />
      </p>

      {actor.merged_into && (
        <div className="actor-merged" role="note" data-testid="actor-merged">
          Merged into{' '}
          <ActorLink id={actor.merged_into.id} className="actor-merged-link">
            <bdi>{actor.merged_into.canonical}</bdi>
          </ActorLink>
          . This record is kept so that the merge can be undone; new mentions go to the actor it was merged into.
        </div>
      )}

      <header className="actor-head card">
        <div className="actor-title-row">
          <h2 className="actor-name" id={headingId} data-testid="actor-name" dir="auto">
            {actor.canonical}
          </h2>
          <span className="badge kind-badge actor-kind" data-testid="actor-kind">
            {kindLabel(actor.kind)}
          </span>
        </div>
        {actor.designations.length > 0 && (
          <ul className="actor-designations chips" aria-label="Designations">
            {actor.designations.map((d) => (
              <li key={d.label}>
                <span
                  className="badge designation-badge"
                  data-testid="actor-designation"
                  title={`Designation ${d.label}${d.listed_on ? `, listed ${d.listed_on}` : ''}${d.via ? ' (from a merged record)' : ''}`}
                >
                  {d.label}
                </span>
              </li>
            ))}
          </ul>
        )}
        {actor.description && (
          <p className="actor-description" dir="auto">
            {actor.description}
          </p>
        )}
        {actor.notes && (
          <p className="actor-notes" dir="auto">
            <span className="actor-label">Notes</span> {actor.notes}
          </p>
        )}
      </header>

      <div className="actor-grid">
        <section className="actor-section card" aria-labelledby={aliasesId}>
          <h3 className="actor-section-title" id={aliasesId}>
            Aliases <span className="muted">{formatCount(aliasCount)}</span>
          </h3>
          {aliasCount === 0 && <p className="muted">No aliases recorded.</p>}
          {ALIAS_SCRIPTS.map((script) =>
            actor.aliases[script].length === 0 ? null : (
              <div key={script} className="alias-group" data-script={script}>
                <h4 className="alias-group-title">{SCRIPT_LABELS[script]}</h4>
                <ul className="alias-list">
                  {actor.aliases[script].map((a, i) => (
                    <AliasRow key={`${i}:${a.alias}`} alias={a} group={script} />
                  ))}
                </ul>
              </div>
            ),
          )}
        </section>

        <section className="actor-section card" aria-labelledby={affiliationsId}>
          <h3 className="actor-section-title" id={affiliationsId}>
            Affiliations <span className="muted">{formatCount(actor.affiliations.length)}</span>
          </h3>
          {actor.affiliations.length === 0 ? (
            <p className="muted">No affiliations recorded.</p>
          ) : (
            <ul className="affiliation-list">
              {actor.affiliations.map((a) => (
                <li key={`${a.relation}:${a.actor.id}`} className="affiliation-row" data-testid="actor-affiliation" data-relation={a.relation}>
                  <span className="affiliation-relation muted">{a.relation === 'member_of' ? 'Member of' : 'Has member'}</span>{' '}
                  <ActorLink id={a.actor.id} className="affiliation-link" testId="actor-affiliation-link">
                    <bdi>{a.actor.canonical}</bdi>
                  </ActorLink>{' '}
                  <span className="badge kind-badge">{kindLabel(a.actor.kind)}</span>
                  {a.role && <span className="affiliation-role"> · {a.role}</span>}
                  {a.source && (
                    <span className="muted">
                      {' '}
                      · <bdi>{a.source}</bdi>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {actor.merged_from.length > 0 && (
            <>
              <h4 className="alias-group-title">Merged records</h4>
              <ul className="affiliation-list" data-testid="actor-merged-from">
                {actor.merged_from.map((m) => (
                  <li key={m.id}>
                    <ActorLink id={m.id}>
                      <bdi>{m.canonical}</bdi>
                    </ActorLink>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>

      <section className="actor-items" data-testid="actor-items" aria-labelledby={itemsId}>
        <h3 className="actor-section-title" id={itemsId}>
          Recent items mentioning <bdi>{actor.canonical}</bdi>{' '}
          <span className="muted">{plural(actor.items.total, 'item', 'items')}</span>
        </h3>
        {items.length === 0 ? (
          <div className="empty">
            <p>No stored item mentions this actor yet.</p>
          </div>
        ) : (
          <div className="item-list">
            {items.map(({ item }) => (
              <ItemCard key={item.key} item={item} href={hrefFor(item.key)} onOpen={onOpen} onHashtag={onHashtag} />
            ))}
          </div>
        )}
        {more.error !== null && (
          <div className="error" role="alert">
            <strong>Could not load more.</strong> {more.error}
          </div>
        )}
        {items.length < actor.items.total && (
          <div className="load-more-row">
            <button type="button" className="btn load-more" data-testid="actor-items-more" onClick={loadMore} disabled={more.loading}>
              {more.loading ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
      </section>
    </article>
  );
}

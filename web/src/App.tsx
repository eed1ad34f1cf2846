import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, fetchItems, fetchStats, isAbortError, searchItems } from './api.js';
import type { ItemView } from './api.js';
import { ActorIndex } from './ActorIndex.js';
import { ActorNavContext, isPlainClick } from './ActorNav.js';
import type { ActorNav } from './ActorNav.js';
import { ActorPage } from './ActorPage.js';
import { EventDetail } from './EventDetail.js';
import { EventList, EventNavContext } from './EventList.js';
import type { EventNav } from './EventList.js';
import { ItemDetail } from './ItemDetail.js';
import { ItemList } from './ItemList.js';
import { LanguageChips } from './LanguageChips.js';
import { SearchBar } from './SearchBar.js';
import { SearchResults } from './SearchResults.js';
import { SourceFilter } from './SourceFilter.js';
import { SourceList } from './SourceList.js';
import { StatsSummary } from './StatsSummary.js';
import { StatusBar } from './StatusBar.js';
import { VanishedList } from './VanishedList.js';
import { HOME_ROUTE, routeHref, useRoute } from './route.js';
import { EMPTY_LIST, PAGE_SIZE, SEARCH_LIMIT } from './state.js';
import type { ListState, SearchState, StatsState } from './state.js';
import { sourceLabel } from './text.js';

function appendUnique(existing: ItemView[], more: ItemView[]): ItemView[] {
  const seen = new Set(existing.map((i) => i.key));
  return existing.concat(more.filter((i) => !seen.has(i.key)));
}

export function App() {
  const [route, nav] = useRoute();
  const [stats, setStats] = useState<StatsState>({ status: 'loading' });
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [listNonce, setListNonce] = useState(0);
  const [searchNonce, setSearchNonce] = useState(0);
  const [statsNonce, setStatsNonce] = useState(0);
  const moreController = useRef<AbortController | null>(null);

  const searching = route.q !== '';
  // The actor page, the actors index, an event page or the events list replace the item list and search results.
  const onActorPages = route.actor !== null || route.actors;
  const onEventPages = !onActorPages && (route.event !== null || route.events);
  // Then the watched sources, then what vanished.
  const onSourcesPage = !onActorPages && !onEventPages && route.sources;
  const onVanishedPage = !onActorPages && !onEventPages && !onSourcesPage && route.vanished;
  const onPages = onActorPages || onEventPages || onSourcesPage || onVanishedPage;

  // Counts for the header, the language chips and the source menu.
  useEffect(() => {
    const controller = new AbortController();
    setStats((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    fetchStats(controller.signal).then(
      (data) => setStats({ status: 'ready', stats: data }),
      (error: unknown) => {
        if (!isAbortError(error)) setStats({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [statsNonce]);

  // Newest-first list: first page whenever the filters change.
  useEffect(() => {
    if (onPages) return;
    const controller = new AbortController();
    moreController.current?.abort();
    setList(EMPTY_LIST);
    fetchItems({ limit: PAGE_SIZE, language: route.language, source: route.source, threat: route.threats, collapse: route.collapse }, controller.signal).then(
      (page) => setList({ ...EMPTY_LIST, items: page.items, next: page.next, loading: false }),
      (error: unknown) => {
        if (!isAbortError(error)) setList({ ...EMPTY_LIST, loading: false, error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [route.language, route.source, route.threats, route.collapse, listNonce, onPages]);

  // Search results, best first, whenever the query changes (or is submitted again).
  useEffect(() => {
    if (route.q === '') {
      setSearch({ status: 'idle' });
      return;
    }
    const query = route.q;
    const controller = new AbortController();
    setSearch({ status: 'loading', query });
    searchItems(query, SEARCH_LIMIT, controller.signal).then(
      (response) => setSearch({ status: 'ready', query, results: response.results }),
      (error: unknown) => {
        if (!isAbortError(error)) setSearch({ status: 'error', query, message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [route.q, searchNonce]);

  useEffect(() => {
    // The actor and event pages set their own title.
    if (!onPages) document.title = route.q ? `“${route.q}” — Rasad` : 'Rasad — رصد';
  }, [route.q, onPages]);

  const loadMore = useCallback(() => {
    const cursor = list.next;
    if (cursor === null || list.loadingMore) return;
    const controller = new AbortController();
    moreController.current?.abort();
    moreController.current = controller;
    setList((l) => ({ ...l, loadingMore: true, moreError: null }));
    fetchItems({ limit: PAGE_SIZE, before: cursor, language: route.language, source: route.source, threat: route.threats, collapse: route.collapse }, controller.signal).then(
      (page) =>
        setList((l) => ({ ...l, items: appendUnique(l.items, page.items), next: page.next, loadingMore: false })),
      (error: unknown) => {
        if (!isAbortError(error)) setList((l) => ({ ...l, loadingMore: false, moreError: errorMessage(error) }));
      },
    );
  }, [list.next, list.loadingMore, route.language, route.source, route.threats, route.collapse]);

  const hrefFor = useCallback((key: string) => routeHref({ ...route, item: key }), [route]);

  const onSearch = useCallback(
    (q: string) => {
      if (q === route.q) setSearchNonce((n) => n + 1);
      else nav.set({ q, item: null, actor: null, actors: false, event: null, events: false, sources: false, vanished: false });
    },
    [nav, route.q],
  );
  const onClear = useCallback(() => nav.set({ q: '', item: null }), [nav]);
  const onHashtag = useCallback(
    (tag: string) => nav.set({ q: tag, item: null, actor: null, actors: false, event: null, events: false, sources: false, vanished: false }),
    [nav],
  );
  const showIndex = useCallback(() => nav.set({ q: '', item: null, actor: null, actors: true, event: null, events: false, sources: false, vanished: false }), [nav]);
  const showEvents = useCallback(
    () => nav.set({ q: '', item: null, actor: null, actors: false, aq: '', event: null, events: true, sources: false, vanished: false }),
    [nav],
  );
  const showSources = useCallback(
    () => nav.set({ q: '', item: null, actor: null, actors: false, aq: '', event: null, events: false, sources: true, vanished: false }),
    [nav],
  );
  const showVanished = useCallback(
    () => nav.set({ q: '', item: null, actor: null, actors: false, aq: '', event: null, events: false, sources: false, vanished: true }),
    [nav],
  );
  const replaceEvent = useCallback((id: string) => nav.set({ event: id, events: false }, { replace: true }), [nav]);
  const onActorFilter = useCallback((aq: string) => nav.set({ aq }, { replace: true }), [nav]);
  const indexHref = routeHref({ ...HOME_ROUTE, actors: true });
  const eventsHref = routeHref({ ...HOME_ROUTE, events: true });
  const sourcesHref = routeHref({ ...HOME_ROUTE, sources: true });
  const vanishedHref = routeHref({ ...HOME_ROUTE, vanished: true });
  const actorNav = useMemo<ActorNav>(
    () => ({
      href: (id) => routeHref({ ...HOME_ROUTE, actor: id }),
      open: nav.openActor,
    }),
    [nav],
  );
  const eventNav = useMemo<EventNav>(
    () => ({
      href: (id) => routeHref({ ...HOME_ROUTE, event: id }),
      open: nav.openEvent,
    }),
    [nav],
  );
  const setLanguage = useCallback((language: string | null) => nav.set({ language }), [nav]);
  const setSource = useCallback((source: string | null) => nav.set({ source }), [nav]);
  const setThreats = useCallback((threats: boolean) => nav.set({ threats }), [nav]);
  const setCollapse = useCallback((collapse: boolean) => nav.set({ collapse }), [nav]);

  // The search API has no filters: language/source chips narrow the results here, and collapsing
  // keeps the best-ranked result of each event.
  const results = useMemo(() => {
    if (search.status !== 'ready') return [];
    const seenEvents = new Set<string>();
    return search.results.filter((r) => {
      const keep =
        (route.language === null || r.item.language === route.language) &&
        (route.source === null || r.item.source.id === route.source) &&
        (!route.threats || r.item.threat?.is_threat === true);
      if (!keep || !route.collapse || r.item.event === null) return keep;
      if (seenEvents.has(r.item.event.id)) return false;
      seenEvents.add(r.item.event.id);
      return true;
    });
  }, [search, route.language, route.source, route.threats, route.collapse]);

  const statsData = stats.status === 'ready' ? stats.stats : null;
  const activeSource = statsData?.sources.find((s) => s.id === route.source) ?? null;

  const detailInitial = useMemo(() => {
    if (!route.item) return undefined;
    return (
      list.items.find((i) => i.key === route.item) ??
      (search.status === 'ready' ? search.results.find((r) => r.item.key === route.item)?.item : undefined)
    );
  }, [route.item, list.items, search]);

  // The newest-first list or the search results, with their status bar.
  const browse = (
    <>
      <StatusBar
        route={route}
        searching={searching}
        search={search}
        resultCount={results.length}
        list={list}
        // A collapsed list has fewer rows than the counts say: show what is loaded instead.
        stats={route.collapse ? null : statsData}
        sourceName={activeSource ? sourceLabel(activeSource) : route.source}
        onClearSearch={onClear}
        onClearLanguage={() => setLanguage(null)}
        onClearSource={() => setSource(null)}
        onClearThreats={() => setThreats(false)}
        onRefresh={() => {
          if (searching) setSearchNonce((n) => n + 1);
          else setListNonce((n) => n + 1);
          setStatsNonce((n) => n + 1);
        }}
      />

      {searching ? (
        <SearchResults
          search={search}
          results={results}
          filtered={route.language !== null || route.source !== null || route.threats}
          hrefFor={hrefFor}
          onOpen={nav.openItem}
          onHashtag={onHashtag}
          onRetry={() => setSearchNonce((n) => n + 1)}
          onClear={onClear}
        />
      ) : (
        <ItemList
          list={list}
          filtered={route.language !== null || route.source !== null || route.threats}
          collapsed={route.collapse}
          hrefFor={hrefFor}
          onOpen={nav.openItem}
          onHashtag={onHashtag}
          onRetry={() => setListNonce((n) => n + 1)}
          onLoadMore={loadMore}
        />
      )}
    </>
  );

  return (
    <ActorNavContext.Provider value={actorNav}>
      <EventNavContext.Provider value={eventNav}>
        <div className="app">
          <header className="topbar">
            <div className="topbar-inner">
              <h1 className="brand">
                <a href="/" onClick={(event) => {
                  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  nav.set(HOME_ROUTE);
                }}>
                  Rasad — <span lang="ar" dir="rtl" className="brand-ar">رصد</span>
                </a>
              </h1>
              <nav className="topnav" aria-label="Sections">
                <a
                  href={eventsHref}
                  className={'topnav-link' + (onEventPages ? ' is-current' : '')}
                  data-testid="events-link"
                  aria-current={route.events && route.event === null && !onActorPages ? 'page' : undefined}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    showEvents();
                  }}
                >
                  Events
                </a>
                <a
                  href={indexHref}
                  className={'topnav-link' + (onActorPages ? ' is-current' : '')}
                  data-testid="actors-link"
                  aria-current={route.actors && route.actor === null ? 'page' : undefined}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    showIndex();
                  }}
                >
                  Actors
                </a>
                <a
                  href={sourcesHref}
                  className={'topnav-link' + (onSourcesPage ? ' is-current' : '')}
                  data-testid="sources-link"
                  aria-current={onSourcesPage ? 'page' : undefined}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    showSources();
                  }}
                >
                  Sources
                </a>
                <a
                  href={vanishedHref}
                  className={'topnav-link' + (onVanishedPage ? ' is-current' : '')}
                  data-testid="vanished-link"
                  aria-current={onVanishedPage ? 'page' : undefined}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    showVanished();
                  }}
                >
                  Vanished
                </a>
              </nav>
              <StatsSummary stats={stats} onRetry={() => setStatsNonce((n) => n + 1)} />
            </div>
          </header>

          <div className="controls">
            <div className="controls-row">
              <SearchBar query={route.q} busy={search.status === 'loading'} onSearch={onSearch} onClear={onClear} />
              {!onPages && <SourceFilter sources={statsData?.sources ?? []} value={route.source} onChange={setSource} />}
              {!onPages && (
                <label className="threat-filter">
                  <input type="checkbox" checked={route.threats} onChange={(e) => setThreats(e.target.checked)} data-testid="threats-only" /> Threats only
                </label>
              )}
              {!onPages && (
                <label className="threat-filter" title="One row per event: other reports of the same happening (copies, forwards, translations) are left out">
                  <input type="checkbox" checked={route.collapse} onChange={(e) => setCollapse(e.target.checked)} data-testid="collapse-events" /> Collapse duplicates
                </label>
              )}
            </div>
            {!onPages && statsData && statsData.languages.length > 0 && (
              <div className="controls-row languages-row">
                <span className="filter-label" id="lang-label">
                  Language
                </span>
                <LanguageChips languages={statsData.languages} active={route.language} onSelect={setLanguage} />
              </div>
            )}
          </div>

          <main className="main">
            {route.actor !== null ? (
              <ActorPage actorId={route.actor} hrefFor={hrefFor} onOpen={nav.openItem} onHashtag={onHashtag} indexHref={indexHref} onIndex={showIndex} />
            ) : route.actors ? (
              <ActorIndex filter={route.aq} onFilter={onActorFilter} />
            ) : route.event !== null ? (
              <EventDetail eventId={route.event} hrefFor={hrefFor} onOpen={nav.openItem} indexHref={eventsHref} onIndex={showEvents} onReplace={replaceEvent} />
            ) : route.events ? (
              <EventList />
            ) : onSourcesPage ? (
              <SourceList hrefFor={hrefFor} onOpen={nav.openItem} />
            ) : onVanishedPage ? (
              <VanishedList hrefFor={hrefFor} onOpen={nav.openItem} />
            ) : (
              browse
            )}
          </main>

          {route.item && (
            <ItemDetail
              itemKey={route.item}
              initial={detailInitial}
              hrefFor={hrefFor}
              onOpen={nav.openItem}
              onClose={nav.closeItem}
            />
          )}
        </div>
      </EventNavContext.Provider>
    </ActorNavContext.Provider>
  );
}

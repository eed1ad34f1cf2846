import type { Stats } from './api.js';
import type { Route } from './route.js';
import { SEARCH_LIMIT } from './state.js';
import type { ListState, SearchState } from './state.js';
import { formatCount, plural } from './text.js';

interface StatusBarProps {
  route: Route;
  searching: boolean;
  search: SearchState;
  resultCount: number;
  list: ListState;
  stats: Stats | null;
  sourceName: string | null;
  onClearSearch: () => void;
  onClearLanguage: () => void;
  onClearSource: () => void;
  onClearThreats: () => void;
  onRefresh: () => void;
}

/** Total for the current list filter, when the stats can tell it. */
function knownTotal(route: Route, stats: Stats | null): number | null {
  if (!stats || route.threats) return null;
  if (route.language === null && route.source === null) return stats.items;
  if (route.source === null) return stats.languages.find((l) => l.code === route.language)?.items ?? null;
  if (route.language === null) return stats.sources.find((s) => s.id === route.source)?.items ?? null;
  return null;
}

/** What is shown (the `result-count`), the active filters with their clear buttons, Refresh. */
export function StatusBar(props: StatusBarProps) {
  const { route, searching, search, resultCount, list, stats } = props;

  let count: string;
  let detail = '';
  if (searching) {
    if (search.status === 'ready') {
      count = plural(resultCount, 'result', 'results');
      if (resultCount !== search.results.length) detail = `filtered from ${formatCount(search.results.length)}`;
      else if (search.results.length >= SEARCH_LIMIT) detail = `top ${SEARCH_LIMIT} shown`;
    } else if (search.status === 'error') count = 'Search failed';
    else count = 'Searching…';
  } else if (list.loading) {
    count = 'Loading…';
  } else if (list.error !== null) {
    count = 'Could not load items';
  } else {
    const total = knownTotal(route, stats);
    if (total !== null && total >= list.items.length) {
      count = plural(total, 'item', 'items');
      if (total > list.items.length) detail = `showing ${formatCount(list.items.length)} newest`;
    } else {
      count = plural(list.items.length, 'item', 'items') + (list.next ? '+' : '');
    }
  }

  return (
    <div className="statusbar">
      <span className="result-count" data-testid="result-count" role="status" aria-live="polite">
        {count}
      </span>
      {detail && <span className="muted">{detail}</span>}
      <span className="active-filters">
        {searching && (
          <span className="filter-pill">
            <span className="muted">query</span> <bdi dir="auto">{route.q}</bdi>
            <button type="button" className="pill-x" aria-label="Clear search" title="Clear search" onClick={props.onClearSearch}>
              ×
            </button>
          </span>
        )}
        {route.language !== null && (
          <span className="filter-pill">
            <span className="muted">language</span> {route.language.toUpperCase()}
            <button type="button" className="pill-x" aria-label="Clear language filter" title="Clear language filter" onClick={props.onClearLanguage}>
              ×
            </button>
          </span>
        )}
        {route.source !== null && (
          <span className="filter-pill">
            <span className="muted">source</span> <bdi>{props.sourceName}</bdi>
            <button type="button" className="pill-x" aria-label="Clear source filter" title="Clear source filter" onClick={props.onClearSource}>
              ×
            </button>
          </span>
        )}
        {route.threats && (
          <span className="filter-pill">
            <span className="muted">only</span> threats
            <button type="button" className="pill-x" aria-label="Clear threats filter" title="Clear threats filter" onClick={props.onClearThreats}>
              ×
            </button>
          </span>
        )}
      </span>
      <button type="button" className="btn btn-small refresh" onClick={props.onRefresh} title="Reload from the server">
        Refresh
      </button>
    </div>
  );
}

import type { SearchResult } from './api.js';
import { ItemCard } from './ItemCard.js';
import type { SearchState } from './state.js';
import { matchedWords } from './text.js';

interface Props {
  search: SearchState;
  results: SearchResult[];
  filtered: boolean;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  onHashtag: (tag: string) => void;
  onRetry: () => void;
  onClear: () => void;
}

/** Search results in the server's order (best first); the score is not shown. */
export function SearchResults({ search, results, filtered, hrefFor, onOpen, onHashtag, onRetry, onClear }: Props) {
  return (
    <>
      {search.status === 'error' && (
        <div className="error" role="alert">
          <strong>Search failed.</strong> {search.message}{' '}
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      <section className="item-list" data-testid="item-list" aria-label="Search results" aria-busy={search.status === 'loading'}>
        {search.status === 'loading' && <p className="status">Searching for “{search.query}”…</p>}
        {search.status === 'ready' && results.length === 0 && (
          <div className="empty">
            <p>
              No items match “<bdi>{search.query}</bdi>”{filtered && search.results.length > 0 ? ' with the current filters' : ''}.
            </p>
            <button type="button" className="btn" onClick={onClear}>
              Back to newest items
            </button>
          </div>
        )}
        {results.map((r) => (
          <ItemCard
            key={r.item.key || r.key}
            item={r.item}
            snippet={{ text: r.snippet, words: matchedWords(r.item, r.highlights) }}
            href={hrefFor(r.item.key || r.key)}
            onOpen={onOpen}
            onHashtag={onHashtag}
          />
        ))}
      </section>
    </>
  );
}

import { ItemCard } from './ItemCard.js';
import type { ListState } from './state.js';

interface Props {
  list: ListState;
  filtered: boolean;
  /** One row per event (`collapse=1`): say so, since reports of the same happening are left out. */
  collapsed?: boolean;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  onHashtag: (tag: string) => void;
  onRetry: () => void;
  onLoadMore: () => void;
}

/** The newest-first list with its "Load more" button. */
export function ItemList({ list, filtered, collapsed = false, hrefFor, onOpen, onHashtag, onRetry, onLoadMore }: Props) {
  return (
    <>
      {list.error !== null && (
        <div className="error" role="alert">
          <strong>Could not load items.</strong> {list.error}{' '}
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {collapsed && (
        <p className="collapse-note muted" data-testid="collapse-note">
          Duplicates collapsed: one row per event, its first report. The badge “event · N items” opens the others.
        </p>
      )}
      <section className="item-list" data-testid="item-list" aria-label="Newest items" aria-busy={list.loading} data-collapsed={collapsed ? '1' : undefined}>
        {list.loading && <p className="status">Loading newest items…</p>}
        {!list.loading && list.error === null && list.items.length === 0 && (
          <div className="empty">
            <p>{filtered ? 'No items match the current filters.' : 'No items yet. Import or collect something first.'}</p>
          </div>
        )}
        {list.items.map((item) => (
          <ItemCard key={item.key} item={item} href={hrefFor(item.key)} onOpen={onOpen} onHashtag={onHashtag} />
        ))}
      </section>
      {list.moreError !== null && (
        <div className="error" role="alert">
          <strong>Could not load more.</strong> {list.moreError}
        </div>
      )}
      {list.next !== null && !list.loading && (
        <div className="load-more-row">
          <button type="button" className="btn load-more" data-testid="load-more" onClick={onLoadMore} disabled={list.loadingMore}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
      {list.next === null && !list.loading && list.items.length > 0 && <p className="end muted">End of list.</p>}
    </>
  );
}

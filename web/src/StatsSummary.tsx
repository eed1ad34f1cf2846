import type { StatsState } from './state.js';
import { formatCount } from './text.js';

interface Props {
  stats: StatsState;
  onRetry: () => void;
}

/** Archive counts in the header: items, sources, languages. */
export function StatsSummary({ stats, onRetry }: Props) {
  if (stats.status === 'loading') {
    return (
      <p className="stats muted" role="status">
        Loading counts…
      </p>
    );
  }
  if (stats.status === 'error') {
    return (
      <p className="stats stats-error" role="alert">
        Counts unavailable: {stats.message}{' '}
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      </p>
    );
  }
  const s = stats.stats;
  // Detected languages only: `und` and "not detected" are not languages.
  const languages = s.languages.filter((l) => l.code && l.code !== 'und' && l.items > 0).length;
  return (
    <ul className="stats chips" aria-label="Archive counts">
      <li className="chip chip-stat">
        <strong>{formatCount(s.items)}</strong> {s.items === 1 ? 'item' : 'items'}
      </li>
      <li className="chip chip-stat">
        <strong>{formatCount(s.sources.length)}</strong> {s.sources.length === 1 ? 'source' : 'sources'}
      </li>
      <li className="chip chip-stat" title="Detected languages (excluding undetermined)">
        <strong>{formatCount(languages)}</strong> {languages === 1 ? 'language' : 'languages'}
      </li>
    </ul>
  );
}

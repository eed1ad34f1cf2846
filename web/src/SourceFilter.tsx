import { useId } from 'react';
import type { StatsSource } from './api.js';
import { formatCount, sourceKindLabel, sourceLabel, withAt } from './text.js';

interface Props {
  sources: StatsSource[];
  value: string | null;
  onChange: (sourceId: string | null) => void;
  disabled?: boolean;
}

/** Pick one source to list; "All sources" clears the filter. */
export function SourceFilter({ sources, value, onChange, disabled = false }: Props) {
  const id = useId();
  const sorted = [...sources].sort((a, b) => sourceLabel(a).localeCompare(sourceLabel(b)));
  const known = value === null || sources.some((s) => s.id === value);
  return (
    <div className="source-filter">
      <label htmlFor={id} className="filter-label">
        Source
      </label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">All sources ({sources.length})</option>
        {!known && value !== null && <option value={value}>{value}</option>}
        {sorted.map((s) => (
          <option key={s.id} value={s.id}>
            {`${sourceKindLabel(s.kind).short} · ${sourceLabel(s)}${s.title && s.handle ? ` (${withAt(s.handle)})` : ''} — ${formatCount(s.items)}`}
          </option>
        ))}
      </select>
    </div>
  );
}

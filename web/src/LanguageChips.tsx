import type { StatsLanguage } from './api.js';
import { formatCount } from './text.js';

interface Props {
  languages: StatsLanguage[];
  active: string | null;
  onSelect: (code: string | null) => void;
}

/** One chip per detected language; clicking filters the list, clicking again clears. */
export function LanguageChips({ languages, active, onSelect }: Props) {
  const sorted = languages.filter((l) => l.items > 0 || (active !== null && l.code === active)).sort((a, b) => b.items - a.items);
  if (sorted.length === 0) return null;
  return (
    <ul className="chips lang-chips" aria-label="Filter by language">
      {sorted.map((l) => {
        const code = l.code;
        if (code === null || code === '') {
          return (
            <li key="__none" className="chip chip-static" title="Items whose language has not been detected (cannot be filtered)">
              <span className="chip-code">not detected</span> <span className="chip-count">{formatCount(l.items)}</span>
            </li>
          );
        }
        const pressed = active === code;
        return (
          <li key={code}>
            <button
              type="button"
              className={'chip chip-button' + (pressed ? ' chip-active' : '') + (code === 'und' ? ' chip-und' : '')}
              aria-pressed={pressed}
              title={pressed ? `Showing ${code} only — click to show all languages` : `Show only ${code} items`}
              onClick={() => onSelect(pressed ? null : code)}
            >
              <span className="chip-code">{code.toUpperCase()}</span> <span className="chip-count">{formatCount(l.items)}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

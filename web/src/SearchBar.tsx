import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';

interface Props {
  /** The active query (from the URL). */
  query: string;
  busy: boolean;
  onSearch: (query: string) => void;
  onClear: () => void;
}

export function SearchBar({ query, busy, onSearch, onClear }: Props) {
  const [draft, setDraft] = useState(query);
  const id = useId();

  // Follow the URL when it changes under us (Back/Forward, a hashtag click).
  useEffect(() => setDraft(query), [query]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = draft.trim();
    if (q === '') onClear();
    else onSearch(q);
  };

  return (
    <form className="search" role="search" aria-busy={busy} onSubmit={submit}>
      <label htmlFor={id} className="sr-only">
        Search items
      </label>
      <input
        id={id}
        data-testid="search-input"
        className="search-input"
        type="search"
        dir="auto"
        value={draft}
        placeholder="Search text, titles, handles… (Arabic, Persian, Urdu, English)"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && draft !== '') {
            event.preventDefault();
            setDraft('');
          }
        }}
      />
      <button type="submit" className="btn btn-primary" data-testid="search-submit">
        Search
      </button>
      {query !== '' && (
        <button type="button" className="btn" onClick={onClear} title="Clear the search and return to the newest items">
          Clear
        </button>
      )}
    </form>
  );
}

import type { ReactNode } from 'react';
import { isPlainClick } from './ActorNav.js';

/** A detail page's way back to its index ("← All actors"), navigating in place on a plain click. */
export function IndexLink({ href, onIndex, label }: { href: string; onIndex: () => void; label: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        onIndex();
      }}
    >
      ← {label}
    </a>
  );
}

interface Page {
  /** The section's class and test id (`actor-page`). */
  page: string;
  /** What the page shows, in lower case: `actor`, `event`. */
  noun: string;
}

/** The page while its record loads. */
export function DetailLoading({ page, noun }: Page) {
  return (
    <section className={page} data-testid={page} aria-busy="true">
      <p className="status" role="status">
        Loading {noun}…
      </p>
    </section>
  );
}

/** The page when its record could not be loaded: why, a retry unless it does not exist, the way back. */
export function DetailError({ page, noun, message, notFound, onRetry, back }: Page & { message: string; notFound: boolean; onRetry: () => void; back: ReactNode }) {
  return (
    <section className={page} data-testid={page}>
      <div className="error" role="alert">
        <strong>{notFound ? `No such ${noun}.` : `Could not load this ${noun}.`}</strong> {message}{' '}
        {!notFound && (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
      <p>{back}</p>
    </section>
  );
}

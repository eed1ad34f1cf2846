// How any component links to an actor page without threading callbacks through every list:
// App provides the URL builder and the in-page navigation once.

import { createContext, useContext } from 'react';
import type { MouseEvent, ReactNode } from 'react';

export interface ActorNav {
  /** `?actor=<id>`: for middle-click, copy and the address bar. */
  href: (id: string) => string;
  /** Show the actor page in place (pushes a history entry). */
  open: (id: string) => void;
}

export const ActorNavContext = createContext<ActorNav | null>(null);

export function useActorNav(): ActorNav | null {
  return useContext(ActorNavContext);
}

/** True for a plain left click, which the page handles; modified clicks keep the browser's behaviour. */
export function isPlainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

interface LinkProps {
  id: string;
  children: ReactNode;
  className?: string;
  title?: string;
  testId?: string;
}

/** A link to an actor page (plain text when no navigation is provided). */
export function ActorLink({ id, children, className, title, testId }: LinkProps) {
  const nav = useActorNav();
  if (!nav) return <span className={className}>{children}</span>;
  return (
    <a
      href={nav.href(id)}
      className={className}
      title={title}
      data-testid={testId}
      data-actor-id={id}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        nav.open(id);
      }}
    >
      {children}
    </a>
  );
}

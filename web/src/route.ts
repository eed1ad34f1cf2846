// The page state that belongs in the address bar, so a search, a filter or an open item can be
// linked and survives a reload: `?q=…&language=…&source=…&threats=1&collapse=1&item=…`, an actor page
// `?actor=<id>`, the actors index `?actors=1&aq=<filter>`, an event `?event=<id>`, the events list `?events=1`,
// the watched sources and discovery queue `?sources=1`, what vanished `?vanished=1`.

import { useEffect, useMemo, useState } from 'react';

export interface Route {
  q: string;
  language: string | null;
  source: string | null;
  /** Only posts assessed as threats. */
  threats: boolean;
  /** One row per event in the item list: the other reports of a happening are left out. */
  collapse: boolean;
  item: string | null;
  /** The actor whose page is shown. */
  actor: string | null;
  /** Whether the actors index is shown (when no actor page is). */
  actors: boolean;
  /** Filter of the actors index. */
  aq: string;
  /** The event whose page is shown (when no actor page or index is). */
  event: string | null;
  /** Whether the events list is shown (when no other page is). */
  events: boolean;
  /** Whether the watched sources and the discovery queue are shown (when no other page is). */
  sources: boolean;
  /** Whether the vanished items and sources are shown (when no other page is). */
  vanished: boolean;
}

/** The newest-first item list with no filter: the page at `/`. */
export const HOME_ROUTE: Route = { q: '', language: null, source: null, threats: false, collapse: false, item: null, actor: null, actors: false, aq: '', event: null, events: false, sources: false, vanished: false };

interface HistoryMark {
  /** Set on entries this page pushed to open an item, so closing can go back instead. */
  rasadOpenedItem?: boolean;
}

function param(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value === null || value.trim() === '' ? null : value;
}

export function readRoute(search: string = window.location.search): Route {
  const params = new URLSearchParams(search);
  return {
    q: (params.get('q') ?? '').trim(),
    language: param(params, 'language'),
    source: param(params, 'source'),
    threats: (param(params, 'threats') ?? '0') !== '0',
    collapse: (param(params, 'collapse') ?? '0') !== '0',
    item: param(params, 'item'),
    actor: param(params, 'actor'),
    actors: (param(params, 'actors') ?? '0') !== '0',
    aq: (params.get('aq') ?? '').trim(),
    event: param(params, 'event'),
    events: (param(params, 'events') ?? '0') !== '0',
    sources: (param(params, 'sources') ?? '0') !== '0',
    vanished: (param(params, 'vanished') ?? '0') !== '0',
  };
}

export function routeHref(route: Route): string {
  const params = new URLSearchParams();
  if (route.q) params.set('q', route.q);
  if (route.language) params.set('language', route.language);
  if (route.source) params.set('source', route.source);
  if (route.threats) params.set('threats', '1');
  if (route.collapse) params.set('collapse', '1');
  if (route.actor) params.set('actor', route.actor);
  else if (route.actors) {
    params.set('actors', '1');
    if (route.aq) params.set('aq', route.aq);
  } else if (route.event) params.set('event', route.event);
  else if (route.events) params.set('events', '1');
  else if (route.sources) params.set('sources', '1');
  else if (route.vanished) params.set('vanished', '1');
  if (route.item) params.set('item', route.item);
  const query = params.toString();
  return window.location.pathname + (query ? '?' + query : '');
}

export interface Navigate {
  /** Change part of the route; pushes a history entry unless `replace`. */
  set: (next: Partial<Route>, options?: { replace?: boolean }) => void;
  /** Open an item's detail panel (pushes a history entry). */
  openItem: (key: string) => void;
  /** Close the panel: back if this page opened it, else drop `item` from the URL. */
  closeItem: () => void;
  /** Show an actor's page (closing any open item; pushes a history entry). */
  openActor: (id: string) => void;
  /** Show an event's page (closing any open item; pushes a history entry). */
  openEvent: (id: string) => void;
}

function currentMark(): HistoryMark | null {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null) return null;
  return { rasadOpenedItem: 'rasadOpenedItem' in state && state.rasadOpenedItem === true };
}

export function useRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => readRoute());

  useEffect(() => {
    const onPop = () => setRoute(readRoute());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useMemo<Navigate>(() => {
    const go = (next: Route, replace: boolean, mark: HistoryMark | null) => {
      const href = routeHref(next);
      if (!replace && href === window.location.pathname + window.location.search) {
        setRoute(next); // nothing new to put in history
        return;
      }
      if (replace) window.history.replaceState(mark, '', href);
      else window.history.pushState(mark, '', href);
      setRoute(next);
    };
    return {
      set: (next, options) => {
        go({ ...readRoute(), ...next }, options?.replace ?? false, null);
      },
      openItem: (key) => {
        const current = readRoute();
        if (current.item === key) return;
        // Switching from one open item to another replaces the entry (keeping its mark), so
        // Back still leaves the panel and never leaves the page.
        if (current.item !== null) go({ ...current, item: key }, true, currentMark());
        else go({ ...current, item: key }, false, { rasadOpenedItem: true });
      },
      closeItem: () => {
        if (readRoute().item === null) return;
        if (currentMark()?.rasadOpenedItem) window.history.back();
        else go({ ...readRoute(), item: null }, true, null);
      },
      openActor: (id) => {
        go({ ...readRoute(), q: '', item: null, actor: id, actors: false, aq: '', event: null, events: false, sources: false, vanished: false }, false, null);
      },
      openEvent: (id) => {
        go({ ...readRoute(), q: '', item: null, actor: null, actors: false, aq: '', event: id, events: false, sources: false, vanished: false }, false, null);
      },
    };
  }, []);

  return [route, navigate];
}

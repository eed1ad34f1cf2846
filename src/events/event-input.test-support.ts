import type { EventInput } from './event-input.js';

/**
 * An item as the events tests write it: the key gives the platform and the source
 * (`telegram:fajr/10` → telegram, `telegram:fajr`), in English, posted at `publishedAt`,
 * with no links, actors or translation unless `over` says otherwise.
 */
export function testInput(key: string, text: string, publishedAt: number, over: Partial<EventInput> = {}): EventInput {
  const platform = (key.split(':')[0] ?? 'telegram') as EventInput['platform'];
  return {
    id: key,
    key,
    platform,
    source: over.source ?? `${platform}:${key.split(/[:/]/)[1] ?? 'x'}`,
    authorName: null,
    authorHandle: null,
    publishedAt,
    language: 'en',
    title: null,
    text,
    forwardedFrom: null,
    replyTo: null,
    quotes: null,
    reposts: null,
    links: [],
    actors: [],
    translation: null,
    ...over,
  };
}

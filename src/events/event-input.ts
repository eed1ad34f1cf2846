import { z } from 'zod';

/**
 * What the event clusterer reads of one item: everything it needs to find near-duplicates,
 * translations, reports and citations, without touching the database. Built from a stored item,
 * its actor mentions and its stored translation (app/), or by the benchmarks' generators.
 */
export const eventInputSchema = z.object({
  /** Stable item id (the store's id, or the key in benchmarks). */
  id: z.string().min(1),
  /** `<platform>:<native id>` item key. */
  key: z.string().min(1),
  platform: z.enum(['telegram', 'x', 'rss', 'web', 'jsonl']),
  /**
   * Who published it, for independence counting: the channel, account or outlet (feed or site
   * host). Items with the same source are one voice.
   */
  source: z.string().min(1),
  /** Display name of the author or outlet, for timelines. */
  authorName: z.string().nullable(),
  /** Platform handle of the author (X screen name, Telegram username), without `@`. */
  authorHandle: z.string().nullable(),
  /** Platform timestamp in ms since the epoch; null when the platform gave none. */
  publishedAt: z.number().nullable(),
  /** ISO 639-1 language of the text, or null when unknown. */
  language: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  /** Telegram forward origin: its channel name/handle, its item key when known, its date. */
  forwardedFrom: z
    .object({ name: z.string().nullable(), handle: z.string().nullable(), key: z.string().nullable(), publishedAt: z.number().nullable() })
    .nullable(),
  /** Item keys this item replies to, quotes, or reposts (X retweet). */
  replyTo: z.string().nullable(),
  quotes: z.string().nullable(),
  reposts: z.string().nullable(),
  /** The item's own address (an article's canonical URL, a post's permalink), when known. */
  url: z.string().nullish(),
  /** Outbound links (already absolute URLs). */
  links: z.array(z.string()),
  /** Actor ids named in the item (resolved mentions) plus the tracked author, if any. */
  actors: z.array(z.string()),
  /** A stored translation of the text into the analysts' language, when an engine produced one. */
  translation: z.object({ language: z.string(), text: z.string() }).nullable(),
});

export type EventInput = z.infer<typeof eventInputSchema>;

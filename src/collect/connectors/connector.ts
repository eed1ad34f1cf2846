import type { FetchRequest, HttpExchange } from '../../core/fetcher.js';
import type { ItemDraft, SourceKind } from '../../core/item.js';

/**
 * What every live connector implements. A connector turns one poll of one source into items; its
 * parsing is pure (a separate `parse…` function per format) and all of its I/O goes through
 * `ConnectorIo.fetch`, which enforces the fetcher's safety rules AND preserves every exchange as
 * evidence (content-addressed bytes, WARC records, custody entry) before the connector sees it.
 */

/** An exchange after it was preserved: `captureId` names its evidence record. */
export interface CapturedExchange extends HttpExchange {
  captureId: string;
}

export interface ConnectorIo {
  /** Fetch under the safety rules; the exchange is preserved before this resolves. */
  fetch(request: FetchRequest): Promise<CapturedExchange>;
  /**
   * Preserves bytes that did not come over HTTP (an MTProto response serialized as JSON) as a
   * WARC resource record; returns the capture id.
   */
  record(resource: { uri: string; mediaType: string; bytes: Uint8Array }): Promise<string>;
  now(): Date;
  /** Waits (rate-limit resets, short flood waits); tests inject an instant one. */
  sleep(ms: number): Promise<void>;
}

/** A watched source as a connector sees it. */
export interface SourceState {
  id: string;
  kind: SourceKind;
  /** `telegram`: lower-case channel username; `x`: lower-case handle or `search:<query>`; `rss`/`web`: the URL. */
  handle: string;
  url: string | null;
  /** The connector's own cursor from the previous poll (null on the first). */
  cursor: Record<string, unknown> | null;
  /** Platform id learnt earlier (Telegram channel id, X user id), when known. */
  externalId: string | null;
  /** Whether to fetch the articles that this source's items link to. */
  followLinks: boolean;
  /** Most pages one poll may read (backfill on the first poll, catching up after a gap). */
  maxPages: number;
}

/** One item read from a preserved exchange. `draft.locator` says where in it. */
export interface CollectedItem {
  draft: ItemDraft;
  captureId: string;
  /** Media the item carries, to download (bounded) and hash. */
  mediaUrls?: string[];
}

/** Facts about the source learnt while polling it (channel title, subscriber count…). */
export interface SourceProfile {
  title?: string | null;
  description?: string | null;
  url?: string | null;
  externalId?: string | null;
  /** Followers or subscribers, as an estimate when the platform rounds ("109K"). */
  audience?: number | null;
  language?: string | null;
}

/** How the source itself answered. */
export type SourceStatus =
  | { state: 'ok' }
  /** The account or channel is not there (never existed, deleted, suspended, went private). */
  | { state: 'gone'; reason: string }
  /** Rate limited or challenged: nothing may be concluded; retry after the given time. */
  | { state: 'throttled'; reason: string; retryAfterMs: number | null }
  /** A transient failure (5xx, network, malformed page). */
  | { state: 'failed'; reason: string };

/** An account or channel seen through a forward, mention or link. */
export interface Discovery {
  kind: 'telegram' | 'x';
  handle: string;
  /** Key of the item it was seen in. */
  via: string;
  how: 'forward' | 'mention' | 'link' | 'quote' | 'reply';
}

export interface PollResult {
  items: CollectedItem[];
  /** Cursor to store for the next poll (unchanged when nothing new was read). */
  cursor: Record<string, unknown> | null;
  profile: SourceProfile | null;
  status: SourceStatus;
  discovered: Discovery[];
  /** Article links found in the items (followed only when the source says so). */
  links: Array<{ url: string; via: string }>;
}

/** What a re-check of one item or source found (liveness). */
export interface LivenessVerdict {
  verdict: 'live' | 'gone' | 'throttled' | 'unreachable';
  /** Reason code: tg_post_not_found, tg_username_unoccupied, x_tweet_not_found, web_404… */
  reason: string;
  status: number | null;
  captureId: string | null;
}

export interface ItemRef {
  key: string;
  url: string | null;
  nativeId: string;
}

export interface Connector {
  readonly kind: SourceKind;
  poll(source: SourceState, io: ConnectorIo): Promise<PollResult>;
  /** Is this item still there? */
  checkItem?(item: ItemRef, source: SourceState, io: ConnectorIo): Promise<LivenessVerdict>;
}

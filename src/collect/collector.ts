import type { Pipeline } from '../analyze/pipeline.js';
import type { BlobStore } from '../core/blob-store.js';
import { type Clock, toIso } from '../core/clock.js';
import { FetchError, type Fetcher, type FetchRequest } from '../core/fetcher.js';
import { itemIdForKey } from '../core/ids.js';
import type { ItemDraft, SourceKind } from '../core/item.js';
import type { Preserver } from '../preserve/preserver.js';
import { getCapture, linkItemCaptures } from '../store/capture.repository.js';
import type { Db } from '../store/database.js';
import { recordDiscoveries } from '../store/discovery.repository.js';
import { recordEdits } from '../store/item-version.repository.js';
import { insertLivenessChecks, scheduleItemChecks } from '../store/liveness.repository.js';
import { withTransaction } from '../store/transaction.js';
import { recordPoll, recordSourceHits, type WatchedSource } from '../store/watched-source.repository.js';
import type { CapturedExchange, CollectedItem, Connector, ConnectorIo, PollResult, SourceState, SourceStatus } from './connectors/connector.js';
import { backoffTime, type HostLimiter, nextCheckTime, nextLiveness, nextPollTime, QUARANTINE_AFTER } from './schedule.js';
import { storeDrafts } from './store-drafts.js';

/** What the collector needs; wired by app/collect.service.ts. */
export interface CollectorDeps {
  db: Db;
  clock: Clock;
  fetcher: Fetcher;
  preserver: Preserver;
  limiter: HostLimiter;
  connectorFor: (kind: SourceKind) => Connector | null;
  /** Fetches one linked article for sources that follow links (the web connector's). */
  fetchArticle: ((url: string, via: string, io: ConnectorIo) => Promise<CollectedItem | null>) | null;
  pipeline: Pipeline | null;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  settings: CollectorSettings;
  /** Renders preserved web pages offline (RASAD_SCREENSHOTS); null when off. */
  screenshotter?: PageShooter | null;
  /** Reads preserved bytes back (for screenshots of what was captured). */
  blobs?: BlobStore;
}

/** What the collector needs of a screenshotter (preserve/screenshot.ts). */
export interface PageShooter {
  shoot(page: { html: Uint8Array; url: string; mediaType: string }): Promise<{ png: Uint8Array } | null>;
}

export interface CollectorSettings {
  /** Pages a first poll reads (backfill). */
  firstPollPages: number;
  /** Pages a later poll reads to catch up. */
  maxPages: number;
  mediaMaxBytes: number;
  /** Media files downloaded per poll at most. */
  mediaPerPoll: number;
  /** Linked articles fetched per poll at most. */
  linksPerPoll: number;
  discoveryMaxDepth: number;
  livenessConfirmMs: number;
}

/** The outcome of polling one source. */
export interface SourcePollSummary {
  source: string;
  kind: string;
  status: SourceStatus['state'];
  reason: string | null;
  items: number;
  edits: number;
  captures: number;
  media: number;
  articles: number;
  discovered: number;
  ms: number;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

/**
 * Polls one source: the connector reads through a preserving I/O (every exchange is evidence before
 * it is parsed), then new items are analyzed and stored, edits recorded as versions, captures linked,
 * liveness checks scheduled, discoveries queued, media and followed articles fetched, and the
 * source's cursor, health and liveness updated. Never throws for a source's own failure.
 */
export async function pollSource(deps: CollectorDeps, source: WatchedSource): Promise<SourcePollSummary & { newItemIds: string[] }> {
  const t0 = performance.now();
  const summary: SourcePollSummary & { newItemIds: string[] } = {
    source: `${source.kind}:${source.handle}`,
    kind: source.kind,
    status: 'ok',
    reason: null,
    items: 0,
    edits: 0,
    captures: 0,
    media: 0,
    articles: 0,
    discovered: 0,
    ms: 0,
    newItemIds: [],
  };
  const connector = deps.connectorFor(source.kind as SourceKind);
  const now = (): string => toIso(deps.clock.now());
  let lastCapture: string | null = null;
  const io = preservingIo(deps, source, `fetch:${source.kind}`, (id) => {
    summary.captures++;
    lastCapture = id;
  });
  let result: PollResult;
  if (!connector) {
    result = failed(`no connector for ${source.kind} sources`);
  } else {
    const state = sourceState(source, source.cursor === null ? deps.settings.firstPollPages : deps.settings.maxPages);
    try {
      result = await connector.poll(state, io);
    } catch (error) {
      result = failed(error instanceof FetchError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error));
    }
  }
  const at = now();
  const stored = await withTransaction(deps.db, async (tx) => {
    const captureOf = new Map(result.items.map((i) => [i.draft.key, i.captureId]));
    const sources = uniqueSources(result.items.map((i) => i.draft));
    const r = await storeDrafts(deps, tx, { items: result.items.map((i) => i.draft), sources }, (d) => captureOf.get(d.key) ?? null, at, deps.pipeline !== null);
    const edited = await recordEdits(
      tx,
      r.existing.map((d) => ({ itemId: itemIdForKey(d.key), text: d.text, title: d.title ?? null, editedAt: d.editedAt ?? null, captureId: captureOf.get(d.key) ?? null })),
      at,
    );
    const changed = new Set([...r.imported, ...edited]);
    await linkItemCaptures(
      tx,
      result.items
        .filter((i) => changed.has(itemIdForKey(i.draft.key)))
        .map((i) => ({ itemId: itemIdForKey(i.draft.key), captureId: i.captureId, role: 'page', url: i.draft.url ?? null, createdAt: at })),
    );
    await scheduleItemChecks(tx, r.imported, toIso(new Date(nextCheckTime(Date.parse(at), Date.parse(at)))));
    // Posts a search finds stay under their authors; the search source keeps what it found.
    const elsewhere = result.items.filter((i) => i.draft.source.kind !== source.kind || i.draft.source.handle.toLowerCase() !== source.handle.toLowerCase());
    await recordSourceHits(tx, source.id, elsewhere.map((i) => itemIdForKey(i.draft.key)), at);
    const depth = source.discoveryDepth + 1;
    const discovered =
      depth <= deps.settings.discoveryMaxDepth
        ? await recordDiscoveries(
            tx,
            result.discovered
              .filter((d) => !(d.kind === source.kind && d.handle.toLowerCase() === source.handle.toLowerCase()))
              .map((d) => ({ kind: d.kind, handle: d.handle, how: d.how, depth, viaSourceId: source.id, viaItemKey: d.via })),
            at,
          )
        : 0;
    await recordOutcome(deps, tx, source, result, at, lastCapture);
    return { imported: r.imported, edited: edited.length, discovered };
  });
  summary.items = stored.imported.length;
  summary.edits = stored.edited;
  summary.discovered = stored.discovered;
  summary.newItemIds = [...stored.imported];
  summary.status = result.status.state;
  summary.reason = result.status.state === 'ok' ? null : result.status.reason;
  const fresh = new Set(stored.imported);
  summary.media = await fetchMedia(deps, source, result.items.filter((i) => fresh.has(itemIdForKey(i.draft.key))));
  if (source.kind === 'web' || source.kind === 'rss') {
    await screenshotItems(deps, source, result.items.filter((i) => fresh.has(itemIdForKey(i.draft.key)) && i.draft.platform === 'web'));
  }
  if (source.followLinks && deps.fetchArticle && result.links.length > 0) {
    const articles = await followLinks(deps, source, result.links);
    summary.articles = articles.length;
    summary.newItemIds.push(...articles);
  }
  summary.ms = Math.round(performance.now() - t0);
  return summary;
}

/** A watched source as its connector sees it. */
export function sourceState(source: WatchedSource, maxPages: number, followLinks = source.followLinks): SourceState {
  return {
    id: source.id,
    kind: source.kind as SourceKind,
    handle: source.handle,
    url: source.url,
    cursor: source.cursor,
    externalId: source.externalId,
    followLinks,
    maxPages,
  };
}

function failed(reason: string): PollResult {
  return { items: [], cursor: null, profile: null, status: { state: 'failed', reason }, discovered: [], links: [] };
}

function uniqueSources(drafts: ItemDraft[]): ItemDraft['source'][] {
  const seen = new Map<string, ItemDraft['source']>();
  for (const d of drafts) seen.set(`${d.source.kind}\u0000${d.source.handle}`, d.source);
  return [...seen.values()];
}

/** The I/O a connector gets: the safe fetcher, paced per host, every exchange preserved first. */
export function preservingIo(deps: Pick<CollectorDeps, 'fetcher' | 'preserver' | 'limiter' | 'clock' | 'sleep'>, source: { id: string } | null, method: string, onCapture?: (id: string) => void, image = false): ConnectorIo {
  return {
    async fetch(request: FetchRequest): Promise<CapturedExchange> {
      const exchange = await deps.limiter.run(hostOf(request.url), () => deps.fetcher.fetch(request));
      const captureId = await deps.preserver.exchange(exchange, { sourceId: source?.id ?? null, method, image });
      onCapture?.(captureId);
      return { ...exchange, captureId };
    },
    async record(resource) {
      const captureId = await deps.preserver.resource(resource, { sourceId: source?.id ?? null, method });
      onCapture?.(captureId);
      return captureId;
    },
    now: () => deps.clock.now(),
    sleep: deps.sleep,
  };
}

/** Cursor, health and liveness of the source after a poll. */
async function recordOutcome(deps: CollectorDeps, tx: Db, source: WatchedSource, result: PollResult, at: string, lastCapture: string | null): Promise<void> {
  const now = Date.parse(at);
  const s = result.status;
  const interval = source.pollIntervalSeconds;
  const base = { polledAt: at, cursor: result.cursor, profile: result.profile };
  if (s.state === 'ok') {
    const restored = source.status === 'gone' || source.goneChecks > 0;
    if (source.goneChecks > 0) await insertLivenessChecks(tx, [{ subjectType: 'source', subjectId: source.id, checkedAt: at, verdict: 'live', reason: restored ? 'restored' : 'live', httpStatus: null, captureId: lastCapture }]);
    await recordPoll(tx, source.id, {
      ...base,
      nextPollAt: toIso(new Date(nextPollTime(now, interval, deps.random))),
      success: true,
      error: null,
      errorCount: 0,
      status: 'active',
      statusReason: source.status === 'gone' ? `restored after ${source.statusReason ?? 'gone'}` : null,
      goneChecks: 0,
      suspectedAt: null,
      goneAt: null,
    });
    return;
  }
  if (s.state === 'gone') {
    const next = nextLiveness(
      { liveness: source.status === 'gone' ? 'gone' : source.goneChecks > 0 ? 'suspected' : 'live', goneChecks: source.goneChecks, suspectedAt: source.suspectedAt, goneAt: source.goneAt, reason: source.statusReason },
      { verdict: 'gone', reason: s.reason },
      at,
      deps.settings.livenessConfirmMs,
    );
    await insertLivenessChecks(tx, [{ subjectType: 'source', subjectId: source.id, checkedAt: at, verdict: 'gone', reason: s.reason, httpStatus: null, captureId: lastCapture }]);
    const gone = next.liveness === 'gone';
    // Suspected: check again once the confirmation delay has passed; gone: look daily for a return.
    const wait = gone ? 86_400_000 : Math.max(deps.settings.livenessConfirmMs, 60_000);
    await recordPoll(tx, source.id, {
      ...base,
      nextPollAt: toIso(new Date(now + wait)),
      success: false,
      error: `gone: ${s.reason}`,
      errorCount: source.errorCount,
      status: gone ? 'gone' : source.status === 'quarantined' ? 'quarantined' : 'active',
      statusReason: s.reason,
      goneChecks: next.goneChecks,
      suspectedAt: next.suspectedAt,
      goneAt: next.goneAt,
    });
    return;
  }
  const errors = s.state === 'failed' ? source.errorCount + 1 : source.errorCount;
  const retryAt =
    s.state === 'throttled' && s.retryAfterMs !== null ? now + s.retryAfterMs : backoffTime(now, interval, Math.max(1, errors), deps.random);
  await recordPoll(tx, source.id, {
    ...base,
    nextPollAt: toIso(new Date(retryAt)),
    success: false,
    error: `${s.state}: ${s.reason}`,
    errorCount: errors,
    status: source.status === 'gone' ? 'gone' : errors >= QUARANTINE_AFTER ? 'quarantined' : 'active',
    statusReason: source.status === 'gone' ? source.statusReason : errors >= QUARANTINE_AFTER ? `${errors} failures in a row: ${s.reason}` : null,
    goneChecks: source.goneChecks,
    suspectedAt: source.suspectedAt,
    goneAt: source.goneAt,
  });
}

/** Downloads the media of new items (bounded in size and number), hashed and preserved. */
async function fetchMedia(deps: CollectorDeps, source: WatchedSource, items: CollectedItem[]): Promise<number> {
  if (deps.settings.mediaMaxBytes <= 0) return 0;
  const wanted: Array<{ itemId: string; url: string }> = [];
  for (const i of items) for (const url of i.mediaUrls ?? []) if (/^https?:\/\//.test(url)) wanted.push({ itemId: itemIdForKey(i.draft.key), url });
  const links: Array<{ itemId: string; captureId: string; role: string; url: string | null; createdAt: string }> = [];
  const io = preservingIo(deps, source, 'media', undefined, true);
  for (const w of wanted.slice(0, deps.settings.mediaPerPoll)) {
    try {
      const ex = await io.fetch({ url: w.url, maxBytes: deps.settings.mediaMaxBytes });
      if (ex.status >= 200 && ex.status < 300) links.push({ itemId: w.itemId, captureId: ex.captureId, role: 'media', url: w.url, createdAt: toIso(deps.clock.now()) });
    } catch {
      // A medium that is too large or unreachable is skipped; the post's own capture stands.
    }
  }
  await linkItemCaptures(deps.db, links);
  return links.length;
}

/**
 * Screenshots of new web pages, rendered offline from the preserved bytes (never fetched again),
 * preserved as PNG resource records and linked to their items. Optional: off unless configured.
 */
async function screenshotItems(deps: CollectorDeps, source: WatchedSource | null, items: Array<{ draft: ItemDraft; captureId: string }>): Promise<void> {
  const shooter = deps.screenshotter;
  const blobs = deps.blobs;
  if (!shooter || !blobs || items.length === 0) return;
  const links: Array<{ itemId: string; captureId: string; role: string; url: string | null; createdAt: string }> = [];
  for (const item of items) {
    const capture = await getCapture(deps.db, item.captureId);
    if (!capture || !/html/i.test(capture.mediaType)) continue;
    const decoded = typeof capture.meta?.decodedStorageKey === 'string' ? capture.meta.decodedStorageKey : capture.storageKey;
    const shot = await shooter.shoot({ html: await blobs.get(decoded), url: item.draft.url ?? capture.origin, mediaType: capture.mediaType });
    if (!shot) continue;
    const id = await deps.preserver.resource({ uri: `screenshot:${item.draft.url ?? capture.origin}`, mediaType: 'image/png', bytes: shot.png }, { sourceId: source?.id ?? null, method: 'screenshot' });
    links.push({ itemId: itemIdForKey(item.draft.key), captureId: id, role: 'screenshot', url: item.draft.url ?? null, createdAt: toIso(deps.clock.now()) });
  }
  await linkItemCaptures(deps.db, links);
}

/** Fetches the articles a source links to (bounded), each preserved and stored as an item. */
async function followLinks(deps: CollectorDeps, source: WatchedSource, links: PollResult['links']): Promise<string[]> {
  const fetchArticle = deps.fetchArticle;
  if (!fetchArticle) return [];
  const io = preservingIo(deps, source, 'fetch:web');
  const seen = new Set<string>();
  const out: string[] = [];
  const shots: CollectedItem[] = [];
  for (const link of links) {
    if (seen.size >= deps.settings.linksPerPoll) break;
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    let article: CollectedItem | null = null;
    try {
      article = await fetchArticle(link.url, link.via, io);
    } catch {
      article = null;
    }
    if (!article) continue;
    const found = article;
    const at = toIso(deps.clock.now());
    const r = await withTransaction(deps.db, async (tx) => {
      const stored = await storeDrafts(deps, tx, { items: [found.draft], sources: [found.draft.source] }, () => found.captureId, at, deps.pipeline !== null);
      if (stored.imported.length > 0) shots.push(found);
      await linkItemCaptures(tx, stored.imported.map((itemId) => ({ itemId, captureId: found.captureId, role: 'article', url: link.url, createdAt: at })));
      await scheduleItemChecks(tx, stored.imported, toIso(new Date(nextCheckTime(Date.parse(at), Date.parse(at)))));
      return stored.imported;
    });
    out.push(...r);
  }
  await screenshotItems(deps, source, shots);
  return out;
}

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkDueItems, type CheckSummary } from '../collect/liveness-checker.js';
import { pollSource, type CollectorDeps, type CollectorSettings, type SourcePollSummary } from '../collect/collector.js';
import type { Connector } from '../collect/connectors/connector.js';
import { rssConnector } from '../collect/connectors/rss/rss.connector.js';
import { createGramjsClient } from '../collect/connectors/telegram-mtproto/gramjs-client.js';
import { telegramMtprotoConnector } from '../collect/connectors/telegram-mtproto/telegram-mtproto.connector.js';
import { telegramWebConnector } from '../collect/connectors/telegram-web/telegram-web.connector.js';
import { fetchArticle, webConnector } from '../collect/connectors/web/web.connector.js';
import { xApiConnector } from '../collect/connectors/x-api/x-api.connector.js';
import { createSafeFetcher } from '../collect/http/safe-fetcher.js';
import { HostLimiter, mapLimit } from '../collect/schedule.js';
import { toIso } from '../core/clock.js';
import type { Fetcher } from '../core/fetcher.js';
import type { SourceKind } from '../core/item.js';
import { clusterPending } from '../events/events.runner.js';
import { createPreserver, type Preserver, type PreserveStats, type Timestamper } from '../preserve/preserver.js';
import { screenshotterFor } from '../preserve/screenshot.js';
import { rfc3161Client } from '../preserve/timestamp.js';
import { createWarcWriter, type WarcWriter } from '../preserve/warc-writer.js';
import { dueSources } from '../store/watched-source.repository.js';
import type { AppContext } from './context.js';
import { packageVersion } from './package-root.js';

/** The collection machinery of one process: fetcher, WARC writer, preserver, connectors. */
export interface CollectionRuntime {
  deps: CollectorDeps;
  preserver: Preserver;
  warc: WarcWriter;
  close(): Promise<void>;
}

/** Where WARC files go: `<home>/evidence/warc/`. */
export const warcDir = (home: string): string => path.join(home, 'evidence', 'warc');

/** Builds the collection runtime from the configuration (RASAD_* settings, CLI.md). */
export function collectionRuntime(ctx: AppContext, overrides: { fetcher?: Fetcher; settings?: Partial<CollectorSettings> } = {}): CollectionRuntime {
  const c = ctx.config.collect;
  const fetcher = overrides.fetcher ?? createSafeFetcher({ userAgent: c.userAgent, allow: ctx.config.fetchAllow, maxBytes: c.fetchMaxBytes, timeoutMs: c.fetchTimeoutMs });
  const warc = createWarcWriter({
    dir: warcDir(ctx.config.home),
    // one file series per process, so several workers never write into one file
    prefix: `rasad-${os.hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}-${randomBytes(2).toString('hex')}`,
    software: `rasad/${packageVersion()}`,
  });
  const timestamper: Timestamper | null = c.tsaUrl
    ? rfc3161Client({
        url: c.tsaUrl,
        post: async (url, body, headers) => {
          const ex = await fetcher.fetch({ url, method: 'POST', body, headers, maxBytes: 1024 * 1024 });
          return { status: ex.status, headers: ex.headers, body: ex.body };
        },
      })
    : null;
  const preserver = createPreserver({ db: ctx.db, blobs: ctx.blobs, warc, clock: ctx.clock, timestamper, actor: 'rasad-collector' });
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const connectors = new Map<SourceKind, Connector>();
  const mtproto = c.telegramMtproto;
  // With the analyst's own account, channels are read over MTProto; otherwise through the web preview.
  const mtprotoClient = mtproto ? createGramjsClient({ apiId: mtproto.apiId, apiHash: mtproto.apiHash, session: mtproto.session }) : null;
  connectors.set(
    'telegram',
    mtprotoClient ? telegramMtprotoConnector({ client: mtprotoClient }) : telegramWebConnector({ baseUrl: ctx.config.telegramWebUrl, pageDelayMs: 0 }),
  );
  connectors.set('x', xApiConnector({ baseUrl: ctx.config.xApiUrl, bearerToken: c.xBearerToken }));
  connectors.set('rss', rssConnector());
  connectors.set('web', webConnector());
  const settings: CollectorSettings = {
    firstPollPages: 3,
    maxPages: 10,
    mediaMaxBytes: c.mediaMaxBytes,
    mediaPerPoll: 40,
    linksPerPoll: 20,
    discoveryMaxDepth: c.discoveryMaxDepth,
    livenessConfirmMs: c.livenessConfirmMs,
    ...overrides.settings,
  };
  // Screenshots are optional: on with RASAD_SCREENSHOTS=1 when the Chromium executable exists.
  const screenshotter = screenshotterFor(c.screenshotChromium);
  const deps: CollectorDeps = {
    db: ctx.db,
    blobs: ctx.blobs,
    screenshotter,
    clock: ctx.clock,
    fetcher,
    preserver,
    limiter: new HostLimiter(() => c.hostIntervalMs, 1, () => Date.now(), sleep),
    connectorFor: (kind) => connectors.get(kind) ?? null,
    fetchArticle: async (url, via, io) => (await fetchArticle(url, via, io)).item,
    pipeline: null,
    random: Math.random,
    sleep,
    settings,
  };
  return {
    deps,
    preserver,
    warc,
    async close() {
      await preserver.drain();
      await warc.close();
      await mtprotoClient?.disconnect();
      await screenshotter?.close();
    },
  };
}

// Time-stamp retries queued per pass (the authority is asked a few at a time in the background).
const TIMESTAMP_RETRY_BATCH = 500;

/** What one pass of `rasad collect` did. */
export interface CollectPassSummary {
  started_at: string;
  finished_at: string;
  sources: SourcePollSummary[];
  items: number;
  edits: number;
  captures: number;
  media: number;
  articles: number;
  discovered: number;
  failed: number;
  gone: number;
  throttled: number;
  checks: CheckSummary;
  events: { items: number; events: number } | null;
  preservation: PreserveStats;
}

/**
 * One pass: polls every due source (several at a time, each host paced), re-checks the items
 * whose liveness check is due, then places the new items into events.
 */
export async function collectPass(
  ctx: AppContext,
  runtime: CollectionRuntime,
  opts: { analyze: boolean; checks: number; concurrency?: number; onSource?: (s: SourcePollSummary, done: number, total: number) => void },
): Promise<CollectPassSummary> {
  const started = toIso(ctx.clock.now());
  if (opts.analyze && !runtime.deps.pipeline) runtime.deps.pipeline = await ctx.pipeline();
  // Captures whose time-stamp request failed earlier (or never got an answer) are asked again.
  await runtime.preserver.retryTimestamps(TIMESTAMP_RETRY_BATCH);
  const due = await dueSources(ctx.db, started, 100_000);
  let done = 0;
  const newItemIds: string[] = [];
  const polls = await mapLimit(due, opts.concurrency ?? ctx.config.collect.concurrency, async (source) => {
    const s = await pollSource(runtime.deps, source);
    newItemIds.push(...s.newItemIds);
    const { newItemIds: _ids, ...summary } = s;
    opts.onSource?.(summary, ++done, due.length);
    return summary;
  });
  const checks = opts.checks > 0 ? await checkDueItems(runtime.deps, opts.checks) : { checked: 0, live: 0, suspected: 0, gone: 0, restored: 0, inconclusive: 0 };
  // the pass ends when every capture of it carries its trusted timestamp (or the authority failed)
  await runtime.preserver.drain();
  const events = opts.analyze && newItemIds.length > 0 ? await clusterPending(ctx.events()) : null;
  const sum = (k: 'items' | 'edits' | 'captures' | 'media' | 'articles' | 'discovered'): number => polls.reduce((n, p) => n + p[k], 0);
  return {
    started_at: started,
    finished_at: toIso(ctx.clock.now()),
    sources: polls,
    items: sum('items') + sum('articles'),
    edits: sum('edits'),
    captures: sum('captures'),
    media: sum('media'),
    articles: sum('articles'),
    discovered: sum('discovered'),
    failed: polls.filter((p) => p.status === 'failed').length,
    gone: polls.filter((p) => p.status === 'gone').length,
    throttled: polls.filter((p) => p.status === 'throttled').length,
    checks,
    events,
    preservation: runtime.preserver.stats(),
  };
}

/** The PEM of the time-stamping authority's CA (RASAD_TSA_CERT), for verification. */
export async function tsaTrust(ctx: AppContext): Promise<Uint8Array[]> {
  const file = ctx.config.collect.tsaCert;
  return file ? [new Uint8Array(await readFile(file))] : [];
}

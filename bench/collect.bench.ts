// `npm run bench:collect`: live collection against the loopback platform server
// (test/support/mock-platforms.ts), measured next to its baseline, the same fetch and parse without
// preservation:
//  1. backfill: CHANNELS Telegram channels of 20 posts each, polled once (a first poll);
//  2. steady state: one new post in every channel, every channel polled again — the work of one
//     5-minute round when CHANNELS channels are watched at a 5-minute interval;
//  3. the same steady state with a local RFC 3161 authority (openssl ts) stamping every capture.
// Prints items per second collected and preserved, bytes written per item, the share of time spent
// preserving (hashing, content-addressed store, WARC, capture rows, custody chain), and how many
// channels one process keeps up with at a 5-minute interval. Ends with one JSON line.
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectionRuntime, collectPass, type CollectPassSummary } from '../src/app/collect.service.js';
import { loadConfig } from '../src/app/config.js';
import { openContext, type AppContext } from '../src/app/context.js';
import { telegramWebConnector } from '../src/collect/connectors/telegram-web/telegram-web.connector.js';
import { createSafeFetcher } from '../src/collect/http/safe-fetcher.js';
import { mapLimit } from '../src/collect/schedule.js';
import { addSource, parseSourceSpec } from '../src/app/sources.service.js';
import { fork, type ChildProcess } from 'node:child_process';
import { startTestTsa } from '../test/support/test-tsa.js';

const CHANNELS = Number(process.env.BENCH_COLLECT_CHANNELS ?? 1000);
const CONCURRENCY = process.env.BENCH_COLLECT_CONCURRENCY ?? '4';
const TSA_CHANNELS = Number(process.env.BENCH_COLLECT_TSA_CHANNELS ?? 200);
const INTERVAL_S = 300;
const STAMP_NOTE = 'four at a time, and the pass waits for them at its end';

function dirBytes(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    n += s.isDirectory() ? dirBytes(p) : s.size;
  }
  return n;
}

/** The mock platforms, run in a child process. */
interface MockPlatforms {
  url: string;
  addChannels(handles: string[], posts: number): Promise<void>;
  postAll(handles: string[], text: string): Promise<void>;
  close(): Promise<void>;
}

async function startMock(): Promise<MockPlatforms> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'collect-mock.child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve) => child.once('message', (m) => resolve((m as { ready: string }).ready)));
  let next = 0;
  const call = (msg: Record<string, unknown>): Promise<void> =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (m: unknown): void => {
        if ((m as { done?: number }).done === id) {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.send({ ...msg, id });
    });
  return {
    url,
    addChannels: (handles, posts) => call({ op: 'addChannels', handles, posts }),
    postAll: (handles, text) => call({ op: 'postAll', handles, text }),
    close: () => call({ op: 'close' }),
  };
}

async function makeHome(mock: MockPlatforms, extra: Record<string, string> = {}): Promise<AppContext> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-bench-collect-'));
  const env = {
    RASAD_HOME: home,
    RASAD_TELEGRAM_WEB_URL: mock.url,
    RASAD_FETCH_ALLOW: '127.0.0.1',
    RASAD_HOST_INTERVAL_MS: '0',
    RASAD_COLLECT_CONCURRENCY: CONCURRENCY,
    RASAD_MEDIA_MAX_BYTES: '0',
    ...extra,
  };
  return openContext(loadConfig(env));
}

interface Round {
  label: string;
  polls: number;
  items: number;
  captures: number;
  seconds: number;
  pollMs: number;
  preserveMs: number;
  timestampMs: number;
  bytes: number;
}

async function round(ctx: AppContext, label: string, before: { preserveMs: number; timestampMs: number; captures: number }, run: () => Promise<CollectPassSummary>, bytesBefore: number): Promise<Round> {
  const t0 = performance.now();
  const s = await run();
  const seconds = (performance.now() - t0) / 1000;
  const pollMs = s.sources.reduce((n, p) => n + p.ms, 0);
  return {
    label,
    polls: s.sources.length,
    items: s.items,
    captures: s.preservation.captures - before.captures,
    seconds,
    pollMs,
    preserveMs: s.preservation.ms - before.preserveMs,
    timestampMs: s.preservation.timestampMs - before.timestampMs,
    bytes: dirBytes(ctx.config.home) - bytesBefore,
  };
}

/** The baseline: the same pages fetched and parsed by the same connector, nothing preserved or stored. */
async function baseline(mock: MockPlatforms, handles: string[], cursors: Map<string, number> | null): Promise<{ seconds: number; items: number }> {
  const fetcher = createSafeFetcher({ userAgent: 'bench', allow: ['127.0.0.1'], maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 });
  const connector = telegramWebConnector({ baseUrl: mock.url, pageDelayMs: 0 });
  const t0 = performance.now();
  let items = 0;
  await mapLimit(handles, Number(CONCURRENCY), async (handle) => {
    const lastId = cursors?.get(handle);
    const r = await connector.poll(
      { id: handle, kind: 'telegram', handle, url: null, cursor: lastId ? { lastId } : null, externalId: null, followLinks: false, maxPages: 1 },
      {
        fetch: async (req) => ({ ...(await fetcher.fetch(req)), captureId: '' }),
        record: () => Promise.resolve(''),
        now: () => new Date(),
        sleep: () => Promise.resolve(),
      },
    );
    items += r.items.filter((i) => !lastId || Number(i.draft.nativeId.split('/').pop()) > lastId).length;
  });
  return { seconds: (performance.now() - t0) / 1000, items };
}

function line(r: Round, base: { seconds: number } | null): string {
  const share = r.pollMs > 0 ? r.preserveMs / r.pollMs : 0;
  return [
    `${r.label.padEnd(34)} ${String(r.polls).padStart(5)} polls  ${String(r.items).padStart(6)} items  ${r.seconds.toFixed(1).padStart(6)} s`,
    `${(r.items / r.seconds).toFixed(0).padStart(6)} items/s  ${(r.polls / r.seconds).toFixed(1).padStart(6)} polls/s`,
    `${r.items > 0 ? (r.bytes / r.items / 1024).toFixed(1) : '—'} KiB/item  preservation ${(share * 100).toFixed(1)}% of poll time${r.timestampMs > 0 ? ` (+ trusted timestamps in the background: ${(r.timestampMs / Math.max(1, r.captures)).toFixed(0)} ms each at the authority)` : ''}`,
    base ? `baseline (fetch+parse only) ${base.seconds.toFixed(1)} s` : '',
  ]
    .filter(Boolean)
    .join('  ');
}

async function main(): Promise<void> {
  const mock = await startMock();
  const handles = Array.from({ length: CHANNELS }, (_, i) => `bench_channel_${String(i).padStart(4, '0')}`);
  await mock.addChannels(handles, 20);
  const ctx = await makeHome(mock);
  // pages are 20 posts: one page per poll, as on t.me/s
  const runtime = collectionRuntime(ctx, { settings: { firstPollPages: 1, maxPages: 1 } });
  for (const h of handles) await addSource(ctx, parseSourceSpec(`telegram:${h}`), { pollSeconds: INTERVAL_S, analyst: 'bench' });
  const due = async (): Promise<void> => {
    await ctx.db.kysely.updateTable('sources').set({ nextPollAt: '2000-01-01T00:00:00.000Z' }).execute();
  };
  console.log(`bench:collect — ${CHANNELS} synthetic Telegram channels on a loopback server, SQLite, concurrency ${ctx.config.collect.concurrency}, no analysis (measured by the other benches)`);

  const stats0 = { preserveMs: 0, timestampMs: 0, captures: 0 };
  const base1 = await baseline(mock, handles, null);
  const backfill = await round(ctx, 'backfill (first polls)', stats0, () => collectPass(ctx, runtime, { analyze: false, checks: 0 }), dirBytes(ctx.config.home));
  console.log(line(backfill, base1));

  await mock.postAll(handles, 'a new synthetic bulletin about a regional trade fair and the weather.');
  const base2 = await baseline(mock, handles, new Map(handles.map((h) => [h, 20])));
  await due();
  const p1 = runtime.preserver.stats();
  const steady = await round(ctx, 'steady state (one 5-minute round)', { preserveMs: p1.ms, timestampMs: p1.timestampMs, captures: p1.captures }, () => collectPass(ctx, runtime, { analyze: false, checks: 0 }), dirBytes(ctx.config.home));
  console.log(line(steady, base2));
  // The share of preservation measured one poll at a time: with several polls in flight, each
  // poll's clock also runs while the others use the CPU, which blurs what is whose.
  await mock.postAll(handles, 'another synthetic bulletin, about a football match.');
  await due();
  const p2 = runtime.preserver.stats();
  const sequential = await round(ctx, 'steady state, one poll at a time', { preserveMs: p2.ms, timestampMs: p2.timestampMs, captures: p2.captures }, () => collectPass(ctx, runtime, { analyze: false, checks: 0, concurrency: 1 }), dirBytes(ctx.config.home));
  console.log(line(sequential, null));
  await runtime.close();
  await ctx.close();

  // With a trusted timestamp on every capture, from a local openssl authority.
  const tsa = await startTestTsa();
  const caFile = path.join(tsa.dir, 'bench-ca.pem');
  writeFileSync(caFile, tsa.caCertPem);
  const tsaHandles = handles.slice(0, TSA_CHANNELS);
  const ctx2 = await makeHome(mock, { RASAD_TSA_URL: tsa.url, RASAD_TSA_CERT: caFile });
  const runtime2 = collectionRuntime(ctx2, { settings: { firstPollPages: 1, maxPages: 1 } });
  for (const h of tsaHandles) await addSource(ctx2, parseSourceSpec(`telegram:${h}`), { pollSeconds: INTERVAL_S, analyst: 'bench' });
  const withTsa = await round(ctx2, `with RFC 3161 (${TSA_CHANNELS} channels)`, stats0, () => collectPass(ctx2, runtime2, { analyze: false, checks: 0 }), dirBytes(ctx2.config.home));
  console.log(line(withTsa, null));
  await runtime2.close();
  await ctx2.close();
  await tsa.stop();
  await mock.close();

  const needed = CHANNELS / INTERVAL_S;
  const capacity = steady.polls / steady.seconds;
  const channelsAt5min = Math.floor(capacity * INTERVAL_S);
  const share = sequential.preserveMs / sequential.pollMs;
  console.log('');
  console.log(`keeping up: ${CHANNELS} channels every ${INTERVAL_S / 60} min need ${needed.toFixed(2)} polls/s; one process does ${capacity.toFixed(1)} polls/s → ${channelsAt5min} channels per 5 minutes, headroom ×${(capacity / needed).toFixed(1)}`);
  console.log(`preservation share of collection time (one poll at a time): ${(share * 100).toFixed(1)}% (target ≤ 30%); with ${CONCURRENCY} polls in flight ${((steady.preserveMs / steady.pollMs) * 100).toFixed(1)}% steady, ${((backfill.preserveMs / backfill.pollMs) * 100).toFixed(1)}% backfill; with trusted timestamps ${((withTsa.preserveMs / withTsa.pollMs) * 100).toFixed(1)}% (tokens are requested in the background, ${STAMP_NOTE})`);
  console.log('(against real platforms the network and the per-host pacing dominate: t.me is paced at one request per 2 s per host by default, RASAD_HOST_INTERVAL_MS)');
  console.log(
    JSON.stringify({
      bench: 'collect',
      channels: CHANNELS,
      backfill: { items: backfill.items, seconds: +backfill.seconds.toFixed(2), items_per_s: Math.round(backfill.items / backfill.seconds), bytes_per_item: Math.round(backfill.bytes / Math.max(1, backfill.items)), preservation_share: +(backfill.preserveMs / backfill.pollMs).toFixed(3), baseline_seconds: +base1.seconds.toFixed(2) },
      steady: { polls: steady.polls, items: steady.items, seconds: +steady.seconds.toFixed(2), polls_per_s: +capacity.toFixed(1), bytes_per_item: Math.round(steady.bytes / Math.max(1, steady.items)), preservation_share_concurrent: +(steady.preserveMs / steady.pollMs).toFixed(3), baseline_seconds: +base2.seconds.toFixed(2) },
      preservation_share: +share.toFixed(3),
      with_timestamps: { polls: withTsa.polls, items: withTsa.items, captures: withTsa.captures, seconds: +withTsa.seconds.toFixed(2), preservation_share: +(withTsa.preserveMs / withTsa.pollMs).toFixed(3), ms_per_token: Math.round(withTsa.timestampMs / Math.max(1, withTsa.captures)) },
      channels_per_5_min: channelsAt5min,
      headroom: +(capacity / needed).toFixed(1),
    }),
  );
}

await main();

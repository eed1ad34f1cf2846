import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';
import { startMockPlatforms, type MockPlatforms } from '../support/mock-platforms.js';
import { startTestTsa, type TestTsa } from '../support/test-tsa.js';

let mock: MockPlatforms;
let tsa: TestTsa;

beforeAll(async () => {
  [mock, tsa] = await Promise.all([startMockPlatforms(), startTestTsa()]);
});
afterAll(async () => {
  await Promise.all([mock.close(), tsa.stop()]);
});

async function home(dialect: 'sqlite' | 'postgres', extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-collect-cli-'));
  const caFile = path.join(dir, 'tsa-ca.pem');
  writeFileSync(caFile, tsa.caCertPem);
  const env: Record<string, string> = {
    RASAD_HOME: dir,
    RASAD_USER: 'analyst-c',
    RASAD_TELEGRAM_WEB_URL: mock.url,
    RASAD_X_API_URL: mock.url,
    RASAD_FETCH_ALLOW: '127.0.0.1',
    RASAD_HOST_INTERVAL_MS: '0',
    RASAD_TSA_URL: tsa.url,
    RASAD_TSA_CERT: caFile,
    RASAD_LIVENESS_CONFIRM_MS: '0',
    ...extra,
  };
  if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
  return env;
}

async function ok(args: string[], env: Record<string, string>): Promise<string> {
  const r = await runCli(args, env);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

interface SourceJson {
  kind: string;
  handle: string;
  status: string;
  status_reason: string | null;
  last_success: string | null;
  last_error: string | null;
  items: number;
}

describe.each(['sqlite', 'postgres'] as const)('collect against the loopback platforms (%s)', (dialect) => {
  it('collects a channel with its evidence, exports and verifies a bundle, and a flipped byte fails naming the file', async () => {
    const channel = `monitor_${dialect}`;
    mock.addChannel(channel, { posts: 25 });
    const env = await home(dialect);
    await ok(['sources', 'add', `telegram:${channel}`, '--poll', '60'], env);
    const summary = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { items: number; captures: number; failed: number };
    expect(summary.failed).toBe(0);
    expect(summary.items).toBe(25); // two pages: 20 newest, then 5 older through ?before=
    expect(summary.captures).toBeGreaterThanOrEqual(2);

    const sources = JSON.parse(await ok(['sources', 'list', '--json'], env)) as SourceJson[];
    expect(sources).toEqual([expect.objectContaining({ kind: 'telegram', handle: channel, status: 'active', items: 25, last_error: null })]);
    expect(sources[0]?.last_success).toBeTruthy();

    // A second pass reads only what is new, and an edit becomes a version.
    mock.post(channel, 'A new synthetic bulletin about a regional trade fair.');
    mock.edit(channel, 25, 'Corrected: the meeting moved to Thursday.');
    await ok(['sources', 'resume', `telegram:${channel}`], env);
    const second = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { items: number; edits: number };
    expect(second.items).toBe(1);
    expect(second.edits).toBe(1);

    const out = path.join(env.RASAD_HOME ?? '', 'bundle');
    const exported = JSON.parse(await ok(['evidence', 'export', `telegram:${channel}/25`, out, '--json'], env)) as { captures: number; timestamps: number };
    expect(exported.captures).toBeGreaterThanOrEqual(2);
    expect(exported.timestamps).toBe(exported.captures);
    const verified = await runCli(['evidence', 'verify', out], env);
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/^OK:/);

    const capture = readdirSync(path.join(out, 'captures'))[0] ?? '';
    const file = path.join(out, 'captures', capture);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    const broken = await runCli(['evidence', 'verify', out], env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`captures/${capture}`);

    const log = await runCli(['evidence', 'log', '--json'], env);
    expect(log.code, log.stderr).toBe(0);
    expect(JSON.parse(log.stdout)).toMatchObject({ ok: true });
  }, 60_000);
});

describe('collect: liveness, discovery, X, feeds and hostile responses (sqlite)', () => {
  it('confirms a deleted post and a vanished channel only after consistent checks, never from a throttled page', async () => {
    const channel = 'liveness_watch';
    mock.addChannel(channel, { posts: 3 });
    mock.post(channel, 'Forwarded bulletin from a partner channel.', { forwardedFrom: { name: 'Partner Wire', handle: 'partner_wire_demo', id: 77 } });
    const env = await home('sqlite', { RASAD_DISCOVERY_MAX_DEPTH: '1' });
    await ok(['sources', 'add', `telegram:${channel}`], env);
    await ok(['collect', '--once', '--no-analyze'], env);

    // The forward's origin waits in the review queue; it is not watched.
    const queue = JSON.parse(await ok(['sources', 'discovered', '--json'], env)) as Array<{ kind: string; handle: string; how: string }>;
    expect(queue).toEqual([expect.objectContaining({ kind: 'telegram', handle: 'partner_wire_demo', how: 'forward' })]);
    await ok(['sources', 'dismiss', 'telegram:partner_wire_demo', '--reason', 'not relevant'], env);
    expect(JSON.parse(await ok(['sources', 'discovered', '--json'], env))).toEqual([]);

    // Post 2 is deleted; a throttled page in between proves nothing. Checks are due at once here.
    mock.deletePost(channel, 2);
    const checks = async (): Promise<{ checked: number; gone: number; suspected: number }> => {
      const db = await import('../../src/store/database.js');
      const handle = await db.openDatabase({ sqliteFile: path.join(env.RASAD_HOME ?? '', 'rasad.db') });
      await handle.kysely.updateTable('items').set({ nextCheckAt: '2000-01-01T00:00:00.000Z' }).execute();
      await handle.close();
      return (JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { checks: { checked: number; gone: number; suspected: number } }).checks;
    };
    const first = await checks();
    expect(first).toMatchObject({ checked: 4, suspected: 1, gone: 0 });
    const second = await checks();
    expect(second).toMatchObject({ gone: 1 });
    const gone = JSON.parse(await ok(['items', 'show', `telegram:${channel}/2`, '--json'], env)) as { liveness?: string };
    expect(gone.liveness).toBe('gone');

    // The channel vanishes: one "Contact @" landing is a suspicion, the second confirms it.
    mock.throttle(1);
    await ok(['sources', 'resume', `telegram:${channel}`], env);
    const throttled = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { throttled: number };
    expect(throttled.throttled).toBe(1);
    mock.removeChannel(channel);
    for (let i = 0; i < 2; i++) {
      await ok(['sources', 'resume', `telegram:${channel}`], env);
      await ok(['collect', '--once', '--no-analyze', '--checks', '0'], env);
    }
    const [source] = JSON.parse(await ok(['sources', 'list', '--json'], env)) as SourceJson[];
    expect(source).toMatchObject({ status: 'gone', status_reason: 'tg_username_unoccupied' });
  }, 60_000);

  it('collects an X account and a feed (304 on the second poll), and refuses oversized, slow and private targets', async () => {
    const env = await home('sqlite', { RASAD_X_BEARER_TOKEN: 'test-bearer-secret-123', RASAD_FETCH_MAX_BYTES: '1048576', RASAD_FETCH_TIMEOUT_MS: '1500' });
    await ok(['sources', 'add', 'x:rasd_monitor_demo'], env);
    await ok(['sources', 'add', `rss:${mock.url}/feed.xml`], env);
    await ok(['sources', 'add', `web:${mock.url}/huge`], env);
    await ok(['sources', 'add', `web:${mock.url}/slow`], env);
    await ok(['sources', 'add', 'web:http://10.0.0.1/private'], env);
    const first = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { items: number; sources: Array<{ source: string; status: string; reason: string | null; items: number }> };
    const by = new Map(first.sources.map((s) => [s.source, s]));
    expect(by.get('x:rasd_monitor_demo')).toMatchObject({ status: 'ok' });
    expect(by.get('x:rasd_monitor_demo')?.items).toBeGreaterThan(0);
    expect(by.get(`rss:${mock.url}/feed.xml`)).toMatchObject({ status: 'ok' });
    expect(by.get(`rss:${mock.url}/feed.xml`)?.items).toBeGreaterThan(0);
    expect(by.get(`web:${mock.url}/huge`)).toMatchObject({ status: 'failed', reason: expect.stringContaining('too_large') as unknown });
    expect(by.get(`web:${mock.url}/slow`)).toMatchObject({ status: 'failed', reason: expect.stringContaining('timeout') as unknown });
    expect(by.get('web:http://10.0.0.1/private')).toMatchObject({ status: 'failed', reason: expect.stringContaining('refused_address') as unknown });

    await ok(['sources', 'resume', `rss:${mock.url}/feed.xml`], env);
    const second = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as { sources: Array<{ source: string; status: string; items: number }> };
    expect(second.sources.find((s) => s.source === `rss:${mock.url}/feed.xml`)).toMatchObject({ status: 'ok', items: 0 });

    // A web page gets an offline screenshot of what was captured (when Chromium is there).
    if (existsSync('/usr/bin/chromium')) {
      const shots = await home('sqlite', { RASAD_SCREENSHOTS: '1' });
      await ok(['sources', 'add', `web:${mock.url}/article.html`], shots);
      await ok(['collect', '--once', '--no-analyze'], shots);
      const [article] = JSON.parse(await ok(['items', 'list', '--json'], shots)) as Array<{ key: string }>;
      const shown = JSON.parse(await ok(['items', 'show', article?.key ?? '', '--json'], shots)) as { captures: Array<{ role: string; origin: string }> };
      expect(shown.captures.map((c) => c.role).sort()).toEqual(['page', 'screenshot']);
    }

    // The bearer token never reaches the evidence.
    const warc = path.join(env.RASAD_HOME ?? '', 'evidence', 'warc');
    const { gunzipSync } = await import('node:zlib');
    for (const f of readdirSync(warc)) expect(gunzipSync(readFileSync(path.join(warc, f))).toString('latin1')).not.toContain('test-bearer-secret-123');
  }, 60_000);
});

describe('collect: media, followed articles, searches and malformed pages (sqlite)', () => {
  it('downloads media with a perceptual hash, follows article links when asked, and survives malformed pages', async () => {
    const channel = 'media_watch';
    mock.addChannel(channel, { posts: 1 });
    mock.post(channel, 'Photo of the opening of a new public library.', { photo: `${mock.url}/media/library.png` });
    mock.post(channel, 'Background reading on the trade corridor.', { link: `${mock.url}/articles/trade-corridor` });
    const env = await home('sqlite', { RASAD_X_BEARER_TOKEN: 'test-bearer-secret-456' });
    await ok(['sources', 'add', `telegram:${channel}`, '--follow-links'], env);
    await ok(['sources', 'add', `web:${mock.url}/malformed.html`], env);
    await ok(['sources', 'add', 'x:search:"trade corridor" OR ممر_تجاري'], env);
    const pass = JSON.parse(await ok(['collect', '--once', '--json', '--no-analyze'], env)) as {
      media: number;
      articles: number;
      sources: Array<{ source: string; status: string; items: number; discovered: number }>;
    };
    expect(pass.media).toBe(1);
    expect(pass.articles).toBe(1);
    // a malformed page is an item with what could be read, or a failure with a reason: never a crash
    expect(['ok', 'failed']).toContain(pass.sources.find((s) => s.source === `web:${mock.url}/malformed.html`)?.status);
    const searched = pass.sources.find((s) => s.source.startsWith('x:search:'));
    expect(searched).toMatchObject({ status: 'ok' });
    // The posts a search finds stay under their authors, and the search source lists what it found.
    const watched = JSON.parse(await ok(['sources', 'list', '--json'], env)) as Array<{ kind: string; handle: string; items: number; items_last_day: number }>;
    const search = watched.find((s) => s.handle.startsWith('search:'));
    expect(search?.items).toBeGreaterThan(0);
    expect(search?.items_last_day).toBe(search?.items);
    const found = JSON.parse(await ok(['items', 'list', '--json', '--source', `x:${search?.handle ?? ''}`], env)) as Array<{ key: string; source_handle: string }>;
    expect(found).toHaveLength(search?.items ?? -1);
    expect(found.every((i) => !i.source_handle.startsWith('search:'))).toBe(true);

    const photo = JSON.parse(await ok(['items', 'show', `telegram:${channel}/2`, '--json'], env)) as { captures: Array<{ role: string; id: string }> };
    expect(photo.captures.map((c) => c.role).sort()).toEqual(['media', 'page']);
    const db = await import('../../src/store/database.js');
    const handle = await db.openDatabase({ sqliteFile: path.join(env.RASAD_HOME ?? '', 'rasad.db') });
    const media = await handle.kysely.selectFrom('captures').select(['phash', 'mediaType']).where('method', '=', 'media').execute();
    await handle.close();
    expect(media).toEqual([{ phash: expect.stringMatching(/^[0-9a-f]{16}$/) as unknown, mediaType: 'image/png' }]);

    const out = path.join(env.RASAD_HOME ?? '', 'bundle-media');
    await ok(['evidence', 'export', `telegram:${channel}/2`, out], env);
    const verified = await runCli(['evidence', 'verify', out], env);
    expect(verified.code, verified.stderr).toBe(0);
  }, 60_000);
});

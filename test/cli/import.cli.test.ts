import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';

const DEMO = path.resolve(import.meta.dirname, '../../demo/scenario');
const OFFER = 'telegram:c1302716485/3326';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'rasad-cli-'));
}

async function count(env: Record<string, string>): Promise<number> {
  const r = await runCli(['items', 'list', '--json', '--limit', '100000'], env);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as unknown[]).length;
}

describe('rasad import, search, items on SQLite', () => {
  const env = { RASAD_HOME: tempDir() };

  beforeAll(async () => {
    const first = await runCli(['import', DEMO, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout) as { imported: number; failed: number };
    expect(summary.imported).toBeGreaterThanOrEqual(30);
    expect(summary.failed).toBe(0);
  }, 120_000);

  it('adds nothing on a second import of the same files', async () => {
    const before = await count(env);
    const again = await runCli(['import', DEMO, '--json'], env);
    const summary = JSON.parse(again.stdout) as { imported: number; duplicates: number };
    expect(summary.imported).toBe(0);
    expect(summary.duplicates).toBe(before);
    expect(await count(env)).toBe(before);
  });

  it('finds the offer by an Arabic query typed with tashkeel and without', async () => {
    for (const q of ['المستشارونَ الأمنيّونَ للمقاومةِ', 'المستشارون الامنيون للمقاومة']) {
      const r = await runCli(['search', q, '--json'], env);
      expect(r.code).toBe(0);
      const keys = (JSON.parse(r.stdout) as Array<{ key: string }>).map((h) => h.key);
      expect(keys, q).toContain(OFFER);
    }
  });

  it('lists items with key, source, published_at, language and the original text', async () => {
    const r = await runCli(['items', 'list', '--json', '--source', 'telegram'], env);
    const items = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const offer = items.find((i) => i.key === OFFER);
    expect(offer).toMatchObject({ source: 'telegram', language: 'ar', published_at: '2021-01-13T07:31:08.000Z' });
    expect(String(offer?.text)).toContain('N-USA The End');
    const dates = items.map((i) => (typeof i.published_at === 'string' ? i.published_at : ''));
    expect([...dates].sort().reverse()).toEqual(dates);
    const show = await runCli(['items', 'show', OFFER, '--json'], env);
    const shown = JSON.parse(show.stdout) as { key: string; stages: Array<{ stage: string }> };
    expect(shown.key).toBe(OFFER);
    expect(shown.stages.map((s) => s.stage).sort()).toEqual([
      expect.stringMatching(/^actors@\d+$/),
      expect.stringMatching(/^events@\d+$/),
      expect.stringMatching(/^language@\d+$/),
      expect.stringMatching(/^threat@\d+$/),
    ]);
  });

  it('rejects corrupted files with a one-line error and exit 1, keeping the database as it was', async () => {
    const dir = tempDir();
    const before = await count(env);
    const truncated = path.join(dir, 'result.json');
    writeFileSync(truncated, '{"name":"x","type":"public_channel","id":5,"messages":[{"id":1,"type":"message","date":"2021-01-01T00:00:00","text":"hel');
    const junk = path.join(dir, 'junk.jsonl');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8, 9, 0]));
    const badLine = path.join(dir, 'bad.jsonl');
    writeFileSync(badLine, '{"id":"a1","text":"good line"}\n{"id":"a2","text":"another"}\n{"id":"a3"}\n');
    for (const file of [truncated, junk, badLine]) {
      const r = await runCli(['import', file], env);
      expect(r.code, file).toBe(1);
      const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('rasad:'));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(file);
    }
    const bad = await runCli(['import', badLine, '--json'], env);
    expect(JSON.parse(bad.stdout)).toMatchObject({ imported: 0, failed: 1, errors: [{ file: badLine, line: 3 }] });
    const wrong = await runCli(['import', '--format', 'rss', badLine], env);
    expect(wrong.code).toBe(1);
    expect(await count(env)).toBe(before);
  });

  it('imports the good files around a bad one and still exits 1', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.jsonl');
    writeFileSync(good, '{"id":"g1","text":"a good synthetic line"}\n');
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, 'not json at all\n');
    const r = await runCli(['import', good, bad, '--json'], env);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, failed: 1 });
  });

  it('gives usage errors exit 2 and unknown keys exit 1', async () => {
    expect((await runCli(['import'], env)).code).toBe(2);
    expect((await runCli(['frobnicate'], env)).code).toBe(2);
    const missing = await runCli(['items', 'show', 'x:0'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^rasad: no item with key x:0\n$/);
  });
});

describe('rasad analyze --jsonl', () => {
  it('answers every line in order, with an error object for a bad line', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'يقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد' }),
      'this is not json',
      JSON.stringify({ id: 'b', text: 'The advisers said they were ready to train movements abroad.' }),
      JSON.stringify({ id: 'c', text: 'https://t.me/example #N_USA 🇺🇸🔥 2021' }),
      JSON.stringify({ id: 'd', text: 'ابوعلی عسکری در کانال تلگرامی خود نوشت که مشاوران آماده‌اند' }),
    ].join('\n');
    const r = await runCli(['analyze', '--jsonl'], { RASAD_HOME: tempDir() }, `${input}\n`);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ id: 'a', language: { code: 'ar', script: 'Arab' }, translation: null, mentions: [] });
    expect(String(out[0]?.normalized)).toContain('الاسلاميه');
    // With no engine configured, known terms are glossed with spans into the original text.
    const glosses = out[0]?.glosses as Array<{ start: number; end: number; text: string; gloss: string }>;
    expect(glosses.map((g) => g.text)).toContain('المستشارون');
    const first = JSON.parse(input.split('\n')[0] ?? '{}') as { text: string };
    for (const g of glosses) expect(first.text.slice(g.start, g.end)).toBe(g.text);
    expect(out[1]).toMatchObject({ id: null, line: 2 });
    expect(out[2]).toMatchObject({ id: 'b', language: { code: 'en', script: 'Latn' } });
    expect(out[3]).toMatchObject({ id: 'c', language: { code: 'und' } });
    expect(out[4]).toMatchObject({ id: 'd', language: { code: 'fa' } });
  });
});

describe('the same import on PostgreSQL', () => {
  it('gives the same counts and search results as SQLite', async () => {
    const pgEnv = { RASAD_HOME: tempDir(), RASAD_DATABASE_URL: await freshPostgresUrl() };
    const sqliteEnv = { RASAD_HOME: tempDir() };
    const onPg = JSON.parse((await runCli(['import', DEMO, '--json'], pgEnv)).stdout) as { imported: number };
    const onSqlite = JSON.parse((await runCli(['import', DEMO, '--json'], sqliteEnv)).stdout) as { imported: number };
    expect(onPg.imported).toBe(onSqlite.imported);
    expect(JSON.parse((await runCli(['import', DEMO, '--json'], pgEnv)).stdout)).toMatchObject({ imported: 0 });
    for (const q of ['المستشارونَ الأمنيّونَ', 'kataib hezbollah', '"N-USA The End"']) {
      const keys = async (env: Record<string, string>): Promise<string[]> =>
        (JSON.parse((await runCli(['search', q, '--json', '--limit', '100'], env)).stdout) as Array<{ key: string }>).map((h) => h.key).sort();
      expect(await keys(pgEnv), q).toEqual(await keys(sqliteEnv));
    }
  }, 120_000);
});

describe('rasad analyze --pending', () => {
  it('analyzes items imported with --no-analyze, once', async () => {
    const env = { RASAD_HOME: tempDir() };
    const dir = tempDir();
    const file = path.join(dir, 'posts.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'p1', text: 'يقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد' })}\n${JSON.stringify({ id: 'p2', text: 'Analysts doubted the offer was genuine.' })}\n`);
    expect((await runCli(['import', file, '--no-analyze'], env)).code).toBe(0);
    const before = JSON.parse((await runCli(['items', 'list', '--json'], env)).stdout) as Array<{ language: string | null }>;
    expect(before.map((i) => i.language)).toEqual([null, null]);
    expect((await runCli(['analyze', '--pending'], env)).stdout).toBe('analyzed 2 stored item(s)\nevents: placed 2 item(s); 0 event(s) created or changed\n');
    const after = JSON.parse((await runCli(['items', 'list', '--json'], env)).stdout) as Array<{ language: string | null }>;
    expect(after.map((i) => i.language).sort()).toEqual(['ar', 'en']);
    expect((await runCli(['analyze', '--pending'], env)).stdout).toBe('analyzed 0 stored item(s)\n');
  });
});

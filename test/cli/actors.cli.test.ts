import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/designations');
const STARTER = path.resolve(import.meta.dirname, '../../src/actors/starter/starter-registry.json');

interface Summary {
  actors: number;
  aliases: number;
  designations: number;
  affiliations: number;
  registry: { actors: number; aliases: number; designations: number };
}

describe.each(['sqlite', 'postgres'] as const)('rasad actors import on %s', (dialect) => {
  it('loads OFAC, UN, EU lists and the starter registry; re-import updates, never duplicates', async () => {
    const env: Record<string, string> = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-actors-')) };
    if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
    const run = async (format: string, target: string): Promise<Summary> => {
      const r = await runCli(['actors', 'import', '--format', format, target, '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Summary;
    };
    const ofac = await run('ofac', path.join(FIXTURES, 'ofac'));
    expect(ofac.actors).toBeGreaterThanOrEqual(8);
    expect(ofac.designations).toBe(ofac.actors);
    const un = await run('un', path.join(FIXTURES, 'un'));
    expect(un.actors).toBeGreaterThan(0);
    const eu = await run('eu', path.join(FIXTURES, 'eu', 'semicolon-aliases.csv'));
    expect(eu.actors).toBeGreaterThan(0);
    const starter = await run('rasad', STARTER);
    expect(starter).toMatchObject({ actors: 8, affiliations: 4 });
    const total = starter.registry.actors;
    expect(total).toBe(ofac.actors + un.actors + eu.actors + 8);
    const again = await run('ofac', path.join(FIXTURES, 'ofac'));
    expect(again.registry).toEqual(starter.registry);
  });
});

describe('rasad actors import errors', () => {
  it('names the file and exits 1 for a file that is not the list', async () => {
    const env = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-actors-')) };
    const r = await runCli(['actors', 'import', '--format', 'eu', path.join(FIXTURES, 'eu', 'bad-header.csv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad-header.csv');
    const usage = await runCli(['actors', 'import', '--format', 'nope', FIXTURES], env);
    expect(usage.code).toBe(2);
  });
});

describe.each(['sqlite', 'postgres'] as const)('rasad actors resolve and mentions on %s', (dialect) => {
  it('resolves spellings in any script against imported lists, in the plain, --json and --jsonl forms', async () => {
    const env: Record<string, string> = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-resolve-')) };
    if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
    expect((await runCli(['actors', 'import', '--format', 'ofac', path.join(FIXTURES, 'ofac')], env)).code).toBe(0);
    expect((await runCli(['actors', 'import', '--format', 'rasad', STARTER], env)).code).toBe(0);

    const json = await runCli(['actors', 'resolve', 'Kataib Hezbollah', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const candidates = JSON.parse(json.stdout) as Array<{ actor_id: string; canonical: string; matched_alias: string; score: number; why: string; designations: string[] }>;
    expect(candidates.length).toBeGreaterThanOrEqual(1);
    expect(candidates[0]?.designations).toContain('ofac:11462');
    for (const c of candidates) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.why).toMatch(/alias "/);
      expect(Object.keys(c).sort()).toEqual(['actor_id', 'canonical', 'designations', 'matched_alias', 'score', 'why']);
    }
    const arabic = JSON.parse((await runCli(['actors', 'resolve', 'أبو علي العسكري', '--json'], env)).stdout) as Array<{ canonical: string }>;
    expect(arabic[0]?.canonical).toBe("Abu 'Ali al-'Askari");
    const none = await runCli(['actors', 'resolve', 'Barack Obama', '--json'], env);
    expect(JSON.parse(none.stdout)).toEqual([]);
    const all = JSON.parse((await runCli(['actors', 'resolve', 'Hezbollah', '--json', '--all'], env)).stdout) as Array<{ accepted: boolean }>;
    expect(all.some((c) => !c.accepted)).toBe(true);
    const plain = await runCli(['actors', 'resolve', 'Abu', 'Ali', 'al', 'Askary'], env);
    expect(plain.stdout).toMatch(/^1\.00 {2}Abu 'Ali al-'Askari/);

    const batch = await runCli(['actors', 'resolve', '--jsonl'], env, '{"id":"a","name":"KH"}\nnot json\n{"id":2,"name":"Qays al-Khazaali"}\n{"id":"c"}\n');
    const lines = batch.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; candidates?: Array<{ canonical: string }>; error?: string; line?: number });
    expect(lines.map((l) => l.id)).toEqual(['a', null, '2', 'c']);
    expect(lines[0]?.candidates?.[0]?.canonical).toBe("Kata'ib Hizballah");
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[3]?.error).toMatch(/name/);

    const missing = await runCli(['actors', 'resolve'], env);
    expect(missing.code).not.toBe(0);
  });

  it('finds mentions when items are imported and again after the registry changes', async () => {
    const env: Record<string, string> = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-mentions-')) };
    if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
    const posts = path.join(env.RASAD_HOME ?? '', 'posts.jsonl');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      posts,
      `${JSON.stringify({ id: 1, key: 'jsonl:1', text: 'بيان كتائب حزب الله: تصريح لأبي علي العسكري', published_at: '2021-01-13T10:00:00Z' })}\n` +
        `${JSON.stringify({ id: 2, key: 'jsonl:2', text: "Kata'ib Hizbullah official Abu Ali al-Askary spoke; KH later denied it.", published_at: '2021-01-13T11:00:00Z' })}\n`,
    );
    expect((await runCli(['import', posts], env)).code).toBe(0);
    const before = JSON.parse((await runCli(['items', 'show', 'jsonl:1', '--json'], env)).stdout) as { mentions?: unknown[] };
    expect(before.mentions ?? []).toEqual([]);
    const imported = await runCli(['actors', 'import', '--format', 'rasad', STARTER], env);
    expect(imported.stdout).toMatch(/found \d+ actor mentions in 2 stored items/);
    const shown = JSON.parse((await runCli(['items', 'show', 'jsonl:2', '--json'], env)).stdout) as { text: string; mentions: Array<{ canonical: string; start: number; end: number; matched: string }> };
    expect(shown.mentions.map((m) => m.canonical)).toEqual(["Kata'ib Hizballah", "Abu 'Ali al-'Askari", "Kata'ib Hizballah"]);
    for (const m of shown.mentions) expect(shown.text.slice(m.start, m.end)).toBe(m.matched);
    const arabic = JSON.parse((await runCli(['items', 'show', 'jsonl:1', '--json'], env)).stdout) as { mentions: Array<{ matched: string }> };
    expect(arabic.mentions.map((m) => m.matched)).toEqual(['كتائب حزب الله', 'أبي علي العسكري']);

    const line = await runCli(['analyze', '--jsonl'], env, `${JSON.stringify({ id: 'x', text: 'قال أبو مهدي المهندس' })}\n`);
    const out = JSON.parse(line.stdout.trim()) as { mentions: Array<{ actor_id: string; canonical: string; start: number; end: number; score: number; matched: string }> };
    expect(out.mentions).toEqual([expect.objectContaining({ canonical: 'Abu Mahdi al-Muhandis', matched: 'أبو مهدي المهندس', start: 4, end: 20 })]);
  });

  it('keeps aliases analysts added when a list is imported again', async () => {
    const env: Record<string, string> = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-reimport-')) };
    if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
    expect((await runCli(['actors', 'import', '--format', 'ofac', path.join(FIXTURES, 'ofac')], env)).code).toBe(0);
    const added = await runCli(['actors', 'alias', 'add', 'ofac:11462', 'Kataeb Hezbollah al-Iraqiya', '--reason', 'seen in a channel'], env);
    expect(added.code, added.stderr).toBe(0);
    expect((await runCli(['actors', 'import', '--format', 'ofac', path.join(FIXTURES, 'ofac')], env)).code).toBe(0);
    const shown = JSON.parse((await runCli(['actors', 'show', 'ofac:11462', '--json'], env)).stdout) as { aliases: Array<{ alias: string }> };
    expect(shown.aliases.map((a) => a.alias)).toContain('Kataeb Hezbollah al-Iraqiya');
  });
});

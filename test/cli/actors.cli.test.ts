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

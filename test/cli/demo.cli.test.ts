import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('rasad demo', () => {
  it('builds a fresh demo home and prints the Markdown summary', async () => {
    const home = path.join(mkdtempSync(path.join(os.tmpdir(), 'rasad-demo-')), 'demo');
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['--home', home, 'demo'], {});
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('# Rasad demo');
      expect(r.stdout).toMatch(/Imported 3\d items from 5 files \(0 duplicates, 0 failed\)/);
      expect(r.stdout).toContain('Starter registry loaded: 8 actors');
      expect(r.stdout).toContain('## Events: one happening, every report of it');
      expect(r.stdout).toMatch(/first: `telegram:c1302716485\/3326` — earliest of \d+ members/);
      // The offer is found by the Arabic query typed with tashkeel and without.
      expect(r.stdout.match(/best: `telegram:c1302716485\/3326`/g)?.length).toBeGreaterThanOrEqual(2);
    }
  }, 120_000);

  it('refuses to wipe a folder that is not a demo home', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-notdemo-'));
    writeFileSync(path.join(home, 'precious.txt'), 'keep me');
    const r = await runCli(['--home', home, 'demo'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a Rasad demo home');
  });
});

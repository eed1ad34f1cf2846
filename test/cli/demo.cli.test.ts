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
      // The offer (or the live channel's copy of it) is found by the Arabic query typed with tashkeel and without.
      expect(r.stdout.match(/best: `telegram:(c1302716485\/3326|northlight_watch\/1)`/g)?.length).toBeGreaterThanOrEqual(2);
      // The live part: collected from the local stand-in for t.me, an edit, a confirmed deletion, a verified bundle.
      expect(r.stdout).toContain('## Live collection and evidence');
      expect(r.stdout).toMatch(/First pass: 3 new posts/);
      expect(r.stdout).toMatch(/Second pass: 1 new post\(s\), 1 edit\(s\)/);
      expect(r.stdout).toContain('after one check it was suspected, after a second consistent check gone');
      expect(r.stdout).toMatch(/`rasad evidence verify` says OK/);
      expect(r.stdout).toContain('chain intact');
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

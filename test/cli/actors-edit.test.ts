import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';

const UN_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/designations/un');

/** A one-entry OFAC list (invented) naming the same invented man as the UN fixture's QDi.901. */
function ofacFolder(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rasad-ofac-')), 'ofac');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'sdn.csv'),
    [
      `90901,"QUDRAN, Zafir Malik","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1975; a.k.a. 'ABU HADID AL-ZUJAJI'; a.k.a. 'Zafer Kodran'."`,
      `90902,"SANDGLASS FRONT",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'HOURGLASS FRONT'."`,
      '',
    ].join('\r\n'),
  );
  return dir;
}

interface ShownActor {
  id: string;
  kind: string;
  canonical: string;
  merged_into: { id: string; canonical: string } | null;
  merged_from: Array<{ id: string }>;
  designations: string[];
  aliases: Array<{ alias: string; kind: string; script: string | null; normalized: string }>;
  affiliations: Array<{ relation: string; actor_id: string; role: string | null }>;
  notes: string | null;
}

interface Suggestion {
  score: number;
  keep: { id: string; designations: string[] };
  merge: { id: string; designations: string[] };
  reasons: Array<{ how: string; alias_a: string; alias_b: string }>;
}

async function homeWithLists(dialect: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const env: Record<string, string> = { RASAD_HOME: mkdtempSync(path.join(os.tmpdir(), 'rasad-edit-')), RASAD_USER: 'analyst-a' };
  if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
  for (const [format, target] of [['ofac', ofacFolder()], ['un', UN_FIXTURE]] as const) {
    const r = await runCli(['actors', 'import', '--format', format, target], env);
    expect(r.code, r.stderr).toBe(0);
  }
  return env;
}

async function json<T>(args: string[], env: Record<string, string>): Promise<T> {
  const r = await runCli([...args, '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

describe.each(['sqlite', 'postgres'] as const)('rasad actors editing on %s', (dialect) => {
  it('suggests the OFAC and UN entries of one man, merges them with a reason, shows and undoes the merge', async () => {
    const env = await homeWithLists(dialect);
    const suggestions = await json<Suggestion[]>(['actors', 'suggest-merges'], env);
    const pair = suggestions.find((s) => [...s.keep.designations, ...s.merge.designations].sort().join() === 'ofac:90902,un:QDe.901');
    const man = suggestions.find((s) => [...s.keep.designations, ...s.merge.designations].sort().join() === 'ofac:90901,un:QDi.901');
    expect(man, JSON.stringify(suggestions)).toBeDefined();
    expect(pair).toBeDefined();
    expect(man!.score).toBeGreaterThan(0.5);
    expect(man!.reasons.map((r) => r.how)).toContain('same_alias');

    const merged = await runCli(['actors', 'merge', 'ofac:90901', 'un:QDi.901', '--reason', 'same alias, same birth year', '--json'], env);
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout)).toMatchObject({ action: 'merge', merged: { canonical: 'ZAFIR QUDRAN MALIK' }, into: { canonical: 'QUDRAN, Zafir Malik' }, requested_into: null, mentions: { items: 0 } });
    const survivor = await json<ShownActor>(['actors', 'show', 'ofac:90901'], env);
    const gone = await json<ShownActor>(['actors', 'show', 'un:QDi.901'], env);
    expect(survivor.merged_from.map((m) => m.id)).toEqual([gone.id]);
    expect(gone.merged_into?.id).toBe(survivor.id);
    const after = await json<Suggestion[]>(['actors', 'suggest-merges'], env);
    expect(after.some((s) => s.merge.id === gone.id || s.keep.id === gone.id)).toBe(false);

    const unmerged = await runCli(['actors', 'unmerge', 'un:QDi.901', '--reason', 'birth years differ after all'], env);
    expect(unmerged.code, unmerged.stderr).toBe(0);
    expect(unmerged.stdout).toMatch(/^unmerged ZAFIR QUDRAN MALIK /);
    expect((await json<ShownActor>(['actors', 'show', 'un:QDi.901'], env)).merged_into).toBeNull();
    const dismissed = await runCli(['actors', 'dismiss', 'un:QDi.901', 'ofac:90901', '--reason', 'namesakes'], env);
    expect(dismissed.code, dismissed.stderr).toBe(0);
    const final = await json<Suggestion[]>(['actors', 'suggest-merges'], env);
    expect(final.some((s) => [s.keep.id, s.merge.id].includes(gone.id))).toBe(false);

    const history = await json<Array<{ action: string; user: string; reason: string | null; subject_type: string }>>(['actors', 'history', 'ofac:90901'], env);
    expect(history.map((e) => e.action)).toEqual(['dismiss', 'unmerge', 'merge']);
    expect(history[2]).toMatchObject({ user: 'analyst-a', reason: 'same alias, same birth year', subject_type: 'actor_merge' });
  });
});

describe('rasad actors add, alias, edit, affiliate', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await homeWithLists('sqlite');
  });

  it('adds an actor with aliases and notes, edits it, manages aliases and links, and keeps the history', async () => {
    const added = await json<ShownActor>(['actors', 'add', '--kind', 'person', '--name', 'Abu Sahm al-Qarnawi', '--alias', 'أبو سهم القرناوي', '--alias', 'Sahm Qarnawi', '--note', 'from channel exports'], env);
    expect(added).toMatchObject({ kind: 'person', canonical: 'Abu Sahm al-Qarnawi', notes: 'from channel exports', merged_into: null });
    expect(added.aliases.find((a) => a.alias === 'أبو سهم القرناوي')).toMatchObject({ script: 'Arab', kind: 'aka', normalized: 'ابو سهم القرناوي' });

    const alias = await runCli(['actors', 'alias', 'add', added.id, 'Abou Sahm el-Karnaoui', '--kind', 'romanization', '--reason', 'French-language press'], env);
    expect(alias.code, alias.stderr).toBe(0);
    expect(alias.stdout).toContain('added alias Abou Sahm el-Karnaoui (romanization, Latn)');
    const removed = await runCli(['actors', 'alias', 'remove', added.id, 'sahm qarnawi'], env);
    expect(removed.code, removed.stderr).toBe(0);

    const edited = await json<ShownActor>(['actors', 'edit', added.id, '--name', "Abu Sahm al-Qarnawi al-'Iraqi", '--note', ''], env);
    expect(edited.canonical).toBe("Abu Sahm al-Qarnawi al-'Iraqi");
    expect(edited.notes).toBeNull();
    expect(edited.aliases.map((a) => a.alias).sort()).toEqual(["Abou Sahm el-Karnaoui", "Abu Sahm al-Qarnawi", "Abu Sahm al-Qarnawi al-'Iraqi", 'أبو سهم القرناوي'].sort());

    const linked = await runCli(['actors', 'affiliate', added.id, 'ofac:90902', '--role', 'spokesman'], env);
    expect(linked.code, linked.stderr).toBe(0);
    const group = await json<ShownActor>(['actors', 'show', 'ofac:90902'], env);
    expect(group.affiliations).toEqual([expect.objectContaining({ relation: 'has_member', actor_id: added.id, role: 'spokesman' })]);
    const human = await runCli(['actors', 'show', added.id], env);
    expect(human.stdout).toContain('member of: SANDGLASS FRONT');
    expect(human.stdout).toContain('Arab');

    const history = await json<Array<{ action: string; user: string }>>(['actors', 'history', added.id], env);
    expect(history.map((e) => e.action)).toEqual(['affiliate', 'edit', 'alias_remove', 'alias_add', 'create']);
    expect(new Set(history.map((e) => e.user))).toEqual(new Set(['analyst-a']));
    const text = await runCli(['actors', 'history', added.id], env);
    expect(text.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('prints suggestions for a human with the commands to act on them', async () => {
    const r = await runCli(['actors', 'suggest-merges', '--limit', '1'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\d\.\d{3} {2}keep /);
    expect(r.stdout).toContain('rasad actors merge ');
    expect(r.stdout).toContain('rasad actors dismiss ');
  });
});

describe('rasad actors editing errors', () => {
  let env: Record<string, string>;
  let historyLength: () => Promise<number>;
  beforeAll(async () => {
    env = await homeWithLists('sqlite');
    historyLength = async () => (await json<unknown[]>(['actors', 'history', 'ofac:90901'], env)).length + (await json<unknown[]>(['actors', 'history', 'ofac:90902'], env)).length;
  });

  const expectOneLineError = (r: { code: number; stderr: string; stdout: string }, code: number, text: string | RegExp): void => {
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(text);
  };

  it('names an unknown reference and exits 1', async () => {
    expectOneLineError(await runCli(['actors', 'show', 'ofac:424242'], env), 1, "unknown actor 'ofac:424242'");
    expectOneLineError(await runCli(['actors', 'merge', 'ofac:90901', 'no-such-id', '--reason', 'x'], env), 1, "unknown actor 'no-such-id'");
  });

  it('refuses merging an actor into itself and a person with a group, writing nothing', async () => {
    const before = await historyLength();
    expectOneLineError(await runCli(['actors', 'merge', 'ofac:90901', 'ofac:90901', '--reason', 'x'], env), 1, 'into itself');
    expectOneLineError(await runCli(['actors', 'merge', 'ofac:90901', 'ofac:90902', '--reason', 'x'], env), 1, /cannot merge group SANDGLASS FRONT .* with person .*: persons merge only with persons/);
    expect(await historyLength()).toBe(before);
  });

  it('requires --reason for merge, unmerge and dismiss (usage error, nothing written)', async () => {
    const before = await historyLength();
    expectOneLineError(await runCli(['actors', 'merge', 'ofac:90901', 'un:QDi.901'], env), 2, '--reason');
    expectOneLineError(await runCli(['actors', 'merge', 'ofac:90901', 'un:QDi.901', '--reason', '  '], env), 2, 'reason');
    expectOneLineError(await runCli(['actors', 'unmerge', 'un:QDi.901'], env), 2, '--reason');
    expectOneLineError(await runCli(['actors', 'dismiss', 'ofac:90901', 'un:QDi.901'], env), 2, '--reason');
    expect(await historyLength()).toBe(before);
    expect((await json<ShownActor>(['actors', 'show', 'un:QDi.901'], env)).merged_into).toBeNull();
  });

  it('rejects a bad kind and an unmerge of an actor that is not merged', async () => {
    expectOneLineError(await runCli(['actors', 'add', '--kind', 'vessel', '--name', 'Sea Ghost'], env), 2, '--kind');
    expectOneLineError(await runCli(['actors', 'unmerge', 'ofac:90901', '--reason', 'x'], env), 1, 'is not merged');
  });
});

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { threatRecord } from '../../src/analyze/threat.stage.js';
import { itemIdForKey } from '../../src/core/ids.js';
import { saveThreat } from '../../src/store/analysis.repository.js';
import { openDatabase } from '../../src/store/database.js';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';
import { AR_OFFER_TEXT, arOfferAssessment, EN_REPORT_TEXT, enReportAssessment } from '../support/threat-fixtures.js';

const NOW = '2026-11-23T10:00:00.000Z';

interface LabelJson {
  key: string;
  id: string;
  verdict: string;
  is_threat: boolean;
  stance: string;
  categories: string[];
  severity: string | null;
  targets: string[];
  reason: string;
  analyst: string;
  stage_version: string | null;
  assessed: { score: number; categories: string[] } | null;
}

/** A home with three posts imported without analysis and hand-written assessments for two of them. */
async function seededHome(dialect: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-threat-cli-'));
  const env: Record<string, string> = { RASAD_HOME: home, RASAD_USER: 'analyst-a' };
  if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
  const posts = path.join(home, 'posts.jsonl');
  writeFileSync(
    posts,
    [
      { id: 'offer', key: 'jsonl:offer', text: AR_OFFER_TEXT, published_at: '2021-01-13T10:00:00Z' },
      { id: 'report', key: 'jsonl:report', text: EN_REPORT_TEXT, published_at: '2021-01-13T11:00:00Z' },
      { id: 'plain', key: 'jsonl:plain', text: 'The weather is fine.', published_at: '2021-01-13T12:00:00Z' },
    ]
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
  const imported = await runCli(['import', posts, '--no-analyze'], env);
  expect(imported.code, imported.stderr).toBe(0);
  const db = await openDatabase(env.RASAD_DATABASE_URL ? { postgresUrl: env.RASAD_DATABASE_URL } : { sqliteFile: path.join(home, 'rasad.db') });
  try {
    await saveThreat(db, threatRecord(itemIdForKey('jsonl:offer'), arOfferAssessment(), NOW));
    await saveThreat(db, threatRecord(itemIdForKey('jsonl:report'), enReportAssessment(), NOW));
  } finally {
    await db.close();
  }
  return env;
}

describe.each(['sqlite', 'postgres'] as const)('rasad threat on %s', (dialect) => {
  let env: Record<string, string>;

  beforeAll(async () => {
    env = await seededHome(dialect);
  }, 60_000);

  it('shows an assessment with its evidence, rules, glosses, reasons and targets', async () => {
    const shown = await runCli(['threat', 'show', 'jsonl:offer', '--json'], env);
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as { key: string; text: string; threat: { score: number; severity: string; categories: Array<{ evidence: Array<{ start: number; end: number; text: string; rule: string; gloss?: string }> }>; targets: unknown[]; stage_version: string }; labels: unknown[] };
    expect(view).toMatchObject({ key: 'jsonl:offer', threat: { score: 73, severity: 'high', is_threat: true, stance: 'original', targets: arOfferAssessment().targets }, labels: [] });
    for (const e of view.threat.categories[0]?.evidence ?? []) expect(view.text.slice(e.start, e.end)).toBe(e.text);

    const text = await runCli(['threat', 'show', 'jsonl:report'], env);
    expect(text.stdout).toContain('stance reporting');
    expect(text.stdout).toMatch(/reporting — “said” \[\d+–\d+\] report_verb:said/);
    expect(text.stdout).toContain('reports: threat 0.80');
    const offer = await runCli(['threat', 'show', 'jsonl:offer'], env);
    expect(offer.stdout).toMatch(/“لتدريب” \[\d+–\d+\] ar\.support_offer\.offer_beneficiary — training/);
    expect(offer.stdout).toContain('target country: United States');

    const missing = await runCli(['threat', 'show', 'jsonl:nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('rasad: no item with key jsonl:nope');
  });

  it('confirms and corrects, refusing bad input with one line and a non-zero exit', async () => {
    const confirmed = await runCli(['threat', 'review', 'jsonl:offer', '--confirm', '--reason', 'offer of training to a named enemy', '--json'], env);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    const c = JSON.parse(confirmed.stdout) as LabelJson;
    expect(c).toMatchObject({ key: 'jsonl:offer', verdict: 'confirm', is_threat: true, categories: ['support_offer'], severity: 'high', targets: ['United States'], analyst: 'analyst-a', assessed: { score: 73, categories: ['support_offer'] } });

    const corrected = await runCli(
      ['threat', 'review', 'jsonl:report', '--is-threat', 'false', '--stance', 'quoting', '--severity', 'low', '--targets', 'US Embassy in Baghdad', '--reason', 'it quotes the commander', '--json'],
      { ...env, RASAD_USER: 'analyst-b' },
    );
    expect(corrected.code, corrected.stderr).toBe(0);
    expect(JSON.parse(corrected.stdout)).toMatchObject({ verdict: 'correct', is_threat: false, stance: 'quoting', categories: [], targets: ['US Embassy in Baghdad'], analyst: 'analyst-b' });
    const human = await runCli(['threat', 'review', 'jsonl:offer', '--is-threat', 'true', '--stance', 'original', '--categories', 'support_offer, recruitment', '--reason', 'also a call to join'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/correct: is_threat true, stance original, categories support_offer, recruitment — “also a call to join”/);

    const bad: Array<[string[], number, RegExp]> = [
      [['jsonl:offer', '--is-threat', 'true', '--stance', 'original', '--reason', 'r'], 1, /^rasad: --categories: is_threat true needs at least one category$/],
      [['jsonl:offer', '--is-threat', 'false', '--stance', 'reporting', '--categories', 'threat', '--reason', 'r'], 1, /^rasad: --categories: is_threat false takes no categories/],
      [['jsonl:offer', '--is-threat', 'true', '--stance', 'reporting', '--categories', 'threat', '--reason', 'r'], 1, /^rasad: --stance: is_threat true needs stance original/],
      [['jsonl:offer', '--is-threat', 'false', '--stance', 'sideways', '--reason', 'r'], 1, /^rasad: --stance: /],
      [['jsonl:offer', '--is-threat', 'maybe', '--stance', 'original', '--reason', 'r'], 2, /^rasad: --is-threat: must be true or false$/],
      [['jsonl:offer', '--confirm', '--stance', 'original', '--reason', 'r'], 2, /^rasad: --confirm: /],
      [['jsonl:offer', '--reason', 'r'], 2, /^rasad: --is-threat: give --confirm/],
      [['jsonl:offer', '--confirm', '--reason', '  '], 2, /^rasad: --reason: a reason is required$/],
      [['jsonl:offer', '--confirm'], 2, /--reason/],
      [['jsonl:plain', '--confirm', '--reason', 'r'], 1, /^rasad: item jsonl:plain has no threat assessment to confirm/],
      [['jsonl:nope', '--confirm', '--reason', 'r'], 1, /^rasad: no item with key jsonl:nope$/],
    ];
    for (const [args, code, message] of bad) {
      const r = await runCli(['threat', 'review', ...args], env);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), code]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
    }
    const labels = JSON.parse((await runCli(['threat', 'show', 'jsonl:offer', '--json'], env)).stdout) as { labels: LabelJson[] };
    expect(labels.labels.map((l) => l.verdict)).toEqual(['correct', 'confirm']);
  });

  it('shows the threat and labels in items show, and filters items list to threats', async () => {
    const shown = JSON.parse((await runCli(['items', 'show', 'jsonl:offer', '--json'], env)).stdout) as { threat: { score: number } | null; threat_labels: LabelJson[] };
    expect(shown.threat?.score).toBe(73);
    expect(shown.threat_labels.length).toBeGreaterThan(0);
    const plain = JSON.parse((await runCli(['items', 'show', 'jsonl:plain', '--json'], env)).stdout) as { threat: unknown; threat_labels: unknown[] };
    expect(plain).toMatchObject({ threat: null, threat_labels: [] });
    const text = await runCli(['items', 'show', 'jsonl:offer'], env);
    expect(text.stdout).toContain('— threat:');
    expect(text.stdout).toContain('score 73 · high · THREAT');
    expect(text.stdout).toContain('— threat labels (newest first):');

    const keys = async (...args: string[]) => (JSON.parse((await runCli(['items', 'list', '--json', ...args], env)).stdout) as Array<{ key: string }>).map((i) => i.key);
    expect(await keys('--threat')).toEqual(['jsonl:offer']);
    expect(await keys('--min-score', '10')).toEqual(['jsonl:report', 'jsonl:offer']);
    expect(await keys('--min-score', '90')).toEqual([]);
  });

  it('exports the latest label per item as JSON lines, atomically to a file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-labels-'));
    const out = path.join(dir, 'labels.jsonl');
    writeFileSync(out, 'old export\n');
    const r = await runCli(['threat', 'labels', 'export', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`exported 2 labels to ${out}`);
    expect(readdirSync(dir)).toEqual(['labels.jsonl']);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((row) => Object.keys(row))).toEqual(Array(2).fill(['key', 'text', 'language', 'source', 'label', 'assessed', 'stage_version', 'analyst', 'reason', 'created_at']));
    expect(rows[0]).toMatchObject({
      key: 'jsonl:offer',
      text: AR_OFFER_TEXT,
      source: 'jsonl',
      label: { verdict: 'correct', is_threat: true, stance: 'original', categories: ['support_offer', 'recruitment'], severity: null, targets: [] },
      assessed: arOfferAssessment(),
      analyst: 'analyst-a',
      reason: 'also a call to join',
    });
    expect(rows[1]).toMatchObject({ key: 'jsonl:report', label: { verdict: 'correct', stance: 'quoting' }, analyst: 'analyst-b' });

    const stdout = await runCli(['threat', 'labels', 'export'], env);
    expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));
  });

  it('measures the current stage against the latest labels', async () => {
    const r = await runCli(['threat', 'measure', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout) as { stage_version: string; counts: { items: number; corrected: number }; is_threat: { accuracy: number | null }; categories: Array<{ label: string }>; disagreements: Array<{ key: string; label: { is_threat: boolean } }> };
    expect(m.stage_version).toMatch(/^threat@\d+$/);
    expect(m.counts).toMatchObject({ items: 2, corrected: 2 });
    expect(typeof m.is_threat.accuracy).toBe('number');
    expect(m.categories.map((c) => c.label)).toEqual(expect.arrayContaining(['threat', 'support_offer', 'recruitment']));
    for (const d of m.disagreements) expect(['jsonl:offer', 'jsonl:report']).toContain(d.key);
    const human = await runCli(['threat', 'measure'], env);
    expect(human.stdout).toMatch(/measured on 2 labelled items \(0 confirmed, 2 corrected/);
    expect(human.stdout).toMatch(/^is_threat {2}accuracy /m);
  });
});

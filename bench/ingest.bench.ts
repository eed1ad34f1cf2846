// `npm run bench:ingest -- --n N`: N synthetic items through the real import path on SQLite,
// next to a raw better-sqlite3 insert of the same rows (the baseline), with peak memory at N/10
// and N to show whether memory stays flat. Ends with one JSON line of the figures.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../src/app/config.js';
import { heapTrimmer } from '../src/app/heap-trim.js';
import { openContext } from '../src/app/context.js';
import { importPaths } from '../src/collect/importer.js';
import { openDatabase } from '../src/store/database.js';
import { writeCorpus } from './ingest-corpus.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** Imports the corpus through `importPaths` (parse, normalize, language ID, insert, FTS index). */
async function runImport(file: string, home: string, analyze: boolean): Promise<ImportRun> {
  const ctx = await openContext(loadConfig({ RASAD_HOME: home }));
  let peak = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const pipeline = analyze ? await ctx.pipeline() : null;
  const t0 = performance.now();
  const summary = await importPaths({ db: ctx.db, blobs: ctx.blobs, clock: ctx.clock, pipeline }, [file], { format: 'jsonl', analyze, afterBatch: heapTrimmer() });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  // What stays reachable after the import (the summary holds one id per new item): a forced
  // collection separates retention from garbage that V8 simply had not collected yet.
  globalThis.gc?.();
  const retainedHeapMb = Math.round(process.memoryUsage().heapUsed / 1_048_576);
  await ctx.close();
  if (summary.failed > 0) throw new Error(JSON.stringify(summary.errors));
  return {
    seconds,
    imported: summary.imported,
    peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1_048_576),
    peakHeapMb: Math.round(peakHeap / 1_048_576),
    retainedHeapMb,
  };
}

interface ImportRun {
  seconds: number;
  imported: number;
  peakRssMb: number;
  /** JavaScript heap in use at its highest (includes garbage not yet collected). */
  peakHeapMb: number;
  /** JavaScript heap still reachable after the import and a forced collection. */
  retainedHeapMb: number;
}

/**
 * Baseline 1, the database's own cost: the very rows Rasad stored (read back from its database),
 * inserted raw with a prepared statement into a fresh database with the same schema and search
 * index, in one transaction.
 */
async function runSameSchemaBaseline(rasadDb: string, dir: string): Promise<{ seconds: number; rows: number }> {
  const source = new SqliteDatabase(rasadDb, { readonly: true });
  const rows = source.prepare('SELECT * FROM items ORDER BY seq').all() as Array<Record<string, unknown>>;
  const sources = source.prepare('SELECT * FROM sources').all() as Array<Record<string, unknown>>;
  const captures = source.prepare('SELECT * FROM captures').all() as Array<Record<string, unknown>>;
  source.close();
  const target = await openDatabase({ sqliteFile: path.join(dir, 'baseline-same-schema.db') });
  const db = target.sqlite;
  if (!db) throw new Error('expected SQLite');
  const copy = (table: string, list: Array<Record<string, unknown>>): void => {
    const first = list[0];
    if (!first) return;
    const cols = Object.keys(first);
    const st = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    for (const r of list) st.run(...cols.map((c) => r[c]));
  };
  copy('sources', sources);
  copy('captures', captures);
  const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== 'seq');
  const insert = db.prepare(`INSERT INTO items (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING seq`);
  const fts = db.prepare('INSERT INTO items_fts (rowid, search_text) VALUES (?, ?)');
  const t0 = performance.now();
  db.exec('BEGIN');
  for (const r of rows) {
    const { seq } = insert.get(...cols.map((c) => r[c])) as { seq: number };
    fts.run(seq, r.search_text);
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  await target.close();
  return { seconds, rows: rows.length };
}

/** Baseline 2, a floor: read + JSON.parse each line, prepared INSERT of the same columns, one transaction. */
async function runBaseline(file: string, dir: string): Promise<{ seconds: number; rows: number }> {
  const db = new SqliteDatabase(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE items (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, key TEXT UNIQUE, source TEXT, author TEXT, published_at TEXT, text TEXT)`);
  const insert = db.prepare('INSERT INTO items (id, key, source, author, published_at, text) VALUES (?, ?, ?, ?, ?, ?)');
  const t0 = performance.now();
  let rows = 0;
  db.exec('BEGIN');
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    const r = JSON.parse(line) as { id: string; platform: string; source: string; author: string; published_at: string; text: string };
    insert.run(r.id, `${r.platform}:${r.id}`, r.source, r.author, r.published_at, r.text);
    rows++;
  }
  db.exec('COMMIT');
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return { seconds, rows };
}

async function child(): Promise<void> {
  const file = arg('file', '');
  const home = arg('home', '');
  const analyze = arg('analyze', 'yes') === 'yes';
  process.stdout.write(`${JSON.stringify(await runImport(file, home, analyze))}\n`);
}

function importInChild(file: string, home: string, analyze: boolean): ImportRun {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--child', '--file', file, '--home', home, '--analyze', analyze ? 'yes' : 'no'], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ImportRun;
}

async function main(): Promise<void> {
  const n = Number(arg('n', '100000'));
  if (!Number.isInteger(n) || n < 100) throw new Error('--n must be an integer ≥ 100');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-bench-'));
  try {
    const small = Math.max(100, Math.floor(n / 10));
    const corpus = path.join(dir, 'corpus.jsonl');
    const smallCorpus = path.join(dir, 'corpus-small.jsonl');
    process.stderr.write(`generating ${n} synthetic items (60% Arabic, 40% English)…\n`);
    await writeCorpus(corpus, n);
    await writeCorpus(smallCorpus, small, 7);

    process.stderr.write('baseline: raw better-sqlite3 insert into a minimal table…\n');
    const minimal = await runBaseline(corpus, dir);
    process.stderr.write('rasad import (full pipeline) at N/10 and N, each in its own process…\n');
    const atSmall = importInChild(smallCorpus, path.join(dir, 'home-small'), true);
    const full = importInChild(corpus, path.join(dir, 'home-full'), true);
    process.stderr.write('baseline: the same rows inserted raw into the same schema…\n');
    const base = await runSameSchemaBaseline(path.join(dir, 'home-full', 'rasad.db'), dir);
    process.stderr.write('rasad import --no-analyze at N…\n');
    const storeOnly = importInChild(corpus, path.join(dir, 'home-noanalyze'), false);
    if (full.imported !== n || storeOnly.imported !== n) throw new Error(`imported ${full.imported}/${storeOnly.imported} of ${n}`);

    const rate = (items: number, s: number): number => Math.round(items / s);
    const figures = {
      bench: 'ingest',
      n,
      items_per_s: rate(n, full.seconds),
      items_per_s_no_analyze: rate(n, storeOnly.seconds),
      baseline_items_per_s: rate(base.rows, base.seconds),
      ratio: Number((rate(n, full.seconds) / rate(base.rows, base.seconds)).toFixed(3)),
      ratio_no_analyze: Number((rate(n, storeOnly.seconds) / rate(base.rows, base.seconds)).toFixed(3)),
      minimal_table_items_per_s: rate(minimal.rows, minimal.seconds),
      ratio_vs_minimal_table: Number((rate(n, full.seconds) / rate(minimal.rows, minimal.seconds)).toFixed(3)),
      peak_rss_mb: full.peakRssMb,
      peak_rss_mb_at_n_div_10: atSmall.peakRssMb,
      peak_heap_mb: full.peakHeapMb,
      peak_heap_mb_at_n_div_10: atSmall.peakHeapMb,
      retained_heap_mb: full.retainedHeapMb,
      retained_heap_mb_at_n_div_10: atSmall.retainedHeapMb,
    };
    const line = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(44)}${value}\n`);
    process.stdout.write(`\ningest benchmark, N = ${n} (SQLite, ${os.cpus().length} cores)\n\n`);
    line('rasad import (parse+normalize+lang+FTS)', `${figures.items_per_s} items/s  (${full.seconds.toFixed(1)} s)`);
    line('rasad import --no-analyze', `${figures.items_per_s_no_analyze} items/s  (${storeOnly.seconds.toFixed(1)} s)`);
    line('baseline: same rows, raw insert, same schema', `${figures.baseline_items_per_s} items/s  (${base.seconds.toFixed(1)} s)`);
    line('floor: raw insert into a 7-column table', `${figures.minimal_table_items_per_s} items/s  (${minimal.seconds.toFixed(1)} s)`);
    line('ratio vs baseline (target ≥ 0.25)', `${figures.ratio}  (no-analyze: ${figures.ratio_no_analyze})`);
    line('ratio vs the minimal-table floor', `${figures.ratio_vs_minimal_table}`);
    line(`peak RSS at N/10 = ${small} → N = ${n}`, `${figures.peak_rss_mb_at_n_div_10} MB → ${figures.peak_rss_mb} MB`);
    line(`peak JS heap used at N/10 → N`, `${figures.peak_heap_mb_at_n_div_10} MB → ${figures.peak_heap_mb} MB`);
    line(`JS heap retained after import, N/10 → N`, `${figures.retained_heap_mb_at_n_div_10} MB → ${figures.retained_heap_mb} MB`);
    process.stdout.write(`\n${JSON.stringify(figures)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--child')) await child();
else await main();

// `npm run bench:events`: event clustering measured three ways, each next to a baseline.
//  1. The seed scenario (../shared/scenarios/seed-kh-2021/truth.json) end to end through the CLI:
//     B-cubed precision/recall/F1 of events and first-seen accuracy.
//  2. A generated corpus (bench/events-corpus.ts: near-duplicate chains, forwards, translations,
//     reports citing the origin, decoys) clustered incrementally: the same figures.
//  3. Throughput of incremental clustering at 100k and 1M items, with memory at checkpoints, so
//     that the growth is visible, each run in a fresh process (events-throughput.child.ts).
// The baseline is what open tools do: group items whose title (or first line) is exactly equal.
// Ends with one JSON line of the figures.
import { fork } from 'node:child_process';
import path from 'node:path';
import { normalize, searchTextOfNormalized } from '../src/text/normalize.js';
import { EventClusterer } from '../src/events/clusterer.js';
import { provenance, type ProvenanceMember } from '../src/events/provenance.js';
import { eventCorpus, type CorpusItem } from './events-corpus.js';
import { bcubed, firstSeenAccuracy, type Bcubed } from './events-metrics.js';
import { runScenarioEvents } from './events-scenario.js';

const QUALITY_ITEMS = Number(process.env.BENCH_EVENTS_QUALITY ?? 20_000);
const SCALE = (process.env.BENCH_EVENTS_SCALE ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
/** `--accuracy-only`: the scenario and the corpus figures, without the long throughput runs. */
const ACCURACY_ONLY = process.argv.includes('--accuracy-only');

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number): string => x.toFixed(3);

/** Baseline: items whose title, or else first line, is exactly the same (after case folding) form one event. */
function exactTitleClusters(items: ReadonlyArray<{ id: string; title: string | null; text: string }>): Map<string, string | null> {
  const byTitle = new Map<string, string[]>();
  for (const i of items) {
    const head = (i.title ?? i.text.split('\n').find((l) => l.trim().length > 0) ?? '').trim();
    const key = searchTextOfNormalized(normalize(head));
    if (key.length === 0) continue;
    const list = byTitle.get(key) ?? [];
    list.push(i.id);
    byTitle.set(key, list);
  }
  const out = new Map<string, string | null>(items.map((i) => [i.id, null]));
  for (const [title, ids] of byTitle) if (ids.length > 1) for (const id of ids) out.set(id, `t:${title}`);
  return out;
}

function row(label: string, b: Bcubed, first: number | null, base: Bcubed, baseFirst: number | null): void {
  console.log(
    `  ${label.padEnd(34)} B3 P ${f3(b.precision)}  R ${f3(b.recall)}  F1 ${f3(b.f1)}  first-seen ${first === null ? '—' : pct(first)}   | exact-title baseline: F1 ${f3(base.f1)} (P ${f3(base.precision)}, R ${f3(base.recall)})${baseFirst === null ? '' : `, first-seen ${pct(baseFirst)}`}`,
  );
}

/** The clusterer's events as prediction maps, with provenance's first item of each. */
function predictions(c: EventClusterer, indexOf: ReadonlyMap<string, number>): { eventOf: Map<string, string | null>; firstOf: Map<string, string> } {
  const eventOf = new Map<string, string | null>();
  for (const id of indexOf.keys()) eventOf.set(id, null);
  const firstOf = new Map<string, string>();
  let n = 0;
  for (const members of c.events()) {
    const id = `p${n++}`;
    const prov: ProvenanceMember[] = members.map((m) => {
      const input = c.inputOf(m);
      const link = c.linkOf(m);
      return {
        key: input.id,
        platform: input.platform,
        source: input.source,
        publishedAt: input.publishedAt,
        relation: link?.relation ?? null,
        to: link ? c.inputOf(link.to).id : null,
        why: link?.why ?? null,
        forwardedAt: input.forwardedFrom?.publishedAt ?? null,
        forwardedFrom: input.forwardedFrom?.name ?? null,
      };
    });
    for (const m of members) eventOf.set(c.inputOf(m).id, id);
    firstOf.set(id, provenance(prov).first);
  }
  return { eventOf, firstOf };
}

/** Baseline first item: the earliest member of each exact-title group. */
function baselineFirsts(items: ReadonlyArray<{ id: string; publishedAt: number | null }>, eventOf: ReadonlyMap<string, string | null>): Map<string, string> {
  const firstOf = new Map<string, string>();
  const time = new Map<string, number>();
  for (const i of items) {
    const e = eventOf.get(i.id);
    if (!e) continue;
    const t = i.publishedAt ?? Infinity;
    if (!firstOf.has(e) || t < (time.get(e) ?? Infinity)) {
      firstOf.set(e, i.id);
      time.set(e, t);
    }
  }
  return firstOf;
}

async function scenario(): Promise<Record<string, number> | null> {
  console.log('\n1. Seed scenario seed-kh-2021, end to end (rasad actors import starter; rasad import; rasad events list --json)');
  const r = await runScenarioEvents();
  if (!r) {
    console.log('  ../shared/scenarios/seed-kh-2021 not found: skipped');
    return null;
  }
  const b = bcubed(r.pred, r.gold);
  const fs = firstSeenAccuracy(r.pred, r.predFirst, r.gold, r.goldFirst);
  const items = [...r.gold.keys()].map((id) => ({ id, title: r.titles.get(id) ?? null, text: r.texts.get(id) ?? '', publishedAt: r.times.get(id) ?? null }));
  const base = exactTitleClusters(items);
  const bb = bcubed(base, r.gold);
  const bfs = firstSeenAccuracy(base, baselineFirsts(items, base), r.gold, r.goldFirst);
  row(`${r.gold.size} items, ${r.goldFirst.size} gold events`, b, fs.accuracy, bb, bfs.accuracy);
  console.log(`  first seen right on ${fs.correct}/${fs.total} events; import + clustering took ${r.seconds.toFixed(1)} s`);
  for (const e of r.events) console.log(`    ${e.id}  ${e.members.length} items, ${e.sources} sources, first ${e.first}: ${e.why.slice(0, 140)}`);
  return { scenario_b3_precision: b.precision, scenario_b3_recall: b.recall, scenario_b3_f1: b.f1, scenario_first_seen: fs.accuracy, scenario_baseline_f1: bb.f1 };
}

function corpusQuality(): Record<string, number> {
  console.log(`\n2. Generated corpus, ${QUALITY_ITEMS.toLocaleString('en')} items (chains, translations, reports, decoys, noise), clustered incrementally`);
  const items: CorpusItem[] = [...eventCorpus({ items: QUALITY_ITEMS, seed: 7 })];
  const c = new EventClusterer();
  const indexOf = new Map<string, number>();
  for (const it of items) indexOf.set(it.input.id, c.add(it.input));
  const gold = new Map(items.map((i) => [i.input.id, i.gold]));
  const goldFirst = new Map(items.flatMap((i) => (i.gold && i.goldFirst ? [[i.gold, i.goldFirst] as const] : [])));
  const pred = predictions(c, indexOf);
  const b = bcubed(pred.eventOf, gold);
  const fs = firstSeenAccuracy(pred.eventOf, pred.firstOf, gold, goldFirst);
  const plain = items.map((i) => ({ id: i.input.id, title: i.input.title, text: i.input.text, publishedAt: i.input.publishedAt }));
  const base = exactTitleClusters(plain);
  const bb = bcubed(base, gold);
  const bfs = firstSeenAccuracy(base, baselineFirsts(plain, base), gold, goldFirst);
  row(`${items.length} items, ${goldFirst.size} gold events`, b, fs.accuracy, bb, bfs.accuracy);
  // Decoys: a decoy event's origin must not land in the event it imitates.
  let decoys = 0;
  let merged = 0;
  for (const it of items) {
    if (it.kind !== 'decoy' || !it.decoyOf || it.gold === null) continue;
    decoys++;
    const mine = pred.eventOf.get(it.input.id);
    const target = goldFirst.get(it.decoyOf);
    if (mine && target && pred.eventOf.get(target) === mine) merged++;
  }
  console.log(`  decoys (same actor / same words, another happening): ${decoys - merged}/${decoys} kept apart from the event they imitate`);
  const byKind = new Map<string, { n: number; ok: number }>();
  for (const it of items) {
    if (it.gold === null || it.kind === 'origin' || it.kind === 'decoy' || !it.goldFirst) continue;
    const s = byKind.get(it.kind) ?? { n: 0, ok: 0 };
    s.n++;
    const mine = pred.eventOf.get(it.input.id);
    if (mine && mine === pred.eventOf.get(it.goldFirst)) s.ok++;
    byKind.set(it.kind, s);
  }
  console.log(`  joined to their origin's event, by kind: ${[...byKind].map(([k, s]) => `${k} ${pct(s.ok / s.n)}`).join(', ')}`);
  const skewed = items.filter((i) => i.skewed);
  console.log(`  reports dated before the origin they cite: ${skewed.length}`);
  return { corpus_b3_precision: b.precision, corpus_b3_recall: b.recall, corpus_b3_f1: b.f1, corpus_first_seen: fs.accuracy, corpus_baseline_f1: bb.f1, corpus_decoys_apart: decoys === 0 ? 1 : (decoys - merged) / decoys };
}

/**
 * Runs one throughput measurement in a fresh process (bench/events-throughput.child.ts), as
 * `rasad events rebuild` runs: the heap left by the other parts of this bench is not its to carry.
 */
function inChild(mode: 'single' | 'pipelined', items: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'events-throughput.child.ts'), [mode, String(items)], {
      execArgv: ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures: Record<string, number> | null = null;
    child.on('message', (m) => {
      figures = m as Record<string, number>;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && figures ? resolve(figures) : reject(new Error(`events throughput (${mode}): the child exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  console.log('Rasad events benchmark: B-cubed precision/recall/F1 of events, first seen, and incremental throughput');
  const figures: Record<string, number> = {};
  Object.assign(figures, (await scenario()) ?? {});
  Object.assign(figures, corpusQuality());
  if (!ACCURACY_ONLY && SCALE.length > 0) {
    const top = Math.max(...SCALE);
    console.log(`\n3. Incremental clustering throughput of the built code (generation excluded; feature extraction and placing timed apart), up to ${top.toLocaleString('en')} items`);
    Object.assign(figures, await inChild('single', top));
    console.log(`\n4. The same ${top.toLocaleString('en')} items with features computed in worker threads while the main thread places (wall clock, generation excluded)`);
    Object.assign(figures, await inChild('pipelined', top));
  }
  const round = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
  console.log(JSON.stringify({ bench: 'events', ...round }));
}

await main();

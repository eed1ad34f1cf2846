// `npm run bench:events`: event clustering measured three ways, each next to a baseline.
//  1. The seed scenario (../shared/scenarios/seed-kh-2021/truth.json) end to end through the CLI:
//     B-cubed precision/recall/F1 of events and first-seen accuracy.
//  2. A generated corpus (bench/events-corpus.ts: near-duplicate chains, forwards, translations,
//     reports citing the origin, decoys) clustered incrementally: the same figures.
//  3. Throughput of incremental clustering at 100k and 1M items, with memory at checkpoints, so
//     that the growth is visible.
// The baseline is what open tools do: group items whose title (or first line) is exactly equal.
// Ends with one JSON line of the figures.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalize, searchTextOfNormalized } from '../src/text/normalize.js';
import { EventClusterer } from '../src/events/clusterer.js';
import type * as ClustererModule from '../src/events/clusterer.js';
import type * as FeaturePoolModule from '../src/events/feature-pool.js';
import type * as FeaturesModule from '../src/events/features.js';
import type { EventInput } from '../src/events/event-input.js';
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
const mb = (bytes: number): number => Math.round(bytes / 1048576);

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
 * The events modules as built (`npm run bench:events` compiles first): what `rasad` runs, without
 * the source loader's wrappers, which cost the hot loops about a quarter of their speed.
 */
async function built(): Promise<{ clusterer: typeof ClustererModule; features: typeof FeaturesModule; pool: typeof FeaturePoolModule }> {
  const dist = path.resolve(import.meta.dirname, '../dist/events');
  const load = (file: string): Promise<unknown> => import(pathToFileURL(path.join(dist, file)).href);
  return {
    clusterer: (await load('clusterer.js')) as typeof ClustererModule,
    features: (await load('features.js')) as typeof FeaturesModule,
    pool: (await load('feature-pool.js')) as typeof FeaturePoolModule,
  };
}

function throughput(total: number, { clusterer, features }: Awaited<ReturnType<typeof built>>): Record<string, number> {
  const checkpoints = new Set([100_000, 250_000, 500_000, 1_000_000].filter((n) => n <= total).concat([total]));
  const c = new clusterer.EventClusterer();
  let n = 0;


  let sliceBusy = 0;
  let sliceFeature = 0;
  let sliceItems = 0;
  const out: Record<string, number> = {};
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  for (const it of eventCorpus({ items: total, seed: 11 })) {
    const input: EventInput = it.input;
    const t0 = performance.now();
    const f = features.eventFeatures(input);
    const t1 = performance.now();
    c.addFeatures(f);
    const t2 = performance.now();

    sliceFeature += t1 - t0;

    sliceBusy += t2 - t1;
    sliceItems++;
    n++;
    if (checkpoints.has(n)) {
      globalThis.gc?.();
      const mem = process.memoryUsage();
      const recent = sliceItems / (sliceBusy / 1000);
      const features = sliceItems / (sliceFeature / 1000);
      const both = sliceItems / ((sliceBusy + sliceFeature) / 1000);
      console.log(
        `  ${n.toLocaleString('en').padStart(9)} items: placing ${Math.round(recent).toLocaleString('en')} items/s, features ${Math.round(features).toLocaleString('en')} items/s, both ${Math.round(both).toLocaleString('en')} items/s (last ${sliceItems.toLocaleString('en')}); heap ${mb(mem.heapUsed - baseHeap)} MB above start (${Math.round((mem.heapUsed - baseHeap) / n)} B/item), rss ${mb(mem.rss)} MB`,
      );
      out[`place_items_per_s_at_${n}`] = Math.round(recent);
      out[`features_items_per_s_at_${n}`] = Math.round(features);
      out[`items_per_s_at_${n}`] = Math.round(both);
      out[`heap_mb_at_${n}`] = mb(mem.heapUsed - baseHeap);
      sliceBusy = 0;
      sliceFeature = 0;
      sliceItems = 0;
    }
  }
  return out;
}

/**
 * The same stream placed on the main thread while worker threads compute the features
 * (src/events/feature-pool.ts, from the build, as `rasad events rebuild` and large imports run it):
 * wall-clock items/s on this machine's cores.
 */
async function pipelined(total: number, { clusterer, pool: poolModule }: Awaited<ReturnType<typeof built>>): Promise<Record<string, number>> {
  const { featurePool, featuresAhead } = poolModule;
  const pool = featurePool();
  if (pool.threads === 0) {
    console.log('  (one core: no worker threads to pipeline with)');
    return {};
  }
  const inputs: EventInput[] = [];
  for (const it of eventCorpus({ items: total, seed: 11 })) inputs.push(it.input);
  const c = new clusterer.EventClusterer();
  const out: Record<string, number> = {};
  try {
    const t0 = performance.now();
    let n = 0;
    let mark = t0;
    let markN = 0;
    for await (const chunk of featuresAhead(pool, inputs)) {
      for (const f of chunk) c.addFeatures(f);
      n += chunk.length;
      if (n === 100_000 || n === total) {
        const now = performance.now();
        const rate = (n - markN) / ((now - mark) / 1000);
        console.log(`  ${n.toLocaleString('en').padStart(9)} items: ${Math.round(rate).toLocaleString('en')} items/s features and placing, ${pool.threads} feature thread${pool.threads === 1 ? '' : 's'} + the placing thread (last ${(n - markN).toLocaleString('en')})`);
        out[`pipelined_items_per_s_at_${n}`] = Math.round(rate);
        mark = now;
        markN = n;
      }
    }
  } finally {
    await pool.close();
  }
  return out;
}

async function main(): Promise<void> {
  console.log('Rasad events benchmark: B-cubed precision/recall/F1 of events, first seen, and incremental throughput');
  const figures: Record<string, number> = {};
  Object.assign(figures, (await scenario()) ?? {});
  Object.assign(figures, corpusQuality());
  if (!ACCURACY_ONLY && SCALE.length > 0) {
    const top = Math.max(...SCALE);
    console.log(`\n3. Incremental clustering throughput of the built code (generation excluded; feature extraction and placing timed apart), up to ${top.toLocaleString('en')} items${globalThis.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
    const modules = await built();
    Object.assign(figures, throughput(top, modules));
    console.log(`\n4. The same ${top.toLocaleString('en')} items with features computed in worker threads while the main thread places (wall clock, generation excluded)`);
    Object.assign(figures, await pipelined(top, modules));
  }
  const round = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
  console.log(JSON.stringify({ bench: 'events', ...round }));
}

await main();

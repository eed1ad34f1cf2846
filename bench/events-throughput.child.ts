// A child of `npm run bench:events` (events.bench.ts): one throughput measurement of incremental
// clustering on the built code, in a fresh process. Arguments: `single N` (features and placing
// timed apart on one thread, with heap at checkpoints) or `pipelined N` (features in worker
// threads while this thread places; wall clock). Prints its lines and sends its figures to the parent.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ClustererModule from '../src/events/clusterer.js';
import type { EventInput } from '../src/events/event-input.js';
import type * as FeaturePoolModule from '../src/events/feature-pool.js';
import type * as FeaturesModule from '../src/events/features.js';
import { eventCorpus } from './events-corpus.js';

const mb = (bytes: number): number => Math.round(bytes / 1048576);

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


const [mode, items] = [process.argv[2], Number(process.argv[3])];
if ((mode !== 'single' && mode !== 'pipelined') || !(items > 0)) {
  console.error('usage: events-throughput.child.ts single|pipelined N');
  process.exit(2);
}
const modules = await built();
const figures = mode === 'single' ? throughput(items, modules) : await pipelined(items, modules);
process.send?.(figures);

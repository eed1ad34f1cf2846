import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testInput } from './event-input.test-support.js';
import { featurePool, featuresAhead, inlineFeatures, type FeatureSource } from './feature-pool.js';
import type * as FeaturePoolModule from './feature-pool.js';
import { eventFeatures } from './features.js';

const inputs = Array.from({ length: 1203 }, (_, i) =>
  testInput(
    `telegram:demo/${i}`,
    `Statement ${i % 7}: the council met in Ashford on March ${(i % 27) + 1} and counted ${100 + (i % 13)} "delegates present"`,
    Date.UTC(2021, 0, 1) + i * 60_000,
    i % 5 === 0 ? { replyTo: `telegram:demo/${i - 1}` } : {},
  ),
);

async function collect(source: FeatureSource): Promise<string[]> {
  const keys: string[] = [];
  for await (const chunk of featuresAhead(source, inputs)) for (const f of chunk) keys.push(f.matchKey);
  return keys;
}

describe('feature pool', () => {
  it('computes in the calling thread when run from source or given no threads', async () => {
    expect(featurePool(0)).toBe(inlineFeatures);
    expect(featurePool(2).threads).toBe(0); // the worker exists only as built JavaScript
    expect(await collect(inlineFeatures)).toEqual(inputs.map((i) => i.key));
  });

  // `npm test` builds before it tests, so the built pool and its worker are there
  const built = path.resolve(import.meta.dirname, '../../dist/events/feature-pool.js');
  it.runIf(existsSync(built))('gives the same features from worker threads, in order', async () => {
    const mod = (await import(pathToFileURL(built).href)) as typeof FeaturePoolModule;
    const pool = mod.featurePool(2);
    try {
      expect(pool.threads).toBe(2);
      const out = await pool.features(inputs);
      expect(out.map((f) => f.matchKey)).toEqual(inputs.map((i) => i.key));
      const k = 775;
      const input = inputs[k];
      if (!input) throw new Error('no input');
      const local = eventFeatures(input);
      const remote = out[k];
      expect(remote?.anchors).toEqual(local.anchors);
      expect(remote?.wordSig).toEqual(local.wordSig);
      expect(remote?.quotes).toEqual(local.quotes);
      expect([...(remote?.pointsAt ?? [])]).toEqual([...local.pointsAt]);
    } finally {
      await pool.close();
    }
  });
});

// Event features computed on other cores. Features are pure (features.ts), so a batch of inputs
// can be split across worker threads while the main thread places the items whose features are
// ready: on two cores, placing one chunk overlaps computing the next. The worker runs from the
// built JavaScript; run from source (tsx, tests) or with no spare core, features are computed
// in the calling thread, with the same results.
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventInput } from './event-input.js';
import { attachInput, eventFeatures, type DetachedFeatures, type EventFeatures } from './features.js';

export interface FeatureSource {
  /** Worker threads in use (0: computed in the calling thread). */
  readonly threads: number;
  /** The features of each input, in order. */
  features(inputs: readonly EventInput[]): Promise<EventFeatures[]>;
  close(): Promise<void>;
}

/** Items per message to a worker: large enough that messaging costs little, small enough to overlap. */
export const FEATURE_CHUNK = 500;

const WORKER_URL = new URL('./feature-worker.js', import.meta.url);

/** Worker threads that leave one core to the thread that places items (the default of RASAD_EVENT_THREADS). */
export function defaultFeatureThreads(): number {
  return Math.max(0, Math.min(4, os.availableParallelism() - 1));
}

/** Features in the calling thread. */
export const inlineFeatures: FeatureSource = {
  threads: 0,
  features: (inputs) => Promise.resolve(inputs.map(eventFeatures)),
  close: () => Promise.resolve(),
};

interface Pending {
  inputs: readonly EventInput[];
  resolve: (features: EventFeatures[]) => void;
  reject: (err: Error) => void;
}

/** A pool of `threads` workers, or `inlineFeatures` when there are none to start. */
export function featurePool(threads = defaultFeatureThreads()): FeatureSource {
  if (threads < 1 || !WORKER_URL.pathname.endsWith('.js') || !existsSync(fileURLToPath(WORKER_URL))) return inlineFeatures;
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  let failure: Error | null = null;
  const failAll = (err: Error): void => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  for (let t = 0; t < threads; t++) {
    const w = new Worker(WORKER_URL);
    w.on('message', (msg: { id: number; features?: DetachedFeatures[]; error?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      const features = msg.features;
      if (features && features.length === p.inputs.length) p.resolve(p.inputs.map((input, k) => attachInput(features[k] as DetachedFeatures, input)));
      else p.reject(new Error(`event features: ${msg.error ?? 'no answer'}`));
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (code !== 0 && pending.size > 0) failAll(new Error(`event features: a worker stopped with code ${code}`));
    });
    workers.push(w);
  }
  const ask = (inputs: readonly EventInput[]): Promise<EventFeatures[]> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { inputs, resolve, reject });
      const w = workers[turn++ % workers.length];
      w?.postMessage({ id, inputs });
    });
  return {
    threads,
    async features(inputs) {
      const chunks: Array<Promise<EventFeatures[]>> = [];
      for (let i = 0; i < inputs.length; i += FEATURE_CHUNK) chunks.push(ask(inputs.slice(i, i + FEATURE_CHUNK)));
      return (await Promise.all(chunks)).flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * The features of `inputs` chunk by chunk, in order, with up to `ahead` chunks being computed
 * while the caller works on the current one.
 */
export async function* featuresAhead(source: FeatureSource, inputs: readonly EventInput[], ahead = Math.max(2, source.threads * 2)): AsyncGenerator<EventFeatures[]> {
  const queue: Array<Promise<EventFeatures[]>> = [];
  let next = 0;
  const refill = (): void => {
    while (queue.length < ahead && next < inputs.length) {
      const chunk = source.features(inputs.slice(next, next + FEATURE_CHUNK));
      chunk.catch(() => undefined); // a failure is raised where the chunk is awaited, not as unhandled
      queue.push(chunk);
      next += FEATURE_CHUNK;
    }
  };
  refill();
  while (queue.length > 0) {
    const chunk = await (queue.shift() ?? Promise.resolve([]));
    refill();
    yield chunk;
  }
}

import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, when the runtime allows one. V8 lets old-space garbage from bulk
 * imports pile up in proportion to the live heap (the language models are large), so a long
 * import's resident memory would grow with its size; a collection every few thousand items keeps
 * it flat for the cost of a few milliseconds each.
 */
export function trimHeap(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

/** Calls trimHeap every `every` calls: hand it to the importer as its per-batch hook. */
export function heapTrimmer(every = 4): () => void {
  let n = 0;
  return () => {
    n++;
    if (n % every === 0) trimHeap();
  };
}

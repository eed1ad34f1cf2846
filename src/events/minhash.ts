// MinHash signatures and LSH band keys. A signature of K minima estimates the Jaccard similarity
// of two shingle sets as the share of equal positions; banding (B bands of R rows) makes two
// items candidates when any band is equal, with probability 1 - (1 - J^R)^B.
import { combine, mix32 } from './hash.js';

export interface MinHashShape {
  /** Number of hash functions (= bands × rows). */
  size: number;
  bands: number;
  rows: number;
}

// 64 minima in 16 bands of 4 rows: pairs at J=0.5 become candidates with p≈0.65, J=0.6 p≈0.89,
// J=0.7 p≈0.98; pairs at J=0.2 only with p≈0.03.
export const SHAPE: MinHashShape = { size: 64, bands: 16, rows: 4 };

/**
 * The signature of a set of hashed shingles by one-permutation hashing: each shingle is hashed
 * once, falls into one of `size` bins by its top bits and keeps the bin's minimum; empty bins
 * borrow from the next filled bin (rotation densification, Shrivastava 2017), so that the
 * signature still estimates Jaccard similarity, at one hash per shingle instead of `size`.
 * Empty set → all 0xffffffff.
 */
export function signature(shingles: Uint32Array, size = SHAPE.size): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  if (shingles.length === 0) return sig;
  const shift = 32 - Math.log2(size);
  const mask = (1 << shift) - 1;
  for (let s = 0; s < shingles.length; s++) {
    const h = mix32((shingles[s] ?? 0) ^ 0x5bd1e995);
    const bin = h >>> shift;
    const v = h & mask;
    if (v < (sig[bin] ?? 0)) sig[bin] = v;
  }
  // densify: an empty bin takes the value of the next filled one, offset by the distance
  for (let b = 0; b < size; b++) {
    if (sig[b] !== 0xffffffff) continue;
    for (let d = 1; d < size; d++) {
      const v = sig[(b + d) % size] ?? 0xffffffff;
      if (v !== 0xffffffff && v <= mask) {
        sig[b] = (v + d * 0x9e3779b1) >>> 0 | 0x80000000; // distinguishable from a real minimum
        break;
      }
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of positions where both signatures agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}

/** One key per band: the band's rows hashed together with the band number. */
export function bandKeys(sig: Uint32Array, shape: MinHashShape = SHAPE): Uint32Array {
  const keys = new Uint32Array(shape.bands);
  for (let b = 0; b < shape.bands; b++) {
    let h = mix32(b + 0x51ed27);
    for (let r = 0; r < shape.rows; r++) h = combine(h, sig[b * shape.rows + r] ?? 0);
    keys[b] = h;
  }
  return keys;
}

/**
 * Containment of the smaller set in the larger, from the estimated Jaccard J and the set sizes:
 * |A∩B| = J(|A|+|B|)/(1+J). A copy with a header and footer added is contained almost entirely
 * even when its Jaccard similarity is modest.
 */
export function containment(j: number, sizeA: number, sizeB: number): number {
  const small = Math.min(sizeA, sizeB);
  if (small === 0) return 0;
  const inter = (j * (sizeA + sizeB)) / (1 + j);
  return Math.min(1, inter / small);
}

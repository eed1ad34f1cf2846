// 32-bit string and integer hashing for shingles, band keys and anchors: FNV-1a over UTF-16 code
// units, then a murmur3 finalizer so that nearby inputs spread over all 32 bits.

const FNV_OFFSET = 0x811c9dc5;

/**
 * The FNV-1a state after a string's code units, unfinalized: passed as the seed of hashString it
 * continues the string, so `hashString(b, fnvState(a))` equals `hashString(a + b)` without
 * building the concatenation.
 */
export function fnvState(s: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV-1a of a string's code units, finalized (murmur3 fmix32). Unsigned 32-bit. */
export function hashString(s: string, seed = FNV_OFFSET): number {
  return mix32(fnvState(s, seed));
}

/** murmur3's fmix32: avalanches every input bit into every output bit. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit hashes (order matters). */
export function combine(a: number, b: number): number {
  return mix32((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

// The baseline of `npm run bench:actors`: plain Jaro-Winkler (talisman) between the lower-cased
// query and every lower-cased alias of the registry, best alias wins, accepted above a threshold.
import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import type { RegistryActor } from '../src/store/actor.repository.js';

/** The best alias of a scan: its actor and Jaro-Winkler score (null below the lowest threshold reported). */
export interface BaselineHit {
  actorId: string;
  alias: string;
  score: number;
}

const BUCKETS = 64;

/**
 * A full scan of all aliases, made affordable without changing its answer: Jaro-Winkler can only
 * reach `floor` when the two strings share enough characters, so an alias whose character counts
 * (folded into 64 buckets, an upper bound) or length cannot reach `floor`, or cannot beat the best
 * score so far, is not scored. Every alias that could win is scored with talisman; ties keep the
 * first alias in registry order, as a plain loop would.
 */
export function createJaroWinklerBaseline(actors: readonly RegistryActor[], floor: number): { best(query: string): BaselineHit | null; aliases: number } {
  const names: string[] = [];
  const owners: string[] = [];
  for (const actor of actors) {
    for (const a of actor.aliases) {
      names.push(a.alias.toLowerCase());
      owners.push(actor.id);
    }
  }
  const counts = new Uint8Array(names.length * BUCKETS);
  names.forEach((s, i) => {
    for (let j = 0; j < s.length; j++) {
      const k = i * BUCKETS + (s.charCodeAt(j) & (BUCKETS - 1));
      counts[k] = Math.min(255, (counts[k] ?? 0) + 1);
    }
  });
  const q = new Uint8Array(BUCKETS);
  return {
    aliases: names.length,
    best(query: string): BaselineHit | null {
      const s = query.toLowerCase();
      q.fill(0);
      for (let j = 0; j < s.length; j++) {
        const k = s.charCodeAt(j) & (BUCKETS - 1);
        q[k] = (q[k] ?? 0) + 1;
      }
      const used: number[] = [];
      for (let k = 0; k < BUCKETS; k++) if (q[k]) used.push(k);
      let best = -1;
      let bestScore = floor;
      for (let i = 0; i < names.length; i++) {
        const la = names[i]?.length ?? 0;
        if (la === 0 || s.length === 0) continue;
        let common = 0;
        const o = i * BUCKETS;
        for (const k of used) common += Math.min(q[k] ?? 0, counts[o + k] ?? 0);
        // Jaro ≤ (m/|a| + m/|b| + 1)/3 with m ≤ common characters; Winkler adds at most 0.4 of the rest.
        const jaro = (common / s.length + common / la + 1) / 3;
        const bound = jaro + 0.4 * (1 - jaro);
        if (bound < bestScore || (best >= 0 && bound <= bestScore)) continue;
        const score = jaroWinkler(s, names[i] ?? '');
        if (score > bestScore || (best < 0 && score >= bestScore)) {
          best = i;
          bestScore = score;
        }
      }
      return best < 0 ? null : { actorId: owners[best] ?? '', alias: names[best] ?? '', score: bestScore };
    },
  };
}

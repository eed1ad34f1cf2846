// The founding scenario check of `npm run bench:actors`: every spelling of the scenario's actors
// (../shared/scenarios/seed-kh-2021/truth.json) must resolve to the right starter-registry actor.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { actorIdFor } from '../src/actors/actor-import.service.js';
import type { ActorResolver } from '../src/actors/match/resolve-types.js';
import type { RegistryActor } from '../src/store/actor.repository.js';

const truthSchema = z.object({
  actors: z.array(z.object({ id: z.string(), aliases: z.array(z.string()) })),
});

// truth.json ids that differ from the starter registry's.
const STARTER_ID: Readonly<Record<string, string>> = { lebanese_hezbollah: 'hizballah' };

export interface SeedCheck {
  passed: number;
  total: number;
  failed: string[];
}

/**
 * Resolves every alias in truth.json against the full lists + starter registry. The starter actor
 * is the expected answer. Because the starter registry points at OFAC entries (`designations`) and
 * stays a separate record until an analyst merges them, the OFAC record of the same designation
 * also passes when it ranks first, provided the starter actor is among the accepted candidates.
 */
export function seedCheck(file: string, resolver: ActorResolver, actors: readonly RegistryActor[]): SeedCheck | null {
  if (!existsSync(file)) return null;
  const truth = truthSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byId = new Map(actors.map((a) => [a.id, a]));
  const out: SeedCheck = { passed: 0, total: 0, failed: [] };
  for (const actor of truth.actors) {
    const expected = actorIdFor('rasad', STARTER_ID[actor.id] ?? actor.id);
    const designations = new Set(byId.get(expected)?.designations ?? []);
    console.log(`${actor.id} (${byId.get(expected)?.canonicalName ?? 'not in the starter registry'}):`);
    for (const alias of actor.aliases) {
      const accepted = resolver.resolve(alias, { limit: 5 }).filter((c) => c.accepted);
      const top = accepted[0];
      const exact = top?.actorId === expected;
      const viaDesignation =
        !exact && top !== undefined && top.designations.some((d) => designations.has(d)) && accepted.some((c) => c.actorId === expected);
      const pass = exact || viaDesignation;
      out.total++;
      if (pass) out.passed++;
      else out.failed.push(alias);
      const got = top ? `${top.canonical} ${top.score.toFixed(2)} — ${top.why}` : 'nothing';
      console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${alias.padEnd(32)} → ${got}${viaDesignation ? ' (same designation as the starter actor)' : ''}`);
    }
  }
  return out;
}

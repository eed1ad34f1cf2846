import type { RegistryActor } from '../../store/actor.repository.js';

/**
 * Among actors sharing a name (the same person on several lists): the analysts' own registry
 * record (designation `rasad:…`) first, then the record with the most aliases, then the id.
 */
export function preferredActor(actors: RegistryActor[], ids: number[]): number | undefined {
  let best: number | undefined;
  for (const id of ids) {
    if (best === undefined || comparePreference(actors[id], actors[best]) < 0) best = id;
  }
  return best;
}

/** Negative when a is preferred over b (see `preferredActor`). */
export function comparePreference(a: RegistryActor | undefined, b: RegistryActor | undefined): number {
  const curated = (x: RegistryActor | undefined): number => (x?.designations.some((d) => d.startsWith('rasad:')) ? 1 : 0);
  return curated(b) - curated(a) || (b?.aliases.length ?? 0) - (a?.aliases.length ?? 0) || (a?.id ?? '').localeCompare(b?.id ?? '');
}

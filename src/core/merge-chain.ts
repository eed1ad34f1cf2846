/**
 * Follows merges to the record that stands for an actor now: A merged into B merged into C
 * resolves to C. Pure; a cycle (which the registry refuses to create) stops after 32 hops.
 */
export function survivorResolver(actors: ReadonlyArray<{ id: string; mergedInto: string | null }>): (id: string) => string {
  const parent = new Map(actors.map((a) => [a.id, a.mergedInto]));
  return (id) => {
    let cur = id;
    for (let hops = 0; hops < 32; hops++) {
      const next = parent.get(cur);
      if (next === null || next === undefined) return cur;
      cur = next;
    }
    return cur;
  };
}

/** Time as a port, so that code under test runs on an injected clock. */
export interface Clock {
  now(): Date;
}

/** The wall clock; wired only at the edges (CLI, server). */
export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at one instant, for tests and reproducible runs. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/** ISO-8601 UTC with milliseconds, the one timestamp format stored in every table. */
export function toIso(date: Date): string {
  return date.toISOString();
}

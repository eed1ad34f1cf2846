/**
 * When to poll and check next: jittered intervals, exponential backoff after errors, and the
 * liveness re-check ladder. Pure: time and randomness come in as arguments.
 */

/** ±10% jitter, so sources added together do not stay in lock-step. */
export const JITTER = 0.1;
/** Backoff after errors never waits longer than this. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** After this many consecutive failures a source is quarantined (still retried, at MAX_BACKOFF_MS). */
export const QUARANTINE_AFTER = 8;

/** The next poll after a successful one: the interval with jitter. */
export function nextPollTime(now: number, intervalSeconds: number, random: () => number): number {
  const interval = intervalSeconds * 1000;
  return now + Math.round(interval * (1 - JITTER + 2 * JITTER * random()));
}

/** The next poll after `errorCount` consecutive failures: interval × 2^(n−1), capped, jittered. */
export function backoffTime(now: number, intervalSeconds: number, errorCount: number, random: () => number): number {
  const base = intervalSeconds * 1000 * 2 ** Math.max(0, Math.min(errorCount - 1, 20));
  const capped = Math.min(MAX_BACKOFF_MS, base);
  return now + Math.round(capped * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Item re-checks: often soon after collection, then less often (1 h, 6 h, 1 d, 3 d, then weekly);
 * a suspected deletion is re-checked after CONFIRM_AFTER_MS to confirm it.
 */
const CHECK_LADDER_MS = [3_600_000, 6 * 3_600_000, 86_400_000, 3 * 86_400_000, 7 * 86_400_000];
export const CONFIRM_AFTER_MS = 3_600_000;

/** When to check an item next, from its age (time since collection). */
export function nextCheckTime(now: number, collectedAt: number): number {
  const age = now - collectedAt;
  for (const step of CHECK_LADDER_MS) if (age < step) return now + Math.max(step - age, step / 4);
  return now + (CHECK_LADDER_MS[CHECK_LADDER_MS.length - 1] ?? 7 * 86_400_000);
}

/**
 * The liveness state machine (COLLECTION.md 4.3): live → suspected (one "gone" verdict) → gone
 * (a second consistent verdict at least CONFIRM_AFTER_MS later). Throttled and unreachable
 * checks never count either way. A gone item seen again is live (restored).
 */
export interface LivenessState {
  liveness: string;
  goneChecks: number;
  suspectedAt: string | null;
  goneAt: string | null;
  reason: string | null;
}

export function nextLiveness(
  prev: LivenessState,
  verdict: { verdict: 'live' | 'gone' | 'throttled' | 'unreachable'; reason: string },
  now: string,
  confirmAfterMs = CONFIRM_AFTER_MS,
): LivenessState {
  if (verdict.verdict === 'throttled' || verdict.verdict === 'unreachable') return prev;
  if (verdict.verdict === 'live') {
    return { liveness: prev.liveness === 'gone' ? 'restored' : 'live', goneChecks: 0, suspectedAt: null, goneAt: null, reason: prev.liveness === 'gone' ? `restored after ${prev.reason ?? 'gone'}` : null };
  }
  if (prev.liveness === 'gone') return { ...prev, goneChecks: prev.goneChecks + 1 };
  const suspectedAt = prev.suspectedAt ?? now;
  const goneChecks = prev.goneChecks + 1;
  const confirmed = goneChecks >= 2 && Date.parse(now) - Date.parse(suspectedAt) >= confirmAfterMs;
  return confirmed
    ? { liveness: 'gone', goneChecks, suspectedAt, goneAt: now, reason: verdict.reason }
    : { liveness: 'suspected', goneChecks, suspectedAt, goneAt: null, reason: verdict.reason };
}

/**
 * Per-host pacing: at most `concurrency` requests in flight per host and at least `spacingMs`
 * between request starts to one host. A fair FIFO per host.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; lastStart: number; queue: Array<() => void> }>();

  constructor(
    private readonly spacingMs: (host: string) => number,
    private readonly concurrency: number,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Runs `work` when the host allows it. */
  async run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const h = this.hosts.get(host) ?? { active: 0, lastStart: -Infinity, queue: [] };
    this.hosts.set(host, h);
    // A finishing request hands its slot straight to the next in line, so the count never overshoots.
    if (h.active >= this.concurrency) await new Promise<void>((resolve) => h.queue.push(resolve));
    else h.active++;
    try {
      const wait = h.lastStart + this.spacingMs(host) - this.clock();
      if (wait > 0) await this.sleep(wait);
      h.lastStart = Math.max(this.clock(), h.lastStart + this.spacingMs(host));
      return await work();
    } finally {
      const next = h.queue.shift();
      if (next) next();
      else if (--h.active === 0) this.hosts.delete(host);
    }
  }
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await work(items[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}

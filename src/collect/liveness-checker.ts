import { toIso } from '../core/clock.js';
import { FetchError } from '../core/fetcher.js';
import type { SourceKind } from '../core/item.js';
import { insertLivenessChecks, itemsDueForCheck, updateItemLiveness } from '../store/liveness.repository.js';
import { withTransaction } from '../store/transaction.js';
import { getWatchedSource, type WatchedSource } from '../store/watched-source.repository.js';
import type { Connector, LivenessVerdict } from './connectors/connector.js';
import { type CollectorDeps, preservingIo, sourceState } from './collector.js';
import { nextCheckTime, nextLiveness } from './schedule.js';

export interface CheckSummary {
  checked: number;
  live: number;
  suspected: number;
  gone: number;
  restored: number;
  inconclusive: number;
}

/** Verdicts that do not count: the platform was not asked, or did not answer usefully. */
const INCONCLUSIVE = new Set(['throttled', 'unreachable']);

/**
 * Re-checks items whose check is due: each connector asks its platform whether the item is still
 * there (the answer itself is preserved as evidence), and the liveness state machine moves it
 * live → suspected → gone only on consistent verdicts at least `livenessConfirmMs` apart;
 * throttled or failed checks never count.
 */
export async function checkDueItems(deps: Pick<CollectorDeps, 'db' | 'clock' | 'fetcher' | 'preserver' | 'limiter' | 'sleep' | 'connectorFor' | 'settings'>, limit: number): Promise<CheckSummary> {
  const now = toIso(deps.clock.now());
  const due = await itemsDueForCheck(deps.db, now, limit);
  const summary: CheckSummary = { checked: 0, live: 0, suspected: 0, gone: 0, restored: 0, inconclusive: 0 };
  const sources = new Map<string, WatchedSource | undefined>();
  for (const item of due) {
    if (!sources.has(item.sourceId)) sources.set(item.sourceId, await getWatchedSource(deps.db, item.sourceId));
    const source = sources.get(item.sourceId);
    const connector = source ? deps.connectorFor(source.kind as SourceKind) : null;
    if (!source || !connector?.checkItem) continue;
    const verdict = await checkOne(deps, connector, source, item);
    summary.checked++;
    const at = toIso(deps.clock.now());
    const next = nextLiveness(
      { liveness: item.liveness, goneChecks: item.goneChecks, suspectedAt: item.suspectedAt, goneAt: null, reason: null },
      verdict,
      at,
      deps.settings.livenessConfirmMs,
    );
    if (INCONCLUSIVE.has(verdict.verdict)) summary.inconclusive++;
    else if (next.liveness === 'gone') summary.gone++;
    else if (next.liveness === 'suspected') summary.suspected++;
    else if (next.liveness === 'restored') summary.restored++;
    else summary.live++;
    const nowMs = Date.parse(at);
    const nextAt =
      next.liveness === 'suspected'
        ? nowMs + Math.max(deps.settings.livenessConfirmMs, 60_000)
        : INCONCLUSIVE.has(verdict.verdict)
          ? nowMs + 15 * 60_000
          : next.liveness === 'gone'
            ? nowMs + 7 * 86_400_000
            : nextCheckTime(nowMs, Date.parse(item.collectedAt));
    await withTransaction(deps.db, async (tx) => {
      await insertLivenessChecks(tx, [{ subjectType: 'item', subjectId: item.id, checkedAt: at, verdict: verdict.verdict, reason: verdict.reason, httpStatus: verdict.status, captureId: verdict.captureId }]);
      await updateItemLiveness(tx, item.id, {
        liveness: next.liveness,
        reason: next.reason,
        checkedAt: at,
        goneChecks: next.goneChecks,
        suspectedAt: next.suspectedAt,
        goneAt: next.liveness === 'gone' ? (next.goneAt ?? at) : null,
        nextCheckAt: toIso(new Date(nextAt)),
      });
    });
  }
  return summary;
}

async function checkOne(
  deps: Pick<CollectorDeps, 'fetcher' | 'preserver' | 'limiter' | 'clock' | 'sleep'>,
  connector: Connector,
  source: WatchedSource,
  item: { key: string; url: string | null; nativeId: string },
): Promise<LivenessVerdict> {
  const state = sourceState(source, 1, false);
  try {
    return await (connector.checkItem?.(item, state, preservingIo(deps, source, 'check')) ?? Promise.resolve(inconclusive('no check for this platform')));
  } catch (error) {
    return inconclusive(error instanceof FetchError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error));
  }
}

function inconclusive(reason: string): LivenessVerdict {
  return { verdict: 'unreachable', reason, status: null, captureId: null };
}


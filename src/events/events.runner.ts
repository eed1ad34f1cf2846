// Runs the clusterer over stored items: new items (those without an events@version result) are
// placed in time order against the items already placed within the window around them, and the
// events they touch are written back with their first item, why, corroboration and title.
// `rebuildEvents` re-places every item (after a version change) and replays analysts' decisions.
import { type Clock, toIso } from '../core/clock.js';
import { deterministicId } from '../core/ids.js';
import type { Db } from '../store/database.js';
import {
  clearEvents,
  deleteEvents,
  ensureEvent,
  eventIdsOfItems,
  listEventDecisions,
  membersOfEvents,
  mergeEventInto,
  putMembers,
  saveEventSummary,
  type EventDecisionRecord,
  type EventMemberRecord,
} from '../store/event.repository.js';
import { getItemsByIds, getItemsByKeys, itemsInWindow, type StoredItem } from '../store/item.repository.js';
import { deleteStageResults, itemsNeedingStage, saveStageResults, stageOutputsOfItems } from '../store/stage-result.repository.js';
import { translationsOfItems } from '../store/translation.repository.js';
import { withTransaction } from '../store/transaction.js';
import { EventClusterer } from './clusterer.js';
import type { EventInput } from './event-input.js';
import { featurePool, inlineFeatures, type FeatureSource } from './feature-pool.js';
import { eventInputsOf, voiceOf } from './event-inputs.js';
import { provenance, type ProvenanceMember } from './provenance.js';
import type { Relation } from './relate.js';
import { eventTitle } from './title.js';

/** Bumped whenever clustering changes; `rasad events rebuild` re-places every item. */
export const EVENTS_VERSION = 1;
export const EVENTS_STAGE = 'events';
const STAGE_VERSION = `${EVENTS_STAGE}@${EVENTS_VERSION}`;
const WINDOW_DAYS = 4;
const DAY = 86_400_000;

export interface EventsDeps {
  db: Db;
  clock: Clock;
  /** The analysts' language: stored translations into it are read as the item's other wording. */
  targetLang: string;
  /**
   * The registry's actors an author's name refers to (a militant's own channel or account is
   * about that actor even when the post never names him). Optional: without it only mentions count.
   */
  authorActors?: () => Promise<(name: string) => string[]>;
  /** Worker threads computing features in passes of POOL_MIN_ITEMS or more (0 or absent: none). */
  featureThreads?: number;
}

/** The stable id of an event founded by an item. */
export const eventIdFor = (foundingKey: string): string => `ev-${deterministicId('rasad:event', foundingKey).slice(0, 13).replace('-', '')}`;

/** Items a decision keeps apart: every split item from every other member of its former event. */
function separationOf(decisions: readonly EventDecisionRecord[]): (a: string, b: string) => boolean {
  const splits = decisions.filter((d) => d.kind === 'split');
  if (splits.length === 0) return () => false;
  const sideOf = new Map<string, Set<number>>();
  splits.forEach((d, n) => {
    for (const k of d.itemKeys) sideOf.set(k, (sideOf.get(k) ?? new Set()).add(n));
  });
  return (a, b) => {
    const sa = sideOf.get(a);
    const sb = sideOf.get(b);
    if (!sa && !sb) return false;
    // a split item stays apart from everything not split off with it
    for (const n of sa ?? []) if (!sb?.has(n)) return true;
    for (const n of sb ?? []) if (!sa?.has(n)) return true;
    return false;
  };
}

interface Batch {
  fresh: StoredItem[];
  context: StoredItem[];
}

async function windowAround(db: Db, fresh: readonly StoredItem[]): Promise<StoredItem[]> {
  const times = fresh.map((i) => Date.parse(i.publishedAt ?? i.collectedAt)).filter(Number.isFinite);
  if (times.length === 0) return [];
  const from = toIso(new Date(Math.min(...times) - WINDOW_DAYS * DAY));
  const to = toIso(new Date(Math.max(...times) + WINDOW_DAYS * DAY));
  const freshIds = new Set(fresh.map((i) => i.id));
  const inWindow = await itemsInWindow(db, from, to, freshIds);
  // Only items already placed: the ones still waiting are placed in their own batch, in time order.
  const placed = await stageOutputsOfItems(db, inWindow.map((i) => i.id), EVENTS_STAGE);
  const around = inWindow.filter((i) => placed.has(i.id));
  // Items the new ones point at directly, however old.
  const have = new Set(around.map((i) => i.key));
  const pointed = new Set<string>();
  for (const i of fresh) for (const k of [i.reposts, i.quotes, i.replyTo, i.forwardedFrom?.key]) if (k && !have.has(k)) pointed.add(k);
  const far = pointed.size > 0 ? (await getItemsByKeys(db, [...pointed])).filter((i) => !freshIds.has(i.id)) : [];
  return [...around, ...far];
}

const byTime = (a: EventInput, b: EventInput): number => (a.publishedAt ?? 0) - (b.publishedAt ?? 0) || a.key.localeCompare(b.key);

/**
 * Places items without a current events result. Returns how many were placed and how many events
 * were created or changed.
 */
export async function clusterPending(deps: EventsDeps, opts: { batchSize?: number; onProgress?: (done: number) => void } = {}): Promise<{ items: number; events: number }> {
  const batchSize = opts.batchSize ?? 5000;
  let items = 0;
  let events = 0;
  const decisions = await listEventDecisions(deps.db);
  let features: FeatureSource = inlineFeatures;
  try {
    for (;;) {
      const ids = await itemsNeedingStage(deps.db, EVENTS_STAGE, EVENTS_VERSION, batchSize);
      if (ids.length === 0) break;
      const fresh = await getItemsByIds(deps.db, ids);
      const batch: Batch = { fresh, context: await windowAround(deps.db, fresh) };
      // a pass of a few new posts computes features in place; a large import or a rebuild
      // starts worker threads once, for all its batches
      if (features === inlineFeatures && fresh.length + batch.context.length >= POOL_MIN_ITEMS) features = featurePool(deps.featureThreads ?? 0);
      events += await placeBatch(deps, batch, decisions, features);
      items += fresh.length;
      opts.onProgress?.(items);
      if (fresh.length < ids.length) break;
    }
  } finally {
    await features.close();
  }
  return { items, events };
}

/** Items in a batch (new and context) from which feature workers pay for their start. */
const POOL_MIN_ITEMS = 2000;

async function placeBatch(deps: EventsDeps, batch: Batch, decisions: readonly EventDecisionRecord[], features: FeatureSource): Promise<number> {
  const { db } = deps;
  const now = toIso(deps.clock.now());
  const clusterer = new EventClusterer({ windowDays: WINDOW_DAYS, retentionDays: 3650, separated: separationOf(decisions) });
  const byAuthor = deps.authorActors ? await deps.authorActors() : undefined;
  const contextInputs = (await eventInputsOf(db, batch.context, deps.targetLang, byAuthor)).sort(byTime);
  const placed = await eventIdsOfItems(db, contextInputs.map((i) => i.id));
  const freshInputs = (await eventInputsOf(db, batch.fresh, deps.targetLang, byAuthor)).sort(byTime);
  const [contextFeatures, freshFeatures] = await Promise.all([features.features(contextInputs), features.features(freshInputs)]);
  contextFeatures.forEach((f, k) => clusterer.primeFeatures(f, placed.get(contextInputs[k]?.id ?? '') ?? null));
  const freshIdx = freshFeatures.map((f) => clusterer.addFeatures(f));

  // Group the fresh items by the event they ended in.
  const touched = new Map<number, number[]>();
  for (const i of freshIdx) {
    const members = clusterer.membersOf(i);
    const root = members[0] ?? i;
    if (members.length < 2) continue;
    touched.set(root, [...members]);
  }
  let changed = 0;
  await withTransaction(db, async (tx) => {
    for (const [drop, keep] of clusterer.retired) await mergeEventInto(tx, drop, keep);
    const outputs: Array<{ itemId: string; event: string | null }> = [];
    const eventOf = new Map<number, string>();
    for (const members of touched.values()) {
      const inputs = members.map((m) => clusterer.inputOf(m));
      const founding = [...inputs].sort(byTime)[0];
      const id = clusterer.eventIdOf(members[0] ?? 0) ?? eventIdFor(founding?.key ?? '');
      const rows: EventMemberRecord[] = [];
      for (const m of members) {
        eventOf.set(m, id);
        const input = clusterer.inputOf(m);
        if (placed.get(input.id) === id) continue; // already stored there
        const link = clusterer.linkOf(m);
        rows.push({
          eventId: id,
          itemId: input.id,
          relation: link?.relation ?? 'related',
          score: Math.round((link?.score ?? 1) * 1000) / 1000,
          linkedTo: link ? clusterer.inputOf(link.to).id : null,
          why: link?.why ?? null,
          addedAt: now,
        });
      }
      await ensureEvent(tx, id, STAGE_VERSION, now);
      await putMembers(tx, rows);
      await summarize(tx, deps, id, now);
      changed++;
    }
    for (const i of freshIdx) outputs.push({ itemId: clusterer.inputOf(i).id, event: eventOf.get(i) ?? null });
    await saveStageResults(
      tx,
      outputs.map((o) => ({ itemId: o.itemId, stage: EVENTS_STAGE, version: EVENTS_VERSION, output: { event: o.event }, createdAt: now })),
    );
  });
  return changed;
}

/** Recomputes an event's summary row from its stored members. Deletes it when fewer than two remain. */
export async function summarize(db: Db, deps: Pick<EventsDeps, 'targetLang'>, eventId: string, now: string): Promise<void> {
  const members = await membersOfEvents(db, [eventId]);
  if (members.length < 2) {
    await deleteEvents(db, [eventId]);
    return;
  }
  const items = await getItemsByIds(
    db,
    members.map((m) => m.itemId),
  );
  const byId = new Map(items.map((i) => [i.id, i]));
  const keyOf = (id: string | null): string | null => (id ? (byId.get(id)?.key ?? null) : null);
  const prov: ProvenanceMember[] = members.flatMap((m) => {
    const item = byId.get(m.itemId);
    if (!item) return [];
    const t = Date.parse(item.publishedAt ?? item.collectedAt);
    const fwdAt = item.forwardedFrom?.publishedAt ? Date.parse(item.forwardedFrom.publishedAt) : null;
    return [
      {
        key: item.key,
        platform: item.platform,
        source: voiceOf(item),
        publishedAt: Number.isFinite(t) ? t : null,
        relation: m.linkedTo ? (m.relation as Exclude<Relation, 'origin'>) : null,
        to: keyOf(m.linkedTo),
        why: m.why,
        forwardedAt: fwdAt !== null && Number.isFinite(fwdAt) ? fwdAt : null,
        forwardedFrom: item.forwardedFrom ? (item.forwardedFrom.handle ?? item.forwardedFrom.name ?? 'another channel') : null,
      },
    ];
  });
  const p = provenance(prov);
  const first = items.find((i) => i.key === p.first) ?? items[0];
  const translation = first ? (await translationsOfItems(db, [first.id], deps.targetLang)).get(first.id) : undefined;
  const times = items.map((i) => i.publishedAt ?? i.collectedAt).sort();
  await saveEventSummary(
    db,
    {
      id: eventId,
      title: first ? eventTitle({ title: first.title ?? null, text: first.text, translation: translation?.translatedText ?? null }) : '(untitled)',
      firstItemId: first?.id ?? null,
      firstSeenAt: p.firstSeenAt !== null ? toIso(new Date(p.firstSeenAt)) : null,
      firstWhy: p.why,
      confidence: p.confidence,
      corroboration: p.corroboration,
      stageVersion: STAGE_VERSION,
      anomalies: p.anomalies,
      memberCount: members.length,
      lastSeenAt: times[times.length - 1] ?? null,
    },
    now,
  );
}

/**
 * Re-places every stored item from scratch (after a clustering version change), then replays the
 * analysts' merges and splits in the order they were made, so their decisions survive.
 */
export async function rebuildEvents(deps: EventsDeps, opts: { onProgress?: (done: number) => void } = {}): Promise<{ items: number; events: number; decisions: number }> {
  await withTransaction(deps.db, async (tx) => {
    await clearEvents(tx);
    await deleteStageResults(tx, EVENTS_STAGE);
  });
  const placed = await clusterPending(deps, opts);
  const decisions = await listEventDecisions(deps.db);
  for (const d of decisions) await applyDecision(deps, d);
  return { ...placed, decisions: decisions.length };
}

/**
 * Applies one analyst decision to the stored events: a merge puts every listed item's event
 * together (into the event of the first listed item); a split moves the listed items out of their
 * event into a new one of their own.
 */
export async function applyDecision(deps: EventsDeps, d: EventDecisionRecord): Promise<string | null> {
  const now = toIso(deps.clock.now());
  const items = await getItemsByKeys(deps.db, d.itemKeys);
  if (items.length === 0) return null;
  return withTransaction(deps.db, async (tx) => {
    const events = await eventIdsOfItems(tx, items.map((i) => i.id));
    if (d.kind === 'merge') {
      const ordered = d.itemKeys.flatMap((k) => items.find((i) => i.key === k) ?? []);
      const target = events.get(ordered[0]?.id ?? '') ?? eventIdFor(ordered[0]?.key ?? '');
      const rows: EventMemberRecord[] = [];
      for (const item of ordered) {
        const from = events.get(item.id);
        if (from && from !== target) await mergeEventInto(tx, from, target);
        else if (!from) rows.push({ eventId: target, itemId: item.id, relation: 'related', score: 1, linkedTo: null, why: `merged by an analyst: ${d.reason}`, addedAt: now });
      }
      await ensureEvent(tx, target, STAGE_VERSION, now);
      await putMembers(tx, rows);
      await summarize(tx, deps, target, now);
      return target;
    }
    const formers = new Set(items.flatMap((i) => events.get(i.id) ?? []));
    const founding = [...items].sort((a, b) => (a.publishedAt ?? a.collectedAt).localeCompare(b.publishedAt ?? b.collectedAt))[0];
    const id = eventIdFor(`${founding?.key ?? ''}#split:${d.id}`);
    await ensureEvent(tx, id, STAGE_VERSION, now);
    await putMembers(
      tx,
      items.map((i) => ({ eventId: id, itemId: i.id, relation: 'related', score: 1, linkedTo: null, why: `split off by an analyst: ${d.reason}`, addedAt: now })),
    );
    for (const former of formers) await summarize(tx, deps, former, now);
    await summarize(tx, deps, id, now);
    return (await eventIdsOfItems(tx, [items[0]?.id ?? ''])).get(items[0]?.id ?? '') ?? null;
  });
}


// Events as the CLI, the API and the web UI show them, and the analysts' merges and splits
// (recorded as decisions so that a rebuild replays them, and audited).
import { z } from 'zod';
import { type Clock, toIso } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { timeOrderedId } from '../core/ids.js';
import { applyDecision, EVENTS_STAGE, eventIdFor } from '../events/events.runner.js';
import { voiceOf } from '../events/event-inputs.js';
import { actorIdsOfItems, threatScoresOfItems } from '../store/analysis.repository.js';
import { appendAudit } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import {
  actorNames,
  eventIdsOfItems,
  getEvent,
  getEvents,
  insertEventDecision,
  listEvents,
  membersOfEvents,
  type EventDecisionRecord,
  type EventMemberRecord,
  type EventRecord,
} from '../store/event.repository.js';
import { getItemByKey, getItemsByIds, type StoredItem } from '../store/item.repository.js';
import { withTransaction } from '../store/transaction.js';

/** One event in a list (CLI.md's `events list --json` shape, plus confidence and the highest threat). */
export const eventViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  first: z.object({ key: z.string(), published_at: z.string().nullable(), why: z.string(), confidence: z.number().nullable() }).nullable(),
  members: z.array(z.string()),
  sources: z.number(),
  languages: z.array(z.string()),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  last_seen_at: z.string().nullable(),
  anomalies: z.array(z.string()),
  threat: z.object({ key: z.string(), score: z.number(), severity: z.string() }).nullable(),
});
export type EventView = z.infer<typeof eventViewSchema>;

/** One timeline row: a member by time, with its source and how it joined. */
export const timelineEntrySchema = z.object({
  key: z.string(),
  published_at: z.string().nullable(),
  platform: z.string(),
  source: z.string(),
  author: z.string().nullable(),
  language: z.string().nullable(),
  relation: z.string(),
  score: z.number(),
  linked_to: z.string().nullable(),
  why: z.string().nullable(),
  text: z.string(),
  threat: z.object({ score: z.number(), severity: z.string(), is_threat: z.boolean() }).nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const eventDetailSchema = eventViewSchema.extend({ timeline: z.array(timelineEntrySchema) });
export type EventDetail = z.infer<typeof eventDetailSchema>;

const SNIPPET = 280;

interface Loaded {
  event: EventRecord;
  members: EventMemberRecord[];
  items: Map<string, StoredItem>;
  actors: Map<string, string[]>;
  threats: Map<string, { score: number; severity: string; isThreat: boolean }>;
  names: Map<string, string>;
}

async function load(db: Db, events: readonly EventRecord[]): Promise<Loaded[]> {
  const members = await membersOfEvents(
    db,
    events.map((e) => e.id),
  );
  const itemIds = members.map((m) => m.itemId);
  const [items, actors, threats] = await Promise.all([getItemsByIds(db, itemIds), actorIdsOfItems(db, itemIds), threatScoresOfItems(db, itemIds)]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const actorIds = [...new Set([...actors.values()].flat())];
  const names = await actorNames(db, actorIds);
  return events.map((event) => ({ event, members: members.filter((m) => m.eventId === event.id), items: byId, actors, threats, names }));
}

const time = (i: StoredItem | undefined): string => i?.publishedAt ?? i?.collectedAt ?? '';

function view(l: Loaded): EventView {
  const members = l.members.flatMap((m) => l.items.get(m.itemId) ?? []).sort((a, b) => time(a).localeCompare(time(b)) || a.key.localeCompare(b.key));
  const first = l.event.firstItemId ? l.items.get(l.event.firstItemId) : undefined;
  const actorIds = [...new Set(members.flatMap((i) => l.actors.get(i.id) ?? []))];
  let threat: EventView['threat'] = null;
  for (const i of members) {
    const t = l.threats.get(i.id);
    if (t?.isThreat && (!threat || t.score > threat.score)) threat = { key: i.key, score: t.score, severity: t.severity };
  }
  return {
    id: l.event.id,
    title: l.event.title,
    first: first ? { key: first.key, published_at: l.event.firstSeenAt, why: l.event.firstWhy ?? '', confidence: l.event.confidence } : null,
    members: members.map((i) => i.key),
    sources: l.event.corroboration,
    languages: [...new Set(members.flatMap((i) => (i.language && i.language !== 'und' ? [i.language] : [])))].sort(),
    actors: actorIds.map((id) => ({ id, name: l.names.get(id) ?? id })),
    last_seen_at: l.event.lastSeenAt,
    anomalies: l.event.anomalies,
    threat,
  };
}

function timeline(l: Loaded): TimelineEntry[] {
  const byItem = new Map(l.members.map((m) => [m.itemId, m]));
  return [...byItem.values()]
    .flatMap((m) => {
      const i = l.items.get(m.itemId);
      if (!i) return [];
      const t = l.threats.get(i.id);
      const isFirst = i.id === l.event.firstItemId;
      return [
        {
          key: i.key,
          published_at: i.publishedAt ?? null,
          platform: i.platform,
          source: voiceOf(i),
          author: i.author?.name ?? i.author?.handle ?? i.sourceTitle ?? null,
          language: i.language,
          relation: isFirst ? 'origin' : m.relation,
          score: m.score,
          linked_to: m.linkedTo ? (l.items.get(m.linkedTo)?.key ?? null) : null,
          why: isFirst ? (l.event.firstWhy ?? null) : m.why,
          text: i.text.length > SNIPPET ? `${i.text.slice(0, SNIPPET)}…` : i.text,
          threat: t ? { score: t.score, severity: t.severity, is_threat: t.isThreat } : null,
        },
      ];
    })
    .sort((a, b) => (a.published_at ?? '').localeCompare(b.published_at ?? '') || a.key.localeCompare(b.key));
}

/** A page of events, most recently first seen first. */
export async function eventViews(db: Db, page: { limit: number; offset: number }): Promise<{ events: EventView[]; total: number }> {
  const { events, total } = await listEvents(db, page);
  return { events: (await load(db, events)).map(view), total };
}

/** An event by id, or the event of an item (by key), with its timeline. */
export async function eventDetail(db: Db, ref: string): Promise<EventDetail> {
  const event = await resolveEvent(db, ref);
  const [loaded] = await load(db, [event]);
  if (!loaded) throw new NotFoundError(`event ${ref} not found`);
  return { ...view(loaded), timeline: timeline(loaded) };
}

/** An event id or an item key (the event that item belongs to). */
export async function resolveEvent(db: Db, ref: string): Promise<EventRecord> {
  const direct = await getEvent(db, ref);
  if (direct) return direct;
  const item = await getItemByKey(db, ref);
  if (!item) throw new NotFoundError(`no event or item "${ref}"`);
  const id = (await eventIdsOfItems(db, [item.id])).get(item.id);
  const event = id ? await getEvent(db, id) : undefined;
  if (!event) throw new NotFoundError(`item ${ref} belongs to no event`);
  return event;
}

/** The event (id, title, size) of each of these items, for collapsing the item list. */
export async function eventsOfItems(db: Db, itemIds: readonly string[]): Promise<Map<string, { id: string; title: string; members: number; first: boolean }>> {
  const ids = await eventIdsOfItems(db, itemIds);
  const events = new Map((await getEvents(db, [...new Set(ids.values())])).map((e) => [e.id, e]));
  const out = new Map<string, { id: string; title: string; members: number; first: boolean }>();
  for (const [itemId, eventId] of ids) {
    const e = events.get(eventId);
    if (e) out.set(itemId, { id: e.id, title: e.title, members: e.memberCount, first: e.firstItemId === itemId });
  }
  return out;
}

export interface DecisionDeps {
  db: Db;
  clock: Clock;
  targetLang: string;
}

async function decide(deps: DecisionDeps, kind: 'merge' | 'split', itemKeys: string[], reason: string, analyst: string, subject: string): Promise<string | null> {
  if (reason.trim().length === 0) throw new ValidationError('a reason is required', { field: 'reason' });
  const now = toIso(deps.clock.now());
  const decision: EventDecisionRecord = { id: timeOrderedId(now), kind, itemKeys, reason: reason.trim(), analyst, createdAt: now };
  await withTransaction(deps.db, async (tx) => {
    await insertEventDecision(tx, decision);
    await appendAudit(tx, { at: now, actor: analyst, action: `event.${kind}`, subjectType: 'event', subjectId: subject, reason: decision.reason, before: null, after: { itemKeys } });
  });
  return applyDecision(deps, decision);
}

/** Merges events (ids or item keys) into the first; recorded and replayed after rebuilds. */
export async function mergeEvents(deps: DecisionDeps, refs: readonly string[], reason: string, analyst: string): Promise<string | null> {
  if (refs.length < 2) throw new ValidationError('give at least two events to merge', { field: 'events' });
  const firsts: string[] = [];
  for (const ref of refs) {
    const e = await resolveEvent(deps.db, ref);
    const first = e.firstItemId ? (await getItemsByIds(deps.db, [e.firstItemId]))[0] : undefined;
    if (!first) throw new NotFoundError(`event ${ref} has no first item`);
    firsts.push(first.key);
  }
  return decide(deps, 'merge', firsts, reason, analyst, refs.join('+'));
}

/** Moves items (by key) out of an event into a new one; recorded and replayed after rebuilds. */
export async function splitEvent(deps: DecisionDeps, ref: string, itemKeys: readonly string[], reason: string, analyst: string): Promise<string | null> {
  const event = await resolveEvent(deps.db, ref);
  if (itemKeys.length === 0) throw new ValidationError('name the items to split off', { field: 'items' });
  const members = new Set((await membersOfEvents(deps.db, [event.id])).map((m) => m.itemId));
  for (const key of itemKeys) {
    const item = await getItemByKey(deps.db, key);
    if (!item || !members.has(item.id)) throw new ValidationError(`${key} is not a member of event ${event.id}`, { field: 'items' });
  }
  if (itemKeys.length >= members.size) throw new ValidationError('a split must leave at least one item in the event', { field: 'items' });
  return decide(deps, 'split', [...itemKeys], reason, analyst, event.id);
}

export { EVENTS_STAGE, eventIdFor };

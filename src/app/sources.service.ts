import { type Clock, toIso } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { appendAudit } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import { decideDiscovery, discoveryIdFor, getDiscovery, listDiscoveries, type DiscoveryRecord } from '../store/discovery.repository.js';
import { withTransaction } from '../store/transaction.js';
import { DEFAULT_POLL_SECONDS, findSource, getWatchedSource, setWatch, watchSource, type WatchedSource } from '../store/watched-source.repository.js';

/**
 * A source as the user names it: `telegram:NAME`, `x:HANDLE`, `x:search:QUERY`, `rss:URL`,
 * `web:URL` (CLI.md). An X search keeps its query as typed in the handle: `search:<query>`.
 */
export interface SourceSpec {
  kind: 'telegram' | 'x' | 'rss' | 'web';
  handle: string;
  url: string | null;
}

const USERNAME = /^[a-z0-9_]{3,64}$/;

/** Parses a source spec; a one-line error names what is wrong. */
export function parseSourceSpec(spec: string): SourceSpec {
  const m = /^(telegram|x|rss|web):(.+)$/i.exec(spec.trim());
  if (!m) {
    const shown = spec.replace(/\s+/g, ' ').trim();
    throw new ValidationError(`"${shown}" is not a source: use telegram:NAME, x:HANDLE, x:search:QUERY, rss:URL or web:URL`, { field: 'source' });
  }
  const kind = (m[1] ?? '').toLowerCase() as SourceSpec['kind'];
  const rest = (m[2] ?? '').trim();
  const search = kind === 'x' ? /^search:(.*)$/i.exec(rest) : null;
  if (search) {
    // X recent search takes at most 512 characters on the basic tiers (Pro 1 024, Enterprise 4 096).
    const MAX_QUERY = 512;
    const query = (search[1] ?? '').trim();
    const length = [...query].length;
    if (length === 0) throw new ValidationError(`an X search needs a query: x:search:QUERY (1–${MAX_QUERY} characters)`, { field: 'source' });
    if (length > MAX_QUERY) {
      throw new ValidationError(`the X search query is ${length} characters; X recent search allows at most ${MAX_QUERY} (the basic tiers' limit)`, { field: 'source' });
    }
    return { kind: 'x', handle: `search:${query}`, url: `https://x.com/search?q=${encodeURIComponent(query)}` };
  }
  if (kind === 'telegram' || kind === 'x') {
    const handle = rest
      .replace(/^(?:https?:\/\/)?(?:www\.)?(?:t\.me\/(?:s\/)?|(?:x|twitter)\.com\/)?@?/i, '')
      .replace(/\/+$/, '')
      .toLowerCase();
    if (!USERNAME.test(handle) && !(kind === 'x' && /^[a-z0-9_]{1,15}$/.test(handle))) {
      throw new ValidationError(`"${rest}" is not ${kind === 'telegram' ? 'a Telegram channel username' : 'an X handle'} (letters, digits, underscores)`, { field: 'source' });
    }
    return { kind, handle, url: kind === 'telegram' ? `https://t.me/s/${handle}` : `https://x.com/${handle}` };
  }
  let url: URL;
  try {
    url = new URL(rest);
  } catch {
    throw new ValidationError(`"${rest}" is not a URL`, { field: 'source' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationError(`"${rest}" must be an http(s) URL`, { field: 'source' });
  url.hash = '';
  return { kind, handle: url.toString(), url: url.toString() };
}

export interface AddOptions {
  pollSeconds?: number;
  followLinks?: boolean;
  analyst: string;
}

/** Watches a source (audited). Adding one that exists re-activates it with the new settings. */
export async function addSource(deps: { db: Db; clock: Clock }, spec: SourceSpec, opts: AddOptions): Promise<WatchedSource> {
  const now = toIso(deps.clock.now());
  const poll = opts.pollSeconds ?? DEFAULT_POLL_SECONDS;
  if (!Number.isInteger(poll) || poll < 30) throw new ValidationError('the poll interval must be a whole number of seconds, at least 30', { field: 'poll' });
  return withTransaction(deps.db, async (tx) => {
    const before = await findSource(tx, spec.kind, spec.handle);
    const discovery = await getDiscovery(tx, spec.kind, spec.handle);
    const id = await watchSource(
      tx,
      { kind: spec.kind, handle: spec.handle, url: spec.url, pollIntervalSeconds: poll, followLinks: opts.followLinks ?? false, discoveryDepth: discovery?.depth ?? 0, discoveredFrom: discovery?.viaSourceId ?? null },
      now,
    );
    if (discovery && discovery.status === 'pending') await decideDiscovery(tx, discovery.id, { status: 'promoted', by: opts.analyst, reason: 'added as a source' }, now);
    const after = await findSource(tx, spec.kind, spec.handle);
    await appendAudit(tx, { at: now, actor: opts.analyst, action: 'source_add', subjectType: 'source', subjectId: id, reason: null, before: before ?? null, after: after ?? null });
    if (!after) throw new NotFoundError(`source ${spec.kind}:${spec.handle} was not stored`);
    return after;
  });
}

/** Finds a watched source by spec (`telegram:NAME`…) or id. */
export async function resolveSource(db: Db, ref: string): Promise<WatchedSource> {
  const spec = /^(telegram|x|rss|web):/i.test(ref) ? parseSourceSpec(ref) : null;
  const found = spec
    ? await findSource(db, spec.kind, spec.handle)
    : await getWatchedSource(db, ref);
  if (!found) throw new NotFoundError(`no source ${ref}`);
  return found;
}

/** Pauses, resumes or stops watching a source (audited); stopping keeps its items and evidence. */
export async function changeSource(deps: { db: Db; clock: Clock }, ref: string, action: 'pause' | 'resume' | 'remove', analyst: string): Promise<WatchedSource> {
  const now = toIso(deps.clock.now());
  return withTransaction(deps.db, async (tx) => {
    const before = await resolveSource(tx, ref);
    if (!before.monitored && action !== 'remove') throw new ValidationError(`${before.kind}:${before.handle} is not watched (add it first)`, { field: 'source' });
    if (action === 'pause') await setWatch(tx, before.id, { status: 'paused' }, now);
    else if (action === 'resume') await setWatch(tx, before.id, { status: before.goneAt ? 'gone' : 'active', nextPollAt: now }, now);
    else await setWatch(tx, before.id, { monitored: false }, now);
    const after = await resolveSource(tx, before.id);
    await appendAudit(tx, { at: now, actor: analyst, action: `source_${action}`, subjectType: 'source', subjectId: before.id, reason: null, before, after });
    return after;
  });
}

/** The discovery queue. */
export async function discoveries(db: Db, status = 'pending'): Promise<DiscoveryRecord[]> {
  return listDiscoveries(db, status);
}

/** Dismisses a discovered handle (audited); promoting is `addSource`. */
export async function dismissDiscovery(deps: { db: Db; clock: Clock }, spec: SourceSpec, analyst: string, reason: string | null): Promise<void> {
  const now = toIso(deps.clock.now());
  await withTransaction(deps.db, async (tx) => {
    const d = await getDiscovery(tx, spec.kind, spec.handle);
    if (!d) throw new NotFoundError(`${spec.kind}:${spec.handle} is not in the discovery queue`);
    await decideDiscovery(tx, discoveryIdFor(spec.kind, spec.handle), { status: 'dismissed', by: analyst, reason }, now);
    await appendAudit(tx, { at: now, actor: analyst, action: 'discovery_dismiss', subjectType: 'source_discovery', subjectId: d.id, reason, before: d, after: { ...d, status: 'dismissed' } });
  });
}

/** `sources list --json` (CLI.md shape, plus health and liveness fields). */
export function sourceJson(s: WatchedSource & { items: number; itemsLastDay: number }): Record<string, unknown> {
  return {
    id: s.id,
    kind: s.kind,
    handle: s.handle,
    url: s.url,
    title: s.title,
    status: s.status,
    status_reason: s.statusReason,
    monitored: s.monitored,
    last_success: s.lastSuccessAt,
    last_error: s.lastError,
    last_error_at: s.lastErrorAt,
    errors_in_a_row: s.errorCount,
    next_poll: s.nextPollAt,
    poll_seconds: s.pollIntervalSeconds,
    follow_links: s.followLinks,
    items: s.items,
    items_last_day: s.itemsLastDay,
    audience: s.audience,
    external_id: s.externalId,
    gone_at: s.goneAt,
    suspected_at: s.suspectedAt,
    discovered_from: s.discoveredFrom,
  };
}

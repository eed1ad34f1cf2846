import type { SourceRef } from '../../../core/item.js';
import type {
  CollectedItem,
  Connector,
  ConnectorIo,
  Discovery,
  ItemRef,
  LivenessVerdict,
  PollResult,
  SourceProfile,
  SourceState,
  SourceStatus,
} from '../connector.js';
import {
  MtprotoAccountBanned,
  MtprotoError,
  MtprotoFloodWait,
  MtprotoGone,
  MtprotoPeerInvalid,
  restrictionGoneReason,
  type HistoryRequest,
  type MtprotoChannel,
  type MtprotoClient,
  type MtprotoMessage,
  type MtprotoPeer,
} from './mtproto-client.js';
import { articleLinks, discoveriesOf, messageToDraft, type ChannelContext } from './mtproto-items.js';

export interface TelegramMtprotoConnectorOptions {
  client: MtprotoClient;
  /** Flood waits up to this many seconds are slept through (once) before retrying; longer ones return `throttled`. Default 30. */
  inlineFloodWaitSeconds?: number;
}

/** What a Telegram MTProto source keeps between polls. */
export interface MtprotoCursor {
  /** Highest message id read: the next poll asks only for newer ones (`min_id`). */
  lastId: number;
  channelId: string;
  /** This account's access hash for the channel, so polls never resolve the username again. */
  accessHash: string;
  /**
   * Messages with `minId < id < offsetId` not read yet: a catch-up that ran out of pages (or was
   * throttled) part way. Later polls finish it with the pages left after reading what is new.
   */
  gap?: { minId: number; offsetId: number } | null;
}

/** Telegram returns at most 100 messages per history call. */
const PAGE = 100;

/** Message ids `minId < id < offsetId` (offsetId 0: no upper bound) still to read. */
interface Range {
  minId: number;
  offsetId: number;
  done: boolean;
}

/** The reason a poll reports when the account itself was refused; says what to do, never a secret. */
function accountReason(e: MtprotoAccountBanned): string {
  return `tg_account_needs_attention: Telegram refused the collection account (${e.reason}); it may be banned, frozen or logged out. Check it in an official app and replace RASAD_TELEGRAM_SESSION`;
}

/** The port's error as a source status; anything that is not a port error is a bug and is thrown on. */
function statusOf(error: unknown): SourceStatus {
  if (error instanceof MtprotoFloodWait) return { state: 'throttled', reason: 'tg_flood_wait', retryAfterMs: error.seconds * 1000 };
  if (error instanceof MtprotoGone) return { state: 'gone', reason: error.reason };
  if (error instanceof MtprotoAccountBanned) return { state: 'failed', reason: accountReason(error) };
  if (error instanceof MtprotoError) return { state: 'failed', reason: `mtproto_error: ${error.code}: ${error.message}` };
  throw error;
}

/** A channel id however another connector wrote it (`1084368520`, `c1084368520`, Bot API `-1001084368520`), or null. */
function channelIdOf(value: string | null): string | null {
  const id = value?.trim().replace(/^c/, '').replace(/^-100/, '') ?? '';
  return /^[1-9]\d*$/.test(id) ? id : null;
}

function readCursor(source: SourceState): { lastId: number | null; peer: MtprotoPeer | null; gap: MtprotoCursor['gap'] } {
  const c = source.cursor ?? {};
  const lastId = typeof c.lastId === 'number' && Number.isInteger(c.lastId) && c.lastId >= 0 ? c.lastId : null;
  const id = channelIdOf(typeof c.channelId === 'string' ? c.channelId : null) ?? channelIdOf(source.externalId);
  const accessHash = typeof c.accessHash === 'string' && /^-?\d+$/.test(c.accessHash) ? c.accessHash : null;
  const g = c.gap as { minId?: unknown; offsetId?: unknown } | null | undefined;
  const gap =
    g && typeof g.minId === 'number' && typeof g.offsetId === 'number' && g.offsetId > g.minId + 1 ? { minId: g.minId, offsetId: g.offsetId } : null;
  return { lastId, peer: id && accessHash ? { id, accessHash } : null, gap };
}

const utf8 = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/**
 * Telegram channels through MTProto with one user account: exact counters, forward origins with
 * the original post id and time, edit dates, albums and restriction reasons. The username is
 * resolved once and the channel's id and access hash kept in the cursor, because resolving is
 * what gets accounts flood-waited and banned. Every answer is preserved with `io.record` before
 * it is read. Short flood waits are slept through once; longer ones end the poll as `throttled`.
 */
export function telegramMtprotoConnector(options: TelegramMtprotoConnectorOptions): Connector {
  const { client } = options;
  const inlineSeconds = options.inlineFloodWaitSeconds ?? 30;

  /** One request under the flood policy: a short wait is slept once and the request retried once. */
  async function request<T>(io: ConnectorIo, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof MtprotoFloodWait) || error.seconds > inlineSeconds) throw error;
      await io.sleep(error.seconds * 1000);
      return run();
    }
  }

  /** Preserves one answer (or a refusal that says the channel is gone) and returns its capture id. */
  function record(io: ConnectorIo, uri: string, body: Record<string, unknown>): Promise<string> {
    return io.record({ uri, mediaType: 'application/json', bytes: utf8({ ...body, receivedAt: io.now().toISOString() }) });
  }

  /** Resolves with the flood policy; a gone answer is preserved before it is thrown on. */
  async function resolve(io: ConnectorIo, handle: string): Promise<{ channel: MtprotoChannel; captureId: string }> {
    const uri = `mtproto://channel/${handle}/resolve`;
    try {
      const channel = await request(io, () => client.resolveChannel(handle));
      const captureId = await record(io, uri, { method: 'contacts.resolveUsername', params: { username: handle }, response: channel });
      return { channel, captureId };
    } catch (error) {
      if (error instanceof MtprotoGone) {
        await record(io, uri, { method: 'contacts.resolveUsername', params: { username: handle }, error: { code: error.code, message: error.message } });
      }
      throw error;
    }
  }

  async function poll(source: SourceState, io: ConnectorIo): Promise<PollResult> {
    const handle = source.handle.replace(/^@/, '').toLowerCase();
    const result: PollResult = { items: [], cursor: source.cursor, profile: null, status: { state: 'ok' }, discovered: [], links: [] };
    const known = readCursor(source);
    let title: string | null = null;
    let startPeer: MtprotoPeer;
    if (known.peer) {
      startPeer = known.peer;
    } else {
      try {
        const { channel } = await resolve(io, handle);
        const expected = channelIdOf(source.externalId);
        if (expected && expected !== channel.id) {
          // The name now belongs to another channel (renamed, deleted and re-registered…): reading it would mix sources.
          const reason = `tg_channel_id_changed: @${handle} now resolves to channel ${channel.id}, not ${expected}`;
          return { ...result, status: { state: 'failed', reason } };
        }
        result.profile = profileOf(channel);
        const restricted = restrictionGoneReason(channel.restrictionReasons);
        if (restricted) return { ...result, status: { state: 'gone', reason: restricted } };
        startPeer = { id: channel.id, accessHash: channel.accessHash };
        title = channel.title;
      } catch (error) {
        return { ...result, status: statusOf(error) };
      }
    }
    result.profile = { ...result.profile, externalId: startPeer.id };
    let peer = startPeer;

    const ctx: ChannelContext = {
      handle,
      channelId: startPeer.id,
      title,
      source: { kind: 'telegram', handle, title, url: `https://t.me/${handle}` } satisfies SourceRef,
      usernameOf: (id) => client.channelUsername(id),
    };
    const seen = new Set<string>();
    let budget = Math.max(1, Math.floor(source.maxPages));
    const lastId = known.lastId ?? 0;
    let newest = lastId;

    /** Reads the range newest page first until a short page or the page budget ends, moving `offsetId` down as it goes. */
    async function readRange(range: Range): Promise<void> {
      while (!range.done && budget > 0) {
        budget--;
        const messages = await historyPage({ minId: range.minId, offsetId: range.offsetId, limit: PAGE });
        const inRange = messages.filter((m) => m.id > range.minId && (range.offsetId === 0 || m.id < range.offsetId));
        if (inRange.length === 0 || messages.length < PAGE) range.done = true;
        else range.offsetId = Math.min(...inRange.map((m) => m.id));
      }
    }

    async function historyPage(params: HistoryRequest): Promise<MtprotoMessage[]> {
      let messages: MtprotoMessage[];
      try {
        messages = await request(io, () => client.history(peer, params));
      } catch (error) {
        // A cached access hash can stop working (the session was replaced by another account's): resolve once and retry.
        if (!(error instanceof MtprotoPeerInvalid) || !known.peer || peer !== startPeer) throw error;
        const { channel } = await resolve(io, handle);
        if (channel.id !== startPeer.id) throw new MtprotoError('tg_channel_id_changed', `@${handle} now resolves to channel ${channel.id}`);
        peer = { id: channel.id, accessHash: channel.accessHash };
        result.profile = profileOf(channel);
        messages = await request(io, () => client.history(peer, params));
      }
      const uri = `mtproto://channel/${handle}/history?min_id=${params.minId}&offset_id=${params.offsetId}&limit=${params.limit}`;
      const captureId = await record(io, uri, { method: 'messages.getHistory', channel: handle, channelId: peer.id, params, response: messages });
      messages.forEach((m, i) => collect(m, captureId, `response[${i}]`));
      return messages;
    }

    function collect(m: MtprotoMessage, captureId: string, locator: string): void {
      const draft = messageToDraft(m, ctx, locator);
      newest = Math.max(newest, m.id);
      if (seen.has(draft.key)) return;
      seen.add(draft.key);
      result.items.push({ draft, captureId } satisfies CollectedItem);
      for (const d of discoveriesOf(m, draft, ctx)) if (!hasDiscovery(result.discovered, d)) result.discovered.push(d);
      for (const link of articleLinks(draft)) if (!result.links.some((l) => l.url === link.url)) result.links.push(link);
    }

    // New messages first, newest page down; then, with the pages left, what an earlier poll could not finish.
    const fresh: Range = { minId: lastId, offsetId: 0, done: false };
    const older: Range | null = known.gap ? { ...known.gap, done: false } : null;
    let status: SourceStatus = { state: 'ok' };
    try {
      await readRange(fresh);
      if (fresh.done && older) await readRange(older);
    } catch (error) {
      status = statusOf(error);
    }
    let gap = older && !older.done ? { minId: older.minId, offsetId: older.offsetId } : null;
    // The first poll reads at most maxPages of backlog by design; later polls leave no hole behind
    // (an unfinished older gap is widened to reach this one: re-reading stored posts is harmless).
    if (!fresh.done && fresh.offsetId > 0 && lastId > 0) gap = { minId: gap ? gap.minId : lastId, offsetId: fresh.offsetId };
    const changed = newest > lastId || !known.peer || peer !== startPeer || JSON.stringify(gap) !== JSON.stringify(known.gap);
    if (changed) result.cursor = { lastId: newest, channelId: peer.id, accessHash: peer.accessHash, gap } satisfies MtprotoCursor;
    return { ...result, status };
  }

  async function checkItem(item: ItemRef, source: SourceState, io: ConnectorIo): Promise<LivenessVerdict> {
    const id = Number(/(\d+)$/.exec(item.nativeId)?.[1]);
    if (!Number.isSafeInteger(id) || id <= 0) return { verdict: 'unreachable', reason: 'tg_bad_item_id', status: null, captureId: null };
    const handle = source.handle.replace(/^@/, '').toLowerCase();
    let captureId: string | null = null;
    try {
      let peer = readCursor(source).peer;
      if (!peer) {
        const resolved = await resolve(io, handle);
        captureId = resolved.captureId;
        peer = { id: resolved.channel.id, accessHash: resolved.channel.accessHash };
        const restricted = restrictionGoneReason(resolved.channel.restrictionReasons);
        if (restricted) return { verdict: 'gone', reason: restricted, status: null, captureId };
      }
      const found = peer;
      const answer = await request(io, () => client.messages(found, [id]));
      captureId = await record(io, `mtproto://channel/${handle}/messages?ids=${id}`, {
        method: 'channels.getMessages',
        channel: handle,
        channelId: found.id,
        params: { ids: [id] },
        response: answer,
      });
      const message = answer.find((m) => m.id === id);
      if (!message || 'empty' in message) return { verdict: 'gone', reason: 'tg_post_not_found', status: null, captureId };
      const restricted = restrictionGoneReason(message.restrictionReasons);
      if (restricted) return { verdict: 'gone', reason: restricted, status: null, captureId };
      return { verdict: 'live', reason: 'tg_post_present', status: null, captureId };
    } catch (error) {
      const s = statusOf(error);
      switch (s.state) {
        case 'gone':
          return { verdict: 'gone', reason: s.reason, status: null, captureId };
        case 'throttled':
          return { verdict: 'throttled', reason: s.reason, status: null, captureId };
        case 'failed':
        case 'ok':
          return { verdict: 'unreachable', reason: s.state === 'failed' ? s.reason : 'mtproto_error', status: null, captureId };
      }
    }
  }

  return { kind: 'telegram', poll, checkItem };
}

function profileOf(channel: MtprotoChannel): SourceProfile {
  return {
    title: channel.title,
    description: channel.about ?? null,
    url: `https://t.me/${channel.username.toLowerCase()}`,
    externalId: channel.id,
    audience: channel.participants ?? null,
  };
}

function hasDiscovery(list: Discovery[], d: Discovery): boolean {
  return list.some((x) => x.handle === d.handle && x.how === d.how);
}

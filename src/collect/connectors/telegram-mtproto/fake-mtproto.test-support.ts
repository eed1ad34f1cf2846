import type { ConnectorIo, SourceState } from '../connector.js';
import type {
  HistoryRequest,
  MtprotoChannel,
  MtprotoClient,
  MtprotoEmptyMessage,
  MtprotoMessage,
  MtprotoPeer,
} from './mtproto-client.js';

/** Test doubles for the MTProto port and the connector I/O. Fictional channels and harmless text only. */

export const CHANNEL: MtprotoChannel = {
  id: '1700000042',
  accessHash: '-4811230046735521100',
  username: 'Rafidain_Monitor_Demo',
  title: 'رصد الرافدين (تجريبية)',
  about: 'قناة أخبار خيالية لاختبار Rasad',
  participants: 12873,
  restrictionReasons: [],
};

/** A plain channel post; override what the test is about. */
export function post(id: number, overrides: Partial<MtprotoMessage> = {}): MtprotoMessage {
  return {
    id,
    date: 1_714_000_000 + id * 60,
    message: `نشرة رقم ${id}: الطقس معتدل في بغداد اليوم.`,
    entities: [],
    fwdFrom: null,
    replyToMsgId: null,
    views: 1000 + id,
    forwards: id % 7,
    editDate: null,
    postAuthor: null,
    groupedId: null,
    media: null,
    restrictionReasons: [],
    ...overrides,
  };
}

type Method = 'resolveChannel' | 'history' | 'messages';

/** An in-memory channel: history honours min_id, offset_id and limit, newest first, as Telegram does. */
export class FakeMtprotoClient implements MtprotoClient {
  channel: MtprotoChannel = { ...CHANNEL };
  posts: MtprotoMessage[] = [];
  usernames = new Map<string, string>();
  calls: Array<{ method: Method; args: unknown[] }> = [];
  /** Errors thrown by the next calls of a method, in order. */
  private failures = new Map<Method, unknown[]>();
  disconnected = false;

  failNext(method: Method, ...errors: unknown[]): this {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
    return this;
  }

  /** Records the call, then throws the next scripted failure or answers (a throw in the executor rejects). */
  private answer<T>(method: Method, args: unknown[], value: () => T): Promise<T> {
    return new Promise((resolve) => {
      this.calls.push({ method, args });
      const queue = this.failures.get(method);
      if (queue && queue.length > 0) throw queue.shift();
      resolve(structuredClone(value()));
    });
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  resolveChannel(username: string): Promise<MtprotoChannel> {
    return this.answer('resolveChannel', [username], () => this.channel);
  }

  history(peer: MtprotoPeer, request: HistoryRequest): Promise<MtprotoMessage[]> {
    return this.answer('history', [peer, request], () =>
      this.posts
        .filter((m) => m.id > request.minId && (request.offsetId === 0 || m.id < request.offsetId))
        .sort((a, b) => b.id - a.id)
        .slice(0, request.limit),
    );
  }

  messages(peer: MtprotoPeer, ids: number[]): Promise<Array<MtprotoMessage | MtprotoEmptyMessage>> {
    return this.answer('messages', [peer, ids], () => ids.map((id) => this.posts.find((m) => m.id === id) ?? { id, empty: true as const }));
  }

  channelUsername(id: string): string | null {
    return this.usernames.get(id) ?? null;
  }

  disconnect(): Promise<void> {
    this.disconnected = true;
    return Promise.resolve();
  }
}

export interface RecordedResource {
  uri: string;
  mediaType: string;
  json: Record<string, unknown>;
  captureId: string;
}

/** Connector I/O that keeps what was recorded and how long it was asked to sleep; it never sleeps nor fetches. */
export function fakeIo(): ConnectorIo & { records: RecordedResource[]; sleeps: number[] } {
  const records: RecordedResource[] = [];
  const sleeps: number[] = [];
  return {
    records,
    sleeps,
    fetch: () => Promise.reject(new Error('the MTProto connector must not fetch over HTTP')),
    record: (resource) => {
      const captureId = `cap-${records.length + 1}`;
      const json = JSON.parse(new TextDecoder().decode(resource.bytes)) as Record<string, unknown>;
      records.push({ uri: resource.uri, mediaType: resource.mediaType, json, captureId });
      return Promise.resolve(captureId);
    },
    now: () => new Date('2024-05-01T12:00:00.000Z'),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  };
}

export function source(overrides: Partial<SourceState> = {}): SourceState {
  return {
    id: 'src-1',
    kind: 'telegram',
    handle: 'rafidain_monitor_demo',
    url: 'https://t.me/rafidain_monitor_demo',
    cursor: null,
    externalId: null,
    followLinks: false,
    maxPages: 1,
    ...overrides,
  };
}

/** The cursor a previous poll would have stored. */
export function cachedCursor(lastId: number, gap: { minId: number; offsetId: number } | null = null): Record<string, unknown> {
  return { lastId, channelId: CHANNEL.id, accessHash: CHANNEL.accessHash, gap };
}

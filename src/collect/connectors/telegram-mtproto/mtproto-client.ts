/**
 * The MTProto port the Telegram connector reads through. Everything crossing it is plain data
 * (strings, numbers, arrays, objects), so the connector is tested with a fake and never sees a
 * GramJS object; `gramjs-client.ts` is the one adapter that talks to Telegram.
 */

/** `restrictionReason#d072acb4`: `platform` is `all`, `ios`, `android`, `wp` or several joined by `-`. */
export interface MtprotoRestriction {
  platform: string;
  reason: string;
  text: string;
}

/** A channel (broadcast or supergroup) the account can address: its id and this account's access hash. */
export interface MtprotoPeer {
  /** Numeric channel id as a decimal string (ids exceed 2^53 in other Telegram types). */
  id: string;
  /** Access hash for this account, as a decimal string (a 64-bit signed integer). */
  accessHash: string;
}

/** A channel as `contacts.resolveUsername` (and `channels.getFullChannel`) describe it. */
export interface MtprotoChannel extends MtprotoPeer {
  /** Public username as Telegram spells it (not lower-cased). */
  username: string;
  title: string;
  about?: string | null;
  /** Subscribers or members, when Telegram tells. */
  participants?: number | null;
  /** Supergroup (members can post) rather than a broadcast channel. */
  megagroup?: boolean;
  restrictionReasons: MtprotoRestriction[];
  /** The response as received, JSON-safe, kept for evidence only. */
  raw?: unknown;
}

/** One `messageEntity*`: `type` is the constructor name without its prefix, in snake case (`text_url`, `hashtag`). */
export interface MtprotoEntity {
  type: string;
  /** Offset and length in UTF-16 code units, which is how JavaScript strings index. */
  offset: number;
  length: number;
  /** `text_url` target. */
  url?: string;
  /** `mention_name` user id. */
  userId?: string;
}

/** `messageFwdHeader`: where a forwarded message first appeared. */
export interface MtprotoForward {
  /** The original channel's id when the forward came from a channel. */
  fromChannelId?: string | null;
  /** The original sender's user id when it came from a user who allows linking. */
  fromUserId?: string | null;
  /** Sender name when the sender hides their account. */
  fromName?: string | null;
  /** Post id in the original channel. */
  channelPost?: number | null;
  /** Original post time (unix seconds): the key input for who-posted-first. */
  date?: number | null;
  postAuthor?: string | null;
  /** Intermediate hop of a forward chain (`saved_from_peer`/`saved_from_msg_id`), channel id only. */
  savedFromChannelId?: string | null;
  savedFromMsgId?: number | null;
}

/** An attachment, typed the way Telegram Desktop exports name them (`photo`, `video_file`, `voice_message`…). */
export interface MtprotoMedia {
  type: string;
  mimeType?: string | null;
  fileName?: string | null;
  width?: number | null;
  height?: number | null;
  durationSeconds?: number | null;
  sizeBytes?: number | null;
  spoiler?: boolean;
  /** Web page preview URL, site and title; venue and audio titles. */
  url?: string | null;
  siteName?: string | null;
  title?: string | null;
  performer?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  address?: string | null;
  poll?: { question: string; closed: boolean; totalVoters: number | null; answers: Array<{ text: string; voters: number | null }> };
  contact?: { firstName: string; lastName: string; phoneNumber: string };
  dice?: { emoticon: string; value: number };
}

/** A service message's action: the TL constructor name and its fields, JSON-safe. */
export interface MtprotoAction {
  /** `MessageActionPinMessage`, `MessageActionChannelCreate`… */
  type: string;
  [field: string]: unknown;
}

/** One message of a channel's history, as plain data. */
export interface MtprotoMessage {
  id: number;
  /** Unix seconds. */
  date: number;
  /** Text exactly as sent (empty for media without caption and for service messages). */
  message: string;
  entities: MtprotoEntity[];
  fwdFrom: MtprotoForward | null;
  replyToMsgId: number | null;
  /** Channel id of the replied-to message when it is in another chat. */
  replyToPeerId?: string | null;
  /** Sender when it is not the channel itself (supergroups): `user<id>` or `channel<id>`, as exports write it. */
  fromId?: string | null;
  views: number | null;
  forwards: number | null;
  /** Comment (discussion) count. */
  replies?: number | null;
  editDate: number | null;
  /** The edit is not to be shown as such (only buttons or reactions changed). */
  editHide?: boolean;
  postAuthor: string | null;
  /** Album id: every message of an album shares it. Decimal string (64-bit). */
  groupedId: string | null;
  media: MtprotoMedia | null;
  restrictionReasons: MtprotoRestriction[];
  /** Reaction counts: `emoji` holds the emoticon, `custom_emoji` the document id, `paid` none. */
  reactions?: Array<{ type: 'emoji' | 'custom_emoji' | 'paid'; emoji?: string; documentId?: string; count: number }>;
  /** Set for service messages (`messageService`). */
  action?: MtprotoAction | null;
  pinned?: boolean;
  noforwards?: boolean;
  /** The message as received, JSON-safe, kept for evidence only. */
  raw?: unknown;
}

/** What `channels.getMessages` gives for an id that is not (or no longer) there. */
export interface MtprotoEmptyMessage {
  id: number;
  empty: true;
}

export interface HistoryRequest {
  /** Only messages with a higher id (0: no lower bound). */
  minId: number;
  /** Only messages with a lower id (0: start from the newest). */
  offsetId: number;
  /** At most this many (Telegram caps it at 100). */
  limit: number;
}

/** The port. Every method may throw one of the `Mtproto*` errors below and nothing else. */
export interface MtprotoClient {
  /** `contacts.resolveUsername`: the most ban-prone call; callers cache the result. */
  resolveChannel(username: string): Promise<MtprotoChannel>;
  /** `messages.getHistory`, newest first. */
  history(peer: MtprotoPeer, request: HistoryRequest): Promise<MtprotoMessage[]>;
  /** `channels.getMessages`: one entry per id asked, in the same order. */
  messages(peer: MtprotoPeer, ids: number[]): Promise<Array<MtprotoMessage | MtprotoEmptyMessage>>;
  /** Username of a channel seen in an earlier response (forward origins), never a network call. */
  channelUsername(id: string): string | null;
  disconnect(): Promise<void>;
}

/** Base of the port's errors. Messages never carry the API hash or the session string. */
export class MtprotoError extends Error {
  constructor(
    /** Stable code: the RPC error name (`CHANNEL_INVALID`) or `mtproto_*` for local failures. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** `FLOOD_WAIT_X` (or `FLOOD_PREMIUM_WAIT_X`) longer than the adapter sleeps by itself. */
export class MtprotoFloodWait extends MtprotoError {
  constructor(readonly seconds: number) {
    super('FLOOD_WAIT', `Telegram asks to wait ${seconds} s before the next request of this kind`);
  }
}

export type MtprotoGoneReason =
  | 'tg_username_unoccupied'
  | 'tg_username_invalid'
  | 'tg_channel_private'
  | `tg_restricted:${string}:${string}`;

/** The channel is not there for this account: no such username, private or banned, restricted everywhere. */
export class MtprotoGone extends MtprotoError {
  constructor(readonly reason: MtprotoGoneReason) {
    super(reason, `channel not available: ${reason}`);
  }
}

/** The account itself was refused (banned, deactivated, logged out): nothing can be read until a person looks. */
export class MtprotoAccountBanned extends MtprotoError {
  constructor(readonly reason: string) {
    super(reason, `the Telegram account was refused (${reason})`);
  }
}

/** The cached access hash is no longer accepted (`CHANNEL_INVALID`): resolve the username again. */
export class MtprotoPeerInvalid extends MtprotoError {
  constructor() {
    super('CHANNEL_INVALID', 'the cached channel id and access hash are not accepted by this account');
  }
}

/** True when a restriction applies on every platform (`all`, possibly among others: `all-ios`). */
export function restrictsEverywhere(r: MtprotoRestriction): boolean {
  return r.platform.split('-').includes('all');
}

/** `tg_restricted:<platform>:<reason>` for the first restriction that applies everywhere, else null. */
export function restrictionGoneReason(reasons: MtprotoRestriction[]): MtprotoGoneReason | null {
  const r = reasons.find(restrictsEverywhere);
  return r ? `tg_restricted:${r.platform}:${r.reason}` : null;
}

import { Api, errors } from 'telegram';
import {
  MtprotoAccountBanned,
  MtprotoError,
  MtprotoFloodWait,
  MtprotoGone,
  MtprotoPeerInvalid,
  type MtprotoAction,
  type MtprotoChannel,
  type MtprotoEmptyMessage,
  type MtprotoEntity,
  type MtprotoForward,
  type MtprotoMedia,
  type MtprotoMessage,
  type MtprotoRestriction,
} from './mtproto-client.js';

/**
 * Pure conversions from GramJS TL objects to the port's plain data, and from GramJS errors to the
 * port's typed errors. Kept apart from the adapter so they are tested offline: GramJS builds TL
 * objects without a connection.
 */

/** JSON value, as written to evidence. */
export type JsonSafe = null | boolean | number | string | JsonSafe[] | { [key: string]: JsonSafe };

/** TL bookkeeping that says nothing about the content (`flags` are derived from the fields). */
const TL_META = new Set(['CONSTRUCTOR_ID', 'SUBCLASS_OF_ID', 'className', 'classType', 'originalArgs', 'flags', 'flags2']);

/**
 * A TL object (or anything inside one) as JSON: `_` names the constructor as Telethon's `to_dict`
 * does, 64-bit integers become decimal strings, bytes become base64, and GramJS's private
 * `_client`/`_chat`… caches (which may point at the client itself) are left out.
 */
export function tlToJson(value: unknown, depth = 0, seen = new WeakSet<object>()): JsonSafe {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || depth > 24) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (seen.has(value)) return null;
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v: unknown) => tlToJson(v, depth + 1, seen));
    const record = value as Record<string, unknown>;
    const className = record.className;
    if (typeof className !== 'string') {
      // big-integer values (GramJS `long`) serialize through their own toJSON as a decimal string.
      const toJSON = record.toJSON;
      if (typeof toJSON === 'function') return tlToJson(toJSON.call(value), depth + 1, seen);
    }
    const out: { [key: string]: JsonSafe } = typeof className === 'string' ? { _: className } : {};
    for (const [k, v] of Object.entries(record)) {
      if (k.startsWith('_') || TL_META.has(k) || v === undefined || typeof v === 'function') continue;
      out[k] = tlToJson(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Decimal string of a GramJS `long` (big-integer) or any integer-like value. */
function idString(value: { toString(): string } | number | bigint): string {
  return value.toString();
}

/** `MessageEntityTextUrl` → `text_url`, `InputMessageEntityMentionName` → `mention_name`. */
export function entityType(className: string): string {
  return className
    .replace(/^(?:Input)?MessageEntity/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The channel id of a peer, or null when the peer is a user or a basic group. */
function channelIdOf(peer: Api.TypePeer | undefined): string | null {
  return peer instanceof Api.PeerChannel ? idString(peer.channelId) : null;
}

/** A peer the way Telegram Desktop exports write it: `user<id>`, `channel<id>`, `chat<id>`. */
function exportPeerId(peer: Api.TypePeer | undefined): string | null {
  if (peer instanceof Api.PeerUser) return `user${idString(peer.userId)}`;
  if (peer instanceof Api.PeerChannel) return `channel${idString(peer.channelId)}`;
  if (peer instanceof Api.PeerChat) return `chat${idString(peer.chatId)}`;
  return null;
}

export function restrictionsToPlain(list: Api.TypeRestrictionReason[] | undefined): MtprotoRestriction[] {
  return (list ?? []).map((r) => ({ platform: r.platform, reason: r.reason, text: r.text }));
}

function entitiesToPlain(list: Api.TypeMessageEntity[] | undefined): MtprotoEntity[] {
  return (list ?? []).map((e) => {
    const out: MtprotoEntity = { type: entityType(e.className), offset: e.offset, length: e.length };
    if (e instanceof Api.MessageEntityTextUrl) out.url = e.url;
    if (e instanceof Api.MessageEntityMentionName) out.userId = idString(e.userId);
    return out;
  });
}

function forwardToPlain(f: Api.MessageFwdHeader | undefined): MtprotoForward | null {
  if (!f) return null;
  return {
    fromChannelId: channelIdOf(f.fromId),
    fromUserId: f.fromId instanceof Api.PeerUser ? idString(f.fromId.userId) : null,
    fromName: f.fromName ?? null,
    channelPost: f.channelPost ?? null,
    date: f.date ?? null,
    postAuthor: f.postAuthor ?? null,
    savedFromChannelId: channelIdOf(f.savedFromPeer),
    savedFromMsgId: f.savedFromMsgId ?? null,
  };
}

interface PixelSize {
  width: number;
  height: number;
  sizeBytes: number | null;
}

/** Largest rendition of a photo: its pixel size and, when Telegram says, its byte size. */
function largestPhotoSize(photo: Api.Photo): PixelSize | null {
  let best: PixelSize | null = null;
  for (const s of photo.sizes) {
    let candidate: PixelSize | null = null;
    if (s instanceof Api.PhotoSize) candidate = { width: s.w, height: s.h, sizeBytes: s.size };
    else if (s instanceof Api.PhotoSizeProgressive) candidate = { width: s.w, height: s.h, sizeBytes: s.sizes.at(-1) ?? null };
    else if (s instanceof Api.PhotoCachedSize) candidate = { width: s.w, height: s.h, sizeBytes: s.bytes.length };
    if (candidate && (!best || candidate.width * candidate.height > best.width * best.height)) best = candidate;
  }
  return best;
}

/** A document's kind, named and ordered as Telegram Desktop's JSON export decides it. */
function documentToPlain(doc: Api.Document, flags: { spoiler?: boolean }): MtprotoMedia {
  let type = 'file';
  let fileName: string | null = null;
  let width: number | null = null;
  let height: number | null = null;
  let durationSeconds: number | null = null;
  let title: string | null = null;
  let performer: string | null = null;
  const a = doc.attributes;
  const video = a.find((x): x is Api.DocumentAttributeVideo => x instanceof Api.DocumentAttributeVideo);
  const audio = a.find((x): x is Api.DocumentAttributeAudio => x instanceof Api.DocumentAttributeAudio);
  const image = a.find((x): x is Api.DocumentAttributeImageSize => x instanceof Api.DocumentAttributeImageSize);
  const named = a.find((x): x is Api.DocumentAttributeFilename => x instanceof Api.DocumentAttributeFilename);
  if (named) fileName = named.fileName;
  if (a.some((x) => x instanceof Api.DocumentAttributeSticker)) type = 'sticker';
  else if (video?.roundMessage) type = 'video_message';
  else if (audio?.voice) type = 'voice_message';
  else if (a.some((x) => x instanceof Api.DocumentAttributeAnimated)) type = 'animation';
  else if (video || doc.mimeType.startsWith('video/')) type = 'video_file';
  else if (audio || doc.mimeType.startsWith('audio/')) type = 'audio_file';
  if (video) {
    width = video.w;
    height = video.h;
    durationSeconds = video.duration;
  } else if (image) {
    width = image.w;
    height = image.h;
  }
  if (audio) {
    durationSeconds ??= audio.duration;
    title = audio.title ?? null;
    performer = audio.performer ?? null;
  }
  const size = Number(idString(doc.size));
  return {
    type,
    mimeType: doc.mimeType || null,
    fileName,
    width,
    height,
    durationSeconds,
    sizeBytes: Number.isFinite(size) ? size : null,
    title,
    performer,
    ...(flags.spoiler ? { spoiler: true } : {}),
  };
}

function geoToPlain(geo: Api.TypeGeoPoint): { latitude: number | null; longitude: number | null } {
  return geo instanceof Api.GeoPoint ? { latitude: geo.lat, longitude: geo.long } : { latitude: null, longitude: null };
}

/** The message's attachment as a summary, or null when it has none. */
export function mediaToPlain(media: Api.TypeMessageMedia | undefined): MtprotoMedia | null {
  if (!media || media instanceof Api.MessageMediaEmpty) return null;
  if (media instanceof Api.MessageMediaPhoto) {
    const size = media.photo instanceof Api.Photo ? largestPhotoSize(media.photo) : null;
    return { type: 'photo', ...(size ?? {}), ...(media.spoiler ? { spoiler: true } : {}) };
  }
  if (media instanceof Api.MessageMediaDocument) {
    return media.document instanceof Api.Document ? documentToPlain(media.document, media) : { type: 'file' };
  }
  if (media instanceof Api.MessageMediaWebPage) {
    const page = media.webpage;
    if (page instanceof Api.WebPage) return { type: 'webpage', url: page.url, siteName: page.siteName ?? null, title: page.title ?? null };
    return { type: 'webpage', url: page instanceof Api.WebPageEmpty || page instanceof Api.WebPagePending ? (page.url ?? null) : null };
  }
  if (media instanceof Api.MessageMediaVenue) {
    return { type: 'venue', title: media.title, address: media.address, ...geoToPlain(media.geo) };
  }
  if (media instanceof Api.MessageMediaGeoLive) return { type: 'live_location', ...geoToPlain(media.geo), durationSeconds: media.period };
  if (media instanceof Api.MessageMediaGeo) return { type: 'location', ...geoToPlain(media.geo) };
  if (media instanceof Api.MessageMediaContact) {
    return { type: 'contact', contact: { firstName: media.firstName, lastName: media.lastName, phoneNumber: media.phoneNumber } };
  }
  if (media instanceof Api.MessageMediaPoll) {
    const votes = new Map((media.results.results ?? []).map((r) => [Buffer.from(r.option).toString('hex'), r.voters]));
    return {
      type: 'poll',
      poll: {
        question: media.poll.question.text,
        closed: media.poll.closed ?? false,
        totalVoters: media.results.totalVoters ?? null,
        answers: media.poll.answers.map((a) => ({ text: a.text.text, voters: votes.get(Buffer.from(a.option).toString('hex')) ?? null })),
      },
    };
  }
  if (media instanceof Api.MessageMediaDice) return { type: 'dice', dice: { emoticon: media.emoticon, value: media.value } };
  if (media instanceof Api.MessageMediaStory) return { type: 'story' };
  if (media instanceof Api.MessageMediaGame) return { type: 'game', title: media.game.title };
  if (media instanceof Api.MessageMediaInvoice) return { type: 'invoice', title: media.title };
  if (media instanceof Api.MessageMediaGiveaway || media instanceof Api.MessageMediaGiveawayResults) return { type: 'giveaway' };
  if (media instanceof Api.MessageMediaPaidMedia) return { type: 'paid_media' };
  return { type: 'unsupported' };
}

function reactionsToPlain(reactions: Api.MessageReactions | undefined): MtprotoMessage['reactions'] {
  if (!reactions) return undefined;
  return reactions.results.flatMap((r): NonNullable<MtprotoMessage['reactions']> => {
    if (r.reaction instanceof Api.ReactionEmoji) return [{ type: 'emoji', emoji: r.reaction.emoticon, count: r.count }];
    if (r.reaction instanceof Api.ReactionCustomEmoji) return [{ type: 'custom_emoji', documentId: idString(r.reaction.documentId), count: r.count }];
    if (r.reaction instanceof Api.ReactionPaid) return [{ type: 'paid', count: r.count }];
    return [];
  });
}

/** A history or getMessages entry as plain data; `messageEmpty` (deleted or never existed) as `{ id, empty }`. */
export function messageToPlain(m: Api.TypeMessage): MtprotoMessage | MtprotoEmptyMessage {
  if (m instanceof Api.MessageEmpty) return { id: m.id, empty: true };
  const action = m instanceof Api.MessageService ? actionToPlain(m.action) : null;
  const replyTo = m.replyTo instanceof Api.MessageReplyHeader ? m.replyTo : undefined;
  const replies = m.replies instanceof Api.MessageReplies ? m.replies.replies : null;
  return {
    id: m.id,
    date: m.date,
    message: m.message ?? '',
    entities: entitiesToPlain(m.entities),
    fwdFrom: forwardToPlain(m.fwdFrom),
    replyToMsgId: replyTo?.replyToMsgId ?? null,
    replyToPeerId: channelIdOf(replyTo?.replyToPeerId),
    fromId: exportPeerId(m.fromId),
    views: m.views ?? null,
    forwards: m.forwards ?? null,
    replies,
    editDate: m.editDate ?? null,
    ...(m.editHide ? { editHide: true } : {}),
    postAuthor: m.postAuthor ?? null,
    groupedId: m.groupedId ? idString(m.groupedId) : null,
    media: mediaToPlain(m.media),
    restrictionReasons: restrictionsToPlain(m.restrictionReason),
    reactions: reactionsToPlain(m.reactions),
    action,
    ...(m.pinned ? { pinned: true } : {}),
    ...(m.noforwards ? { noforwards: true } : {}),
    raw: tlToJson(m),
  };
}

function actionToPlain(action: Api.TypeMessageAction | undefined): MtprotoAction | null {
  if (!action) return null;
  const json = tlToJson(action);
  const fields = json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
  const { _: _name, ...rest } = fields;
  return { ...rest, type: action.className };
}

/** The username a channel is reachable by: its own, else its first active collectible one. */
export function channelUsernameOf(chat: Api.Channel): string | null {
  return chat.username ?? chat.usernames?.find((u) => u.active)?.username ?? null;
}

/** A resolved channel (and its full info, when read) as plain data. */
export function channelToPlain(chat: Api.Channel, full: Api.ChannelFull | null, requested: string, raw?: unknown): MtprotoChannel {
  if (!chat.accessHash) throw new MtprotoError('mtproto_no_access_hash', `@${requested} resolved without an access hash`);
  return {
    id: idString(chat.id),
    accessHash: idString(chat.accessHash),
    username: channelUsernameOf(chat) ?? requested,
    title: chat.title,
    about: full?.about ?? null,
    participants: full?.participantsCount ?? chat.participantsCount ?? null,
    megagroup: chat.megagroup ?? false,
    restrictionReasons: restrictionsToPlain(chat.restrictionReason),
    ...(raw === undefined ? {} : { raw }),
  };
}

/** RPC errors that mean the account (not the channel) was refused; a person has to look at it. */
const ACCOUNT_REFUSED = new Set([
  'USER_DEACTIVATED_BAN',
  'USER_DEACTIVATED',
  'PHONE_NUMBER_BANNED',
  'AUTH_KEY_UNREGISTERED',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_PERM_EMPTY',
  'AUTH_KEY_DUPLICATED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'SESSION_PASSWORD_NEEDED',
]);

const GONE: Record<string, ConstructorParameters<typeof MtprotoGone>[0]> = {
  USERNAME_NOT_OCCUPIED: 'tg_username_unoccupied',
  USERNAME_INVALID: 'tg_username_invalid',
  CHANNEL_PRIVATE: 'tg_channel_private',
};

/** Replaces every secret, and anything shaped like one (long base64 runs, 32-hex hashes), with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  // Defence in depth: a session string or auth key echoed in part, or an API hash, never leaves.
  return out.replace(/[A-Za-z0-9+/_-]{64,}={0,2}/g, '[redacted]').replace(/\b[0-9a-f]{32}\b/gi, '[redacted]');
}

/**
 * Any failure from GramJS as one of the port's errors. Only RPC error names, codes and redacted
 * one-line messages are kept: the original error is not attached as `cause`, because loggers
 * print causes and a library error could quote the session or the API hash.
 */
export function toMtprotoError(error: unknown, secrets: readonly string[]): MtprotoError {
  if (error instanceof MtprotoError) return error;
  if (error instanceof errors.FloodWaitError || error instanceof errors.FloodTestPhoneWaitError || error instanceof errors.SlowModeWaitError) {
    return new MtprotoFloodWait(error.seconds);
  }
  if (error instanceof errors.RPCError) {
    const name = error.errorMessage;
    const flood = /^(?:FLOOD_(?:PREMIUM_)?WAIT|SLOWMODE_WAIT)_(\d+)$/.exec(name);
    if (flood) return new MtprotoFloodWait(Number(flood[1]));
    const gone = GONE[name];
    if (gone) return new MtprotoGone(gone);
    if (name === 'CHANNEL_INVALID') return new MtprotoPeerInvalid();
    if (ACCOUNT_REFUSED.has(name) || error.code === 401) return new MtprotoAccountBanned(safeName(name));
    return new MtprotoError(safeName(name), redact(`Telegram refused the request: ${error.code ?? '?'} ${name}`, secrets));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MtprotoError('mtproto_failure', redact(message.replace(/\s+/g, ' ').trim() || 'unknown failure', secrets));
}

/** RPC error names are upper-case words; anything else is not trusted as a code. */
function safeName(name: string): string {
  return /^[A-Z0-9_]{1,64}$/.test(name) ? name : 'RPC_ERROR';
}

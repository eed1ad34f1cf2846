import { ParseError } from '../../core/errors.js';
import type { ItemDraft, ItemKind, Media, PersonRef, SourceRef } from '../../core/item.js';
import { channelHandle } from './channel-handle.js';
import { decodeInput } from './decode.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { toIsoUtc, unixSecondsToIso } from './iso-date.js';
import { arr, isObject, num, obj, str, unique, type JsonObject } from './json-value.js';
import { parseTelegramJson } from './telegram-json.js';

const FORMAT = 'Telegram Desktop export';
/** Telegram Desktop writes these instead of a path when it did not download a file. */
const PLACEHOLDER = /^\(File [^()]*\)$/;
/** Message fields mapped onto ItemDraft fields; every other field is kept verbatim in `extra`. */
const MAPPED = new Set([
  'id', 'type', 'date', 'date_unixtime', 'edited', 'edited_unixtime', 'from', 'from_id', 'author', 'text',
  'text_entities', 'forwarded_from', 'forwarded_from_id', 'reply_to_message_id', 'photo', 'photo_file_size',
  'file', 'file_name', 'file_size', 'media_type', 'mime_type', 'duration_seconds', 'width', 'height',
]);

interface Chat {
  channel: string;
  /** Known only when the user passed `--channel`: public post URLs need it. */
  username: string | undefined;
  chatId: string | undefined;
  source: SourceRef;
  file: string;
}

/** Parses a Telegram Desktop export: one chat's `result.json`, or a full-account export with many chats. */
export function parseTelegramExport(input: ImportInput): ParseResult {
  const file = input.fileName;
  const root = parseTelegramJson(decodeInput(input.bytes, file, FORMAT), file);
  const out: ParseResult = { items: [], sources: [], skipped: [] };
  if (isObject(root) && Array.isArray(root.messages)) {
    readChat(root, '', channelHandle(input.channel, file), file, out);
    return out;
  }
  // A full-account export mixes many chats, so one --channel name cannot apply: every chat uses c<id>.
  const lists = (['chats', 'left_chats'] as const).filter((k) => isObject(root) && Array.isArray(obj(root[k]).list));
  if (!isObject(root) || lists.length === 0) {
    throw new ParseError('not a Telegram Desktop export (no messages or chats.list)', { file });
  }
  for (const list of lists) {
    arr(obj(root[list]).list).forEach((chat, j) => {
      const prefix = `${list}.list[${j}]`;
      if (!isObject(chat)) throw new ParseError('chat is not an object', { file, field: prefix });
      readChat(chat, `${prefix}.`, undefined, file, out);
    });
  }
  return out;
}

/** Appends one chat's source, items and skipped rows to `out`. */
function readChat(chat: JsonObject, prefix: string, username: string | undefined, file: string, out: ParseResult): void {
  const chatId = str(chat.id);
  if (username === undefined && chatId === undefined) {
    throw new ParseError('chat has no id; pass --channel to name it', { file, field: `${prefix}id` });
  }
  const channel = username ?? `c${chatId}`;
  const source: SourceRef = {
    kind: 'telegram',
    handle: channel,
    title: str(chat.name) ?? null,
    url: username ? `https://t.me/${username}` : null,
  };
  out.sources.push(source);
  const ctx: Chat = { channel, username, chatId, source, file };
  arr(chat.messages).forEach((message, i) => {
    const locator = `${prefix}messages[${i}]`;
    if (!isObject(message)) throw new ParseError('message is not an object', { file, field: locator });
    const item = readMessage(message, ctx, locator);
    if (typeof item === 'string') out.skipped.push({ locator, reason: item });
    else out.items.push(item);
  });
}

/** One message as an ItemDraft, or the reason it is skipped. */
function readMessage(m: JsonObject, ctx: Chat, locator: string): ItemDraft | string {
  const type = str(m.type) ?? 'message';
  if (type === 'unsupported') return 'unsupported message: Telegram Desktop exported no content for it';
  if (type !== 'message' && type !== 'service') return `unknown message type "${type}"`;
  const id = num(m.id);
  if (id === undefined || !Number.isInteger(id)) {
    throw new ParseError('message has no numeric id', { file: ctx.file, field: `${locator}.id` });
  }
  const nativeId = `${ctx.channel}/${id}`;
  const replyId = num(m.reply_to_message_id);
  const replyTo = replyId === undefined ? null : `telegram:${replyChannel(m, ctx)}/${replyId}`;
  const kind: ItemKind = type === 'service' ? 'service' : replyTo ? 'reply' : 'post';
  const { hashtags, links } = entities(m);
  const reactions = arr(m.reactions).reduce<number>((sum, r) => sum + (num(obj(r).count) ?? 0), 0);
  return {
    key: `telegram:${nativeId}`,
    platform: 'telegram',
    nativeId,
    kind,
    source: ctx.source,
    url: ctx.username ? `https://t.me/${ctx.username}/${id}` : null,
    title: null,
    author: kind === 'service' ? person(m.actor, m.actor_id, 'actor' in m) : person(m.from, m.from_id, 'from' in m),
    // date_unixtime is UTC; `date` is the exporting machine's local time and only a fallback for old exports.
    publishedAt: unixSecondsToIso(m.date_unixtime) ?? toIsoUtc(str(m.date)),
    editedAt: unixSecondsToIso(m.edited_unixtime) ?? toIsoUtc(str(m.edited)),
    text: joinText(m.text),
    langHint: null,
    forwardedFrom:
      'forwarded_from' in m || 'forwarded_from_id' in m
        ? { name: str(m.forwarded_from) ?? null, id: str(m.forwarded_from_id) ?? null }
        : null,
    replyTo,
    quotes: null,
    reposts: null,
    media: media(m),
    links,
    hashtags,
    metrics: arr(m.reactions).length > 0 ? { reactions } : {},
    extra: extra(m),
    locator,
  };
}

/** `text` as published: a string, or a mixed array of strings and entity objects joined exactly. */
function joinText(text: unknown): string {
  if (typeof text === 'string') return text;
  return arr(text)
    .map((part) => (typeof part === 'string' ? part : typeof obj(part).text === 'string' ? String(obj(part).text) : ''))
    .join('');
}

/** Hashtags (without `#`) and links from `text_entities`, else from the entity objects inside `text`. */
function entities(m: JsonObject): { hashtags: string[]; links: string[] } {
  const list = Array.isArray(m.text_entities) ? m.text_entities : arr(m.text).filter(isObject);
  const hashtags: string[] = [];
  const links: string[] = [];
  for (const entity of list.filter(isObject)) {
    const text = str(entity.text);
    if (entity.type === 'hashtag' && text) hashtags.push(text.replace(/^#/, ''));
    else if (entity.type === 'text_link' && str(entity.href)) links.push(String(entity.href));
    // A bare `link` entity is the text as typed ("t.me/x"); without a scheme it is not a usable URL.
    else if (entity.type === 'link' && text) links.push(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  }
  return { hashtags: unique(hashtags), links: unique(links) };
}

/** Key channel of the replied-to message: this chat, or `c<id>` of another chat for cross-chat replies. */
function replyChannel(m: JsonObject, ctx: Chat): string {
  const peer = /\d+$/.exec(str(m.reply_to_peer_id) ?? '')?.[0];
  return peer === undefined || peer === ctx.chatId ? ctx.channel : `c${peer}`;
}

/** A sender as a PersonRef; `from: null` (deleted account) still yields a person when the key exists. */
function person(name: unknown, id: unknown, present: boolean): PersonRef | null {
  const ref = { name: str(name) ?? null, id: str(id) ?? null };
  return present || ref.id !== null ? ref : null;
}

/** The message's file, photo, location or contact; a skipped file keeps its placeholder in `missing`. */
function media(m: JsonObject): Media[] {
  const out: Media[] = [];
  const size = { width: num(m.width) ?? null, height: num(m.height) ?? null };
  const photo = str(m.photo);
  if (photo !== undefined) {
    const missing = PLACEHOLDER.test(photo);
    out.push({
      type: 'photo',
      fileName: missing ? null : photo,
      missing: missing ? photo : null,
      ...size,
      sizeBytes: num(m.photo_file_size) ?? null,
    });
  }
  const file = str(m.file);
  if (file !== undefined || m.media_type !== undefined) {
    const missing = file !== undefined && PLACEHOLDER.test(file);
    out.push({
      type: str(m.media_type) ?? 'file',
      fileName: missing ? (str(m.file_name) ?? null) : (file ?? str(m.file_name) ?? null),
      missing: missing ? file : null,
      mimeType: str(m.mime_type) ?? null,
      durationSeconds: num(m.duration_seconds) ?? null,
      sizeBytes: num(m.file_size) ?? null,
      ...size,
    });
  }
  if ('location_information' in m) out.push({ type: 'location' });
  if ('contact_information' in m) {
    const vcard = str(m.contact_vcard);
    const missing = vcard !== undefined && PLACEHOLDER.test(vcard);
    out.push({ type: 'contact', fileName: missing ? null : (vcard ?? null), missing: missing ? vcard : null });
  }
  return out;
}

/** Every field not mapped elsewhere, verbatim (service action, poll, reactions, buttons, via_bot…). */
function extra(m: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) if (!MAPPED.has(k)) out[k] = v;
  if (m.author !== undefined) out.signature = m.author;
  return out;
}

import type { ItemDraft, ItemKind, Media, PersonRef, SourceRef } from '../../../core/item.js';
import { unixSecondsToIso } from '../../imports/iso-date.js';
import { unique } from '../../imports/json-value.js';
import type { Discovery } from '../connector.js';
import type { MtprotoAction, MtprotoMedia, MtprotoMessage } from './mtproto-client.js';

/**
 * MTProto messages as ItemDrafts shaped like those of the Telegram Desktop export parser and the
 * web preview: same keys (`telegram:<username>/<id>`), same `extra` names where the export has one
 * (`signature`, `action`, `poll`…), exact counters as metrics. Pure: no I/O.
 */

/** The channel being read, as the item builder needs it. */
export interface ChannelContext {
  /** Lower-case username: the key prefix. */
  handle: string;
  channelId: string;
  title: string | null;
  source: SourceRef;
  /** Username of another channel (forward origin, cross-chat reply) when known. */
  usernameOf(channelId: string): string | null;
}

/** t.me paths that are not channels. */
const RESERVED = new Set([
  'joinchat', 'addstickers', 'addemoji', 'addtheme', 'addlist', 'share', 'proxy', 'socks', 'setlanguage', 'login',
  'confirmphone', 'invoice', 'boost', 'contact', 'giftcode', 'iv', 'nft', 'auction', 'stars', 'premium_offer',
]);
const TME_PATH = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(?:s\/)?([A-Za-z][A-Za-z0-9_]{3,31})(?=$|[/?#])/i;
const TME_SUBDOMAIN = /^(?:https?:\/\/)?([A-Za-z][A-Za-z0-9_]{3,31})\.t\.me(?=$|[/?#])/i;
const TELEGRAM_HOST = /^(?:tg:|(?:https?:\/\/)?(?:[a-z0-9_-]+\.)*(?:t\.me|telegram\.me|telegram\.dog|telesco\.pe)(?=$|[/?#:]))/i;
/** A URL in running text: with a scheme, or a bare t.me link. Trailing punctuation is trimmed after. */
const TEXT_URL = /(?:\bhttps?:\/\/|\b(?:t|telegram)\.me\/)[^\s<>"'«»]+/gi;
const HASHTAG = /(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu;

/** The lower-case channel username a t.me link points to, or null (invites, stickers, other hosts). */
export function telegramHandleOf(url: string): string | null {
  const m = TME_PATH.exec(url) ?? TME_SUBDOMAIN.exec(url);
  const name = m?.[1]?.toLowerCase();
  return name && !RESERVED.has(name) && name !== 'www' ? name : null;
}

/** True for links that stay on Telegram (channels, posts, invites, its CDN), which are not articles to follow. */
export function isTelegramUrl(url: string): boolean {
  return TELEGRAM_HOST.test(url);
}

const iso = (seconds: number | null | undefined): string | null => (seconds ? unixSecondsToIso(seconds) : null);

/** Key prefix of another channel: its username when known, else `c<id>` as the export parser writes it. */
function channelHandle(channelId: string, ctx: ChannelContext): string {
  if (channelId === ctx.channelId) return ctx.handle;
  return ctx.usernameOf(channelId)?.toLowerCase() ?? `c${channelId}`;
}

/** Hashtags (without `#`), links and @mentions, from entities first and the raw text for what they miss. */
function textFacts(m: MtprotoMessage): { hashtags: string[]; links: string[]; mentions: string[] } {
  const text = m.message;
  const hashtags: string[] = [];
  const links: string[] = [];
  const mentions: string[] = [];
  const covered: Array<[number, number]> = [];
  for (const e of m.entities) {
    const part = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'hashtag') hashtags.push(part.replace(/^#/, ''));
    else if (e.type === 'mention') mentions.push(part.replace(/^@/, '').toLowerCase());
    else if (e.type === 'text_url' && e.url) links.push(e.url);
    else if (e.type === 'url' && part) {
      // A `url` entity is the text as typed ("t.me/x"); without a scheme it is not a usable URL.
      links.push(/^[a-z][a-z0-9+.-]*:/i.test(part) ? part : `https://${part}`);
      covered.push([e.offset, e.offset + e.length]);
    }
  }
  for (const match of text.matchAll(TEXT_URL)) {
    const start = match.index;
    if (covered.some(([a, b]) => start >= a && start < b)) continue;
    const found = match[0].replace(/[).,;:!?،؛»”’]+$/u, '');
    links.push(/^https?:/i.test(found) ? found : `https://${found}`);
  }
  if (!m.entities.some((e) => e.type === 'hashtag')) for (const h of text.matchAll(HASHTAG)) if (h[1]) hashtags.push(h[1]);
  return { hashtags: unique(hashtags), links: unique(links), mentions: unique(mentions) };
}

/** Telegram Desktop's export names for the service actions a channel shows, with the export's fields. */
function serviceExtra(action: MtprotoAction, m: MtprotoMessage): Record<string, unknown> {
  const title = typeof action.title === 'string' ? action.title : undefined;
  switch (action.type) {
    case 'MessageActionChannelCreate':
      return { action: 'create_channel', title };
    case 'MessageActionChatEditTitle':
      return { action: 'edit_group_title', title };
    case 'MessageActionChatEditPhoto':
      return { action: 'edit_group_photo' };
    case 'MessageActionChatDeletePhoto':
      return { action: 'delete_group_photo' };
    case 'MessageActionChannelMigrateFrom':
      return { action: 'migrate_from_group', title };
    case 'MessageActionPinMessage':
      return { action: 'pin_message', message_id: m.replyToMsgId };
    case 'MessageActionHistoryClear':
      return { action: 'clear_history' };
    case 'MessageActionGroupCall':
      return { action: 'group_call', duration: action.duration };
    case 'MessageActionGroupCallScheduled':
      return { action: 'group_call_scheduled', schedule_date: action.scheduleDate };
    case 'MessageActionSetMessagesTTL':
      return { action: 'set_messages_ttl', period: action.period };
    case 'MessageActionSetChatTheme':
      return { action: 'edit_chat_theme', emoticon: action.emoticon };
    case 'MessageActionTopicCreate':
      return { action: 'topic_created', title };
    case 'MessageActionCustomAction':
      return { information_text: action.message };
    default: {
      // No export name known: keep the TL action itself, so nothing is lost.
      const { type, ...fields } = action;
      const name = type.replace(/^MessageAction/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      return { action: name, mtprotoAction: { type, ...fields } };
    }
  }
}

function definedOnly(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

/** The item's media list (files, photos, places, contacts) and the facts the export keeps beside it. */
function mediaOf(media: MtprotoMedia | null): { media: Media[]; extra: Record<string, unknown> } {
  if (!media) return { media: [], extra: {} };
  const point =
    media.latitude !== undefined && media.latitude !== null ? { latitude: media.latitude, longitude: media.longitude ?? null } : null;
  switch (media.type) {
    case 'webpage':
      // A link preview is not an attachment; its URL is in the text already.
      return { media: [], extra: { webpage: { url: media.url ?? null, site_name: media.siteName ?? null, title: media.title ?? null } } };
    case 'poll':
      return {
        media: [],
        extra: media.poll
          ? { poll: { question: media.poll.question, closed: media.poll.closed, total_voters: media.poll.totalVoters, answers: media.poll.answers } }
          : {},
      };
    case 'dice':
      return { media: [], extra: { dice: media.dice ?? null } };
    case 'location':
    case 'live_location':
      return { media: [{ type: 'location' }], extra: { location_information: point } };
    case 'venue':
      return { media: [{ type: 'location' }], extra: { place_name: media.title ?? null, address: media.address ?? null, location_information: point } };
    case 'contact':
      return {
        media: [{ type: 'contact' }],
        extra: media.contact
          ? { contact_information: { first_name: media.contact.firstName, last_name: media.contact.lastName, phone_number: media.contact.phoneNumber } }
          : {},
      };
    default:
      return {
        media: [
          {
            type: media.type,
            fileName: media.fileName ?? null,
            mimeType: media.mimeType ?? null,
            width: media.width ?? null,
            height: media.height ?? null,
            durationSeconds: media.durationSeconds ?? null,
            sizeBytes: media.sizeBytes ?? null,
          },
        ],
        extra: {
          ...(media.spoiler ? { spoiler: true } : {}),
          ...(media.performer ? { performer: media.performer } : {}),
          ...(media.title ? { title: media.title } : {}),
        },
      };
  }
}

function forwardOf(m: MtprotoMessage, ctx: ChannelContext): ItemDraft['forwardedFrom'] {
  const f = m.fwdFrom;
  if (!f) return null;
  const publishedAt = iso(f.date);
  if (f.fromChannelId) {
    const handle = channelHandle(f.fromChannelId, ctx);
    const key = f.channelPost ? `telegram:${handle}/${f.channelPost}` : null;
    return { name: f.fromName ?? null, handle, id: `channel${f.fromChannelId}`, key, publishedAt };
  }
  if (f.fromUserId) return { name: f.fromName ?? null, handle: null, id: `user${f.fromUserId}`, key: null, publishedAt };
  return { name: f.fromName ?? null, handle: null, id: null, key: null, publishedAt };
}

function authorOf(m: MtprotoMessage, ctx: ChannelContext): PersonRef {
  // Channel posts carry no sender: the channel itself speaks, as the export writes it.
  if (!m.fromId || m.fromId === `channel${ctx.channelId}`) return { name: ctx.title, handle: ctx.handle, id: `channel${ctx.channelId}` };
  return { name: null, id: m.fromId };
}

function metricsOf(m: MtprotoMessage): Record<string, number> {
  const out: Record<string, number> = {};
  if (m.views !== null) out.views = m.views;
  if (m.forwards !== null) out.forwards = m.forwards;
  if (m.replies !== null && m.replies !== undefined) out.replies = m.replies;
  if (m.reactions && m.reactions.length > 0) out.reactions = m.reactions.reduce((sum, r) => sum + r.count, 0);
  return out;
}

/** One message as an ItemDraft; `locator` says where in the preserved response it was read. */
export function messageToDraft(m: MtprotoMessage, ctx: ChannelContext, locator: string): ItemDraft {
  const nativeId = `${ctx.handle}/${m.id}`;
  const replyHandle = m.replyToPeerId ? channelHandle(m.replyToPeerId, ctx) : ctx.handle;
  const service = m.action ? definedOnly(serviceExtra(m.action, m)) : null;
  // A pin or another service message points at its target through reply_to; that is not a reply.
  const replyTo = m.replyToMsgId !== null && !service ? `telegram:${replyHandle}/${m.replyToMsgId}` : null;
  const forwardedFrom = forwardOf(m, ctx);
  const kind: ItemKind = service ? 'service' : forwardedFrom ? 'repost' : replyTo ? 'reply' : 'post';
  const facts = textFacts(m);
  const attached = mediaOf(m.media);
  // `service: true` as the web preview connector writes it; `action` and its fields as the export does.
  const extra: Record<string, unknown> = { ...attached.extra, ...(service ? { service: true, ...service } : {}) };
  if (m.groupedId) extra.groupedId = m.groupedId;
  if (m.postAuthor) extra.signature = m.postAuthor;
  if (m.restrictionReasons.length > 0) extra.restrictionReasons = m.restrictionReasons;
  if (m.reactions && m.reactions.length > 0) {
    extra.reactions = m.reactions.map((r) => ({ type: r.type, count: r.count, ...(r.emoji ? { emoji: r.emoji } : {}), ...(r.documentId ? { document_id: r.documentId } : {}) }));
  }
  if (m.editDate && m.editHide) extra.hiddenEditAt = iso(m.editDate);
  if (m.fwdFrom?.postAuthor) extra.forwardedFromAuthor = m.fwdFrom.postAuthor;
  if (m.fwdFrom?.savedFromChannelId && m.fwdFrom.savedFromMsgId) {
    // The previous hop of a forward chain: where this copy was forwarded from last.
    const hop = channelHandle(m.fwdFrom.savedFromChannelId, ctx);
    extra.forwardedVia = `telegram:${hop}/${m.fwdFrom.savedFromMsgId}`;
  }
  if (m.replyToMsgId !== null && service) extra.message_id = m.replyToMsgId;
  if (m.pinned) extra.pinned = true;
  if (m.noforwards) extra.noforwards = true;
  return {
    key: `telegram:${nativeId}`,
    platform: 'telegram',
    nativeId,
    kind,
    source: ctx.source,
    url: `https://t.me/${ctx.handle}/${m.id}`,
    title: null,
    author: authorOf(m, ctx),
    publishedAt: iso(m.date),
    editedAt: m.editHide ? null : iso(m.editDate),
    text: m.message,
    langHint: null,
    forwardedFrom,
    replyTo,
    quotes: null,
    reposts: null,
    media: attached.media,
    links: facts.links,
    hashtags: facts.hashtags,
    metrics: metricsOf(m),
    extra,
    locator,
  };
}

/** Channels this message points at (forward origin, cross-chat reply, t.me links, @mentions), never the channel itself. */
export function discoveriesOf(m: MtprotoMessage, draft: ItemDraft, ctx: ChannelContext): Discovery[] {
  const out: Discovery[] = [];
  const add = (handle: string | null, how: Discovery['how']): void => {
    if (handle && handle !== ctx.handle && !out.some((d) => d.handle === handle && d.how === how)) {
      out.push({ kind: 'telegram', handle, via: draft.key, how });
    }
  };
  // Only named origins: a `c<id>` origin cannot be polled by username and stays on the item itself.
  if (m.fwdFrom?.fromChannelId) add(ctx.usernameOf(m.fwdFrom.fromChannelId)?.toLowerCase() ?? null, 'forward');
  if (m.replyToPeerId) add(ctx.usernameOf(m.replyToPeerId)?.toLowerCase() ?? null, 'reply');
  for (const link of draft.links) add(telegramHandleOf(link), 'link');
  for (const mention of textFacts(m).mentions) add(/^[a-z][a-z0-9_]{3,31}$/.test(mention) ? mention : null, 'mention');
  return out;
}

/** The item's links that leave Telegram: articles the source may follow. */
export function articleLinks(draft: ItemDraft): Array<{ url: string; via: string }> {
  return draft.links.filter((url) => /^https?:\/\//i.test(url) && !isTelegramUrl(url)).map((url) => ({ url, via: draft.key }));
}

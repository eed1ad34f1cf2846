import { parseHTML } from 'linkedom';
import type { ItemDraft, ItemKind, Media, PersonRef, SourceRef } from '../../../core/item.js';
import { absoluteUrl } from '../../imports/html-text.js';
import { toIsoUtc } from '../../imports/iso-date.js';
import { CHALLENGE_MARKERS, SEL, TGME_STRUCTURE } from './telegram-web.selectors.js';

/**
 * Pure parsers for Telegram's account-free web surfaces: the channel preview `t.me/s/<name>`
 * (20 posts a page, oldest first) and the single-post embed `t.me/<name>/<id>?embed=1`.
 * Almost every state arrives as HTTP 200, so the page's structure decides what it means
 * (COLLECTION.md §1.9). Nothing here throws: a page that cannot be read is `unexpected`, and one
 * malformed message block is skipped and reported while the rest still parse.
 */

export type ChannelPageState = 'ok' | 'not_found' | 'no_preview' | 'throttled' | 'challenge' | 'unexpected';
export type EmbedPageState = 'live' | 'not_found' | 'throttled' | 'unexpected';

export interface TelegramChannelInfo {
  /** Username as the page spells it (case from `data-post`, the canonical form). */
  username: string;
  title: string | null;
  description: string | null;
  /** Subscribers (members for a group) as an estimate: "109K" → 109000. */
  audience: number | null;
  /** The count as shown ("109K", "12 345 subscribers"). */
  audienceText: string | null;
  photoUrl: string | null;
  verified: boolean;
  /** Channel id (MTProto, positive) from `data-view`'s `c` (= -id); the Bot API form is `-100` + id. */
  externalId: string | null;
}

/** One message block read into an ItemDraft, with the media files worth downloading. */
export interface TelegramWebPost {
  id: number;
  /** Every message id the block stands for: its own, plus the other items of an album. */
  ids: number[];
  draft: ItemDraft;
  mediaUrls: string[];
}

export interface SkippedBlock {
  locator: string;
  reason: string;
}

export interface ChannelPage {
  state: ChannelPageState;
  /** One line saying why the state was chosen (or what was odd about an `ok` page). */
  reason: string;
  channel: TelegramChannelInfo | null;
  /** Posts in page order (oldest first). */
  posts: TelegramWebPost[];
  /** `?before=` value of the next-older page; null on the last page. */
  before: number | null;
  /** Every message id seen, album items (`?single` links) included, ascending. */
  ids: number[];
  skipped: SkippedBlock[];
}

export interface EmbedPage {
  state: EmbedPageState;
  reason: string;
  /** For `not_found`: the post is missing, or the whole username (landing page). */
  missing?: 'post' | 'username';
  post?: TelegramWebPost;
  channel?: TelegramChannelInfo;
}

const TG_HOSTS = new Set(['t.me', 'www.t.me', 'telegram.me', 'www.telegram.me', 'telegram.dog', 'www.telegram.dog']);
/** First path segments of t.me links that are not usernames. */
const RESERVED = new Set([
  'a', 'addemoji', 'addlist', 'addstickers', 'addtheme', 'api', 'apps', 'bg', 'blog', 'boost', 'c', 'confirmphone',
  'contact', 'css', 'dl', 'faq', 'giftcode', 'i', 'img', 'invoice', 'iv', 'joinchat', 'js', 'k', 'login', 'm',
  'nft', 'premium', 'proxy', 'share', 'setlanguage', 'socks', 'stars', 'web', 'z',
]);
const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;
const DATA_POST = /^([A-Za-z0-9_]+)\/(\d+)$/;
const BACKGROUND_URL = /background-image\s*:\s*url\(\s*(['"]?)([^'")]+)\1\s*\)/i;
const PAGE_BASE = 'https://t.me/';
const TINY_BODY = 500;
/** A full page holds 20 blocks; only then may min(id) stand in for a missing cursor. */
const FULL_PAGE = 20;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const HIDDEN = new Set(['script', 'style', 'svg', 'template', 'noscript']);

// ─────────────────────────────────────────────────────────────────── channel page ──

/** Reads one `t.me/s/<name>` response. `finalUrl` is where redirects ended (unknown names land on `t.me/<name>`). */
export function parseChannelPage(html: string, requestedHandle: string, finalUrl: string): ChannelPage {
  const handle = requestedHandle.trim().replace(/^@/, '').toLowerCase();
  try {
    return readChannelPage(html, handle, finalUrl);
  } catch (error) {
    return empty('unexpected', `page could not be read: ${oneLine(error)}`);
  }
}

function readChannelPage(html: string, handle: string, finalUrl: string): ChannelPage {
  if (byteLength(html) < TINY_BODY) return empty('throttled', `body under ${TINY_BODY} bytes`);
  const doc = parseHTML(html).document;
  const structured = doc.querySelector(TGME_STRUCTURE) !== null;
  const landing = doc.querySelector(SEL.landingPage);
  const history = doc.querySelector(SEL.history);
  const info = doc.querySelector(SEL.channelInfo);
  const posts = doc.querySelectorAll('[data-post]');

  // Unknown usernames and groups are redirected from /s/<name> to the landing card t.me/<name>.
  if (landing && !history && !info && (!isPreviewUrl(finalUrl) || posts.length === 0)) return readLanding(doc, handle);
  if (!structured) {
    const challenged = CHALLENGE_MARKERS.some((m) => html.includes(m));
    if (challenged) return empty('challenge', 'challenge page (no Telegram markup)');
    if (!isPreviewUrl(finalUrl)) return empty('unexpected', `redirected to ${finalUrl}, which is not a Telegram page`);
    return empty('unexpected', 'no Telegram markup on the page');
  }
  if (posts.length === 0 && doc.querySelector(SEL.noMessages)) {
    // Served both for "nothing here" and when rate-limited: never conclude anything from it.
    return empty('throttled', '"No posts found" page (tme_no_messages_found), possibly rate-limited');
  }
  if (!history && posts.length === 0) {
    if (info) return { ...empty('no_preview', 'channel info but no message history'), channel: readChannelInfo(doc, handle, null) };
    return empty('unexpected', 'Telegram page without channel history or messages');
  }

  const skipped: SkippedBlock[] = [];
  const seen = new Set<number>();
  const read: TelegramWebPost[] = [];
  const blocks = Array.from((history ?? doc).querySelectorAll(SEL.message));
  const firstPost = blocks.map((b) => DATA_POST.exec(b.getAttribute('data-post') ?? '')).find((m) => m !== null);
  const username = firstPost?.[1] ?? usernameFromInfo(doc) ?? handle;
  if (username.toLowerCase() !== handle) {
    return empty('unexpected', `page is for @${username}, not @${handle}`);
  }
  const channel = readChannelInfo(doc, handle, firstPost?.[1] ?? null);
  channel.externalId ??= blocks.map((b) => channelIdFromView(b.getAttribute('data-view'))).find((id) => id !== null) ?? null;
  const ctx = context(handle, channel);

  blocks.forEach((block, i) => {
    const dataPost = block.getAttribute('data-post');
    const locator = dataPost === null ? `message[${i}]` : `data-post=${dataPost}`;
    const id = postId(dataPost);
    if (id !== null) seen.add(id);
    const result = dataPost === null ? 'block has no data-post' : readMessageSafe(block, ctx, locator);
    if (typeof result === 'string') {
      skipped.push({ locator, reason: result });
      return;
    }
    read.push(result);
    for (const other of result.ids) seen.add(other);
  });

  const ids = [...seen].sort((a, b) => a - b);
  const before = cursorBefore(doc, blocks.length, ids);
  const notes: string[] = [];
  if (read.length === 0) notes.push('no messages on the page');
  if (!/<\/html>\s*(?:<!--[^]*?-->\s*)*$/i.test(html)) notes.push('page looks truncated (no closing </html>)');
  if (skipped.length > 0) notes.push(`${skipped.length} block(s) skipped`);
  return { state: 'ok', reason: notes.join('; ') || 'ok', channel, posts: read, before, ids, skipped };
}

/** The landing card `t.me/<name>`: unknown username, a group, or a channel without preview. */
function readLanding(doc: Document, handle: string): ChannelPage {
  const extra = clean(textOf(doc.querySelector(SEL.landingExtra)));
  const title = clean(textOf(doc.querySelector(SEL.landingTitle)));
  if (!extra && !title) {
    return empty('not_found', `landing page "${clean(textOf(doc.querySelector(SEL.title))) ?? ''}" without tgme_page_extra: username unoccupied`);
  }
  const channel: TelegramChannelInfo = {
    username: handle,
    title,
    description: clean(textOf(doc.querySelector(SEL.landingDescription))),
    audience: parseCount(extra),
    audienceText: extra,
    photoUrl: absolute(doc.querySelector(SEL.landingPhoto)?.getAttribute('src')),
    verified: false,
    externalId: null,
  };
  let reason = `landing page of @${handle} is not a channel with a public preview`;
  if (extra && /\bmembers?\b/i.test(extra)) reason = `@${handle} is a group ("${extra}"): groups have no web preview`;
  else if (extra && /\bsubscribers?\b/i.test(extra)) reason = `channel @${handle} exists ("${extra}") but has no public preview`;
  else if (!extra) reason = `@${handle} is not a channel (landing page without subscriber count)`;
  return { ...empty('no_preview', reason), channel };
}

function readChannelInfo(doc: Document, handle: string, canonical: string | null): TelegramChannelInfo {
  const meta = (sel: string): string | null => clean(doc.querySelector(sel)?.getAttribute('content'));
  let audienceText: string | null = null;
  for (const counter of Array.from(doc.querySelectorAll(SEL.channelCounter))) {
    const type = clean(textOf(counter.querySelector(SEL.counterType)));
    if (type && /^(subscribers?|members?)$/i.test(type)) audienceText = clean(textOf(counter.querySelector(SEL.counterValue)));
  }
  if (audienceText === null) {
    const header = clean(textOf(doc.querySelector(SEL.headerCounter)));
    if (header && /\b(subscribers?|members?)\b/i.test(header)) audienceText = header.replace(/\s*(subscribers?|members?)\b.*$/i, '');
  }
  const description = doc.querySelector(SEL.channelDescription);
  return {
    username: canonical ?? usernameFromInfo(doc) ?? handle,
    title: clean(textOf(doc.querySelector(SEL.channelTitle))) ?? meta(SEL.ogTitle),
    description: description ? nodeText(description) || null : meta(SEL.ogDescription),
    audience: parseCount(audienceText),
    audienceText,
    photoUrl: absolute(doc.querySelector(SEL.channelPhoto)?.getAttribute('src')) ?? absolute(meta(SEL.ogImage)),
    verified: doc.querySelector(SEL.channelVerified) !== null,
    externalId: null,
  };
}

function usernameFromInfo(doc: Document): string | null {
  const href = doc.querySelector(SEL.channelUsernameLink)?.getAttribute('href');
  const ref = href ? telegramRef(href) : null;
  return ref && ref.postId === null ? ref.handle : null;
}

/** Older-page cursor: `<link rel="prev">`, then `a.tme_messages_more[data-before]`, then min(id) on a full page. */
function cursorBefore(doc: Document, blocks: number, ids: number[]): number | null {
  const prev = doc.querySelector(SEL.prevLink)?.getAttribute('href') ?? '';
  const fromPrev = /[?&]before=(\d+)/.exec(prev)?.[1];
  if (fromPrev) return Number(fromPrev);
  const more = doc.querySelector(SEL.moreBefore)?.getAttribute('data-before') ?? '';
  if (/^\d+$/.test(more)) return Number(more);
  return blocks >= FULL_PAGE && ids.length > 0 ? Math.min(...ids) : null;
}

// ─────────────────────────────────────────────────────────────────── embed page ──

/** Reads one `t.me/<name>/<id>?embed=1` response: the post, "Post not found", or a throttle/odd page. */
export function parseEmbedPage(html: string): EmbedPage {
  try {
    return readEmbedPage(html);
  } catch (error) {
    return { state: 'unexpected', reason: `page could not be read: ${oneLine(error)}` };
  }
}

function readEmbedPage(html: string): EmbedPage {
  if (byteLength(html) < TINY_BODY) return { state: 'throttled', reason: `body under ${TINY_BODY} bytes` };
  const doc = parseHTML(html).document;
  const block = doc.querySelector(`${SEL.message}[data-post]`);
  if (!block) {
    const error = doc.querySelector(SEL.embedError) ?? doc.querySelector(SEL.embedErrorMessage);
    if (error) return { state: 'not_found', missing: 'post', reason: clean(textOf(doc.querySelector(SEL.embedError))) ?? 'error message' };
    if (doc.querySelector(SEL.noMessages)) return { state: 'throttled', reason: '"No posts found" page (tme_no_messages_found)' };
    if (doc.querySelector(SEL.landingPage) && !doc.querySelector(SEL.landingExtra) && !doc.querySelector(SEL.landingTitle)) {
      return { state: 'not_found', missing: 'username', reason: 'redirected to the landing page of an unoccupied username' };
    }
    if (doc.querySelector(TGME_STRUCTURE) === null && CHALLENGE_MARKERS.some((m) => html.includes(m))) {
      return { state: 'throttled', reason: 'challenge page (no Telegram markup)' };
    }
    return { state: 'unexpected', reason: 'no message and no error on the embed page' };
  }
  const dataPost = block.getAttribute('data-post') ?? '';
  const match = DATA_POST.exec(dataPost);
  if (!match?.[1]) return { state: 'unexpected', reason: `data-post "${dataPost}" is not <channel>/<id>` };
  const username = match[1];
  const channel: TelegramChannelInfo = {
    username,
    title: clean(textOf(block.querySelector(SEL.ownerName))),
    description: null,
    audience: null,
    audienceText: null,
    photoUrl: absolute(block.querySelector(SEL.messageUserPhoto)?.getAttribute('src')),
    verified: false,
    externalId: channelIdFromView(block.getAttribute('data-view')),
  };
  const post = readMessageSafe(block, context(username.toLowerCase(), channel), `data-post=${dataPost}`);
  if (typeof post === 'string') return { state: 'unexpected', reason: `message block unreadable: ${post}`, channel };
  return { state: 'live', reason: 'post rendered', post, channel };
}

// ─────────────────────────────────────────────────────────────────── one message ──

interface Ctx {
  handle: string;
  username: string;
  title: string | null;
  externalId: string | null;
  source: SourceRef;
}

function context(handle: string, channel: TelegramChannelInfo): Ctx {
  return {
    handle,
    username: channel.username,
    title: channel.title,
    externalId: channel.externalId,
    source: { kind: 'telegram', handle, title: channel.title, url: `https://t.me/${handle}` },
  };
}

function readMessageSafe(block: Element, ctx: Ctx, locator: string): TelegramWebPost | string {
  try {
    return readMessage(block, ctx, locator);
  } catch (error) {
    return `block could not be read: ${oneLine(error)}`;
  }
}

/** One message block as an ItemDraft (same conventions as the Telegram Desktop import), or why it is skipped. */
function readMessage(block: Element, ctx: Ctx, locator: string): TelegramWebPost | string {
  const dataPost = block.getAttribute('data-post') ?? '';
  const match = DATA_POST.exec(dataPost);
  if (!match?.[1] || !match[2]) return `data-post "${dataPost}" is not <channel>/<id>`;
  if (match[1].toLowerCase() !== ctx.handle) return `belongs to @${match[1]}, not @${ctx.handle}`;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return `message id "${match[2]}" out of range`;
  const dateLink = block.querySelector(SEL.date);
  const datetime = (dateLink ?? block).querySelector(SEL.time)?.getAttribute('datetime');
  const publishedAt = toIsoUtc(datetime);
  if (!publishedAt) return datetime ? `unreadable date "${datetime}"` : 'no post date (time[datetime])';

  const nativeId = `${ctx.handle}/${id}`;
  const key = `telegram:${nativeId}`;
  const service = block.classList.contains(SEL.serviceClass);
  const textEl = bodyText(block);
  const text = textEl ? nodeText(textEl) : '';
  const anchors = textEl ? readAnchors(textEl) : { links: [], hashtags: [] };
  const extra: Record<string, unknown> = {};
  const mediaUrls: string[] = [];
  const media = readMedia(block, extra, mediaUrls, anchors.links);

  const forwardedFrom = readForward(block, extra);
  const reply = block.querySelector(`.${SEL.replyClass}`);
  const replyTo = reply ? readReply(reply, extra) : null;
  const kind: ItemKind = service ? 'service' : forwardedFrom ? 'repost' : reply ? 'reply' : 'post';

  const signature = clean(textOf(block.querySelector(SEL.signature)));
  const owner = clean(textOf(block.querySelector(SEL.ownerName))) ?? ctx.title;
  const author: PersonRef = signature
    ? { name: signature }
    : { name: owner, handle: ctx.handle, id: ctx.externalId ? `channel${ctx.externalId}` : null };

  const metrics: Record<string, number> = {};
  const viewsText = clean(textOf(block.querySelector(SEL.views)));
  const views = parseCount(viewsText);
  if (viewsText) extra.viewsText = viewsText;
  if (views !== null) metrics.views = views;
  const reactions = readReactions(block);
  if (reactions.length > 0) {
    extra.reactions = reactions;
    metrics.reactions = reactions.reduce((sum, r) => sum + (r.count ?? 0), 0);
  }
  if (isEdited(block)) extra.edited = true;
  if (signature) extra.signature = signature;
  if (service) {
    extra.service = true;
    const action = serviceAction(block, text);
    if (action) extra.action = action;
  }
  const unsupported = unsupportedLabel(block);
  if (unsupported) extra.unsupported = unsupported;
  const viaBot = clean(textOf(block.querySelector(SEL.viaBot)));
  if (viaBot) extra.viaBot = viaBot;
  const buttons = Array.from(block.querySelectorAll(SEL.inlineButton)).map((b) => clean(textOf(b))).filter(isString);
  if (buttons.length > 0) extra.buttons = buttons;

  const draft: ItemDraft = {
    key,
    platform: 'telegram',
    nativeId,
    kind,
    source: ctx.source,
    url: absolute(dateLink?.getAttribute('href')) ?? `https://t.me/${ctx.username}/${id}`,
    title: null,
    author,
    publishedAt,
    editedAt: null,
    text,
    langHint: null,
    forwardedFrom,
    replyTo,
    quotes: null,
    reposts: null,
    media,
    links: unique(anchors.links),
    hashtags: unique(anchors.hashtags),
    metrics,
    extra,
    locator,
  };
  const album = Array.isArray(extra.albumIds) ? (extra.albumIds as number[]) : [];
  return { id, ids: unique([id, ...album]).sort((a, b) => a - b), draft, mediaUrls: unique(mediaUrls) };
}

/** The post body: the first `.js-message_text` that is not the quoted text of a reply. */
function bodyText(block: Element): Element | null {
  for (const el of Array.from(block.querySelectorAll(SEL.text))) {
    if (el.classList.contains(SEL.replyTextClass) || el.closest(`.${SEL.replyClass}`)) continue;
    return el;
  }
  return null;
}

/** Links (absolute, `&amp;` double-escaping undone) and hashtags of the body; mentions are neither. */
function readAnchors(textEl: Element): { links: string[]; hashtags: string[] } {
  const links: string[] = [];
  const hashtags: string[] = [];
  for (const a of Array.from(textEl.querySelectorAll('a[href]'))) {
    if (a.classList.contains(SEL.authorName)) continue;
    let href = a.getAttribute('href')?.trim() ?? '';
    // Since 2024-04 text-link hrefs (the ones with onclick) arrive with `&` escaped twice.
    if (a.hasAttribute('onclick')) href = href.replace(/&amp;/g, '&');
    const label = nodeText(a).trim();
    if (/^[#$]/.test(label) && /^\??q=|[?&]q=%2[34]/i.test(href)) {
      if (label.startsWith('#')) hashtags.push(label.slice(1));
      continue;
    }
    const url = absoluteUrl(href, PAGE_BASE);
    if (!url) continue;
    const ref = telegramRef(url);
    if (label.startsWith('@') && ref && ref.postId === null && ref.handle.toLowerCase() === label.slice(1).toLowerCase()) continue;
    links.push(url);
  }
  return { links, hashtags };
}

function readForward(block: Element, extra: Record<string, unknown>): ItemDraft['forwardedFrom'] {
  const wrap = block.querySelector(SEL.forwarded);
  if (!wrap) return null;
  const nameEl = wrap.querySelector(SEL.forwardedName);
  const authorEl = wrap.querySelector(SEL.forwardedAuthor);
  const forwardedAuthor = clean(textOf(authorEl));
  if (forwardedAuthor) extra.forwardedFromAuthor = forwardedAuthor;
  const name = nameEl ? clean(nodeText(nameEl, (el) => el === authorEl)) : null;
  const href = nameEl?.getAttribute('href');
  const ref = href ? telegramRef(absoluteUrl(href, PAGE_BASE) ?? '') : null;
  if (!ref) return { name: name ?? clean(textOf(wrap)?.replace(/^\s*Forwarded from\s*/i, '')), handle: null, key: null };
  const source = ref.handle.toLowerCase();
  return { name, handle: source, key: ref.postId === null ? null : `telegram:${source}/${ref.postId}` };
}

function readReply(reply: Element, extra: Record<string, unknown>): string | null {
  const quote = {
    author: clean(textOf(reply.querySelector(SEL.replyAuthor))),
    text: (() => {
      const el = reply.querySelector(SEL.replyText);
      return el ? nodeText(el) || null : null;
    })(),
  };
  if (quote.author || quote.text) extra.replyQuote = quote;
  const href = reply.getAttribute('href');
  const ref = href ? telegramRef(absoluteUrl(href, PAGE_BASE) ?? '') : null;
  return ref && ref.postId !== null ? `telegram:${ref.handle.toLowerCase()}/${ref.postId}` : null;
}

function isEdited(block: Element): boolean {
  const meta = block.querySelector(SEL.meta);
  if (!meta) return false;
  // Only the meta's own text: a signature that says "edited" must not count.
  const own = Array.from(meta.childNodes).filter((n) => n.nodeType === TEXT_NODE).map((n) => n.nodeValue ?? '').join(' ');
  return /\bedited\b/i.test(own);
}

/** Telegram Desktop's `action` names, so web service items match imported ones. */
function serviceAction(block: Element, text: string): string | null {
  if (/^channel created$/i.test(text.trim())) return 'create_channel';
  if (block.querySelector(SEL.serviceStrong) || /\bpinned\b/i.test(text)) return 'pin_message';
  if (block.querySelector(SEL.servicePhoto) || /\bphoto (?:was )?(?:updated|changed)\b/i.test(text)) return 'edit_group_photo';
  if (/\bphoto (?:was )?removed\b/i.test(text)) return 'delete_group_photo';
  if (/\b(?:renamed|name (?:was )?changed)\b/i.test(text)) return 'edit_group_title';
  return null;
}

/** "Please open Telegram to view this post" as a direct child of the bubble: the web cannot show the message. */
function unsupportedLabel(block: Element): string | null {
  const bubble = Array.from(block.children).find((c) => c.classList.contains(SEL.bubble));
  if (!bubble || block.querySelector(SEL.supportedCont)) return null;
  const wrap = Array.from(bubble.children).find((c) => c.classList.contains(SEL.notSupportedWrap));
  return wrap ? (clean(textOf(wrap.querySelector(SEL.notSupportedLabel))) ?? 'unsupported') : null;
}

interface Reaction {
  emoji?: string;
  customEmojiId?: string;
  paid?: true;
  count: number | null;
  countText: string | null;
}

function readReactions(block: Element): Reaction[] {
  return Array.from(block.querySelectorAll(SEL.reactions)).map((r) => {
    const countText = clean(Array.from(r.childNodes).filter((n) => n.nodeType === TEXT_NODE).map((n) => n.nodeValue ?? '').join(''));
    const reaction: Reaction = { count: parseCount(countText), countText };
    const emoji = clean(textOf(r.querySelector(SEL.emojiChar)));
    const custom = r.querySelector(SEL.customEmoji)?.getAttribute('emoji-id');
    if (emoji) reaction.emoji = emoji;
    if (custom) reaction.customEmojiId = custom;
    if (r.classList.contains(SEL.reactionPaidClass)) reaction.paid = true;
    return reaction;
  });
}

// ─────────────────────────────────────────────────────────────────── media ──

const MEDIA = [
  SEL.photo, SEL.video, SEL.roundVideo, SEL.voice, SEL.document, SEL.sticker, SEL.location, SEL.poll, SEL.linkPreview,
  SEL.contact,
].join(', ');

/**
 * The message's media in page order, typed like Telegram Desktop's `media_type` (photo, video_file,
 * animation, video_message, voice_message, audio_file, file, sticker) plus location, contact, poll
 * and link_preview. Album item ids go to `extra.albumIds`; the linked preview page to `links`.
 */
function readMedia(block: Element, extra: Record<string, unknown>, urls: string[], links: string[]): Media[] {
  const out: Media[] = [];
  const album: number[] = [];
  for (const single of Array.from(block.querySelectorAll(SEL.groupedSingle))) {
    const ref = telegramRef(absoluteUrl(single.getAttribute('href') ?? '', PAGE_BASE) ?? '');
    if (ref?.postId != null && /\?single\b/.test(single.getAttribute('href') ?? '')) album.push(ref.postId);
  }
  if (album.length > 0) extra.albumIds = unique(album);

  for (const el of Array.from(block.querySelectorAll(MEDIA))) {
    if (el.closest(`.${SEL.replyClass}`)) continue;
    if (el.matches(SEL.photo)) {
      const url = backgroundUrl(el);
      out.push({ type: 'photo', url });
      if (url) urls.push(url);
    } else if (el.matches(SEL.video)) {
      const src = absolute(el.querySelector(SEL.videoSrc)?.getAttribute('src'));
      const thumb = backgroundUrl(el.querySelector(SEL.videoThumb));
      out.push({
        type: el.querySelector(SEL.videoPlay) ? 'video_file' : 'animation',
        url: src,
        durationSeconds: parseDuration(textOf(el.querySelector(SEL.videoDuration))),
        missing: src ? null : (clean(textOf(el.querySelector(SEL.notSupportedLabel))) ?? null),
      });
      if (src) urls.push(src);
      if (thumb) urls.push(thumb);
    } else if (el.matches(SEL.roundVideo)) {
      const src = absolute(el.querySelector(SEL.videoSrc)?.getAttribute('src'));
      const thumb = backgroundUrl(el.querySelector(SEL.roundVideoThumb));
      out.push({ type: 'video_message', url: src, durationSeconds: parseDuration(textOf(el.querySelector(SEL.roundVideoDuration))) });
      if (src) urls.push(src);
      if (thumb) urls.push(thumb);
    } else if (el.matches(SEL.voice)) {
      const src = absolute(el.querySelector(SEL.voiceAudio)?.getAttribute('src'));
      out.push({ type: 'voice_message', url: src, durationSeconds: parseDuration(textOf(el.querySelector(SEL.voiceDuration))) });
      if (src) urls.push(src);
    } else if (el.matches(SEL.document)) {
      const audio = el.querySelector(`.${SEL.documentAudioClass}`) !== null;
      out.push({ type: audio ? 'audio_file' : 'file', url: null, fileName: clean(textOf(el.querySelector(SEL.documentTitle))) });
    } else if (el.matches(SEL.sticker)) {
      const url =
        absolute(el.querySelector(SEL.stickerImage)?.getAttribute('data-webp')) ??
        absolute(el.querySelector(SEL.stickerAnimated)?.getAttribute('srcset')?.trim().split(/\s+/)[0]) ??
        absolute(el.querySelector(SEL.stickerVideo)?.getAttribute('src'));
      out.push({ type: 'sticker', url });
      if (url) urls.push(url);
    } else if (el.matches(SEL.location)) {
      out.push({ type: 'location' });
      extra.location = {
        url: absolute(el.getAttribute('href')),
        title: clean(textOf(el.querySelector(SEL.locationTitle))),
        address: clean(textOf(el.querySelector(SEL.locationAddress))),
      };
    } else if (el.matches(SEL.poll)) {
      out.push({ type: 'poll' });
      extra.poll = {
        question: clean(textOf(el.querySelector(SEL.pollQuestion))),
        type: clean(textOf(el.querySelector(SEL.pollType))),
        options: Array.from(el.querySelectorAll(SEL.pollOption)).map((o) => ({
          text: clean(textOf(o.querySelector(SEL.pollOptionText))),
          percent: clean(textOf(o.querySelector(SEL.pollOptionPercent))),
        })),
        voters: parseCount(clean(textOf(block.querySelector(SEL.pollVoters)))),
      };
    } else if (el.matches(SEL.linkPreview)) {
      const href = absoluteUrl(el.getAttribute('href') ?? '', PAGE_BASE) ?? null;
      const image = backgroundUrl(el.querySelector(SEL.linkPreviewImage));
      out.push({ type: 'link_preview', url: image });
      if (image) urls.push(image);
      if (href) links.push(href);
      const description = el.querySelector(SEL.linkPreviewDescription);
      extra.linkPreview = {
        url: href,
        siteName: clean(textOf(el.querySelector(SEL.linkPreviewSite))),
        title: clean(textOf(el.querySelector(SEL.linkPreviewTitle))),
        description: description ? nodeText(description) || null : null,
      };
    } else {
      out.push({ type: 'contact' });
      extra.contact = { name: clean(textOf(el.querySelector(SEL.contactName))) };
    }
  }
  return out;
}

// ─────────────────────────────────────────────────────────────────── helpers ──

/** A t.me / telegram.me link as `{ handle, postId }`, or null when it names no public username. */
export function telegramRef(url: string): { handle: string; postId: number | null } | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  if (!TG_HOSTS.has(u.hostname.toLowerCase())) return null;
  const parts = u.pathname.split('/').filter(Boolean);
  if (parts[0] === 's') parts.shift();
  const [name, post] = parts;
  if (!name || !USERNAME.test(name) || RESERVED.has(name.toLowerCase())) return null;
  const postId = post && /^\d+$/.test(post) ? Number(post) : null;
  return { handle: name, postId };
}

/** `@name` mentions in plain text (not e-mail addresses), lower-cased and deduplicated. */
export function mentionsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_@./])@([a-zA-Z][a-zA-Z0-9_]{3,31})(?![a-zA-Z0-9_])/gu)) {
    if (m[1]) out.add(m[1].toLowerCase());
  }
  return [...out];
}

/** Telegram's rounded counts ("109K", "11.1M", "4.44K", "1 234", "12 345 subscribers") as a number; null if none. */
export function parseCount(text: string | null | undefined): number | null {
  if (!text) return null;
  const s = text.replace(/[\s\u00a0\u202f\u2009\u2007]+/g, ' ').trim();
  const m = /^(\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.(\d+))?\s*([KMB])?(?![\p{L}\p{N}])/u.exec(s);
  if (!m?.[1]) return null;
  const value = Number(`${m[1].replace(/[ ,]/g, '')}.${m[2] ?? '0'}`);
  const scale = m[3] === 'K' ? 1e3 : m[3] === 'M' ? 1e6 : m[3] === 'B' ? 1e9 : 1;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}

/** "0:16", "27:40", "1:02:03" → seconds; null when absent or unreadable. */
export function parseDuration(text: string | null | undefined): number | null {
  const s = text?.trim();
  if (!s || !/^\d+(?::\d{1,2}){1,2}$/.test(s)) return null;
  return s.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/** `data-view` (base64url JSON `{"c":-<channel id>,…}`) → the channel id as a string. */
export function channelIdFromView(view: string | null | undefined): string | null {
  if (!view || !/^[A-Za-z0-9_-]+={0,2}$/.test(view)) return null;
  try {
    const json: unknown = JSON.parse(Buffer.from(view, 'base64url').toString('utf8'));
    const c = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).c : undefined;
    return typeof c === 'number' && Number.isSafeInteger(c) && c < 0 ? String(-c) : null;
  } catch {
    return null;
  }
}

function postId(dataPost: string | null): number | null {
  const id = Number(DATA_POST.exec(dataPost ?? '')?.[2]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function backgroundUrl(el: Element | null): string | null {
  const style = el?.getAttribute('style') ?? '';
  return absolute(BACKGROUND_URL.exec(style)?.[2]);
}

function absolute(href: string | null | undefined): string | null {
  const s = href?.trim();
  return s ? (absoluteUrl(s, PAGE_BASE) ?? null) : null;
}

function isPreviewUrl(url: string): boolean {
  return URL.canParse(url) && new URL(url).pathname.startsWith('/s/');
}

/** Raw textContent of an element (for labels and counters; message bodies use nodeText). */
function textOf(el: Element | null | undefined): string | null {
  return el ? el.textContent : null;
}

/** Whitespace-collapsed, trimmed; null when empty. */
function clean(value: string | null | undefined): string | null {
  const s = value?.replace(/\s+/g, ' ').trim();
  return s ? s : null;
}

/**
 * A message body as published: `<br>` → `\n`, entities decoded, emoji images kept as their
 * character (`<i class="emoji"><b>X</b></i>`), NBSP kept. Telegram writes its text on one line
 * (newlines are `<br/>`), so raw newlines are source formatting (re-indented saved pages): each
 * run becomes one space, dropped next to a line break or an existing space, and at the ends.
 */
export function nodeText(root: Element, skip?: (el: Element) => boolean): string {
  const GAP = '\u0000';
  let out = '';
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        out += (child.nodeValue ?? '').replace(/\u0000/g, '').replace(/[ \t]*[\r\n]+[ \t]*/g, GAP);
      } else if (child.nodeType === ELEMENT_NODE) {
        const el = child as Element;
        const tag = el.tagName.toLowerCase();
        if (HIDDEN.has(tag) || skip?.(el)) continue;
        if (tag === 'br') out += '\n';
        else walk(el);
      }
    }
  };
  walk(root);
  return out
    .replace(/\u0000+/g, GAP)
    .replace(/(^|\n| )\u0000/g, '$1')
    .replace(/\u0000(?=$|\n| )/g, '')
    .replace(/\u0000/g, ' ')
    .replace(/^[ \t\n]+|[ \t\n]+$/g, '');
}

function empty(state: ChannelPageState, reason: string): ChannelPage {
  return { state, reason, channel: null, posts: [], before: null, ids: [], skipped: [] };
}

function byteLength(s: string): number {
  return s.length >= TINY_BODY ? s.length : new TextEncoder().encode(s).length;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function isString(v: string | null): v is string {
  return v !== null;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}

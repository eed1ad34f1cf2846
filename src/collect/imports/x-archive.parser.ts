import { ParseError } from '../../core/errors.js';
import type { ItemDraft, ItemKind, Media, SourceRef } from '../../core/item.js';
import { channelHandle } from './channel-handle.js';
import { decodeInput } from './decode.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { twitterDateToIso } from './iso-date.js';
import { jsonParseError } from './json-syntax.js';
import { arr, isObject, numbers, obj, str, unique, type JsonObject } from './json-value.js';
import { mapXLang } from './x-lang.js';

const FORMAT = 'X archive tweets.js';
/** `window.YTD.tweets.part0 = [` : the JS assignment wrapping the JSON array in every archive file. */
const ASSIGNMENT = /^\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*/;
/** Archives mark retweets only by this prefix; there is no retweeted_status. */
const RETWEET = /^RT @([A-Za-z0-9_]+):/;

/** Parses an X "download your data" `tweets.js` / `tweets-partN.js` file. */
export function parseXArchive(input: ImportInput): ParseResult {
  const file = input.fileName;
  const text = decodeInput(input.bytes, file, FORMAT);
  const prefix = ASSIGNMENT.exec(text);
  if (!prefix) throw new ParseError('not an X archive file (no window.YTD.<name>.partN = prefix)', { file, line: 1 });
  const body = text.replace(/;\s*$/, '');
  let rows: unknown;
  try {
    rows = JSON.parse(body.slice(prefix[0].length)) as unknown;
  } catch {
    // Scan the whole text from the array's start so the reported line is the file's own line.
    throw jsonParseError(body, file, prefix[0].length);
  }
  if (!Array.isArray(rows)) throw new ParseError('X archive file does not hold an array of tweets', { file });

  // tweets.js never names its owner; --channel does, else all tweets are filed under "archive".
  const handle = channelHandle(input.channel, file);
  const source: SourceRef = {
    kind: 'x',
    handle: handle ?? 'archive',
    title: null,
    url: handle ? `https://x.com/${handle}` : null,
  };
  const out: ParseResult = { items: [], sources: [source], skipped: [] };
  const seen = new Set<string>();
  arr(rows).forEach((row, i) => {
    const locator = `[${i}]`;
    const tweet = isObject(row) && isObject(row.tweet) ? row.tweet : row;
    if (!isObject(tweet)) throw new ParseError('entry is not a tweet object', { file, field: locator });
    const item = readTweet(tweet, source, handle, locator, file);
    if (seen.has(item.key)) out.skipped.push({ locator, reason: `duplicate of ${item.key}` });
    else out.items.push(item);
    seen.add(item.key);
  });
  return out;
}

/** One archive tweet as an ItemDraft. */
function readTweet(t: JsonObject, source: SourceRef, handle: string | undefined, locator: string, file: string): ItemDraft {
  const id = str(t.id_str) ?? str(t.id);
  if (!id || !/^\d+$/.test(id)) throw new ParseError('tweet has no id_str', { file, field: `${locator}.id_str` });
  const text = typeof t.full_text === 'string' ? t.full_text : (str(t.text) ?? '');
  const retweetedUser = RETWEET.exec(text)?.[1];
  const replyId = str(t.in_reply_to_status_id_str) ?? str(t.in_reply_to_status_id);
  const kind: ItemKind = retweetedUser ? 'repost' : replyId ? 'reply' : 'post';
  const entities = obj(t.entities);
  const extra: Record<string, unknown> = {};
  if (retweetedUser) extra.retweetedUser = retweetedUser;
  if (t.edit_info !== undefined) extra.editInfo = t.edit_info;
  if (t.in_reply_to_screen_name !== undefined) extra.inReplyToScreenName = t.in_reply_to_screen_name;
  if (t.source !== undefined) extra.client = t.source;
  if (t.possibly_sensitive !== undefined) extra.possiblySensitive = t.possibly_sensitive;
  if (arr(entities.user_mentions).length > 0) extra.mentions = entities.user_mentions;
  return {
    key: `x:${id}`,
    platform: 'x',
    nativeId: id,
    kind,
    source,
    url: `https://x.com/${handle ?? 'i'}/status/${id}`,
    title: null,
    author: handle ? { handle } : null,
    publishedAt: twitterDateToIso(str(t.created_at)),
    editedAt: null,
    text,
    langHint: mapXLang(str(t.lang)),
    forwardedFrom: null,
    replyTo: replyId && !retweetedUser ? `x:${replyId}` : null,
    quotes: null,
    reposts: null,
    media: media(t),
    links: unique(arr(entities.urls).flatMap((u) => str(obj(u).expanded_url) ?? str(obj(u).url) ?? [])),
    hashtags: unique(arr(entities.hashtags).flatMap((h) => str(obj(h).text) ?? [])),
    // Named like API v2's public_metrics so both X parsers fill the same metric names.
    metrics: numbers({ like_count: t.favorite_count, retweet_count: t.retweet_count }),
    extra,
    locator,
  };
}

/** Photos and videos from `extended_entities.media` (all of them), else `entities.media` (first only). */
function media(t: JsonObject): Media[] {
  const extended = arr(obj(t.extended_entities).media);
  const list = extended.length > 0 ? extended : arr(obj(t.entities).media);
  return list.filter(isObject).map((m) => ({
    type: str(m.type) ?? 'photo',
    url: str(m.media_url_https) ?? str(m.media_url) ?? null,
  }));
}

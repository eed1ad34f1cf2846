import { ParseError } from '../../core/errors.js';
import type { ItemDraft, ItemKind, Media, SourceRef } from '../../core/item.js';
import { decodeInput } from './decode.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { toIsoUtc } from './iso-date.js';
import { arr, isObject, num, numbers, obj, str, unique, type JsonObject } from './json-value.js';
import { eachLine } from './text-lines.js';
import { mapXLang } from './x-lang.js';

const FORMAT = 'X API v2 JSON lines';

/** A response page's `includes`, indexed for joining. */
export interface Includes {
  users: Map<string, JsonObject>;
  tweets: Map<string, JsonObject>;
  media: Map<string, JsonObject>;
  places: Map<string, JsonObject>;
  polls: Map<string, JsonObject>;
}

/** Parses twarc2 output: one X API v2 response page (or one flattened tweet) per line. */
export function parseXJsonl(input: ImportInput): ParseResult {
  const file = input.fileName;
  const text = decodeInput(input.bytes, file, FORMAT);
  const out: ParseResult = { items: [], sources: [], skipped: [] };
  const sources = new Map<string, SourceRef>();
  const seen = new Map<string, number>();
  const keep = (item: ItemDraft, line: number): void => {
    const first = seen.get(item.key);
    if (first !== undefined) {
      out.skipped.push({ locator: item.locator ?? `line ${line}`, reason: `duplicate of line ${first}` });
      return;
    }
    seen.set(item.key, line);
    out.items.push(item);
  };
  for (const { text: raw, line } of eachLine(text)) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      throw new ParseError('line is not valid JSON', { file, line });
    }
    if (!isObject(value)) throw new ParseError('line is not a JSON object', { file, line });
    if ('data' in value) {
      const page = parseXApiPage(value, file, { line, sources });
      for (const tweet of page.tweets) keep(tweet.draft, line);
      for (const e of page.errors) out.skipped.push({ locator: e.locator, reason: e.reason });
    } else if (str(value.id) && typeof value.text === 'string') {
      keep(readTweet(value, indexIncludes(obj(value.includes)), sources, { file, line, field: 'tweet' }), line);
    } else if ('errors' in value || 'title' in value || 'detail' in value) {
      out.skipped.push({ locator: `line ${line}`, reason: errorReason(value) });
    } else if ('meta' in value) {
      out.skipped.push({ locator: `line ${line}`, reason: 'response page with no tweets' });
    } else {
      throw new ParseError('line is neither an X API response page nor a tweet', { file, line });
    }
  }
  out.sources = [...sources.values()];
  return out;
}

/** One tweet of a page with the raw object it was read from (for joins the draft does not keep). */
export interface XPageTweet {
  draft: ItemDraft;
  raw: JsonObject;
}

/** One X API v2 response page read into drafts. */
export interface XApiPage {
  /** The tweets of `data`, in page order. */
  tweets: XPageTweet[];
  /** The page's partial-error objects, each with a readable reason. */
  errors: Array<{ locator: string; reason: string; error: JsonObject }>;
  includes: Includes;
}

/**
 * Reads one X API v2 response page (`{data, includes, errors, meta}`; `data` one tweet or a list)
 * into drafts joined with the page's includes. Locators are `data[k]` (`line N data[k]` when the page
 * is one line of a file). Throws ParseError, naming `fileLabel`, when a tweet is unreadable.
 */
export function parseXApiPage(
  page: JsonObject,
  fileLabel: string,
  options: { line?: number; sources?: Map<string, SourceRef> } = {},
): XApiPage {
  const { line } = options;
  const sources = options.sources ?? new Map<string, SourceRef>();
  const includes = indexIncludes(obj(page.includes));
  const where = (field: string): string => (line === undefined ? field : `line ${line} ${field}`);
  const read = (tweet: unknown, field: string): XPageTweet => {
    if (!isObject(tweet)) throw new ParseError('tweet is not an object', { file: fileLabel, line, field });
    return { draft: readTweet(tweet, includes, sources, { file: fileLabel, line, field }), raw: tweet };
  };
  const data = page.data;
  const tweets = Array.isArray(data) ? data.map((t, k) => read(t, `data[${k}]`)) : data === undefined ? [] : [read(data, 'data')];
  const errors = arr(page.errors).map((e, k) => ({ locator: where(`errors[${k}]`), reason: errorReason(e), error: obj(e) }));
  return { tweets, errors, includes };
}

/** One API v2 tweet joined with its page's includes. */
function readTweet(
  t: JsonObject,
  inc: Includes,
  sources: Map<string, SourceRef>,
  at: { file: string; line: number | undefined; field: string },
): ItemDraft {
  const id = str(t.id);
  if (!id || !/^\d+$/.test(id)) throw new ParseError('tweet has no numeric id', { ...at, field: `${at.field}.id` });
  if (typeof t.text !== 'string') throw new ParseError('tweet has no text', { ...at, field: `${at.field}.text` });
  const authorId = str(t.author_id);
  // twarc2's flattened output carries the user inline as `author`.
  const user = (authorId ? inc.users.get(authorId) : undefined) ?? (isObject(t.author) ? t.author : {});
  const username = str(user.username);
  const handle = username?.toLowerCase() ?? (authorId ? `id:${authorId}` : 'unknown');
  const source: SourceRef = sources.get(handle) ?? {
    kind: 'x',
    handle,
    title: str(user.name) ?? null,
    url: username ? `https://x.com/${username}` : null,
  };
  sources.set(handle, source);

  const refs = arr(t.referenced_tweets).filter(isObject);
  const ref = (type: string): JsonObject | undefined => refs.find((r) => r.type === type);
  const retweeted = ref('retweeted');
  const quoted = ref('quoted');
  const repliedTo = ref('replied_to');
  const kind: ItemKind = retweeted ? 'repost' : quoted ? 'quote' : repliedTo ? 'reply' : 'post';
  // The referenced tweet's full text is in includes.tweets (flattened twarc2 output inlines it).
  const fullText = (r: JsonObject | undefined): unknown =>
    r ? (inc.tweets.get(str(r.id) ?? '')?.text ?? r.text) : undefined;

  const extra: Record<string, unknown> = {};
  const keep = (name: string, value: unknown): void => {
    if (value !== undefined) extra[name] = value;
  };
  keep('referencedText', fullText(retweeted));
  keep('quotedText', fullText(quoted));
  const history = arr(t.edit_history_tweet_ids);
  // Several ids mean the tweet was edited, but v2 gives no edit time: editedAt stays unknown.
  if (history.length > 1) extra.editHistoryTweetIds = history;
  keep('editControls', t.edit_controls);
  keep('withheld', t.withheld);
  keep('conversationId', t.conversation_id);
  keep('possiblySensitive', t.possibly_sensitive);
  keep('mentions', obj(t.entities).mentions);
  const attachments = obj(t.attachments);
  const polls = arr(attachments.poll_ids).flatMap((p) => inc.polls.get(str(p) ?? '') ?? []);
  if (polls.length > 0) extra.polls = polls;
  keep('place', inc.places.get(str(obj(t.geo).place_id) ?? ''));

  return {
    key: `x:${id}`,
    platform: 'x',
    nativeId: id,
    kind,
    source,
    url: `https://x.com/${username ?? 'i'}/status/${id}`,
    title: null,
    author: { name: str(user.name) ?? null, handle: username ?? null, id: authorId ?? str(user.id) ?? null },
    publishedAt: toIsoUtc(str(t.created_at)),
    editedAt: null,
    text: t.text,
    langHint: mapXLang(str(t.lang)),
    forwardedFrom: null,
    replyTo: repliedTo ? `x:${str(repliedTo.id)}` : null,
    quotes: quoted ? `x:${str(quoted.id)}` : null,
    reposts: retweeted ? `x:${str(retweeted.id)}` : null,
    media: media(attachments, inc),
    links: unique(arr(obj(t.entities).urls).flatMap((u) => str(obj(u).expanded_url) ?? str(obj(u).url) ?? [])),
    hashtags: unique(arr(obj(t.entities).hashtags).flatMap((h) => str(obj(h).tag) ?? [])),
    metrics: numbers(obj(t.public_metrics)),
    extra,
    locator: at.line === undefined ? at.field : `line ${at.line} ${at.field}`,
  };
}

/** Media of a tweet from `includes.media` (or inline in flattened output); unknown keys are kept as missing. */
function media(attachments: JsonObject, inc: Includes): Media[] {
  const inline = arr(attachments.media).filter(isObject);
  const joined = arr(attachments.media_keys).map((k) => inc.media.get(str(k) ?? '') ?? { media_key: k, missing: true });
  return (inline.length > 0 ? inline : joined).map((m) => {
    const ms = num(m.duration_ms);
    return {
      type: str(m.type) ?? 'unknown',
      url: str(m.url) ?? str(m.preview_image_url) ?? null,
      width: num(m.width) ?? null,
      height: num(m.height) ?? null,
      durationSeconds: ms === undefined ? null : ms / 1000,
      missing: m.missing === true ? `media ${str(m.media_key) ?? ''} not in includes.media` : null,
    };
  });
}

/** `includes` lists indexed by id (media by media_key). */
export function indexIncludes(includes: JsonObject): Includes {
  const index = (list: unknown, key: string): Map<string, JsonObject> => {
    const map = new Map<string, JsonObject>();
    for (const o of arr(list).filter(isObject)) {
      const id = str(o[key]);
      if (id !== undefined) map.set(id, o);
    }
    return map;
  };
  return {
    users: index(includes.users, 'id'),
    tweets: index(includes.tweets, 'id'),
    media: index(includes.media, 'media_key'),
    places: index(includes.places, 'id'),
    polls: index(includes.polls, 'id'),
  };
}

/** A readable reason from an API error object or an `{errors:[…]}` line. */
export function errorReason(value: unknown): string {
  const o = obj(value);
  const list = Array.isArray(o.errors) ? o.errors : [o];
  const reasons = list.map((e) => str(obj(e).detail) ?? str(obj(e).title) ?? str(obj(e).message) ?? 'error object');
  return `API error: ${unique(reasons).join('; ')}`;
}

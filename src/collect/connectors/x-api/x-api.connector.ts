import { ParseError } from '../../../core/errors.js';
import { FetchError } from '../../../core/fetcher.js';
import { arr, isObject, num, obj, str, unique, type JsonObject } from '../../imports/json-value.js';
import { parseXApiPage, type Includes, type XApiPage, type XPageTweet } from '../../imports/x-jsonl.parser.js';
import type {
  CapturedExchange,
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
import { classifyXError, rateLimitWaitMs, readRateLimit, type XErrorClass } from './x-api.errors.js';
import { recentSearchUrl, tweetsLookupUrl, userByUsernameUrl, userTimelineUrl, usersLookupUrl } from './x-api.requests.js';

export interface XApiConnectorOptions {
  /** `RASAD_X_API_URL` (see `xApiBaseUrl`). */
  baseUrl: string;
  /** `RASAD_X_BEARER_TOKEN`; null when not configured. */
  bearerToken: string | null;
  /** Longest 429 wait done inline before retrying once; longer waits return `throttled` (default 60 s). */
  maxInlineWaitMs?: number;
}

export const X_TOKEN_MISSING = 'X API bearer token not configured (RASAD_X_BEARER_TOKEN)';

/** Handle prefix of a recent-search source (`x:search:<query>` → handle `search:<query>`). */
export const X_SEARCH_PREFIX = 'search:';

/** Longest error text kept from an API problem body in a status reason. */
const MAX_REASON_CHARS = 400;

/** The cursor an X source keeps between polls. */
export type XCursor = {
  /** Newest tweet id read so far: the next poll asks only for newer ones. */
  sinceId: string;
};

/** Why a request gave no usable page. */
type Failure =
  | { type: 'throttled'; retryAfterMs: number }
  | { type: 'network'; code: string }
  | { type: 'server'; status: number }
  | { type: 'malformed'; status: number }
  /** Any other non-2xx (3xx not followed, 4xx); `json` is the error body when it is JSON. */
  | { type: 'http'; status: number; json: JsonObject | null };

type Answer = { ok: true; exchange: CapturedExchange; json: JsonObject } | { ok: false; exchange: CapturedExchange | null; failure: Failure };

const USER_REASONS: Record<Exclude<XErrorClass['kind'], 'other'>, string> = {
  suspended: 'x_user_suspended',
  not_found: 'x_user_not_found',
  protected: 'x_protected',
};

/** Paths of x.com that are not accounts (`x.com/i/…`, `x.com/search?…`). */
const RESERVED_PATHS = new Set([
  'i', 'home', 'search', 'explore', 'hashtag', 'intent', 'share', 'settings', 'messages', 'notifications',
  'login', 'logout', 'signup', 'tos', 'privacy', 'about', 'compose', 'download', 'account', 'following', 'followers',
]);

/**
 * Live X collection through the API v2 with an app bearer token: the account's timeline (or, for a
 * `search:<query>` source, the recent-search results) since the last seen id, and tweet re-checks
 * for liveness. Every request goes through `io.fetch`, so each page is preserved before it is read;
 * the token is sent only in the Authorization header.
 */
export function xApiConnector(options: XApiConnectorOptions): Connector {
  const { baseUrl } = options;
  const token = options.bearerToken?.trim() || null;
  const maxInlineWaitMs = options.maxInlineWaitMs ?? 60_000;
  /** Keeps the token out of any text that leaves the connector, whatever a server echoed back. */
  const redact = (text: string): string => (token ? text.split(token).join('[redacted]') : text);

  async function getJson(io: ConnectorIo, url: string): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      let exchange: CapturedExchange;
      try {
        exchange = await io.fetch({
          url,
          headers: { Authorization: `Bearer ${token ?? ''}`, Accept: 'application/json' },
          // A redirect could carry the Authorization header to another host: never follow one.
          maxRedirects: 0,
        });
      } catch (e) {
        if (e instanceof FetchError) return { ok: false, exchange: null, failure: { type: 'network', code: e.code } };
        throw e;
      }
      const { status } = exchange;
      if (status === 429) {
        const wait = rateLimitWaitMs(readRateLimit(exchange.headers), io.now().getTime());
        if (attempt === 0 && wait <= maxInlineWaitMs) {
          await io.sleep(wait);
          continue;
        }
        return { ok: false, exchange, failure: { type: 'throttled', retryAfterMs: wait } };
      }
      if (status >= 500) return { ok: false, exchange, failure: { type: 'server', status } };
      const json = readJson(exchange.body);
      if (status < 200 || status > 299) return { ok: false, exchange, failure: { type: 'http', status, json } };
      if (!json) return { ok: false, exchange, failure: { type: 'malformed', status } };
      return { ok: true, exchange, json };
    }
  }

  function failureStatus(failure: Failure): SourceStatus {
    switch (failure.type) {
      case 'throttled':
        return { state: 'throttled', reason: 'x_rate_limited', retryAfterMs: failure.retryAfterMs };
      case 'network':
        return { state: 'failed', reason: `fetch_${failure.code}` };
      case 'server':
        return { state: 'failed', reason: `x_api_http_${failure.status}` };
      case 'malformed':
        return { state: 'failed', reason: 'x_api_malformed_json' };
      case 'http': {
        const title = failure.json ? str(failure.json.title) : undefined;
        return { state: 'failed', reason: redact(`x_api_http_${failure.status}${title ? `: ${title}` : ''}`) };
      }
    }
  }

  async function poll(source: SourceState, io: ConnectorIo): Promise<PollResult> {
    const result: PollResult = { items: [], cursor: source.cursor, profile: null, status: { state: 'ok' }, discovered: [], links: [] };
    const stop = (status: SourceStatus): PollResult => ({ ...result, status });
    if (!token) return stop({ state: 'failed', reason: X_TOKEN_MISSING });
    if (source.handle.startsWith(X_SEARCH_PREFIX)) return pollSearch(source, io, result);
    const handle = source.handle.replace(/^@/, '').toLowerCase();

    let userId = source.externalId;
    if (!userId) {
      let url: string;
      try {
        url = userByUsernameUrl(baseUrl, handle);
      } catch {
        return stop({ state: 'failed', reason: 'x_bad_handle' });
      }
      const answer = await getJson(io, url);
      const gone = sourceGone(answer, { handle, userId: null });
      if (gone) return stop(gone);
      if (!answer.ok) return stop(failureStatus(answer.failure));
      const user = obj(answer.json.data);
      const id = str(user.id);
      if (!id || !/^\d+$/.test(id)) return stop({ state: 'failed', reason: 'x_api_unexpected: user lookup without a user id' });
      userId = id;
      result.profile = profileOf(user);
    }
    result.profile = { ...result.profile, externalId: userId };

    const since = source.cursor?.sinceId;
    const sinceId = typeof since === 'string' && /^\d+$/.test(since) ? since : null;
    const maxPages = Math.max(1, Math.floor(source.maxPages));
    const seen = new Set<string>();
    let newest = sinceId;
    let paginationToken: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const answer = await getJson(io, userTimelineUrl(baseUrl, userId, { sinceId, paginationToken }));
      const gone = sourceGone(answer, { handle, userId });
      if (gone) return { ...result, status: gone, cursor: source.cursor };
      // A page that failed after earlier ones keeps their items but not the new cursor, so the
      // next poll reads the gap again (items are keyed, re-reading is harmless; missing is not).
      if (!answer.ok) return { ...result, status: failureStatus(answer.failure), cursor: source.cursor };
      const { exchange, json } = answer;
      let parsed: XApiPage;
      try {
        parsed = parseXApiPage(json, exchange.url);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        return { ...result, status: { state: 'failed', reason: redact(`x_api_malformed: ${e.oneLine()}`) }, cursor: source.cursor };
      }
      if (parsed.tweets.length === 0 && json.data === undefined) {
        // No data at all and errors not about an included resource: nothing may be concluded.
        const fatal = parsed.errors.find((e) => classifyXError(e.error).section !== 'includes');
        if (fatal) return { ...result, status: { state: 'failed', reason: redact(`x_api_error: ${fatal.reason}`) }, cursor: source.cursor };
      }
      const me = parsed.includes.users.get(userId);
      if (me && !result.profile.title) result.profile = { ...profileOf(me), externalId: userId };
      for (const tweet of parsed.tweets) {
        if (seen.has(tweet.draft.key)) continue;
        seen.add(tweet.draft.key);
        result.items.push(collected(tweet, exchange.captureId));
        result.discovered.push(...discoveries(tweet, parsed.includes, { handle, userId }));
        result.links.push(...externalLinks(tweet.draft.links).map((url) => ({ url, via: tweet.draft.key })));
        newest = maxId(newest, tweet.draft.nativeId);
      }
      newest = maxId(newest, str(obj(json.meta).newest_id) ?? null);
      paginationToken = str(obj(json.meta).next_token) ?? null;
      if (!paginationToken) break;
    }
    if (newest && newest !== sinceId) result.cursor = { sinceId: newest } satisfies XCursor;
    return result;
  }

  /**
   * A recent-search source: the newest page of matches (and older ones through `meta.next_token`
   * while maxPages allows), only newer than the cursor's id. No account lookup, and never `gone`:
   * a search has no account. Items belong to their authors, who are reported as discoveries.
   */
  async function pollSearch(source: SourceState, io: ConnectorIo, result: PollResult): Promise<PollResult> {
    const keepCursor = (status: SourceStatus): PollResult => ({ ...result, status, cursor: source.cursor });
    const query = source.handle.slice(X_SEARCH_PREFIX.length).trim();
    const since = source.cursor?.sinceId;
    const cursorId = typeof since === 'string' && /^\d+$/.test(since) ? since : null;
    let sinceId = cursorId;
    try {
      recentSearchUrl(baseUrl, query, { sinceId });
    } catch (e) {
      return keepCursor({ state: 'failed', reason: redact(`x_bad_query: ${e instanceof Error ? e.message : String(e)}`) });
    }
    const maxPages = Math.max(1, Math.floor(source.maxPages));
    const seen = new Set<string>();
    let newest = sinceId;
    let paginationToken: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      let answer = await getJson(io, recentSearchUrl(baseUrl, query, { sinceId, paginationToken }));
      if (!answer.ok && page === 0 && sinceId !== null && staleSinceId(answer.failure)) {
        // The cursor fell out of the 7-day window (a long pause): what is older cannot be read any
        // more, so start again from the newest matches rather than failing on every poll.
        sinceId = null;
        answer = await getJson(io, recentSearchUrl(baseUrl, query, { paginationToken }));
      }
      // As for timelines: a failed page keeps the items read before it but not the new cursor.
      if (!answer.ok) return keepCursor(searchFailureStatus(answer.failure));
      const { exchange, json } = answer;
      let parsed: XApiPage;
      try {
        parsed = parseXApiPage(json, exchange.url);
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        return keepCursor({ state: 'failed', reason: redact(`x_api_malformed: ${e.oneLine()}`) });
      }
      if (parsed.tweets.length === 0 && json.data === undefined) {
        const fatal = parsed.errors.find((e) => classifyXError(e.error).section !== 'includes');
        if (fatal) return keepCursor({ state: 'failed', reason: redact(`x_api_error: ${fatal.reason}`) });
      }
      for (const tweet of parsed.tweets) {
        if (seen.has(tweet.draft.key)) continue;
        seen.add(tweet.draft.key);
        result.items.push(collected(tweet, exchange.captureId));
        const author = { handle: tweet.draft.author?.handle?.toLowerCase() ?? '', userId: tweet.draft.author?.id ?? '' };
        if (author.handle) result.discovered.push({ kind: 'x', handle: author.handle, via: tweet.draft.key, how: 'mention' });
        result.discovered.push(...discoveries(tweet, parsed.includes, author));
        result.links.push(...externalLinks(tweet.draft.links).map((url) => ({ url, via: tweet.draft.key })));
        newest = maxId(newest, tweet.draft.nativeId);
      }
      newest = maxId(newest, str(obj(json.meta).newest_id) ?? null);
      paginationToken = str(obj(json.meta).next_token) ?? null;
      if (!paginationToken) break;
    }
    if (newest && newest !== cursorId) result.cursor = { sinceId: newest } satisfies XCursor;
    return result;
  }

  /** As `failureStatus`, but a refused request names the API's own words (an invalid query says why). */
  function searchFailureStatus(failure: Failure): SourceStatus {
    if (failure.type !== 'http' || !failure.json) return failureStatus(failure);
    const { json } = failure;
    const head = [str(json.title), str(json.detail)].flatMap((w) => w ?? []).join(': ');
    const messages = unique(arr(json.errors).flatMap((e) => str(obj(e).message) ?? str(obj(e).detail) ?? []));
    const words = `${head}${messages.length > 0 ? ` (${messages.join('; ')})` : ''}`.trim();
    const text = redact(`x_api_http_${failure.status}${words ? `: ${words}` : ''}`).replace(/\s+/g, ' ').trim();
    return { state: 'failed', reason: text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text };
  }

  /** `gone` when the answer (2xx partial errors or a whole-request error) says the source's account is not there. */
  function sourceGone(answer: Answer, who: { handle: string; userId: string | null }): SourceStatus | null {
    const json = answer.ok ? answer.json : answer.failure.type === 'http' ? answer.failure.json : null;
    // A user object, or tweets, mean the account answered: remaining errors are about others.
    if (!json || isObject(json.data) || arr(json.data).length > 0) return null;
    for (const error of errorObjects(json)) {
      const c = classifyXError(error);
      if (c.kind === 'other' || c.section === 'includes' || c.resourceType !== 'user') continue;
      // `entities.mentions.username`, `referenced_tweets.id.author_id`: an included account.
      if (str(error.parameter)?.includes('.')) continue;
      const id = c.resourceId?.replace(/^@/, '').toLowerCase() ?? null;
      if (id === null || id === who.handle || id === who.userId) return { state: 'gone', reason: USER_REASONS[c.kind] };
    }
    return null;
  }

  async function checkItem(item: ItemRef, source: SourceState, io: ConnectorIo): Promise<LivenessVerdict> {
    if (!token) return { verdict: 'unreachable', reason: 'x_token_missing', status: null, captureId: null };
    const id = item.nativeId;
    if (!/^\d{1,20}$/.test(id)) return { verdict: 'unreachable', reason: 'x_bad_tweet_id', status: null, captureId: null };
    const answer = await getJson(io, tweetsLookupUrl(baseUrl, [id], 'liveness'));
    const captureId = answer.exchange?.captureId ?? null;
    const status = answer.exchange?.status ?? null;
    const verdict = (v: LivenessVerdict['verdict'], reason: string): LivenessVerdict => ({ verdict: v, reason, status, captureId });
    if (!answer.ok && answer.failure.type === 'throttled') return verdict('throttled', 'x_rate_limited');
    const json = answer.ok ? answer.json : answer.failure.type === 'http' ? answer.failure.json : null;
    if (!json) return verdict('unreachable', answer.ok ? 'x_api_malformed_json' : reasonCode(answer.failure));
    if (answer.ok && arr(json.data).concat(isObject(json.data) ? [json.data] : []).some((t) => str(obj(t).id) === id)) {
      return verdict('live', 'ok');
    }
    const errors = errorObjects(json).map(classifyXError);
    // twarc's order (utils/deletes.py): the author first, then the tweet.
    const user = errors.find((e) => e.resourceType === 'user' && (e.kind === 'suspended' || e.kind === 'not_found'));
    if (user && user.kind !== 'other') return verdict('gone', USER_REASONS[user.kind]);
    // Only errors that name a tweet or a user count: a whole-request error (a wrong base URL's 404) says nothing.
    if (errors.some((e) => e.kind === 'protected' && (e.resourceType === 'tweet' || e.resourceType === 'user'))) {
      return verdict('gone', 'x_protected');
    }
    const tweetGone = errors.some((e) => e.kind === 'not_found' && e.resourceType === 'tweet' && (e.resourceId === null || e.resourceId === id));
    if (!tweetGone) return verdict('unreachable', answer.ok ? 'x_api_unexpected' : reasonCode(answer.failure));
    const author = source.externalId && /^\d+$/.test(source.externalId) ? source.externalId : null;
    if (author) {
      const why = await authorVerdict(io, author);
      if (why) return why;
    }
    return verdict('gone', 'x_tweet_not_found');
  }

  /** A missing tweet's author re-checked: gone with the account's reason, or null when the account is fine or unknown. */
  async function authorVerdict(io: ConnectorIo, userId: string): Promise<LivenessVerdict | null> {
    const answer = await getJson(io, usersLookupUrl(baseUrl, [userId]));
    if (!answer.ok) return null;
    const out = (reason: string): LivenessVerdict => ({ verdict: 'gone', reason, status: answer.exchange.status, captureId: answer.exchange.captureId });
    const user = arr(answer.json.data).map(obj).find((u) => str(u.id) === userId);
    if (user) return user.protected === true ? out('x_protected') : null;
    const c = errorObjects(answer.json).map(classifyXError).find((e) => e.resourceType === 'user');
    return c && c.kind !== 'other' ? out(USER_REASONS[c.kind]) : null;
  }

  return { kind: 'x', poll, checkItem };
}

/** A 400 saying that `since_id` is older than the recent-search window ("must be a tweet id created after …"). */
function staleSinceId(failure: Failure): boolean {
  if (failure.type !== 'http' || failure.status !== 400 || !failure.json) return false;
  return errorObjects(failure.json).some((e) => isObject(e.parameters) && 'since_id' in e.parameters);
}

function reasonCode(failure: Failure): string {
  switch (failure.type) {
    case 'throttled':
      return 'x_rate_limited';
    case 'network':
      return `fetch_${failure.code}`;
    case 'server':
    case 'http':
      return `x_api_http_${failure.status}`;
    case 'malformed':
      return 'x_api_malformed_json';
  }
}

function readJson(body: Uint8Array): JsonObject | null {
  try {
    const value = JSON.parse(new TextDecoder().decode(body)) as unknown;
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The error objects of a body: its `errors` list, or the body itself when it is one whole-request error. */
function errorObjects(json: JsonObject): JsonObject[] {
  if (Array.isArray(json.errors)) return json.errors.filter(isObject);
  return 'title' in json || 'detail' in json ? [json] : [];
}

function profileOf(user: JsonObject): SourceProfile {
  const username = str(user.username);
  return {
    title: str(user.name) ?? null,
    description: str(user.description) ?? null,
    url: username ? `https://x.com/${username}` : null,
    externalId: str(user.id) ?? null,
    audience: num(obj(user.public_metrics).followers_count) ?? null,
  };
}

function collected(tweet: XPageTweet, captureId: string): CollectedItem {
  const mediaUrls = unique(tweet.draft.media.flatMap((m) => m.url ?? []));
  return { draft: tweet.draft, captureId, mediaUrls };
}

/** The larger of two numeric tweet ids (ids are 64-bit: compare as BigInt). */
function maxId(a: string | null, b: string | null): string | null {
  if (a === null || !/^\d+$/.test(a)) return b !== null && /^\d+$/.test(b) ? b : a;
  if (b === null || !/^\d+$/.test(b)) return a;
  return BigInt(b) > BigInt(a) ? b : a;
}

/**
 * Accounts a tweet points at: retweeted (`forward`), quoted, replied to, mentioned, or linked as
 * `x.com/<name>`; one entry per account and tweet, the source itself left out.
 */
function discoveries(tweet: XPageTweet, inc: Includes, self: { handle: string; userId: string }): Discovery[] {
  const { raw, draft } = tweet;
  const found = new Map<string, Discovery['how']>();
  const add = (username: string | undefined, how: Discovery['how']): void => {
    const handle = username?.toLowerCase();
    if (handle && handle !== self.handle && !found.has(handle)) found.set(handle, how);
  };
  // By id as well, so that the source's own threads and retweets stay out after a rename.
  const usernameOf = (userId: unknown): string | undefined => {
    const id = str(userId);
    return id === undefined || id === self.userId ? undefined : str(inc.users.get(id)?.username);
  };
  const authorOf = (tweetId: unknown): string | undefined => usernameOf(inc.tweets.get(str(tweetId) ?? '')?.author_id);
  const refs = arr(raw.referenced_tweets).filter(isObject);
  const how: Record<string, Discovery['how']> = { retweeted: 'forward', quoted: 'quote', replied_to: 'reply' };
  for (const ref of refs) {
    const h = how[str(ref.type) ?? ''];
    if (!h) continue;
    add(authorOf(ref.id) ?? (ref.type === 'replied_to' ? usernameOf(raw.in_reply_to_user_id) : undefined), h);
  }
  if (refs.length === 0 && raw.in_reply_to_user_id !== undefined) add(usernameOf(raw.in_reply_to_user_id), 'reply');
  for (const m of arr(obj(raw.entities).mentions)) if (str(obj(m).id) !== self.userId) add(str(obj(m).username), 'mention');
  for (const url of draft.links) add(xAccountInUrl(url), 'link');
  return [...found].map(([handle, h]) => ({ kind: 'x', handle, via: draft.key, how: h }));
}

function xHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^(?:www|mobile)\./, '');
  return h === 'x.com' || h === 'twitter.com' || h.endsWith('.twitter.com') || h.endsWith('.x.com') || h === 't.co';
}

/** `https://x.com/<name>` or `…/<name>/status/<id>` → the name. */
function xAccountInUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  if (!xHost(u.hostname) || u.hostname === 't.co') return undefined;
  const name = u.pathname.split('/')[1] ?? '';
  return /^[A-Za-z0-9_]{1,50}$/.test(name) && !RESERVED_PATHS.has(name.toLowerCase()) ? name : undefined;
}

/** Expanded links of a tweet that point outside X (articles to follow). */
function externalLinks(links: readonly string[]): string[] {
  return links.filter((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && !xHost(new URL(url).hostname));
}

/**
 * URL builders for the X API v2 endpoints a monitor uses (COLLECTION.md 3.1–3.2): user lookup,
 * timelines, recent search, tweet and user lookups. Pure: no I/O, no token (the bearer token
 * travels only in the Authorization header, never in a URL).
 */

/** Base URL when `RASAD_X_API_URL` is not set. */
export const DEFAULT_X_API_URL = 'https://api.x.com';

/** Largest `ids` list `GET /2/tweets` and `GET /2/users` accept. */
export const MAX_LOOKUP_IDS = 100;

/** Largest `max_results` of a user timeline page (the API accepts 5–100). */
export const MAX_TIMELINE_RESULTS = 100;

/** twarc2's full default field and expansion lists (COLLECTION.md 3.2). */
export const EXPANSIONS = [
  'author_id',
  'in_reply_to_user_id',
  'referenced_tweets.id',
  'referenced_tweets.id.author_id',
  'entities.mentions.username',
  'attachments.poll_ids',
  'attachments.media_keys',
  'geo.place_id',
  'edit_history_tweet_ids',
] as const;

export const TWEET_FIELDS = [
  'attachments',
  'author_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'public_metrics',
  'text',
  'possibly_sensitive',
  'referenced_tweets',
  'reply_settings',
  'source',
  'withheld',
  'edit_controls',
  'edit_history_tweet_ids',
] as const;

export const USER_FIELDS = [
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'name',
  'pinned_tweet_id',
  'profile_image_url',
  'protected',
  'public_metrics',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
] as const;

export const MEDIA_FIELDS = [
  'alt_text',
  'duration_ms',
  'height',
  'media_key',
  'preview_image_url',
  'type',
  'url',
  'width',
  'variants',
  'public_metrics',
] as const;

export const POLL_FIELDS = ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status'] as const;

export const PLACE_FIELDS = [
  'contained_within',
  'country',
  'country_code',
  'full_name',
  'geo',
  'id',
  'name',
  'place_type',
] as const;

/** Query parameters asking for every field and expansion a collected tweet keeps. */
const FULL_TWEET_PARAMS: Record<string, string> = {
  expansions: EXPANSIONS.join(','),
  'tweet.fields': TWEET_FIELDS.join(','),
  'user.fields': USER_FIELDS.join(','),
  'media.fields': MEDIA_FIELDS.join(','),
  'poll.fields': POLL_FIELDS.join(','),
  'place.fields': PLACE_FIELDS.join(','),
};

/** Just enough to tell whether a tweet and its author are still there (liveness re-checks). */
const LIVENESS_PARAMS: Record<string, string> = {
  expansions: 'author_id',
  'tweet.fields': 'id,author_id,created_at',
  'user.fields': 'id,username,protected',
};

/** `RASAD_X_API_URL` (or the default) without a trailing slash; rejects what is not an http(s) URL. */
export function xApiBaseUrl(value: string | undefined): string {
  const raw = value?.trim() || DEFAULT_X_API_URL;
  if (!URL.canParse(raw)) throw new Error(`RASAD_X_API_URL is not a URL: ${raw}`);
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`RASAD_X_API_URL must be http(s): ${raw}`);
  return raw.replace(/\/+$/, '');
}

/** `GET /2/users/by/username/:username` with the user fields (a leading `@` is dropped). */
export function userByUsernameUrl(baseUrl: string, username: string): string {
  const name = username.trim().replace(/^@/, '');
  if (!/^[A-Za-z0-9_]{1,50}$/.test(name)) throw new Error(`not an X username: ${username}`);
  return build(baseUrl, `/2/users/by/username/${name}`, { 'user.fields': USER_FIELDS.join(',') });
}

export interface TimelineParams {
  /** Only tweets newer than this id. */
  sinceId?: string | null;
  /** `meta.next_token` of the previous page. */
  paginationToken?: string | null;
  /** 5–100 (default 100). */
  maxResults?: number;
}

/** `GET /2/users/:id/tweets`, newest first, with every field and expansion. */
export function userTimelineUrl(baseUrl: string, userId: string, params: TimelineParams = {}): string {
  checkIds([userId], 'user id');
  const max = params.maxResults ?? MAX_TIMELINE_RESULTS;
  if (!Number.isInteger(max) || max < 5 || max > MAX_TIMELINE_RESULTS) throw new Error(`max_results must be 5–100, not ${max}`);
  const query: Record<string, string> = { max_results: String(max), ...FULL_TWEET_PARAMS };
  if (params.sinceId) {
    checkIds([params.sinceId], 'since_id');
    query.since_id = params.sinceId;
  }
  if (params.paginationToken) query.pagination_token = params.paginationToken;
  return build(baseUrl, `/2/users/${userId}/tweets`, query);
}

/** Longest recent-search query on X's basic tiers (Pro allows 1 024, Enterprise 4 096). */
export const MAX_SEARCH_QUERY_LENGTH = 512;

/** `max_results` bounds of a recent-search page (the API accepts 10–100). */
export const MIN_SEARCH_RESULTS = 10;
export const MAX_SEARCH_RESULTS = 100;

export interface RecentSearchParams {
  /** Only tweets newer than this id (the API refuses one older than its 7-day window). */
  sinceId?: string | null;
  /** `meta.next_token` of the previous page (sent as `next_token`). */
  paginationToken?: string | null;
  /** 10–100 (default 100). */
  maxResults?: number;
}

/**
 * `GET /2/tweets/search/recent` (the last 7 days), newest first, with every field and expansion a
 * timeline page asks for. The query is sent as typed (trimmed): 1–512 characters, one line.
 */
export function recentSearchUrl(baseUrl: string, query: string, params: RecentSearchParams = {}): string {
  const q = query.trim();
  const length = [...q].length;
  if (length === 0) throw new Error('the search query is empty');
  if (length > MAX_SEARCH_QUERY_LENGTH) throw new Error(`the search query is ${length} characters; X recent search allows at most ${MAX_SEARCH_QUERY_LENGTH}`);
  if (/[\r\n]/.test(q)) throw new Error('the search query must be one line');
  const max = params.maxResults ?? MAX_SEARCH_RESULTS;
  if (!Number.isInteger(max) || max < MIN_SEARCH_RESULTS || max > MAX_SEARCH_RESULTS) throw new Error(`max_results must be 10–100, not ${max}`);
  const out: Record<string, string> = { query: q, max_results: String(max), ...FULL_TWEET_PARAMS };
  if (params.sinceId) {
    checkIds([params.sinceId], 'since_id');
    out.since_id = params.sinceId;
  }
  if (params.paginationToken) out.next_token = params.paginationToken;
  return build(baseUrl, '/2/tweets/search/recent', out);
}

/** `GET /2/tweets?ids=` (1–100 ids): `full` asks for everything a collected tweet keeps, `liveness` for the minimum. */
export function tweetsLookupUrl(baseUrl: string, ids: readonly string[], fields: 'full' | 'liveness' = 'full'): string {
  checkIds(ids, 'tweet id');
  return build(baseUrl, '/2/tweets', { ids: ids.join(','), ...(fields === 'full' ? FULL_TWEET_PARAMS : LIVENESS_PARAMS) });
}

/** `GET /2/users?ids=` (1–100 ids) with the user fields. */
export function usersLookupUrl(baseUrl: string, ids: readonly string[]): string {
  checkIds(ids, 'user id');
  return build(baseUrl, '/2/users', { ids: ids.join(','), 'user.fields': USER_FIELDS.join(',') });
}

function checkIds(ids: readonly string[], what: string): void {
  if (ids.length === 0) throw new Error(`no ${what} given`);
  if (ids.length > MAX_LOOKUP_IDS) throw new Error(`at most ${MAX_LOOKUP_IDS} ids per lookup, got ${ids.length}`);
  for (const id of ids) if (!/^\d{1,20}$/.test(id)) throw new Error(`not a numeric ${what}: ${id}`);
}

function build(baseUrl: string, path: string, query: Record<string, string>): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

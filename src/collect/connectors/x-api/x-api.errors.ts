/**
 * Reading X API v2 errors and rate limits (COLLECTION.md 3.3–3.4). Pure.
 *
 * Deletion, suspension and protection arrive as error objects, most often inside a 200 body
 * (`{"data": …, "errors": [{title, detail, type, resource_type, resource_id, …}]}`), sometimes as a
 * whole-request error (`{title, detail, type, status}` with a non-2xx status).
 */
import { headerValue, type HeaderList } from '../../../core/fetcher.js';
import { isObject, num, str } from '../../imports/json-value.js';

export type XErrorKind = 'suspended' | 'not_found' | 'protected' | 'other';

export interface XErrorClass {
  kind: XErrorKind;
  /** `user`, `tweet`, `media`…, from `resource_type` or else from the detail's wording; null when neither says. */
  resourceType: string | null;
  /** The id or username the error is about (`resource_id`, `value`, or the `[…]` of the detail). */
  resourceId: string | null;
  /** `includes` when the error is about an included (referenced) resource rather than the one asked for. */
  section: string | null;
}

/** Legacy v1.1 error codes still met in old archives and some v2 proxies (twarc `utils/deletes.py`). */
const V1_CODES: ReadonlyMap<number, { kind: XErrorKind; resourceType: string }> = new Map([
  [63, { kind: 'suspended', resourceType: 'user' }],
  [50, { kind: 'not_found', resourceType: 'user' }],
  [144, { kind: 'not_found', resourceType: 'tweet' }],
  [34, { kind: 'not_found', resourceType: 'tweet' }],
  [179, { kind: 'protected', resourceType: 'tweet' }],
]);

/** Classifies one API error object (partial error or whole-request error). */
export function classifyXError(error: unknown): XErrorClass {
  const e = isObject(error) ? error : {};
  const title = str(e.title) ?? '';
  const detail = str(e.detail) ?? str(e.message) ?? '';
  const type = str(e.type) ?? '';
  const bracketed = /\[([^\]]*)\]/.exec(detail)?.[1]?.trim();
  const resourceId = str(e.resource_id) ?? str(e.value) ?? (bracketed || null);
  const section = str(e.section) ?? null;
  const v1 = V1_CODES.get(num(e.code) ?? -1);
  const resourceType = str(e.resource_type)?.toLowerCase() ?? v1?.resourceType ?? typeFromDetail(detail);
  let kind: XErrorKind = 'other';
  // Suspension is reported with title `Forbidden` but type `resource-not-found`: test it first.
  if (/\bsuspended\b/i.test(detail)) kind = 'suspended';
  else if (title === 'Not Found Error' || /Could not find/i.test(detail)) kind = 'not_found';
  else if (title === 'Authorization Error' || type.endsWith('/not-authorized-for-resource')) kind = 'protected';
  else if (type.endsWith('/resource-not-found')) kind = 'not_found';
  else if (v1) kind = v1.kind;
  return { kind, resourceType, resourceId, section };
}

/** "Could not find tweet with ids", "…the user with id" → the resource the sentence names. */
function typeFromDetail(detail: string): string | null {
  // The bracketed part is the id or name asked for, which may itself be any word.
  const m = /\b(tweet|user|media|poll|place|list|space)s?\b/i.exec(detail.replace(/\[[^\]]*\]/g, ''));
  return m?.[1]?.toLowerCase() ?? null;
}

export interface RateLimit {
  limit: number | null;
  remaining: number | null;
  /** `x-rate-limit-reset`: Unix seconds when the window resets. */
  resetAt: number | null;
  /** `retry-after` in seconds, when a proxy or usage cap sends one. */
  retryAfter: number | null;
}

/** The rate-limit headers of a response (all null when absent or not numbers). */
export function readRateLimit(headers: HeaderList): RateLimit {
  const int = (name: string): number | null => {
    const v = headerValue(headers, name)?.trim();
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  return {
    limit: int('x-rate-limit-limit'),
    remaining: int('x-rate-limit-remaining'),
    resetAt: int('x-rate-limit-reset'),
    retryAfter: int('retry-after'),
  };
}

/** Wait after a 429 while the window still has requests left (the hidden 1 request/second limit). */
export const SHORT_WAIT_MS = 10_000;
/** Added to the reset time, for clock skew. */
export const RESET_MARGIN_MS = 10_000;
export const MIN_WAIT_MS = 10_000;
/** One 15-minute window and a second. */
export const MAX_WAIT_MS = 901_000;

/**
 * How long to wait after a 429 (twarc `decorators2.rate_limit`): requests left in the window → a
 * short fixed wait; else until `x-rate-limit-reset` + margin, clamped to [10 s, 901 s]. With no
 * reset header, `retry-after` is used, and with neither the whole window.
 */
export function rateLimitWaitMs(rate: RateLimit, nowMs: number): number {
  if (rate.remaining !== null && rate.remaining > 0) return SHORT_WAIT_MS;
  const clamp = (ms: number): number => Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, Math.ceil(ms)));
  if (rate.resetAt !== null) return clamp(rate.resetAt * 1000 - nowMs + RESET_MARGIN_MS);
  if (rate.retryAfter !== null) return clamp(rate.retryAfter * 1000);
  return MAX_WAIT_MS;
}

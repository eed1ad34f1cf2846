/**
 * The HTTP port every connector fetches through. The implementation (collect/http) enforces the
 * safety rules (sizes, times, redirects, address policy, no cookies) and returns the exchange as
 * it happened, so the preserver can write it to the evidence store and the WARC file unchanged.
 */

/** Header lines in the order and case they were sent or received. */
export type HeaderList = Array<[name: string, value: string]>;

export interface FetchRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  /** Extra request headers (the fetcher adds User-Agent, Accept-Encoding, Host). */
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Largest body accepted, in bytes (default from settings); larger → FetchError `too_large`. */
  maxBytes?: number;
  /** Whole-exchange deadline in ms (default from settings) → FetchError `timeout`. */
  timeoutMs?: number;
  /** Redirects followed (default 5); 0 returns the 3xx itself. Each hop is re-checked. */
  maxRedirects?: number;
}

/** One redirect hop that was followed. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
  headers: HeaderList;
}

/** A completed HTTP exchange (any status: 404 and 500 are exchanges, not errors). */
export interface HttpExchange {
  /** URL asked for. */
  url: string;
  /** URL of the final response, after redirects. */
  finalUrl: string;
  redirects: RedirectHop[];
  status: number;
  statusText: string;
  /** "1.1" */
  httpVersion: string;
  /** The final request as sent (method, URL, header lines), for the WARC request record. */
  request: { method: string; url: string; headers: HeaderList; body?: Uint8Array };
  /** Final response header lines as received. */
  headers: HeaderList;
  /** Payload as sent by the server: de-chunked but still content-encoded (what the WARC keeps). */
  rawBody: Uint8Array;
  /** Payload after content decoding (gzip, deflate, br): what parsers read. */
  body: Uint8Array;
  /** ISO-8601 UTC time the request started. */
  startedAt: string;
  elapsedMs: number;
  /** IP address the final response came from. */
  remoteAddress: string | null;
}

export type FetchErrorCode = 'bad_url' | 'refused_address' | 'too_large' | 'timeout' | 'too_many_redirects' | 'network';

/** A fetch that produced no usable exchange; `code` is stable, `message` one line. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<HttpExchange>;
}

/** The first value of a header, case-insensitively. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** `Retry-After` (delta-seconds or an HTTP date) in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(headers: HeaderList, now: Date): number | null {
  const value = headerValue(headers, 'retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

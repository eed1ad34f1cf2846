// Words for the reason codes the collector and the liveness checker record, and the classes of
// the status and liveness badges. Unknown codes are shown as they are.

const REASONS: Record<string, string> = {
  tg_post_not_found: 'post not found on Telegram',
  tg_post_live: 'post still on Telegram',
  tg_post_present: 'post still on Telegram',
  tg_username_unoccupied: 'channel username no longer exists',
  tg_username_invalid: 'not a valid Telegram username',
  tg_bad_handle: 'not a valid Telegram username',
  tg_channel_private: 'channel made private',
  tg_not_a_channel: 'not a public channel',
  tg_channel_id_changed: 'username now belongs to another channel',
  tg_no_preview: 'channel has no public web preview',
  tg_empty_page: 'Telegram returned an empty page',
  tg_unexpected_page: 'Telegram returned an unexpected page',
  tg_embed_mismatch: 'Telegram showed a different post',
  tg_challenge: 'Telegram asked for a challenge (not conclusive)',
  tg_throttled: 'rate-limited by Telegram (not conclusive)',
  tg_flood_wait: 'rate-limited by Telegram (not conclusive)',
  x_user_suspended: 'account suspended',
  x_user_not_found: 'account not found (deleted or renamed)',
  x_tweet_not_found: 'post not found on X',
  x_protected: 'account protected (posts hidden)',
  x_rate_limited: 'rate-limited by X (not conclusive)',
  x_token_missing: 'no X API token configured',
  x_bad_handle: 'not a valid X handle',
  web_404: 'page removed (404)',
  web_410: 'page removed for good (410)',
  web_451: 'unavailable for legal reasons (451)',
  web_soft404: 'page now says “not found”',
  web_redirect_home: 'page now redirects to the home page',
  web_no_article: 'article text no longer on the page',
  fetch_timeout: 'timed out (not conclusive)',
  fetch_network: 'network error (not conclusive)',
  fetch_too_large: 'too large to fetch',
  fetch_bad_url: 'not a fetchable URL',
};

/** The leading code of a reason (`tg_post_not_found`, or `fetch_timeout` in `fetch_timeout: …`). */
export function reasonCode(reason: string): string {
  const m = /^([a-z][a-z0-9_]*)(?::|$)/i.exec(reason.trim());
  return m?.[1] ?? reason.trim();
}

/** A reason code in words: `tg_post_not_found` → “post not found on Telegram”. */
export function reasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  const code = reasonCode(reason);
  const known = REASONS[code];
  if (known) return known;
  const http = /^(?:x_api_)?http_(\d{3})$/.exec(code);
  if (http) return `HTTP ${http[1]}`;
  return reason;
}

const STATUS_CLASSES = new Set(['active', 'paused', 'quarantined', 'gone']);
const LIVENESS_CLASSES = new Set(['live', 'suspected', 'gone', 'restored', 'unknown', 'throttled', 'unreachable']);

/** The badge class of a source status (`status-active`…). */
export function statusClass(status: string): string {
  return 'badge status-badge status-' + (STATUS_CLASSES.has(status) ? status : 'other');
}

/** The badge class of an item's liveness state or of a check's verdict (`liveness-gone`…). */
export function livenessClass(state: string): string {
  return 'badge status-badge liveness-' + (LIVENESS_CLASSES.has(state) ? state : 'unknown');
}

/** `a1b2c3d4…e5f6`: enough of a hash to tell captures apart; the full value goes in a title. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;
}

/** `1.2 MB`, `840 B`. */
export function formatBytes(n: number | null): string {
  if (n === null) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

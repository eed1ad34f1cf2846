import { TranslationError, type TranslationFailureKind } from '../../core/translator.js';
import { isJsonObject } from './json-object.js';

/** How one engine call is made and how its failures are read. */
export interface PostJsonOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  /** The caller's cancellation (shutdown); its abort is rethrown as is, not reported as a timeout. */
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Engine-specific statuses (DeepL's 456 "quota exceeded") classified before the generic rules. */
  statusKinds?: Partial<Record<number, TranslationFailureKind>>;
  /** Strings never to repeat in an error message (API keys), in case a server echoes them back. */
  secrets?: readonly string[];
  /** Milliseconds since the epoch, to turn an HTTP-date Retry-After into seconds. */
  now?: () => number;
}

const messageLimit = 200;

/** POSTs `body` as JSON and returns the parsed JSON answer; every failure is a classified TranslationError. */
export async function postJson(url: string, body: unknown, opts: PostJsonOptions): Promise<unknown> {
  const doFetch = opts.fetch ?? fetch;
  const where = new URL(url).host;
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const redact = (text: string) => redactSecrets(text, opts.secrets ?? []);

  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
      body: JSON.stringify(body),
      signal,
      // A translation endpoint has no reason to redirect; following one would send the key and the
      // text to an address the operator did not configure.
      redirect: 'manual',
    });
    // The same signal bounds the body, so a server that sends headers and then stalls still times out.
    text = await response.text();
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (timeout.aborted || isAbort(error)) {
      throw new TranslationError('timeout', `${where} did not answer within ${opts.timeoutMs} ms`);
    }
    throw new TranslationError('network', redact(`cannot reach ${where}: ${networkCause(error)}`));
  }

  const status = response.status;
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location') ?? 'an unknown address';
    throw new TranslationError('config', redact(`${where} redirected (${status}) to ${location}; set the final address in RASAD_TRANSLATE_URL`), { status });
  }
  if (!response.ok) {
    const kind = opts.statusKinds?.[status] ?? kindForStatus(status);
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), (opts.now ?? Date.now)());
    const details = retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds };
    throw new TranslationError(kind, redact(`${where} answered ${status}: ${serverMessage(text)}`), details);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TranslationError('bad_response', redact(`${where} answered ${status} with a body that is not JSON: ${clip(text)}`), { status });
  }
}

/** Seconds to wait from a Retry-After header (delay in seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function kindForStatus(status: number): TranslationFailureKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad_response';
}

/** The server's own explanation: OpenAI `{error:{message}}`, LibreTranslate `{error}`, DeepL `{message}`, vLLM `{detail}`, else the raw body. */
function serverMessage(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return clip(body);
  }
  if (isJsonObject(parsed)) {
    const error = parsed.error;
    for (const candidate of [isJsonObject(error) ? error.message : error, parsed.message, parsed.detail]) {
      if (typeof candidate === 'string' && candidate.trim() !== '') return clip(candidate);
    }
  }
  return clip(body);
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > messageLimit ? `${flat.slice(0, messageLimit)}…` : flat;
}

function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => (secret === '' ? out : out.split(secret).join('[redacted]')), text);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

// undici reports every connection failure as TypeError("fetch failed") with the socket error as cause.
function networkCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

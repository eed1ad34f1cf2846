import { createHash } from 'node:crypto';
import type { TranslationError } from '../core/translator.js';

/** The translate stage's identity; its outputs are stored as `translate@1`. */
export const translateStage = { name: 'translate', version: 1 } as const;

/** Longest text sent to an engine in one request (long articles are cut, and say so). */
export const MAX_TRANSLATE_CHARS = 8000;

/** Attempts before a retryable failure is given up as `failed`. */
export const MAX_ATTEMPTS = 8;

/** Whether an item in `language` needs translating into `target`. */
export function needsTranslation(text: string, language: string | null, target: string): boolean {
  if (!language || language === 'und' || language === target) return false;
  return /\p{L}/u.test(text);
}

/** What is sent to the engine: title and text, cut at MAX_TRANSLATE_CHARS on a sentence boundary. */
export function textToTranslate(text: string, title: string | null | undefined): { text: string; truncated: boolean } {
  const full = title ? `${title}\n\n${text}` : text;
  if (full.length <= MAX_TRANSLATE_CHARS) return { text: full, truncated: false };
  const cut = full.slice(0, MAX_TRANSLATE_CHARS);
  const end = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf('. '), cut.lastIndexOf('۔'), cut.lastIndexOf('.'));
  return { text: end > MAX_TRANSLATE_CHARS / 2 ? cut.slice(0, end + 1) : cut, truncated: true };
}

/** The cache key's text hash. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * When to try again after a failed attempt: exponential from one minute, capped at a day, with
 * a deterministic ±20% spread per item so a burst of failures does not retry in lockstep; an
 * engine's Retry-After wins when it asks for longer.
 */
export function nextAttemptDelaySeconds(attempts: number, itemId: string, error: TranslationError): number {
  const base = Math.min(86_400, 60 * 2 ** Math.max(0, attempts - 1));
  const spread = ((createHash('sha256').update(itemId).digest()[0] ?? 128) / 255 - 0.5) * 0.4;
  const delay = Math.round(base * (1 + spread));
  return Math.max(delay, error.details.retryAfterSeconds ?? 0);
}

import { jsonParseError } from './json-syntax.js';

/**
 * Parses a Telegram Desktop `result.json`. Desktop writes control characters as `\xNN`, which is
 * not JSON; such files are retried with those escapes rewritten to `\u00NN` (inside strings only).
 */
export function parseTelegramJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const fixed = rewriteHexEscapes(text);
    if (fixed !== null) {
      try {
        return JSON.parse(fixed) as unknown;
      } catch {
        throw jsonParseError(fixed, file);
      }
    }
    throw jsonParseError(text, file);
  }
}

/** The text with `\xNN` string escapes turned into `\u00NN`, or null when it has none. */
export function rewriteHexEscapes(text: string): string | null {
  if (!text.includes('\\x')) return null;
  const parts: string[] = [];
  let last = 0;
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inString = !inString;
    else if (c === 0x5c && inString) {
      // Step over the escaped character so `\\x41` (a literal backslash) and `\"` stay as they are.
      if (text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        parts.push(text.slice(last, i), '\\u00');
        last = i + 2;
        changed = true;
      }
      i++;
    }
  }
  if (!changed) return null;
  parts.push(text.slice(last));
  return parts.join('');
}

import { ParseError } from '../../core/errors.js';

/** Prefixes users paste along with a handle (`@name`, `https://t.me/name`, `x.com/name`). */
const PREFIX = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me\/(?:s\/)?|(?:x|twitter)\.com\/)?@?/i;

/** `--channel` value → the lower-case handle used in item keys, or undefined when not given. */
export function channelHandle(channel: string | undefined, fileName: string): string | undefined {
  if (channel === undefined || channel.trim() === '') return undefined;
  const handle = channel.trim().replace(PREFIX, '').replace(/\/+$/, '').toLowerCase();
  // Telegram and X usernames are letters, digits and underscores; anything else would corrupt keys.
  if (!/^[a-z0-9_]+$/.test(handle)) {
    throw new ParseError(`--channel "${channel}" is not a channel username`, { file: fileName, field: 'channel' });
  }
  return handle;
}

/** Last path segment of a file name, for keys and source handles that fall back to it. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() || fileName;
}

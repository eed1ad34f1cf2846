import { ParseError } from '../../core/errors.js';

const SAMPLE = 8192;

/** Bytes → text: a BOM wins (UTF-8, UTF-16 LE/BE), then strict UTF-8, then the declared encoding, then windows-1252. */
export function decodeBytes(bytes: Uint8Array, declaredEncoding?: string): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes);
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: legacy files (feeds, old pages) say what they are, or are usually windows-1252.
    const encoding = knownEncoding(declaredEncoding) ?? 'windows-1252';
    return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
  }
}

/** True when the bytes look like binary data: NUL bytes or many control characters near the start. */
export function looksBinary(bytes: Uint8Array): boolean {
  const [b0, b1] = bytes;
  // UTF-16 text is full of NUL bytes; its BOM is the only reliable sign, so trust it.
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return false;
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** The encoding a file declares in its first bytes (`<?xml encoding=…?>`, `<meta charset=…>`), if any. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return xml?.[1] ?? meta?.[1];
}

/** The file's text for a parser, or ParseError("binary data, not a <format> file"). */
export function decodeInput(bytes: Uint8Array, fileName: string, formatLabel: string): string {
  if (looksBinary(bytes)) throw new ParseError(`binary data, not ${withArticle(formatLabel)} file`, { file: fileName });
  return decodeBytes(bytes, declaredEncoding(bytes));
}

/** WHATWG windows-1252 for bytes 0x80–0x9F; every other byte is its own code point. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * windows-1252 (also what the labels iso-8859-1 and latin1 mean on the web). Done by hand because
 * Node 20.18.3+ decodes it as Latin-1, turning € and curly quotes into C1 controls (nodejs/node#60888).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Uint16Array(8192);
  for (let start = 0; start < bytes.length; start += chunk.length) {
    const end = Math.min(start + chunk.length, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      chunk[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b;
    }
    parts.push(String.fromCharCode(...chunk.subarray(0, end - start)));
  }
  return parts.join('');
}

/** The label when TextDecoder knows it, so a bogus declaration falls back instead of throwing. */
function knownEncoding(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

/** "a feed", "an HTML", "an X archive": acronyms starting F, H, L, M, N, R, S or X are read with a vowel. */
function withArticle(label: string): string {
  return /^(?:[aeiouAEIOU]|[FHLMNRSX](?:[A-Z]|\b))/.test(label) ? `an ${label}` : `a ${label}`;
}

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
    return new TextDecoder(knownEncoding(declaredEncoding) ?? 'windows-1252').decode(bytes);
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
  if (looksBinary(bytes)) throw new ParseError(`binary data, not a ${formatLabel} file`, { file: fileName });
  return decodeBytes(bytes, declaredEncoding(bytes));
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

import { baseName } from './channel-handle.js';
import { decodeBytes } from './decode.js';
import { parseFeedFile } from './feed.parser.js';
import { parseHtmlArticle } from './html-article.parser.js';
import type { ImportFormat, Parser } from './import-format.js';
import { isObject } from './json-value.js';
import { parseJsonl } from './jsonl.parser.js';
import { parseTelegramExport } from './telegram-export.parser.js';
import { parseXArchive } from './x-archive.parser.js';
import { parseXJsonl } from './x-jsonl.parser.js';

/** Top-level keys of a Telegram Desktop export, single-chat or full-account. */
const TELEGRAM_KEYS = /^\{[\s\S]*"(?:messages|chats|left_chats|personal_information)"\s*:/;
/** How much of a file is read to sniff its format; Telegram puts `messages` near the top. */
const HEAD_BYTES = 64 * 1024;

/** Guesses a file's import format from its name, then its first bytes; null when nothing fits. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat | null {
  const name = baseName(fileName).toLowerCase();
  const head = sniffText(bytes.subarray(0, HEAD_BYTES)).trimStart();
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1] ?? '';
  if (name === 'result.json') return 'telegram-export';
  if (/^tweets(?:-part\d+)?\.js$/.test(name) || (ext === 'js' && head.startsWith('window.YTD.'))) return 'x-archive';
  if (ext === 'jsonl' || ext === 'ndjson') return isTwarcLine(firstLine(bytes)) ? 'x-jsonl' : 'jsonl';
  if (['xml', 'rss', 'atom', 'rdf'].includes(ext)) return rootElement(head) === 'html' ? 'html' : 'rss';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'json' && TELEGRAM_KEYS.test(head)) return 'telegram-export';
  if (head.startsWith('window.YTD.')) return 'x-archive';
  const root = rootElement(head);
  if (root === 'rss' || root === 'feed' || root === 'rdf:rdf') return 'rss';
  if (root === 'html') return 'html';
  return null;
}

/** The parser for a format. */
export function parserFor(format: ImportFormat): Parser {
  switch (format) {
    case 'telegram-export':
      return parseTelegramExport;
    case 'x-archive':
      return parseXArchive;
    case 'x-jsonl':
      return parseXJsonl;
    case 'rss':
      return parseFeedFile;
    case 'html':
      return parseHtmlArticle;
    case 'jsonl':
      return parseJsonl;
  }
}

/** A twarc2 line: a response page (`data`, `includes`, `errors`) or a bare API v2 tweet. */
function isTwarcLine(line: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(line) as unknown;
  } catch {
    // A first line too long to read whole still shows its start.
    return /^\s*\{\s*"(?:data|includes|errors)"\s*:/.test(line);
  }
  if (!isObject(value)) return false;
  if ('data' in value || 'includes' in value || ('errors' in value && !('text' in value))) return true;
  return 'id' in value && 'text' in value && ('author_id' in value || 'edit_history_tweet_ids' in value);
}

/** First non-blank line of a file, at most a few megabytes of it (a twarc page is one long line). */
function firstLine(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[start] ?? 0)) start++;
  const newline = bytes.indexOf(0x0a, start);
  const end = Math.min(newline === -1 ? bytes.length : newline, start + 8 * 1024 * 1024);
  return sniffText(bytes.subarray(start, end));
}

/** Lenient text of a file's start: a cut-off multi-byte character must not change how the rest decodes. */
function sniffText(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return decodeBytes(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Lower-cased name of the first element after the XML declaration, comments and doctype. */
function rootElement(head: string): string | undefined {
  const rest = head.replace(/^(?:\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>))*\s*/i, '');
  return /^<([A-Za-z][\w:.-]*)/.exec(rest)?.[1]?.toLowerCase();
}

import type { ItemDraft, SourceRef } from '../../core/item.js';

/** Formats `rasad import --format` accepts (`auto` picks one by name and content). */
export const importFormats = ['telegram-export', 'x-archive', 'x-jsonl', 'rss', 'html', 'jsonl'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What a parser is given: the file's bytes exactly as read, its name, and user options. */
export interface ImportInput {
  /** Raw bytes of the file as imported (the capture). */
  bytes: Uint8Array;
  /** Path or name of the file, used in keys where needed and in every error message. */
  fileName: string;
  /** `--channel NAME`: Telegram channel username for item keys when the export lacks it. */
  channel?: string;
}

/** What a parser returns: items in file order, and rows it deliberately skipped with why. */
export interface ParseResult {
  items: ItemDraft[];
  /** The source(s) the file describes (a Telegram full-account export holds several chats). */
  sources: SourceRef[];
  /** Records that are not items (unsupported rows, error objects in a stream), with a reason. */
  skipped: Array<{ locator: string; reason: string }>;
}

/**
 * A pure parser: no I/O, no clock, no randomness. Throws ParseError (with file, line and field)
 * when the file cannot be read as this format; never returns a half-parsed file.
 */
export type Parser = (input: ImportInput) => ParseResult;

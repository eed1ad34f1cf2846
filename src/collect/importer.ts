import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { FileBlobStore } from '../core/blob-store.js';
import { type Clock, toIso } from '../core/clock.js';
import { DomainError, ParseError } from '../core/errors.js';
import { deterministicId } from '../core/ids.js';
import type { Pipeline } from '../analyze/pipeline.js';
import type { Db } from '../store/database.js';
import { insertCapture } from '../store/capture.repository.js';
import { withTransaction } from '../store/transaction.js';
import { storeDrafts } from './store-drafts.js';
import { detectFormat, parserFor } from './imports/detect-format.js';
import type { ImportFormat, ParseResult } from './imports/import-format.js';
import { expandImportPaths, type FileToImport } from './import-files.js';

/** The summary `rasad import --json` prints (CLI.md). */
export interface ImportSummary {
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  files: Array<{ file: string; format: ImportFormat | null; imported: number; duplicates: number; status: 'ok' | 'failed' | 'skipped'; reason?: string }>;
  errors: Array<{ file: string; line?: number; field?: string; message: string }>;
  /** Ids of newly imported items, for later stages (events) to pick up. */
  newItemIds: string[];
}

export interface ImportOptions {
  format: ImportFormat | 'auto';
  channel?: string;
  analyze: boolean;
  /** Called as bytes are processed, for a progress bar. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Called after each stored batch (the CLI trims the heap there on long imports). */
  afterBatch?: () => void;
}

export interface ImporterDeps {
  db: Db;
  blobs: FileBlobStore;
  clock: Clock;
  pipeline: Pipeline | null;
}

// Line-based formats are streamed in chunks of this many lines so memory stays flat with size.
const LINE_CHUNK = 2000;
const STREAMED: ReadonlySet<ImportFormat> = new Set(['jsonl', 'x-jsonl']);

/**
 * Imports files and folders: each file is captured (bytes kept under their SHA-256), parsed,
 * analyzed and stored in ONE transaction, so a bad file leaves nothing behind while the other
 * files still import. Re-importing is a no-op by item key.
 */
export async function importPaths(deps: ImporterDeps, paths: string[], opts: ImportOptions): Promise<ImportSummary> {
  const files = await expandImportPaths(paths);
  const total = files.reduce((n, f) => n + f.sizeBytes, 0);
  let done = 0;
  const summary: ImportSummary = { imported: 0, duplicates: 0, failed: 0, skipped: 0, files: [], errors: [], newItemIds: [] };
  for (const file of files) {
    await importOne(deps, file, opts, summary, (bytes) => opts.onProgress?.(done + bytes, total));
    done += file.sizeBytes;
    opts.onProgress?.(done, total);
  }
  return summary;
}

async function importOne(
  deps: ImporterDeps,
  file: FileToImport,
  opts: ImportOptions,
  summary: ImportSummary,
  progress: (bytes: number) => void,
): Promise<void> {
  let format: ImportFormat | null = null;
  try {
    const head = await readHead(file.path);
    format = opts.format === 'auto' ? detectFormat(file.path, head) : opts.format;
    if (!format) {
      if (!file.explicit) {
        summary.skipped++;
        summary.files.push({ file: file.path, format: null, imported: 0, duplicates: 0, status: 'skipped', reason: 'not a format Rasad imports' });
        return;
      }
      throw new ParseError('unrecognised format (use --format telegram-export|x-archive|x-jsonl|rss|html|jsonl)', { file: file.path });
    }
    const blob = await deps.blobs.putFile(file.path);
    const now = toIso(deps.clock.now());
    const captureId = deterministicId('rasad:capture', `${blob.sha256}:${file.path}`);
    const counts = await withTransaction(deps.db, async (tx) => {
      await insertCapture(tx, {
        id: captureId,
        sha256: blob.sha256,
        sizeBytes: blob.sizeBytes,
        mediaType: mediaTypeOf(format ?? 'jsonl'),
        storageKey: blob.storageKey,
        origin: `file://${file.path}`,
        method: `import:${format}`,
        capturedAt: now,
        warcRef: null,
        timestampToken: null,
      });
      const acc = { imported: 0, duplicates: 0 };
      for await (const result of parseFile(file.path, format as ImportFormat, opts.channel, progress)) {
        const r = await storeDrafts(deps, tx, result, () => captureId, now, opts.analyze);
        opts.afterBatch?.();
        acc.imported += r.imported.length;
        acc.duplicates += r.duplicates;
        summary.newItemIds.push(...r.imported);
      }
      return acc;
    });
    summary.imported += counts.imported;
    summary.duplicates += counts.duplicates;
    summary.files.push({ file: file.path, format, ...counts, status: 'ok' });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    summary.failed++;
    summary.files.push({ file: file.path, format, imported: 0, duplicates: 0, status: 'failed', reason: error.message });
    summary.errors.push({
      file: error.location.file ?? file.path,
      ...(error.location.line !== undefined ? { line: error.location.line } : {}),
      ...(error.location.field !== undefined ? { field: error.location.field } : {}),
      message: error.message,
    });
  }
}

/** Parses a file: whole for document formats, in line chunks for JSON-lines formats. */
async function* parseFile(
  file: string,
  format: ImportFormat,
  channel: string | undefined,
  progress: (bytes: number) => void,
): AsyncGenerator<ParseResult> {
  const parse = parserFor(format);
  if (!STREAMED.has(format)) {
    const handle = await open(file);
    const bytes = new Uint8Array(await handle.readFile());
    await handle.close();
    yield parse({ bytes, fileName: file, ...(channel ? { channel } : {}) });
    return;
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let chunk: string[] = [];
  let firstLine = 1;
  let lineNo = 0;
  let bytesRead = 0;
  const flush = (): ParseResult => {
    const text = chunk.join('\n');
    try {
      return parse({ bytes: new TextEncoder().encode(text), fileName: file, ...(channel ? { channel } : {}) });
    } catch (error) {
      // Chunk-relative line numbers become file line numbers.
      if (error instanceof DomainError && error.location.line !== undefined) {
        throw new ParseError(error.message, { ...error.location, file, line: error.location.line + firstLine - 1 });
      }
      throw error;
    }
  };
  for await (const line of lines) {
    lineNo++;
    bytesRead += Buffer.byteLength(line) + 1;
    chunk.push(line);
    if (chunk.length >= LINE_CHUNK) {
      yield flush();
      progress(bytesRead);
      chunk = [];
      firstLine = lineNo + 1;
    }
  }
  if (chunk.length > 0) yield flush();
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file);
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return new Uint8Array(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function mediaTypeOf(format: ImportFormat): string {
  switch (format) {
    case 'telegram-export':
      return 'application/json';
    case 'x-archive':
      return 'application/javascript';
    case 'x-jsonl':
    case 'jsonl':
      return 'application/x-ndjson';
    case 'rss':
      return 'application/xml';
    case 'html':
      return 'text/html';
  }
}

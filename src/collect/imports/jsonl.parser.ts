import { z } from 'zod';
import { ParseError } from '../../core/errors.js';
import { platformSchema, type ItemDraft, type Platform, type SourceRef } from '../../core/item.js';
import { baseName } from './channel-handle.js';
import { decodeInput } from './decode.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { eachLine } from './text-lines.js';

/** One line of Rasad's plain JSONL import format. Unknown fields are ignored; null means absent. */
export const jsonlRecordSchema = z.object({
  id: z.union([z.string().min(1), z.number()]),
  text: z.string(),
  key: z.string().regex(/^[a-z]+:.+/, 'must look like <platform>:<native id>').nullish(),
  platform: z.string().nullish(),
  source: z.string().min(1).nullish(),
  author: z.string().nullish(),
  published_at: z.iso.datetime({ offset: true }).nullish(),
  url: z.string().nullish(),
  title: z.string().nullish(),
  lang: z.string().nullish(),
});
export type JsonlRecord = z.infer<typeof jsonlRecordSchema>;

/** Parses a whole plain JSONL file; the first bad line fails the file (imports are atomic per file). */
export function parseJsonl(input: ImportInput): ParseResult {
  const text = decodeInput(input.bytes, input.fileName, 'JSONL');
  const items = [...iterateJsonl(text, input.fileName)];
  const handles = new Set(items.map((i) => i.source.handle));
  return { items, sources: [...handles].map((handle) => importSource(handle)), skipped: [] };
}

/** Items of a decoded JSONL text, one at a time, so huge files never hold every item at once. */
export function iterateJsonl(text: string, fileName: string): Generator<ItemDraft> {
  return parseJsonlLines(linesOf(text), fileName);
}

/**
 * Items of JSONL lines fed by the caller (e.g. a file read in chunks), numbered from `startLine`.
 * Blank lines are skipped; a bad line throws ParseError with file, line and field.
 */
export function* parseJsonlLines(lines: Iterable<string>, fileName: string, startLine = 1): Generator<ItemDraft> {
  const fallbackHandle = baseName(fileName);
  const sources = new Map<string, SourceRef>();
  let line = startLine;
  for (const raw of lines) {
    const current = line++;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(current === 1 ? raw.replace(/^\uFEFF/, '') : raw) as unknown;
    } catch {
      throw new ParseError('line is not valid JSON', { file: fileName, line: current });
    }
    const parsed = jsonlRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      throw new ParseError(issue?.message ?? 'invalid record', { file: fileName, line: current, field });
    }
    const handle = parsed.data.source ?? fallbackHandle;
    let source = sources.get(handle);
    if (!source) sources.set(handle, (source = importSource(handle)));
    yield toItem(parsed.data, source, current);
  }
}

function toItem(r: JsonlRecord, source: SourceRef, line: number): ItemDraft {
  const key = r.key ?? `${knownPlatform(r.platform) ?? 'jsonl'}:${r.id}`;
  const colon = key.indexOf(':');
  // An explicit platform wins; else a key like "telegram:chan/5" says which platform it is from.
  const platform: Platform = knownPlatform(r.platform) ?? knownPlatform(key.slice(0, colon)) ?? 'jsonl';
  return {
    key,
    platform,
    nativeId: key.slice(colon + 1),
    kind: 'post',
    source,
    url: r.url ?? null,
    title: r.title ?? null,
    author: r.author != null ? { name: r.author } : null,
    publishedAt: r.published_at != null ? utcIso(r.published_at) : null,
    editedAt: null,
    text: r.text,
    langHint: r.lang ?? null,
    forwardedFrom: null,
    replyTo: null,
    quotes: null,
    reposts: null,
    media: [],
    links: [],
    hashtags: [],
    metrics: {},
    extra: {},
    locator: `line ${line}`,
  };
}

const UTC_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A validated ISO datetime in canonical UTC form; most lines are already UTC, and Date is the slow path. */
function utcIso(value: string): string {
  if (UTC_MILLIS.test(value)) return value;
  if (UTC_SECONDS.test(value)) return `${value.slice(0, 19)}.000Z`;
  return new Date(value).toISOString();
}

const PLATFORMS: ReadonlySet<string> = new Set(platformSchema.options);

/** The name when it is a Platform (a Set lookup: this runs for every line of 100k-line files). */
function knownPlatform(name: string | null | undefined): Platform | undefined {
  return name != null && isPlatform(name) ? name : undefined;
}

function isPlatform(name: string): name is Platform {
  return PLATFORMS.has(name);
}

function importSource(handle: string): SourceRef {
  return { kind: 'import', handle };
}

function* linesOf(text: string): Generator<string> {
  for (const { text: line } of eachLine(text)) yield line;
}

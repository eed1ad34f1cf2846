import { DetectError, parseFeed, type AnyFeed } from 'feedsmith';
import { ParseError } from '../../core/errors.js';
import { sha256Hex } from '../../core/ids.js';
import type { ItemDraft, SourceRef } from '../../core/item.js';
import { baseName } from './channel-handle.js';
import { decodeInput } from './decode.js';
import { feedEntries, type FeedEntry } from './feed-entries.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { toIsoUtc } from './iso-date.js';
import { primaryLanguage } from './x-lang.js';

const NOT_A_FEED = 'not an RSS/Atom/RDF feed';

/** Parses an RSS 0.9x/2.0, Atom or RDF (RSS 1.0) feed file into one item per entry. */
export function parseFeedFile(input: ImportInput): ParseResult {
  const file = input.fileName;
  const text = decodeInput(input.bytes, file, 'feed');
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text);
  } catch (e) {
    if (e instanceof DetectError) throw new ParseError(NOT_A_FEED, { file });
    throw new ParseError(`malformed feed: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  if (parsed.format === 'json') throw new ParseError(NOT_A_FEED, { file });
  const { info, entries } = feedEntries(parsed);
  const source: SourceRef = {
    kind: 'rss',
    handle: info.selfLink ?? info.link ?? baseName(file),
    title: info.title,
    url: info.link ?? null,
    language: info.language ?? null,
  };
  const out: ParseResult = { items: [], sources: [source], skipped: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    const item = toItem(entry, source);
    if (seen.has(item.key)) out.skipped.push({ locator: entry.locator, reason: `duplicate of ${item.key}` });
    else out.items.push(item);
    seen.add(item.key);
  }
  return out;
}

function toItem(entry: FeedEntry, source: SourceRef): ItemDraft {
  // content:encoded usually holds the whole article and the description a teaser: keep the longer.
  const body = entry.bodies.reduce((best, b) => (b.text.length > best.text.length ? b : best), { text: '', links: [] });
  const text = body.text;
  const publishedAt = toIsoUtc(entry.date);
  // With neither guid nor link, a hash of what the entry says keeps re-imports idempotent.
  const fingerprint = [source.handle, entry.title ?? '', entry.date ?? '', text].join('\n');
  const nativeId = entry.id ?? entry.link ?? `sha256:${sha256Hex(fingerprint)}`;
  return {
    key: `rss:${nativeId}`,
    platform: 'rss',
    nativeId,
    kind: 'entry',
    source,
    url: entry.link ?? null,
    title: entry.title,
    author: entry.author ? { name: entry.author } : null,
    publishedAt,
    editedAt: null,
    text,
    langHint: primaryLanguage(entry.language ?? source.language),
    forwardedFrom: null,
    replyTo: null,
    quotes: null,
    reposts: null,
    media: entry.media,
    links: body.links,
    hashtags: [],
    metrics: {},
    extra: entry.categories.length > 0 ? { categories: entry.categories } : {},
    locator: entry.locator,
  };
}

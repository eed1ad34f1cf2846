import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { ParseError } from '../../core/errors.js';
import type { SourceRef } from '../../core/item.js';
import { baseName } from './channel-handle.js';
import { decodeInput } from './decode.js';
import { pageMeta } from './html-meta.js';
import { htmlContent } from './html-text.js';
import type { ImportInput, ParseResult } from './import-format.js';
import { toIsoUtc } from './iso-date.js';
import { primaryLanguage } from './x-lang.js';

const DOCUMENT_NODE = 9;

/** Parses one saved HTML article page (metadata + Readability's main content) into one item. */
export function parseHtmlArticle(input: ImportInput): ParseResult {
  const file = input.fileName;
  const { document } = parseHTML(decodeInput(input.bytes, file, 'HTML'));
  const meta = pageMeta(document);
  // Readability rewrites the document it is given; metadata above was read from the untouched one.
  const copy = document.cloneNode(true);
  const article = isDocument(copy) ? new Readability(copy).parse() : null;
  const body = article?.content ? htmlContent(article.content, meta.canonical) : undefined;
  if (!article || !body?.text) throw new ParseError('no article content found', { file });

  const host = meta.canonical ? new URL(meta.canonical).hostname : undefined;
  const siteName = meta.siteName ?? article.siteName ?? null;
  const source: SourceRef = { kind: 'web', handle: host ?? 'files', title: siteName, url: host ? `https://${host}/` : null };
  const nativeId = meta.canonical ?? `file:${baseName(file)}`;
  const extra: Record<string, unknown> = {};
  if (siteName) extra.siteName = siteName;
  if (article.dir) extra.dir = article.dir;
  const excerpt = meta.description ?? article.excerpt;
  if (excerpt) extra.excerpt = excerpt;
  const byline = article.byline ?? meta.author;
  return {
    items: [
      {
        key: `web:${nativeId}`,
        platform: 'web',
        nativeId,
        kind: 'article',
        source,
        url: meta.canonical ?? null,
        title: meta.title ?? article.title ?? (document.title || null),
        author: byline ? { name: byline } : null,
        publishedAt: toIsoUtc(meta.published ?? article.publishedTime),
        editedAt: toIsoUtc(meta.modified),
        text: body.text,
        langHint: primaryLanguage(meta.language ?? article.lang),
        forwardedFrom: null,
        replyTo: null,
        quotes: null,
        reposts: null,
        media: [],
        links: body.links,
        hashtags: [],
        metrics: {},
        extra,
        locator: null,
      },
    ],
    sources: [source],
    skipped: [],
  };
}

function isDocument(node: Node): node is Document {
  return node.nodeType === DOCUMENT_NODE;
}

import { ParseError } from '../../../core/errors.js';
import type { ParseResult } from '../../imports/import-format.js';
import { parseFeedFile } from '../../imports/feed.parser.js';
import type { Connector, ConnectorIo, PollResult, SourceState } from '../connector.js';
import { checkWebItem, conditionalHeaders, getPage, pollStatus, validators } from '../web/web.connector.js';

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** The cursor a feed keeps: the HTTP validators of the last 200, for a conditional GET. */
export type RssCursor = {
  etag: string | null;
  lastModified: string | null;
};

/**
 * RSS, Atom and RDF feeds. Each poll is a conditional GET (304 → nothing new); a 200 is read by
 * the feed import parser, one item per entry. Entry links are returned for following articles.
 */
export function rssConnector(): Connector {
  return { kind: 'rss', poll, checkItem: checkWebItem };
}

async function poll(source: SourceState, io: ConnectorIo): Promise<PollResult> {
  const result: PollResult = { items: [], cursor: source.cursor, profile: null, status: { state: 'ok' }, discovered: [], links: [] };
  const url = source.url ?? source.handle;
  const got = await getPage(io, { url, headers: { Accept: FEED_ACCEPT, ...conditionalHeaders(source.cursor) } });
  if (!got.ok) return { ...result, status: { state: 'failed', reason: got.reason } };
  const { exchange } = got;
  if (exchange.status === 304) return result;
  const httpStatus = pollStatus(exchange, io);
  if (httpStatus) return { ...result, status: httpStatus };

  let parsed: ParseResult;
  try {
    parsed = parseFeedFile({ bytes: exchange.body, fileName: exchange.finalUrl });
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ...result, status: { state: 'failed', reason: `feed_unreadable: ${e.message}` } };
  }
  const feed = parsed.sources[0];
  const cursor: RssCursor = validators(exchange);
  return {
    ...result,
    // Items are filed under the watched source, whatever self link the feed declares.
    items: parsed.items.map((draft) => ({
      draft: { ...draft, source: { ...draft.source, handle: source.handle } },
      captureId: exchange.captureId,
      mediaUrls: draft.media.flatMap((m) => m.url ?? []),
    })),
    cursor,
    profile: feed ? { title: feed.title ?? null, url: feed.url ?? null, language: feed.language ?? null } : null,
    links: parsed.items.flatMap((d) => (d.url ? [{ url: d.url, via: d.key }] : [])),
  };
}

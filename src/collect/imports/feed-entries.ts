import type { AnyFeed, AtomFeed, RdfFeed, RssFeed } from 'feedsmith';
import type { Media } from '../../core/item.js';
import { htmlContent } from './html-text.js';

/** A feed's channel facts, whatever the dialect. */
export interface FeedInfo {
  title: string | null;
  selfLink: string | undefined;
  link: string | undefined;
  language: string | undefined;
}

/** An entry body as plain text, with the absolute links it contained. */
export interface Body {
  text: string;
  links: string[];
}

/** One RSS item, RDF item or Atom entry in a common shape. */
export interface FeedEntry {
  id: string | undefined;
  link: string | undefined;
  title: string | null;
  author: string | undefined;
  date: string | undefined;
  /** Each body the entry carries (description, content:encoded, summary, content) as text and links. */
  bodies: Body[];
  categories: string[];
  media: Media[];
  language: string | undefined;
  locator: string;
}

/** Channel facts and entries of a parsed RSS, Atom or RDF feed (JSON Feed is not handled here). */
export function feedEntries(parsed: Exclude<AnyFeed, { format: 'json' }>): { info: FeedInfo; entries: FeedEntry[] } {
  switch (parsed.format) {
    case 'rss':
      return rss(parsed.feed);
    case 'atom':
      return atom(parsed.feed);
    case 'rdf':
      return rdf(parsed.feed);
  }
}

function rss(feed: RssFeed.Feed<string>): { info: FeedInfo; entries: FeedEntry[] } {
  const info = {
    title: feed.title ?? null,
    selfLink: selfHref(feed.atom?.links),
    link: feed.link,
    language: feed.language ?? feed.dc?.languages?.[0],
  };
  const entries = (feed.items ?? []).map((item, i) => ({
    id: item.guid?.value,
    link: item.link ?? item.atom?.links?.[0]?.href,
    title: item.title ?? null,
    author: item.dc?.creators?.[0] ?? item.authors?.[0]?.name ?? item.authors?.[0]?.email,
    date: item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0] ?? item.atom?.published ?? item.atom?.updated,
    bodies: htmlBodies([item.description, item.content?.encoded], item.link),
    categories: [...(item.categories ?? []).map((c) => c.name), ...(item.dc?.subjects ?? [])].filter(isText),
    media: (item.enclosures ?? []).map((e) => enclosure(e.url, e.type, e.length)),
    language: undefined,
    locator: `items[${i}]`,
  }));
  return { info, entries };
}

function atom(feed: AtomFeed.Feed<string>): { info: FeedInfo; entries: FeedEntry[] } {
  const info = {
    title: atomText(feed.title).text || null,
    selfLink: selfHref(feed.links),
    link: alternateHref(feed.links),
    language: feed.xml?.lang,
  };
  const entries = (feed.entries ?? []).map((entry, i) => ({
    id: entry.id,
    link: alternateHref(entry.links),
    title: atomText(entry.title).text || null,
    // An entry without <author> inherits the feed's (RFC 4287 §4.2.1).
    author: entry.authors?.[0]?.name ?? feed.authors?.[0]?.name ?? entry.dc?.creators?.[0],
    date: entry.published ?? entry.updated ?? entry.dc?.dates?.[0],
    bodies: [atomText(entry.summary, alternateHref(entry.links)), atomText(entry.content, alternateHref(entry.links))],
    categories: (entry.categories ?? []).map((c) => c.label ?? c.term).filter(isText),
    media: (entry.links ?? []).filter((l) => l.rel === 'enclosure').map((l) => enclosure(l.href, l.type, l.length)),
    language: entry.xml?.lang,
    locator: `entries[${i}]`,
  }));
  return { info, entries };
}

function rdf(feed: RdfFeed.Feed<string>): { info: FeedInfo; entries: FeedEntry[] } {
  const info = {
    title: feed.title ?? null,
    selfLink: selfHref(feed.atom?.links),
    link: feed.link,
    language: feed.dc?.languages?.[0],
  };
  const entries = (feed.items ?? []).map((item, i) => ({
    // RDF has no guid: rdf:about names the item, and is usually its link.
    id: item.rdf?.about,
    link: item.link,
    title: item.title ?? null,
    author: item.dc?.creators?.[0],
    date: item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0],
    bodies: htmlBodies([item.description, item.content?.encoded], item.link),
    categories: (item.dc?.subjects ?? []).filter(isText),
    media: [],
    language: item.dc?.languages?.[0],
    locator: `items[${i}]`,
  }));
  return { info, entries };
}

/** Text of an Atom text construct: `text` (the default) is already plain; `html` and `xhtml` are markup. */
function atomText(t: { value?: string; type?: string } | undefined, base?: string): Body {
  if (!t?.value) return { text: '', links: [] };
  return t.type?.includes('html') ? htmlContent(t.value, base) : { text: t.value.trim(), links: [] };
}

/** RSS description and content:encoded are HTML by definition, escaped or in CDATA. */
function htmlBodies(bodies: Array<string | undefined>, base: string | undefined): Body[] {
  return bodies.flatMap((html) => (html ? [htmlContent(html, base)] : []));
}

function selfHref(links: Array<{ href?: string; rel?: string }> | undefined): string | undefined {
  return links?.find((l) => l.rel === 'self')?.href;
}

/** The `alternate` link (or one without rel, which means alternate), else the first. */
function alternateHref(links: Array<{ href?: string; rel?: string }> | undefined): string | undefined {
  return (links?.find((l) => !l.rel || l.rel === 'alternate') ?? links?.[0])?.href;
}

function enclosure(url: string | undefined, mimeType: string | undefined, length: number | undefined): Media {
  const kind = mimeType?.split('/')[0];
  return {
    type: kind === 'image' ? 'photo' : kind === 'video' || kind === 'audio' ? kind : 'file',
    url: url ?? null,
    mimeType: mimeType ?? null,
    sizeBytes: length ?? null,
  };
}

function isText(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

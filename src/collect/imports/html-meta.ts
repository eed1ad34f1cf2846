import { absoluteUrl } from './html-text.js';
import { isObject, str, type JsonObject } from './json-value.js';

/** What a page says about itself in meta tags, JSON-LD, `<time>`, `<link rel=canonical>` and `<html lang>`. */
export interface PageMeta {
  title: string | undefined;
  author: string | undefined;
  published: string | undefined;
  modified: string | undefined;
  language: string | undefined;
  canonical: string | undefined;
  siteName: string | undefined;
  description: string | undefined;
}

/** Reads a page's own metadata, before Readability strips the document. */
export function pageMeta(doc: Document): PageMeta {
  const meta = metaIndex(doc);
  const ld = jsonLdArticle(doc);
  const time = doc.querySelector('article time[datetime]') ?? doc.querySelector('time[datetime]');
  const ogUrl = meta.get('og:url');
  const canonical = doc.querySelector('link[rel~="canonical"]')?.getAttribute('href')?.trim();
  return {
    title: meta.get('og:title') ?? meta.get('twitter:title'),
    author: meta.get('author') ?? meta.get('article:author') ?? personName(ld?.author) ?? text(doc.querySelector('.byline')),
    published:
      meta.get('article:published_time') ?? time?.getAttribute('datetime') ?? str(ld?.datePublished) ?? meta.get('date'),
    modified: meta.get('article:modified_time') ?? str(ld?.dateModified),
    language: doc.documentElement.getAttribute('lang') ?? meta.get('content-language') ?? meta.get('og:locale'),
    canonical: (canonical ? absoluteUrl(canonical, ogUrl) : undefined) ?? (ogUrl ? absoluteUrl(ogUrl) : undefined),
    siteName: meta.get('og:site_name') ?? personName(ld?.publisher),
    description: meta.get('og:description') ?? meta.get('description'),
  };
}

/** `<meta>` content by lower-cased name, property or http-equiv; the first occurrence wins. */
function metaIndex(doc: Document): Map<string, string> {
  const index = new Map<string, string>();
  for (const el of Array.from(doc.querySelectorAll('meta'))) {
    const content = el.getAttribute('content')?.trim();
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('http-equiv'))?.toLowerCase();
    if (key && content && !index.has(key)) index.set(key, content);
  }
  return index;
}

/** The first JSON-LD object that looks like an article (or carries datePublished); bad JSON-LD is ignored. */
function jsonLdArticle(doc: Document): JsonObject | undefined {
  const nodes: JsonObject[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(script.textContent ?? '') as unknown, nodes);
    } catch {
      // Pages often ship broken JSON-LD; it is a hint, not the article, so the page still imports.
    }
  }
  const isArticle = (n: JsonObject): boolean =>
    [n['@type']].flat().some((t) => typeof t === 'string' && /Article|BlogPosting|Report/.test(t));
  return nodes.find(isArticle) ?? nodes.find((n) => n.datePublished !== undefined);
}

function collect(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (isObject(value)) {
    into.push(value);
    if (value['@graph'] !== undefined) collect(value['@graph'], into);
  }
}

/** A JSON-LD person or organisation (string, `{name}` or a list of them) as one name. */
function personName(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const names = value.map(personName).filter((n): n is string => n !== undefined);
    return names.length > 0 ? names.join(', ') : undefined;
  }
  return isObject(value) ? str(value.name) : str(value);
}

function text(el: Element | null): string | undefined {
  const t = el?.textContent?.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}

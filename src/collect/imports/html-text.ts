import { parseHTML } from 'linkedom';

/** Elements that start a new paragraph in the text we keep. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tr', 'ul',
]);
/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math']);
const ASCII_SPACE = /[ \t\n\r\f]+/g;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** The body of an HTML fragment (a feed description, Readability's content) as a DOM element. */
export function parseFragment(html: string): HTMLElement {
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document.body;
}

/** Plain text of an HTML fragment (tags dropped, entities decoded, paragraphs apart) and its absolute links. */
export function htmlContent(html: string, base?: string): { text: string; links: string[] } {
  const body = parseFragment(html);
  return { text: nodeToText(body), links: linksIn(body, base) };
}

/** Absolute http(s) hrefs of the links under `root`, relative ones resolved against `base` when known. */
export function linksIn(root: ParentNode, base?: string): string[] {
  const links = new Set<string>();
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href')?.trim() ?? '';
    const url = absoluteUrl(href, base);
    if (url) links.add(url);
  }
  return [...links];
}

/** `href` as an absolute http(s) URL, or undefined (fragments, mailto:, javascript:, unresolvable). */
export function absoluteUrl(href: string, base?: string): string | undefined {
  if (!URL.canParse(href, base)) return undefined;
  const url = new URL(href, base);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/**
 * Text of a DOM subtree as a reader sees it: HTML whitespace collapsed (only ASCII spaces, so
 * NBSP, ZWNJ and RTL marks survive), `<br>` kept as a line break, block elements as paragraphs.
 */
export function nodeToText(root: Node): string {
  const paragraphs: string[] = [];
  let buffer = '';
  const flush = (): void => {
    const paragraph = tidy(buffer);
    if (paragraph) paragraphs.push(paragraph);
    buffer = '';
  };
  const walk = (node: Node, pre: boolean): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === TEXT_NODE) {
        const value = child.nodeValue ?? '';
        buffer += pre ? value : value.replace(ASCII_SPACE, ' ');
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = child.nodeName.toLowerCase();
      if (HIDDEN.has(tag)) continue;
      if (tag === 'br') buffer += '\n';
      else if (BLOCKS.has(tag)) {
        flush();
        walk(child, pre || tag === 'pre');
        flush();
      } else {
        if (tag === 'td' || tag === 'th') buffer += ' ';
        walk(child, pre);
      }
    }
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}

/** One paragraph with each line's edge spaces trimmed and empty edge lines dropped. */
function tidy(paragraph: string): string {
  return paragraph
    .split('\n')
    .map((line) => line.replace(/^[ \t\r\f]+|[ \t\r\f]+$/g, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

import { textProps } from './text.js';

interface Props {
  snippet: string;
  language: string | null;
  script: string | null;
}

/**
 * The search snippet, always rendered as text (never as HTML). If the server marks matches with
 * `<mark>…</mark>`, `<b>…</b>` or the control characters U+0002…U+0003, those become highlights;
 * any other markup stays visible as literal text.
 */
const MARKERS = /<mark>([\s\S]*?)<\/mark>|<b>([\s\S]*?)<\/b>|\u0002([\s\S]*?)\u0003/g;

export function SnippetText({ snippet, language, script }: Props) {
  const parts: (string | { hit: string })[] = [];
  let last = 0;
  for (const match of snippet.matchAll(MARKERS)) {
    const index = match.index;
    if (index > last) parts.push(snippet.slice(last, index));
    parts.push({ hit: match[1] ?? match[2] ?? match[3] ?? '' });
    last = index + match[0].length;
  }
  if (last < snippet.length) parts.push(snippet.slice(last));
  const props = textProps(language, script);

  return (
    <div className="snippet">
      <span className="snippet-label">Match</span>
      <p className={'snippet-text' + (props.dir === 'rtl' ? ' is-rtl' : '')} data-testid="item-snippet" {...props}>
        {parts.map((part, i) => (typeof part === 'string' ? part : <mark key={i}>{part.hit}</mark>))}
      </p>
    </div>
  );
}

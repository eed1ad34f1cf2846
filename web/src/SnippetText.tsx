import { splitMatches, textProps } from './text.js';

interface Props {
  snippet: string;
  /** Words to mark (from the server's highlight spans). */
  words: string[];
  language: string | null;
  script: string | null;
}

/** The search snippet, always rendered as text (never as HTML), with the matched words marked. */
export function SnippetText({ snippet, words, language, script }: Props) {
  const props = textProps(language, script);
  return (
    <div className="snippet">
      <span className="snippet-label">Match</span>
      <p className={'snippet-text' + (props.dir === 'rtl' ? ' is-rtl' : '')} data-testid="item-snippet" {...props}>
        {splitMatches(snippet, words).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
      </p>
    </div>
  );
}

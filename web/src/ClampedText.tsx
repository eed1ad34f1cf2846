import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { textProps } from './text.js';

interface Props {
  text: string;
  language: string | null;
  script: string | null;
  /** Clamp to about this many lines until "show more" (0 = never clamp). */
  lines?: number;
  testId?: string;
  className?: string;
}

/**
 * Item text, exactly as published: explicit `dir`/`lang`, `unicode-bidi: plaintext` so each
 * paragraph finds its own direction, line breaks kept. Long texts are clamped with a toggle that
 * only appears when the text actually overflows.
 */
export function ClampedText({ text, language, script, lines = 8, testId, className = '' }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const props = textProps(language, script);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || lines === 0) return;
    const measure = () => {
      if (expanded) return;
      setOverflows(el.scrollHeight > el.clientHeight + 2);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, lines, expanded]);

  const clamped = lines > 0 && !expanded;
  return (
    <>
      <div
        ref={ref}
        id={id}
        data-testid={testId}
        className={`item-text${props.dir === 'rtl' ? ' is-rtl' : ''}${clamped ? ' clamped' : ''}${clamped && overflows ? ' overflowing' : ''} ${className}`.trim()}
        style={clamped ? ({ '--clamp-lines': lines } as CSSProperties) : undefined}
        {...props}
      >
        {text}
      </div>
      {lines > 0 && (overflows || expanded) && (
        <button
          type="button"
          className="link-button show-more"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  );
}

import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import type { GlossView, MentionView } from './api.js';
import { MentionedRuns } from './ActorMentions.js';
import { GlossedRuns, GlossPopover } from './Gloss.js';
import { glossSegments, markSegments, textProps } from './text.js';
import { evidenceRuns } from './ThreatEvidence.js';
import type { EvidenceMark } from './threat-view.js';

interface Props {
  text: string;
  language: string | null;
  script: string | null;
  /** Clamp to about this many lines until "show more" (0 = never clamp). */
  lines?: number;
  testId?: string;
  className?: string;
  /** Overrides the `dir` worked out from language and script (a translation's target language). */
  dir?: 'ltr' | 'rtl' | 'auto';
  /** Glossed terms to mark in `text` (UTF-16 offsets into it). */
  glosses?: GlossView[];
  /** Actor mentions to mark in `text` (UTF-16 offsets into it). */
  mentions?: MentionView[];
  /** Threat evidence to mark in `text` (non-overlapping, UTF-16 offsets into it). */
  evidence?: EvidenceMark[];
}

/**
 * Item text, exactly as published: explicit `dir`/`lang`, `unicode-bidi: plaintext` so each
 * paragraph finds its own direction, line breaks kept. Long texts are clamped with a toggle that
 * only appears when the text actually overflows. Glossed terms are marked in place; focusing or
 * clicking one opens a small popover with its English gloss. Actor mentions are marked around
 * their runs and open the actor page. Threat evidence is marked innermost, inside glossed terms
 * and mentions, each mark titled with its rules.
 */
export function ClampedText({ text, language, script, lines = 8, testId, className = '', dir, glosses, mentions, evidence }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);
  const [active, setActive] = useState<{ index: number; el: HTMLElement } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const popoverId = useId();
  const props = { ...textProps(language, script), ...(dir ? { dir } : {}) };
  const marked = useMemo(() => (mentions && mentions.length > 0 ? markSegments(text, glosses ?? [], mentions) : null), [text, glosses, mentions]);
  const hasEvidence = evidence !== undefined && evidence.length > 0;
  const segments = useMemo(
    () => marked ?? ((glosses && glosses.length > 0) || hasEvidence ? glossSegments(text, glosses ?? []) : null),
    [marked, text, glosses, hasEvidence],
  );
  // Where each run starts in `text`, so evidence marks can be cut into the runs.
  const leaf = useMemo(() => {
    if (!hasEvidence || !segments) return undefined;
    const starts: number[] = [];
    let pos = 0;
    for (const s of segments) {
      starts.push(pos);
      pos += s.text.length;
    }
    return (index: number, run: string) => evidenceRuns(run, starts[index] ?? 0, evidence);
  }, [hasEvidence, segments, evidence]);
  const hasTerms = segments?.some((s) => s.gloss !== null) ?? false;

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

  const activate = (index: number, el: HTMLElement | null) => {
    if (el === null) {
      setActive((current) => (current?.index === index ? null : current));
      return;
    }
    // A term below the fold of a clamped text (reached with Tab): show the whole text instead of
    // letting the focus scroll the clamped box.
    const box = ref.current;
    if (clamped && box) {
      const fold = box.getBoundingClientRect().bottom - 24;
      if (box.scrollTop > 0 || el.getBoundingClientRect().bottom > fold) {
        box.scrollTop = 0;
        setExpanded(true);
        requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest' }));
      }
    }
    setActive((current) => (current?.index === index && current.el === el ? current : { index, el }));
  };

  const activeSegment = active !== null && segments ? segments[active.index] : undefined;

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
        {marked ? (
          <MentionedRuns segments={marked} active={active?.index ?? null} onActivate={activate} leaf={leaf} />
        ) : segments ? (
          <GlossedRuns segments={segments} active={active?.index ?? null} onActivate={activate} leaf={leaf} />
        ) : (
          text
        )}
      </div>
      {hasTerms && (
        <GlossPopover
          id={popoverId}
          gloss={activeSegment?.gloss ?? null}
          term={activeSegment?.text ?? ''}
          anchor={active?.el ?? null}
          language={language}
          script={script}
        />
      )}
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

import { Fragment, useId, useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { GlossView } from './api.js';
import { glossaryRows, glossCategoryClass, textProps } from './text.js';

/** A run of the original text: plain, or one glossed term. */
export interface GlossSegment {
  text: string;
  gloss: GlossView | null;
}

/** What a screen reader says for a glossed term (the popover itself is a visual duplicate). */
function termLabel(term: string, gloss: GlossView): string {
  return `${term}: ${gloss.gloss} (${gloss.category})`;
}

interface RunsProps {
  segments: GlossSegment[];
  /** Index in `segments` of the term whose popover is open. */
  active: number | null;
  /** A term got focus or was clicked (`el` set), or lost focus / was dismissed (`el` null). */
  onActivate: (index: number, el: HTMLElement | null) => void;
  /** Index of `segments[0]` in the whole text's runs (when a mention mark wraps a slice of them). */
  base?: number;
  /** Renders the text of run `index` (threat evidence marks inside it); plain text when absent. */
  leaf?: ((index: number, text: string) => ReactNode) | undefined;
}

/**
 * The original text with glossed terms marked: plain strings and focusable spans, nothing else,
 * so the element's text stays exactly the published text (bidi, pre-wrap and copy unchanged).
 */
export function GlossedRuns({ segments, active, onActivate, base = 0, leaf }: RunsProps) {
  return (
    <>
      {segments.map((segment, k) => {
        const i = base + k;
        const g = segment.gloss;
        if (g === null) return leaf ? <Fragment key={i}>{leaf(i, segment.text)}</Fragment> : segment.text;
        const open = active === i;
        const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>) => {
          if (event.key === 'Escape' && open) {
            // Close the popover only (not the detail dialog around it).
            event.preventDefault();
            event.stopPropagation();
            onActivate(i, null);
          } else if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onActivate(i, event.currentTarget);
          }
        };
        return (
          <span
            key={i}
            className={`gloss-term ${glossCategoryClass(g.category)}${open ? ' is-active' : ''}`}
            data-testid="gloss-term"
            data-gloss-id={g.id || undefined}
            data-category={g.category}
            role="button"
            tabIndex={0}
            title={`${g.gloss} · ${g.category}`}
            aria-label={termLabel(segment.text, g)}
            onFocus={(event) => onActivate(i, event.currentTarget)}
            onClick={(event) => onActivate(i, event.currentTarget)}
            onBlur={() => onActivate(i, null)}
            onKeyDown={onKeyDown}
          >
            {leaf ? leaf(i, segment.text) : segment.text}
          </span>
        );
      })}
    </>
  );
}

const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/** Places `pop` (position: fixed) under the anchor's first line box, or above it when there is no room. */
function place(pop: HTMLElement, anchor: HTMLElement) {
  const first = anchor.getClientRects()[0] ?? anchor.getBoundingClientRect();
  const width = pop.offsetWidth;
  const height = pop.offsetHeight;
  const viewWidth = document.documentElement.clientWidth;
  const viewHeight = window.innerHeight;
  const left = Math.max(8, Math.min(first.left + first.width / 2 - width / 2, viewWidth - width - 8));
  let top = first.bottom + 6;
  if (top + height > viewHeight - 8 && first.top - height - 6 >= 8) top = first.top - height - 6;
  pop.style.left = `${Math.round(left)}px`;
  pop.style.top = `${Math.round(top)}px`;
}

interface PopoverProps {
  id: string;
  gloss: GlossView | null;
  /** The term as it appears in the text. */
  term: string;
  anchor: HTMLElement | null;
  /** `dir`/`lang` for the term in original script. */
  language: string | null;
  script: string | null;
}

/**
 * The small card shown next to a focused or clicked term: term, English gloss, category. It is
 * a manual popover (top layer), so neither a clamped text's overflow nor the detail dialog clips
 * it; it only mirrors the term's aria-label, so it is hidden from assistive technology.
 */
export function GlossPopover({ id, gloss, term, anchor, language, script }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const open = gloss !== null && anchor !== null;

  useLayoutEffect(() => {
    const pop = ref.current;
    if (!pop) return;
    if (!open || !anchor) {
      if (supportsPopover && pop.matches(':popover-open')) pop.hidePopover();
      return;
    }
    if (supportsPopover && !pop.matches(':popover-open')) pop.showPopover();
    place(pop, anchor);
    const follow = () => place(pop, anchor);
    // Again after the browser has laid out any change the opening caused (a clamped text expanding).
    const frame = requestAnimationFrame(follow);
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [open, anchor, gloss]);

  return (
    <div
      ref={ref}
      id={id}
      className="gloss-popover"
      data-testid="gloss-popover"
      aria-hidden="true"
      {...(supportsPopover ? { popover: 'manual' as const } : { hidden: !open })}
    >
      {gloss && (
        <>
          <span className="gloss-pop-term" {...textProps(gloss.lang || language, script)}>
            {term}
          </span>
          {gloss.romanized && <span className="gloss-romanized">{gloss.romanized}</span>}
          <span className="gloss-pop-gloss">{gloss.gloss}</span>
          <span className={`gloss-chip ${glossCategoryClass(gloss.category)}`}>{gloss.category}</span>
        </>
      )}
    </div>
  );
}

interface ListProps {
  glosses: GlossView[];
  /** The item's original text, for terms the server sent without their `text`. */
  text: string;
  language: string | null;
  script: string | null;
  /** Whether the item has a machine translation (otherwise the list says why it is the only help). */
  translated: boolean;
  /** One term per line (detail panel) instead of a wrapping row (cards). */
  full?: boolean;
}

/** "Glossary": each glossed entry once, term in original script — English gloss — category. */
export function GlossaryList({ glosses, text, language, script, translated, full = false }: ListProps) {
  const headingId = useId();
  const rows = glossaryRows(glosses);
  if (rows.length === 0) return null;
  return (
    <div className={'glossary' + (full ? ' glossary-full' : '')}>
      <p className="glossary-head" id={headingId}>
        <span className="glossary-title">Glossary</span>
        {!translated && <span className="glossary-note">No translation engine configured — key terms glossed</span>}
      </p>
      <ul className="gloss-list" data-testid="gloss-list" aria-labelledby={headingId}>
        {rows.map(({ gloss: g, count }) => {
          const term = g.text || text.slice(g.start, g.end);
          return (
            <li key={`${g.id}:${g.start}`} className="gloss-row">
              <span className="gloss-list-term" {...textProps(g.lang || language, script)}>
                {term}
              </span>{' '}
              <span className="gloss-sep" aria-hidden="true">
                —
              </span>{' '}
              {g.romanized && <span className="gloss-romanized">{g.romanized}</span>}{' '}
              <span className="gloss-list-gloss">{g.gloss}</span>{' '}
              <span className={`gloss-chip ${glossCategoryClass(g.category)}`} title={`Category: ${g.category}`}>
                {g.category}
              </span>
              {count > 1 && (
                <>
                  {' '}
                  <span className="gloss-count muted" title={`${count} occurrences in the text`}>
                    ×{count}
                  </span>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

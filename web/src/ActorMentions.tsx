import { Fragment, useId } from 'react';
import type { ReactNode } from 'react';
import type { MentionView } from './api.js';
import { ActorLink, isPlainClick, useActorNav } from './ActorNav.js';
import type { GlossSegment } from './Gloss.js';
import { GlossedRuns } from './Gloss.js';

/** A run of the original text with the gloss and the actor mention it belongs to. */
export interface MarkedSegment extends GlossSegment {
  mention: MentionView | null;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

function mentionTitle(m: MentionView): string {
  return `${m.canonical} · score ${formatScore(m.score)}`;
}

interface RunsProps {
  segments: MarkedSegment[];
  active: number | null;
  onActivate: (index: number, el: HTMLElement | null) => void;
  /** Renders the text of run `index` (threat evidence marks inside it). */
  leaf?: ((index: number, text: string) => ReactNode) | undefined;
}

/**
 * The original text with actor mentions marked around their runs (glossed terms inside keep
 * their own popover). Marks are inline and carry no `dir`, so the text's bidi is unchanged. A
 * click on a mark opens the actor page; keyboard users reach the same pages through the
 * "Mentioned" list under the text, which keeps focusable elements out of the marks.
 */
export function MentionedRuns({ segments, active, onActivate, leaf }: RunsProps) {
  const nav = useActorNav();
  const groups: { start: number; mention: MentionView | null; runs: MarkedSegment[] }[] = [];
  segments.forEach((s, i) => {
    const last = groups[groups.length - 1];
    if (last && last.mention === s.mention) last.runs.push(s);
    else groups.push({ start: i, mention: s.mention, runs: [s] });
  });
  return (
    <>
      {groups.map((g) => {
        const runs = <GlossedRuns segments={g.runs} base={g.start} active={active} onActivate={onActivate} leaf={leaf} />;
        const m = g.mention;
        if (m === null) return <Fragment key={g.start}>{runs}</Fragment>;
        return (
          <mark
            key={g.start}
            className={'mention' + (nav ? ' is-link' : '')}
            data-testid="mention"
            data-actor-id={m.actor_id}
            data-score={formatScore(m.score)}
            title={mentionTitle(m)}
            onClick={(event) => {
              // A glossed term inside the mark opens its gloss, not the actor.
              if (!nav || !isPlainClick(event)) return;
              if (event.target instanceof Element && event.target.closest('.gloss-term')) return;
              nav.open(m.actor_id);
            }}
          >
            {runs}
          </mark>
        );
      })}
    </>
  );
}

/** "Mentioned": each actor named in the text once, linking to its page, with its best score. */
export function MentionList({ mentions }: { mentions: MentionView[] }) {
  const headingId = useId();
  if (mentions.length === 0) return null;
  const byActor = new Map<string, { mention: MentionView; count: number; best: number }>();
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const row = byActor.get(m.actor_id);
    if (row) {
      row.count += 1;
      row.best = Math.max(row.best, m.score);
    } else byActor.set(m.actor_id, { mention: m, count: 1, best: m.score });
  }
  return (
    <div className="mentions">
      <span className="mentions-title" id={headingId}>
        Mentioned
      </span>
      <ul className="mention-list" data-testid="mention-list" aria-labelledby={headingId}>
        {[...byActor.values()].map(({ mention: m, count, best }) => (
          <li key={m.actor_id}>
            <ActorLink id={m.actor_id} className="mention-link" title={`Open the actor page · best score ${formatScore(best)}`}>
              <bdi>{m.canonical}</bdi>
            </ActorLink>
            {count > 1 && <span className="muted"> ×{count}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

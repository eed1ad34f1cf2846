import type { MouseEvent } from 'react';
import type { TimelineEntry } from './api.js';
import { isPlainClick } from './ActorNav.js';
import { ClampedText } from './ClampedText.js';
import { LanguageBadge } from './LanguageBadge.js';
import { SeverityBadge } from './ThreatPanel.js';
import { formatUtc, sourceKindLabel } from './text.js';

/** What each relation means, for the badge's tooltip. */
const RELATIONS: Record<string, string> = {
  origin: 'The item that posted first',
  forward: 'A forward, retweet or repost of another member',
  copy: 'A copy of another member’s text',
  translation: 'A translation of another member',
  report: 'Reports or cites another member',
  related: 'About the same happening',
};

export function RelationBadge({ relation }: { relation: string }) {
  const known = relation in RELATIONS;
  return (
    <span
      className={`badge relation-badge relation-${known ? relation : 'other'}`}
      data-testid="relation-badge"
      data-relation={relation}
      title={RELATIONS[relation] ?? relation}
    >
      {relation}
    </span>
  );
}

/** How a member relates to the one it was linked to, read as `→ copy of <key>`. */
const LINK_WORDS: Record<string, string> = {
  forward: 'forward of',
  copy: 'copy of',
  translation: 'translation of',
  report: 'reports',
  related: 'related to',
};

/** `telegram:advisers` → `advisers`; `x:handle` → `@handle`; `rss:host` → `host`. */
function voiceName(source: string, platform: string): string {
  const rest = source.startsWith(`${platform}:`) ? source.slice(platform.length + 1) : source;
  return platform === 'x' && rest && !rest.startsWith('@') ? `@${rest}` : rest;
}

interface Props {
  entries: TimelineEntry[];
  /** The event's first item (highlighted, and never selectable on its own). */
  firstKey: string | null;
  /** Keys selected for a split; null hides the checkboxes. */
  selected: ReadonlySet<string> | null;
  onToggle: (key: string, on: boolean) => void;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
}

/**
 * The members of an event down a vertical line, by time: when, who and where, in which language,
 * how each joined the event (the origin highlighted) and what it was linked to and why, the start
 * of its text (right to left where the language is) and its threat score.
 */
export function EventTimeline({ entries, firstKey, selected, onToggle, hrefFor, onOpen }: Props) {
  const open = (key: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (!isPlainClick(event)) return;
    event.preventDefault();
    onOpen(key);
  };
  return (
    <ol className="timeline" data-testid="event-timeline" aria-label="Members by time">
      {entries.map((t) => {
        const origin = t.relation === 'origin' || t.key === firstKey;
        const kind = sourceKindLabel(t.platform);
        const voice = voiceName(t.source, t.platform);
        return (
          <li key={t.key} className={'timeline-entry' + (origin ? ' is-origin' : '')} data-testid="timeline-entry" data-key={t.key} data-relation={t.relation}>
            <span className="timeline-dot" aria-hidden="true" />
            <div className="timeline-body">
              <div className="timeline-head">
                {selected && (
                  <input
                    type="checkbox"
                    className="timeline-select"
                    checked={selected.has(t.key)}
                    onChange={(e) => onToggle(t.key, e.currentTarget.checked)}
                    aria-label={`Select ${t.key} to split off`}
                    data-testid="timeline-select"
                  />
                )}
                <a className="time" href={hrefFor(t.key)} onClick={open(t.key)} title={t.published_at ?? 'No publication time'}>
                  {t.published_at ? <time dateTime={t.published_at}>{formatUtc(t.published_at)}</time> : <span>undated</span>}
                </a>
                <span className="source" title={`${kind.name} · ${t.source}`}>
                  <abbr className={`source-kind source-kind-${t.platform}`} title={kind.name}>
                    {kind.short}
                  </abbr>
                  <bdi className="source-name">{t.author ?? voice}</bdi>
                  {t.author && voice && t.author !== voice && (
                    <bdi className="muted timeline-voice" dir="ltr">
                      {voice}
                    </bdi>
                  )}
                </span>
                <span className="card-head-end">
                  <RelationBadge relation={t.relation} />
                  {t.threat?.is_threat && <SeverityBadge severity={t.threat.severity} score={t.threat.score} />}
                  <LanguageBadge language={t.language} confidence={null} />
                </span>
              </div>
              {!origin && (t.linked_to || t.why) && (
                <p className="timeline-link muted" data-testid="timeline-link">
                  {t.linked_to && (
                    <>
                      → {LINK_WORDS[t.relation] ?? 'linked to'}{' '}
                      <a href={hrefFor(t.linked_to)} onClick={open(t.linked_to)}>
                        <code className="key">{t.linked_to}</code>
                      </a>
                    </>
                  )}
                  {t.linked_to && t.why ? ' — ' : ''}
                  {t.why && <span dir="auto">{t.why}</span>}
                  {t.score > 0 && t.score < 1 ? <span title="How sure the link is"> · link score {t.score.toFixed(2)}</span> : null}
                </p>
              )}
              <ClampedText text={t.text} language={t.language} script={null} lines={4} testId="timeline-text" />
              <p className="timeline-foot">
                <a className="link-button" href={hrefFor(t.key)} onClick={open(t.key)}>
                  Details
                </a>{' '}
                <code className="key" title="Item key">
                  {t.key}
                </code>
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

import { useId } from 'react';
import type { MouseEvent } from 'react';
import type { ItemView } from './api.js';
import { EventLink } from './EventList.js';
import { ItemText } from './ItemText.js';
import { KindBadges } from './KindBadges.js';
import { LanguageBadge } from './LanguageBadge.js';
import { LinkList } from './LinkList.js';
import { MediaList } from './MediaList.js';
import { PersonName } from './PersonName.js';
import { SnippetText } from './SnippetText.js';
import { SourceLabel } from './SourceLabel.js';
import { SeverityBadge } from './ThreatPanel.js';
import { formatUtc, personLabel, plural, safeHttpUrl, textProps } from './text.js';

interface Props {
  item: ItemView;
  /** Search snippet and matched words, when the card is a search result. */
  snippet?: { text: string; words: string[] } | undefined;
  /** Link to this item's detail view (`?item=…`), for middle-click and copy. */
  href: string;
  onOpen: (key: string) => void;
  onHashtag?: ((tag: string) => void) | undefined;
}

/** Plain left clicks open the panel in place; modified clicks keep the browser's behaviour. */
function openHandler(onOpen: (key: string) => void, key: string) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(key);
  };
}

export function ItemCard({ item, snippet, href, onOpen, onHashtag }: Props) {
  const open = openHandler(onOpen, item.key);
  const original = safeHttpUrl(item.url);
  const author = personLabel(item.author);
  const dirProps = textProps(item.language, item.script);
  const headingId = useId();
  const published = item.published_at;

  return (
    <article className="card" data-testid="item-card" data-key={item.key} aria-labelledby={headingId}>
      <header className="card-head">
        <SourceLabel source={item.source} />
        {item.author && author && (
          <span className="author" title={`Author: ${author}`}>
            <PersonName person={item.author} />
          </span>
        )}
        <span className="card-head-end">
          <KindBadges item={item} />
          {item.event && item.event.members > 1 && (
            <EventLink
              id={item.event.id}
              className={'badge event-badge' + (item.event.first ? ' is-first' : '')}
              testId="event-badge"
              title={`${item.event.first ? 'First report of' : 'One report of'} an event: ${item.event.title}`}
            >
              event · {plural(item.event.members, 'item', 'items')}
            </EventLink>
          )}
          {item.threat?.is_threat && <SeverityBadge severity={item.threat.severity} score={item.threat.score} />}
          <LanguageBadge language={item.language} confidence={item.language_confidence} script={item.script} />
          <a className="time" href={href} onClick={open} title={published ?? 'No publication time'}>
            {published ? <time dateTime={published}>{formatUtc(published)}</time> : <span>undated</span>}
          </a>
        </span>
      </header>

      {item.title ? (
        <h3 className={'card-title' + (dirProps.dir === 'rtl' ? ' is-rtl' : '')} id={headingId} {...dirProps}>
          <a href={href} onClick={open}>
            {item.title}
          </a>
        </h3>
      ) : (
        <h3 className="sr-only" id={headingId}>
          {`${item.kind} from ${item.source.title ?? item.source.handle}${published ? ', ' + formatUtc(published) : ''}`}
        </h3>
      )}

      {snippet && snippet.text !== '' ? (
        <SnippetText snippet={snippet.text} words={snippet.words} language={item.language} script={item.script} />
      ) : null}

      <ItemText item={item} lines={8} testId="item-text" />

      <MediaList media={item.media} />

      {(item.hashtags.length > 0 || item.links.length > 0) && (
        <div className="card-meta">
          {item.hashtags.length > 0 && (
            <ul className="hashtags" aria-label="Hashtags">
              {item.hashtags.map((tag, i) => (
                <li key={`${i}:${tag}`}>
                  {onHashtag ? (
                    <button
                      type="button"
                      className="hashtag"
                      title={`Search for ${tag}`}
                      onClick={() => onHashtag(tag.replace(/^#/, ''))}
                    >
                      <bdi>#{tag.replace(/^#/, '')}</bdi>
                    </button>
                  ) : (
                    <span className="hashtag">
                      <bdi>#{tag.replace(/^#/, '')}</bdi>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <LinkList links={item.links} />
        </div>
      )}

      <footer className="card-foot">
        <a className="link-button" href={href} onClick={open}>
          Details
        </a>
        {original ? (
          <a className="original" href={original} target="_blank" rel="noreferrer noopener" referrerPolicy="no-referrer">
            Open original ↗
          </a>
        ) : item.url ? (
          <span className="muted" title={item.url}>
            Original: <bdi>{item.url}</bdi>
          </span>
        ) : null}
        <code className="key" title="Item key">
          {item.key}
        </code>
      </footer>
    </article>
  );
}

import type { ReactNode } from 'react';
import type { ItemView } from './api.js';
import { PersonName } from './PersonName.js';
import { formatUtc, personLabel } from './text.js';

interface Props {
  item: ItemView;
}

const KIND_TITLES: Record<string, string> = {
  repost: 'A repost/retweet of another item',
  quote: 'Quotes another item',
  reply: 'A reply to another item',
  service: 'Service message (joins, pins, title changes…)',
};

/** Badges for what the item is relative to others: repost, quote, reply, service, forwarded, edited. */
export function KindBadges({ item }: Props) {
  const badges: { key: string; label: ReactNode; title: string; className: string }[] = [];
  if (item.kind in KIND_TITLES) {
    const target = item.kind === 'reply' ? item.reply_to : item.kind === 'quote' ? item.quotes : item.kind === 'repost' ? item.reposts : null;
    badges.push({
      key: 'kind',
      label: item.kind,
      title: (KIND_TITLES[item.kind] ?? item.kind) + (target ? `: ${target}` : ''),
      className: `badge kind-badge kind-${item.kind}`,
    });
  }
  if (item.forwarded_from) {
    const who = personLabel(item.forwarded_from) || item.forwarded_from.key || 'unknown';
    badges.push({
      key: 'fwd',
      label: (
        <>
          forwarded from{' '}
          {personLabel(item.forwarded_from) ? <PersonName person={item.forwarded_from} /> : <bdi>{who}</bdi>}
        </>
      ),
      title: `Forwarded from ${who}${item.forwarded_from.published_at ? ', originally ' + formatUtc(item.forwarded_from.published_at) : ''}`,
      className: 'badge kind-badge kind-forwarded',
    });
  }
  if (item.edited_at) {
    badges.push({
      key: 'edited',
      label: 'edited',
      title: `Edited ${formatUtc(item.edited_at, true)} (${item.edited_at})`,
      className: 'badge kind-badge kind-edited',
    });
  }
  if (badges.length === 0) return null;
  return (
    <>
      {badges.map((b) => (
        <span key={b.key} className={b.className} title={b.title}>
          {b.label}
        </span>
      ))}
    </>
  );
}

// Stored items as the clusterer reads them: the item, the actors its mentions resolved to and its
// stored translation, read in bulk for a batch.
import type { Db } from '../store/database.js';
import { actorIdsOfItems } from '../store/analysis.repository.js';
import type { StoredItem } from '../store/item.repository.js';
import { translationsOfItems } from '../store/translation.repository.js';
import type { EventInput } from './event-input.js';

/** Who speaks: the account on X and Telegram, the site for feeds and pages (one outlet, one voice). */
export function voiceOf(item: StoredItem): string {
  if (item.platform === 'x') return `x:${(item.author?.handle ?? item.author?.id ?? item.sourceHandle).toLowerCase()}`;
  if (item.platform === 'telegram') return `telegram:${item.sourceHandle.toLowerCase()}`;
  const url = item.url ?? item.sourceHandle;
  try {
    return `${item.platform}:${new URL(url).hostname.replace(/^www\./, '')}`;
  } catch {
    return `${item.platform}:${item.sourceHandle.toLowerCase()}`;
  }
}

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/** The clusterer's view of one stored item. */
export function eventInputOf(item: StoredItem, actors: readonly string[], translation: { language: string; text: string } | null): EventInput {
  const f = item.forwardedFrom;
  return {
    id: item.id,
    key: item.key,
    platform: item.platform,
    source: voiceOf(item),
    authorName: item.author?.name ?? null,
    authorHandle: item.author?.handle ?? null,
    publishedAt: ms(item.publishedAt) ?? ms(item.collectedAt),
    language: item.language,
    title: item.title ?? null,
    text: item.text,
    forwardedFrom: f ? { name: f.name ?? null, handle: f.handle ?? null, key: f.key ?? null, publishedAt: ms(f.publishedAt) } : null,
    replyTo: item.replyTo ?? null,
    quotes: item.quotes ?? null,
    reposts: item.reposts ?? null,
    url: item.url,
    links: item.links,
    actors: [...actors],
    translation,
  };
}

/** Event inputs for stored items, with their mentions and translations read in bulk. */
export async function eventInputsOf(db: Db, items: readonly StoredItem[], targetLang: string, authorActors?: (name: string) => string[]): Promise<EventInput[]> {
  const ids = items.map((i) => i.id);
  const [actors, translations] = await Promise.all([actorIdsOfItems(db, ids), translationsOfItems(db, ids, targetLang)]);
  return items.map((item) => {
    const t = translations.get(item.id);
    const named = actors.get(item.id) ?? [];
    const author = item.author?.name ?? item.sourceTitle ?? null;
    const own = author && authorActors ? authorActors(author).filter((a) => !named.includes(a)) : [];
    return eventInputOf(item, [...named, ...own], t ? { language: targetLang, text: t.translatedText } : null);
  });
}

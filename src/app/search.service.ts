import type { Db } from '../store/database.js';
import { getItemsByIds, type StoredItem } from '../store/item.repository.js';
import { searchItems } from '../store/search.repository.js';
import { parseSearchQuery } from '../text/search-query.js';
import { buildSnippet, type Snippet } from '../text/snippet.js';

/** One search result: the item, its score and a snippet of its original text. */
export interface SearchResult {
  item: StoredItem;
  score: number;
  snippet: Snippet;
}

/** Searches stored items; every word must match, best first. An empty query returns nothing. */
export async function search(db: Db, query: string, limit: number): Promise<SearchResult[]> {
  let terms = parseSearchQuery(query);
  let hits = await searchItems(db, terms, limit);
  if (hits.length === 0) {
    // Nothing as typed: try every Latin word by spelling variant ("hezbollah" finds "Hizballah").
    const wider = parseSearchQuery(query, { spellingForAllWords: true });
    if (wider.some((t) => t.spelling)) {
      terms = wider;
      hits = await searchItems(db, terms, limit);
    }
  }
  const items = await getItemsByIds(db, hits.map((h) => h.id));
  const byId = new Map(items.map((i) => [i.id, i]));
  return hits.flatMap((h) => {
    const item = byId.get(h.id);
    if (!item) return [];
    const body = item.title ? `${item.title}\n${item.text}` : item.text;
    return [{ item, score: Number(h.score.toPrecision(6)), snippet: buildSnippet(body, terms) }];
  });
}

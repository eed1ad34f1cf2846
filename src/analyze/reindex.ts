import type { Db } from '../store/database.js';
import { itemsWithStaleNormalization, updateNormalization } from '../store/item.repository.js';
import { withTransaction } from '../store/transaction.js';
import { NORMALIZE_VERSION, normalize, searchTextOfNormalized } from '../text/normalize.js';
import { spellingText } from '../text/spelling-key.js';
import { stemText } from '../text/stem.js';

/** The normalized text, search tokens and stems of an item, as the import path computes them. */
export function searchForms(
  text: string,
  title: string | null | undefined,
): { normalized: string; searchText: string; stemText: string; spellingText: string } {
  const normalized = normalize(text);
  const body = searchTextOfNormalized(normalized);
  const searchText = title ? `${searchTextOfNormalized(normalize(title))} ${body}`.trim() : body;
  return { normalized, searchText, stemText: stemText(searchText), spellingText: spellingText(searchText) };
}

/** Re-normalizes and re-indexes items stored by an older normalization version; returns how many. */
export async function reindexStale(db: Db, batchSize = 1000): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await itemsWithStaleNormalization(db, NORMALIZE_VERSION, batchSize);
    if (rows.length === 0) return done;
    await withTransaction(db, async (tx) => {
      for (const r of rows) {
        const forms = searchForms(r.text, r.title);
        const old = { searchText: r.searchText, stemText: r.stemText, spellingText: r.spellingText };
        await updateNormalization(tx, { id: r.id, seq: r.seq, old, ...forms, version: NORMALIZE_VERSION });
      }
    });
    done += rows.length;
  }
}

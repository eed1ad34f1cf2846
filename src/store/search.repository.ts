import { sql } from 'kysely';
import type { SearchTerm } from '../text/search-query.js';
import { termTsQuery, toFts5Match } from '../text/search-query.js';
import type { Db } from './database.js';

/** A full-text hit: the item id and a relevance score (higher is better). */
export interface SearchHit {
  id: string;
  score: number;
}

/**
 * Full-text search over the normalized tokens of every item: FTS5 with bm25 on SQLite,
 * a tsvector GIN index with ts_rank_cd on PostgreSQL. Both index the same token text, so both
 * find the same items; ties are broken newest first.
 */
export async function searchItems(db: Db, terms: SearchTerm[], limit: number): Promise<SearchHit[]> {
  if (terms.length === 0) return [];
  if (db.dialect === 'sqlite') {
    const match = toFts5Match(terms);
    const result = await sql<{ id: string; score: number }>`
      SELECT items.id AS id, -bm25(items_fts) AS score
      FROM items_fts JOIN items ON items.seq = items_fts.rowid
      WHERE items_fts MATCH ${match}
      ORDER BY bm25(items_fts), items.published_at DESC
      LIMIT ${limit}`.execute(db.kysely);
    return result.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
  }
  // Each term matches its words exactly, or its light stem, or (name-like words) its spelling key.
  const predicates = terms.map((t) => {
    const options = [sql`search_vector @@ to_tsquery('simple', ${termTsQuery(t)})`];
    if (t.stem) options.push(sql`stem_vector @@ to_tsquery('simple', ${`'${t.stem}'`})`);
    if (t.spelling) options.push(sql`spelling_vector @@ to_tsquery('simple', ${`'${t.spelling}'`})`);
    return sql`(${sql.join(options, sql` OR `)})`;
  });
  const anyWord = terms.map(termTsQuery).join(' | ');
  const stems = terms.flatMap((t) => (t.stem ? [`'${t.stem}'`] : []));
  const anyStem = stems.length > 0 ? stems.join(' | ') : anyWord;
  const result = await sql<{ id: string; score: number }>`
    SELECT id, ts_rank_cd(search_vector, qw) + 0.5 * ts_rank_cd(stem_vector, qs) AS score
    FROM items, to_tsquery('simple', ${anyWord}) AS qw, to_tsquery('simple', ${anyStem}) AS qs
    WHERE ${sql.join(predicates, sql` AND `)}
    ORDER BY score DESC, published_at DESC NULLS LAST
    LIMIT ${limit}`.execute(db.kysely);
  return result.rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}

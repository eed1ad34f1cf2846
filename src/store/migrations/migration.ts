/** A migration written once per dialect: plain SQL statements run in order. */
export interface DialectSql {
  sqlite: string[];
  postgres: string[];
}

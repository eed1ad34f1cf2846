/** Serializes a value for a JSON column (text on SQLite, jsonb on PostgreSQL: both accept text). */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Reads a JSON column: SQLite returns text, PostgreSQL already-parsed jsonb. */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

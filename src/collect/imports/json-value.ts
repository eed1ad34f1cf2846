/** A parsed JSON object whose fields are not yet checked. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string; numbers are stringified because exports mix the two for ids. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The value as a finite number; numeric strings count because X archives write every number as a string. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** The value when it is an array, else an empty one (absent lists are common in every export). */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is an object, else an empty one. */
export function obj(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** Drops repeated strings, keeping first occurrences in order. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** The entries of `record` that hold numbers or numeric strings, as numbers (for metrics). */
export function numbers(record: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(record)) {
    const n = num(v);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** A parsed JSON object whose fields are not yet checked. */
export type JsonObject = Record<string, unknown>;

/** True for a plain object (not an array, not null): the first check before reading any field of an engine's answer. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

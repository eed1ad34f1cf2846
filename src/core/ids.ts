import { createHash, randomBytes } from 'node:crypto';

/** Hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A deterministic UUID (version 8, RFC 9562 "custom") derived from a namespace and a name, so
 * that re-importing the same record yields the same id and is a no-op, and so that STIX ids
 * can later be derived from the same identifying fields.
 */
export function deterministicId(namespace: string, name: string): string {
  const h = createHash('sha256').update(namespace).update('\u0000').update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The item id for an item key (`telegram:chan/12`, `x:123`, …). */
export const itemIdForKey = (key: string): string => deterministicId('rasad:item', key);

/** The source id for a source kind and handle. */
export const sourceIdFor = (kind: string, handle: string): string =>
  deterministicId('rasad:source', `${kind}:${handle.toLowerCase()}`);

let lastMs = -1;
let counter = 0;

/**
 * A UUIDv7 whose time is the given ISO timestamp (a record's own `at`/`created_at`), with a
 * per-process counter in `rand_a` (RFC 9562 §6.2, method 1), so that ids order records even
 * within one millisecond and under an injected fixed clock: "newest first" is `at DESC, id DESC`.
 */
export function timeOrderedId(at: string): string {
  let ms = Date.parse(at);
  if (!Number.isFinite(ms)) ms = 0;
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const rand = randomBytes(8);
  rand[0] = ((rand[0] ?? 0) & 0x3f) | 0x80;
  const hex = ms.toString(16).padStart(12, '0') + (0x7000 | counter).toString(16) + rand.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

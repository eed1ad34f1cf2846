import { sha256Hex } from './ids.js';

/**
 * The custody log is a hash chain: every entry's hash covers the previous entry's hash and the
 * entry's own fields in a canonical JSON form, so removing, reordering or editing any entry breaks
 * every hash after it. The first entry chains from GENESIS.
 */

export const GENESIS = '0'.repeat(64);

/** What is recorded (capture, timestamp, export, verify, access, check). */
export interface CustodyEntryInput {
  at: string;
  action: 'capture' | 'timestamp' | 'export' | 'verify' | 'access' | 'check' | 'import';
  subjectType: 'capture' | 'item' | 'event' | 'source' | 'bundle';
  subjectId: string;
  /** Who: an analyst's user name, or `rasad` for the collector. */
  actor: string;
  details: Record<string, unknown>;
}

export interface CustodyEntry extends CustodyEntryInput {
  seq: number;
  id: string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level (the same bytes whatever the key order stored). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of an entry given the previous entry's hash. */
export function custodyHash(prevHash: string, entry: CustodyEntryInput & { id: string }): string {
  const body = canonicalJson({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    actor: entry.actor,
    details: entry.details,
  });
  return sha256Hex(`${prevHash}\n${body}`);
}

/** A break in the chain: which entry, and what is wrong with it. */
export interface ChainProblem {
  seq: number;
  id: string;
  problem: string;
}

/**
 * Checks a run of consecutive entries (ordered by seq). `from` is the hash the first one must
 * chain from (GENESIS for the whole log, the previous entry's hash for an extract).
 */
export function verifyChain(entries: CustodyEntry[], from: string = GENESIS): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = from;
  for (const e of entries) {
    if (e.prevHash !== prev) problems.push({ seq: e.seq, id: e.id, problem: `prev_hash ${e.prevHash.slice(0, 12)}… does not follow ${prev.slice(0, 12)}…` });
    const expected = custodyHash(e.prevHash, e);
    if (expected !== e.hash) problems.push({ seq: e.seq, id: e.id, problem: 'hash does not match the entry (edited)' });
    prev = e.hash;
  }
  return problems;
}

// Who posted first, and how sure we are: the earliest member by platform timestamp, corrected by
// forward chains and citations (a report dated before the post it cites is clock skew, not an
// origin), with a `why` an analyst can check and a confidence. Corroboration counts independent
// voices: forwards and copies of one origin are one voice.
import type { Relation } from './relate.js';

export interface ProvenanceMember {
  key: string;
  platform: string;
  source: string;
  /** Platform timestamp (ms) or null. */
  publishedAt: number | null;
  /** How it joined the event, and the member it joined through (null for the one that started it). */
  relation: Exclude<Relation, 'origin'> | null;
  to: string | null;
  why: string | null;
  /** For a forward: the original's timestamp when the platform gave it. */
  forwardedAt: number | null;
  forwardedFrom: string | null;
}

export interface Provenance {
  first: string;
  firstSeenAt: number | null;
  why: string;
  confidence: number;
  /** Contradictions found: a member dated before the origin it cites. */
  anomalies: string[];
  /** Independent sources: distinct voices, forwards and copies counted with their origin. */
  corroboration: number;
}

const MINUTE = 60_000;

/** Whether a member's link says it derives from the member it links to (else the reverse, or neither). */
const DERIVES = /^(repost of|forward of|cites|links to|quotes|names @)/;
const DERIVED_BY = /^(reposted by|forwarded by|cited by|linked from|quoted by|named by)/;

/**
 * Who derives from whom: a forward or a citing report points at its source; when the source
 * arrived after the report, its own link says "cited by" and points at the report.
 */
function derivations(members: readonly ProvenanceMember[], keys: ReadonlySet<string>): Map<string, string> {
  const up = new Map<string, string>();
  for (const m of members) {
    if (m.to === null || !keys.has(m.to) || m.why === null) continue;
    if (DERIVES.test(m.why) || m.relation === 'forward') {
      if (!up.has(m.key)) up.set(m.key, m.to);
    } else if (DERIVED_BY.test(m.why) && !up.has(m.to)) up.set(m.to, m.key);
  }
  return up;
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function gap(ms: number): string {
  const min = Math.round(ms / MINUTE);
  if (min < 60) return `${min} min`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`;
}

const PLATFORM: Record<string, string> = { telegram: 'Telegram', x: 'X', rss: 'a feed', web: 'the web' };

/** The first item of an event and why, its confidence, and how many independent sources it has. */
export function provenance(members: readonly ProvenanceMember[]): Provenance {
  if (members.length === 0) throw new RangeError('an event has members');
  const keys = new Set(members.map((m) => m.key));
  const byKey = new Map(members.map((m) => [m.key, m]));
  const up = derivations(members, keys);
  const derivedFrom = (m: ProvenanceMember): string | null => up.get(m.key) ?? null;
  const dated = members.filter((m) => m.publishedAt !== null).sort((a, b) => (a.publishedAt ?? 0) - (b.publishedAt ?? 0) || a.key.localeCompare(b.key));
  const anomalies: string[] = [];
  // Follow a derived member to the origin it cites; the origin of the earliest member wins.
  const rootOf = (m: ProvenanceMember): ProvenanceMember => {
    let cur = m;
    for (let hops = 0; hops < 8; hops++) {
      const source = derivedFrom(cur);
      const next = source ? byKey.get(source) : undefined;
      if (!next || next === m) break;
      cur = next;
    }
    return cur;
  };
  const earliest = dated[0] ?? members[0];
  if (!earliest) throw new RangeError('an event has members');
  const first = rootOf(earliest);
  for (const m of dated) {
    const root = rootOf(m);
    if (root !== m && m.publishedAt !== null && root.publishedAt !== null && m.publishedAt < root.publishedAt) {
      anomalies.push(`${m.key} (${iso(m.publishedAt)}) is dated before ${root.key} (${iso(root.publishedAt)}), which it ${m.relation === 'forward' ? 'forwards' : 'cites'}`);
    }
  }
  const citedBy = members.filter((m) => m !== first && rootOf(m) === first && derivedFrom(m) !== null).length;
  const copies = members.filter((m) => m.to === first.key && (m.relation === 'copy' || m.relation === 'forward')).length;
  const next = dated.find((m) => m !== first && (m.publishedAt ?? 0) >= (first.publishedAt ?? 0));
  const parts: string[] = [];
  if (first.publishedAt === null) parts.push(`no member has a platform timestamp; ${first.key} started the event`);
  else if (first === earliest) parts.push(`earliest of ${members.length} members by platform timestamp (${iso(first.publishedAt)} on ${PLATFORM[first.platform] ?? first.platform})`);
  else parts.push(`cited as the origin by ${earliest.key}, which is dated earlier (${iso(earliest.publishedAt ?? 0)}): clock skew`);
  if (first.forwardedFrom) {
    parts.push(`a forward of ${first.forwardedFrom}${first.forwardedAt !== null ? `, posted there ${iso(first.forwardedAt)}` : ''}: the earliest copy held`);
  }
  if (next && next.publishedAt !== null && first.publishedAt !== null) parts.push(`next: ${next.key} ${gap(next.publishedAt - first.publishedAt)} later`);
  if (copies > 0) parts.push(`${copies} forward${copies === 1 ? '' : 's'} or cop${copies === 1 ? 'y' : 'ies'} of it`);
  if (citedBy > 0) parts.push(`${citedBy} member${citedBy === 1 ? '' : 's'} trace back to it`);
  let confidence = first.publishedAt === null ? 0.3 : 0.55;
  if (next && next.publishedAt !== null && first.publishedAt !== null) {
    const lead = next.publishedAt - first.publishedAt;
    confidence += lead >= 5 * MINUTE ? 0.2 : lead >= MINUTE ? 0.1 : 0;
  } else if (!next) confidence += 0.1;
  if (copies + citedBy > 0) confidence += 0.15;
  if (first.platform === 'telegram' || first.platform === 'x') confidence += 0.05;
  if (first.forwardedFrom) confidence -= 0.15;
  if (anomalies.length > 0) confidence -= 0.2;
  // Independent voices: forwards and copies are attributed to the source they copy.
  const voiceOf = (m: ProvenanceMember): string => {
    let cur = m;
    for (let hops = 0; hops < 8 && (cur.relation === 'forward' || cur.relation === 'copy') && cur.to !== null; hops++) {
      const up = byKey.get(cur.to);
      if (!up) break;
      cur = up;
    }
    return cur.source;
  };
  const voices = new Set(members.map(voiceOf));
  return {
    first: first.key,
    firstSeenAt: first.publishedAt,
    why: parts.join('; '),
    confidence: Math.round(Math.min(0.99, Math.max(0.05, confidence)) * 100) / 100,
    anomalies,
    corroboration: voices.size,
  };
}

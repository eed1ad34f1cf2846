import { countries, heads, places } from './target-gazetteer.js';
import { PhraseIndex, type PhraseMatch } from './phrase-index.js';
import type { ThreatTarget } from './taxonomy.js';
import type { ThreatText } from './threat-text.js';

type Name =
  | { kind: 'country'; country: string }
  | { kind: 'adjective'; country: string }
  | { kind: 'head'; name: string; country?: string }
  | { kind: 'place'; name: string };

let index: PhraseIndex<Name> | null = null;
const shortOf = new Map(countries.map((c) => [c.name, c.short]));

function gazetteer(): PhraseIndex<Name> {
  if (index) return index;
  const idx = new PhraseIndex<Name>();
  for (const c of countries) {
    for (const f of c.forms) idx.add(f, { kind: 'country', country: c.name });
    for (const f of c.adjectives) idx.add(f, { kind: 'adjective', country: c.name });
  }
  for (const h of heads) for (const f of h.forms) idx.add(f, { kind: 'head', name: h.name, ...(h.country ? { country: h.country } : {}) });
  for (const p of places) for (const f of p.forms) idx.add(f, { kind: 'place', name: p.name });
  index = idx;
  return idx;
}

/** Longest match per start, and no match inside a longer one. */
function longestOnly(found: Array<PhraseMatch<Name>>): Array<PhraseMatch<Name>> {
  const sorted = [...found].sort((a, b) => a.from - b.from || b.to - a.to);
  const out: Array<PhraseMatch<Name>> = [];
  let end = -1;
  for (const m of sorted) {
    if (m.from < end) continue;
    out.push(m);
    end = m.to;
  }
  return out;
}

/**
 * Targets named in the given sentences: countries, and organisations composed from a head and a
 * country near it ("السفارة الأمريكية في بغداد" → US Embassy in Baghdad, "the American
 * occupier … the land of Iraq" → US forces in Iraq). Spans cover the words used.
 */
export function findTargets(text: ThreatText, sentences: ReadonlySet<number>): ThreatTarget[] {
  const all = longestOnly(gazetteer().matchAll(text)).filter((m) => sentences.has(text.tokens[m.from]?.sentence ?? -1));
  const used = new Set<PhraseMatch<Name>>();
  const targets: ThreatTarget[] = [];
  const span = (from: number, to: number): { start: number; end: number } => ({
    start: text.tokens[from]?.start ?? 0,
    end: text.tokens[to - 1]?.end ?? 0,
  });
  const near = (m: PhraseMatch<Name>, other: PhraseMatch<Name>, reach: number): boolean =>
    text.tokens[m.from]?.sentence === text.tokens[other.from]?.sentence && Math.max(other.from - m.to, m.from - other.to) <= reach;
  for (const h of all) {
    if (h.payload.kind !== 'head') continue;
    const head = h.payload;
    const country =
      head.country ??
      all.find((c) => !used.has(c) && (c.payload.kind === 'adjective' || c.payload.kind === 'country') && near(h, c, 2))?.payload;
    const countryName = typeof country === 'string' ? country : country && 'country' in country ? country.country : undefined;
    if (!countryName) continue;
    const countryMatch = all.find((c) => (c.payload.kind === 'adjective' || c.payload.kind === 'country') && near(h, c, 2));
    if (countryMatch) used.add(countryMatch);
    const place = all.find((p) => p.payload.kind === 'place' && !used.has(p) && near(h, p, 5));
    if (place) used.add(place);
    used.add(h);
    const parts = [h, countryMatch, place].filter((m): m is PhraseMatch<Name> => m !== undefined);
    const from = Math.min(...parts.map((m) => m.from));
    const to = Math.max(...parts.map((m) => m.to));
    const placeName = place?.payload.kind === 'place' ? ` in ${place.payload.name}` : '';
    const base = `${shortOf.get(countryName) ?? countryName} ${head.name}`;
    // The same organisation named again (وكر التجسس after السفارة الأمريكية في بغداد) is not a second target.
    if (targets.some((t) => t.name === base || t.name.startsWith(`${base} in `))) continue;
    targets.push({ type: 'organization', name: `${base}${placeName}`, ...span(from, to) });
  }
  for (const c of all) {
    if (used.has(c) || c.payload.kind !== 'country') continue;
    targets.push({ type: 'country', name: c.payload.country, ...span(c.from, c.to) });
  }
  // One target once, by its fullest name ("US Embassy" is "US Embassy in Baghdad" said again).
  const seen = new Set<string>();
  return targets.filter((t) => {
    if (seen.has(t.name) || targets.some((o) => o !== t && o.name.startsWith(`${t.name} in `))) return false;
    seen.add(t.name);
    return true;
  });
}

// Places and installations named in a post, in any language the gazetteer covers, as language-free
// anchors: "Bagdad", "بغداد" and "Baghdad" are one place; "سفارة الشر" and "embassy of evil" are
// one installation. The gazetteer is the threat stage's target list (data only).
import { countries, heads, places } from '../analyze/threat/target-gazetteer.js';
import { normalize, searchTextOfNormalized } from '../text/normalize.js';

interface Form {
  rest: readonly string[];
  name: string;
}

const index = new Map<string, Form[]>();

function add(form: string, name: string): void {
  const tokens = searchTextOfNormalized(normalize(form.replace(/\*$/, ''))).split(' ').filter((t) => t.length > 0);
  const [first, ...rest] = tokens;
  if (first === undefined) return;
  const list = index.get(first) ?? [];
  list.push({ rest, name });
  list.sort((a, b) => b.rest.length - a.rest.length);
  index.set(first, list);
}

for (const c of countries) for (const f of [...c.forms, ...c.adjectives]) add(f, c.name);
for (const p of places) for (const f of p.forms) add(f, p.name);
for (const h of heads) for (const f of h.forms) add(f, h.country ? `${h.country} ${h.name}` : h.name.toLowerCase());
// Short forms that are also ordinary words would name a place in every English text.
index.delete('us');

/** The place or installation whose name starts at token `i`, longest form first. */
function formAt(tokens: readonly string[], i: number): Form | undefined {
  return index.get(tokens[i] ?? '')?.find((f) => f.rest.every((t, k) => tokens[i + 1 + k] === t));
}

/** Names of the places and installations in a token sequence (folded tokens), longest match first. */
export function placesIn(tokens: readonly string[]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const f = formAt(tokens, i);
    if (!f) continue;
    out.add(f.name);
    i += f.rest.length;
  }
  return [...out];
}

/** The known place or installation named from token `i` on (its first word there), if any. */
export function placeAt(tokens: readonly string[], i: number): string | undefined {
  return formAt(tokens, i)?.name;
}

/**
 * Memoizes a per-token function (stems, spelling keys). Search vocabularies are Zipfian, so a
 * bounded cache answers most calls; it is simply emptied when full.
 */
export function memoizeToken(fn: (token: string) => string | null, limit = 200_000): (token: string) => string | null {
  const cache = new Map<string, string>();
  return (token) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit === '' ? null : hit;
    const value = fn(token);
    if (cache.size >= limit) cache.clear();
    cache.set(token, value ?? '');
    return value;
  };
}

/** Applies a per-token function to a space-separated token text, keeping the non-null results. */
export function mapTokens(searchText: string, fn: (token: string) => string | null): string {
  if (searchText === '') return '';
  const out: string[] = [];
  for (const token of searchText.split(' ')) {
    const v = fn(token);
    if (v !== null) out.push(v);
  }
  return out.join(' ');
}

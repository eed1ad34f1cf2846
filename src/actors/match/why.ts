import type { AliasScore, WordMatch } from './name-score.js';

const KIND_LABEL: Readonly<Record<string, string>> = {
  primary: 'primary name',
  aka: 'a.k.a.',
  fka: 'formerly known as',
  nka: 'now known as',
  native: 'native spelling',
  romanization: 'romanization',
  acronym: 'acronym',
  calque: 'translation',
  kunya: 'kunya',
  nisba: 'nisba',
  former_name: 'former name',
  weak: 'weak a.k.a.',
};

function word(m: WordMatch): string | undefined {
  const q = m.query.raw;
  const a = m.alias?.raw;
  switch (m.relation) {
    case 'same':
      return undefined;
    case 'variant':
      return `"${q}" ~ "${a ?? ''}" (spelling variant, consonants ${m.query.key})`;
    case 'script':
      return `"${q}" ~ "${a ?? ''}" (same name across scripts, consonants ${m.query.key})`;
    case 'near':
      return `"${q}" ≈ "${a ?? ''}" (close spelling: ${m.query.key} / ${m.alias?.key ?? ''})`;
    case 'typo':
      return `"${q}" ≈ "${a ?? ''}" (one letter apart)`;
    case 'syllable':
      return `"${q}" ≈ "${a ?? ''}" (one syllable in two romanizations)`;
    case 'clash':
      return `"${q}" ≠ "${a ?? ''}" (same consonants ${m.query.key}, but they read as different names)`;
    case 'translation':
      return `"${q}" = "${a ?? ''}" (translation)`;
    case 'other-alias':
      return `"${q}" is in another name of this actor`;
    case 'joined': {
      const other = m.joined?.token.raw ?? '';
      return m.joined?.side === 'query' ? `"${q} ${other}" ~ "${a ?? ''}" (written as one word there)` : `"${q}" ~ "${a ?? ''} ${other}" (written as two words there)`;
    }
  }
}

/** One sentence an analyst can check: which alias matched, how each word met, what is missing. */
export function explainMatch(s: AliasScore): string {
  const kind = KIND_LABEL[s.alias.kind] ?? s.alias.kind;
  const head = `alias "${s.alias.alias}" (${kind})`;
  const parts: string[] = [];
  if (s.basis === 'exact') parts.push(`${head}: same name after folding case, marks and letter forms`);
  else if (s.basis === 'compact') parts.push(`${head}: same consonants when written as one word (${s.compactKey ?? s.alias.form.compact})`);
  else {
    const words = s.matches.map(word).filter((w): w is string => w !== undefined);
    const given = s.matches.map((m) => `"${m.query.raw}"`).join(', ');
    if (words.length > 0) parts.push(`${head}: ${words.join('; ')}`);
    else parts.push(s.missing.length > 0 ? `${head}: ${given} as written there` : `${head}: the same words, spacing and punctuation aside`);
    if (s.reordered) parts.push('name order differs');
    if (s.missing.length > 0) parts.push(`partial name: ${s.missing.map((t) => `"${t.raw}"`).join(', ')} not given`);
    if (s.extra.length > 0) parts.push(`not in this actor's names: ${s.extra.map((t) => `"${t.raw}"`).join(', ')}`);
  }
  if (s.alias.confidence < 1) parts.push('the list marks this alias low quality');
  return parts.join('; ');
}

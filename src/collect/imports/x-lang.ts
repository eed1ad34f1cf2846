/** X codes that say "no language" (undetermined, no text, media, hashtags, cashtags, mentions, links only). */
const NO_LANGUAGE = new Set(['und', 'zxx', 'qme', 'qam', 'qct', 'qht', 'qst']);
/** X still uses withdrawn ISO 639-1 codes for a few languages. */
const LEGACY = new Map([
  ['in', 'id'],
  ['iw', 'he'],
  ['ji', 'yi'],
]);

/** X `lang` → ISO 639-1 language hint, or null for X's pseudo-codes. */
export function mapXLang(lang: string | undefined): string | null {
  if (!lang) return null;
  const code = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  if (!code || NO_LANGUAGE.has(code)) return null;
  return LEGACY.get(code) ?? code;
}

/** Feed or page language (`en-US`, `ar_IQ`) → its first subtag lower-cased, or null. */
export function primaryLanguage(lang: string | null | undefined): string | null {
  const code = lang?.trim().toLowerCase().split(/[-_]/)[0];
  return code ? code : null;
}

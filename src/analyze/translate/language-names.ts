// Names written out for the languages Rasad's analysts meet most, so prompts do not depend on the
// ICU data a Node build ships with; anything else falls back to Intl, then to the code itself.
const names: Record<string, string> = {
  ar: 'Arabic',
  fa: 'Persian',
  prs: 'Dari Persian',
  ur: 'Urdu',
  ps: 'Pashto',
  ku: 'Kurdish',
  ckb: 'Central Kurdish (Sorani)',
  kmr: 'Northern Kurdish (Kurmanji)',
  sd: 'Sindhi',
  pa: 'Punjabi',
  bal: 'Balochi',
  tg: 'Tajik',
  uz: 'Uzbek',
  ug: 'Uyghur',
  az: 'Azerbaijani',
  tr: 'Turkish',
  he: 'Hebrew',
  am: 'Amharic',
  so: 'Somali',
  ha: 'Hausa',
  sw: 'Swahili',
  id: 'Indonesian',
  ms: 'Malay',
  bn: 'Bengali',
  hi: 'Hindi',
  ru: 'Russian',
  uk: 'Ukrainian',
  en: 'English',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  it: 'Italian',
  nl: 'Dutch',
  pt: 'Portuguese',
  sv: 'Swedish',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
};

const intlNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** The English name of an ISO 639 language code, for prompts; an unknown code is returned as is. */
export function languageName(code: string): string {
  const known = names[code.toLowerCase()];
  if (known) return known;
  try {
    return intlNames.of(code) ?? code;
  } catch (error) {
    // Intl throws RangeError for strings that are not language tags at all ("auto", "x"); the code
    // itself is still the most useful thing to show.
    if (error instanceof RangeError) return code;
    throw error;
  }
}

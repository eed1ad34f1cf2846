/**
 * Character folds for matching and search, applied after NFKD and mark removal. Each entry is
 * a code point and what it folds to ('' drops it). The original text is never changed: these
 * folds produce the `normalized` form only.
 */
const ranges: Array<[number, number, string]> = [
  [0x064b, 0x065f, ''], // Arabic tashkeel (fathatan … wavy hamza below)
  [0x0670, 0x0670, ''], // superscript alef
  [0x06d6, 0x06ed, ''], // Quranic annotation marks
  [0x0610, 0x061a, ''], // Arabic honorific and small marks
  [0x08d3, 0x08ff, ''], // extended Arabic marks
  [0x200b, 0x200b, ''], // zero-width space
  [0x200d, 0x200f, ''], // ZWJ, LRM, RLM
  [0x202a, 0x202e, ''], // bidi embeddings and overrides
  [0x2060, 0x2064, ''], // word joiner, invisible operators
  [0x2066, 0x2069, ''], // bidi isolates
];

const singles: Record<number, string> = {
  0x0640: '', // tatweel (kashida)
  // ZWNJ is meaningful in Persian (می‌خواهم, حزب‌الله): kept as a word-internal joiner in the
  // normalized text; search tokenization treats it as a word boundary, so حزب‌الله finds
  // the Arabic حزب الله and Persian written with a space instead of ZWNJ.
  0x200c: '\u200c',
  0x061c: '', // Arabic letter mark
  0xfeff: '', // BOM / zero-width no-break space
  0x00ad: '', // soft hyphen
  // alef and hamza seats
  0x0671: 'ا', 0x0672: 'ا', 0x0673: 'ا', 0x0675: 'ا',
  0x0623: 'ا', 0x0625: 'ا', 0x0622: 'ا',
  0x0624: 'و', 0x0626: 'ي',
  // ta marbuta and heh forms (Arabic, Persian, Urdu)
  0x0629: 'ه', 0x06c0: 'ه', 0x06c1: 'ه', 0x06c2: 'ه', 0x06c3: 'ه', 0x06be: 'ه', 0x06d5: 'ه',
  // alef maqsura and yeh forms (Persian ی, Urdu ے, Pashto ې ۍ)
  0x0649: 'ي', 0x06cc: 'ي', 0x06d2: 'ي', 0x06d3: 'ي', 0x06d0: 'ي', 0x06cd: 'ي', 0x06ce: 'ي',
  // keheh and swash kaf
  0x06a9: 'ك', 0x06aa: 'ك',
  // apostrophes and ayn/hamza modifier letters in romanizations: Kata'ib = Kataib = Kata’ib
  0x0027: '', 0x2019: '', 0x2018: '', 0x02bf: '', 0x02be: '', 0x0060: '', 0x00b4: '', 0x2032: '',
  0x02bc: '', 0x02bb: '', 0x02b9: '', 0xa78c: '',
  // Latin letters without a canonical decomposition
  0x00df: 'ss', 0x00f8: 'o', 0x00d8: 'o', 0x0111: 'd', 0x0110: 'd', 0x0142: 'l', 0x0141: 'l',
  0x00e6: 'ae', 0x00c6: 'ae', 0x0153: 'oe', 0x0152: 'oe', 0x0131: 'i', 0x00fe: 'th', 0x00f0: 'd',
};

// Arabic-Indic (U+0660…) and extended/Persian (U+06F0…) digits fold to ASCII digits.
for (let d = 0; d < 10; d++) {
  singles[0x0660 + d] = String(d);
  singles[0x06f0 + d] = String(d);
}

/** The fold of a single code point if the table has one. */
export function tableFold(cp: number): string | undefined {
  const s = singles[cp];
  if (s !== undefined) return s;
  for (const [lo, hi, to] of ranges) if (cp >= lo && cp <= hi) return to;
  return undefined;
}

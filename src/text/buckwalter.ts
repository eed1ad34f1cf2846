/**
 * Buckwalter transliteration: a one-to-one ASCII encoding of Arabic script for machine round
 * trips (logs, test fixtures, tools that choke on RTL text). Not for display: use `romanize`.
 *
 * Table followed: Tim Buckwalter's standard table (qamus.org/transliteration.htm, as used by the
 * LDC Arabic Treebank and BAMA/SAMA), plus the four extension letters defined for loanwords and
 * Persian/Urdu in the Habash–Soudi–Buckwalter scheme as published in CAMeL Tools' encoding
 * reference (docs/source/reference/encoding_schemes.rst): پ P, چ J, ڤ V, گ G. Other
 * Persian/Urdu letters (ژ ک ی ٹ ڈ ڑ ں ہ ھ ے …) have no documented Buckwalter code, so they pass
 * through unchanged rather than being squeezed onto a code that would make the mapping lossy
 * (for example K is already kasratan). Arabic-Indic digits also pass through: mapping them to
 * 0-9, as some tools do, would break the round trip of strings that hold ASCII digits.
 *
 * The `xml` scheme is the XML-safe variant from the same reference: > & < become O W I.
 */

/** Which Buckwalter variant to read or write. */
export type BuckwalterScheme = 'standard' | 'xml';

/** Options for toBuckwalter / fromBuckwalter. */
export interface BuckwalterOptions {
  /** `standard` (default) or `xml` (O W I in place of > & <). */
  scheme?: BuckwalterScheme;
}

// [Arabic code point, standard code]. Order follows Unicode; every code is a distinct ASCII char.
const TABLE: ReadonlyArray<readonly [number, string]> = [
  [0x0621, "'"], // hamza
  [0x0622, '|'], // alef with madda
  [0x0623, '>'], // alef with hamza above
  [0x0624, '&'], // waw with hamza
  [0x0625, '<'], // alef with hamza below
  [0x0626, '}'], // yeh with hamza
  [0x0627, 'A'], // alef
  [0x0628, 'b'],
  [0x0629, 'p'], // ta marbuta
  [0x062a, 't'],
  [0x062b, 'v'], // theh
  [0x062c, 'j'],
  [0x062d, 'H'], // hah
  [0x062e, 'x'], // khah
  [0x062f, 'd'],
  [0x0630, '*'], // thal
  [0x0631, 'r'],
  [0x0632, 'z'],
  [0x0633, 's'],
  [0x0634, '$'], // sheen
  [0x0635, 'S'], // sad
  [0x0636, 'D'], // dad
  [0x0637, 'T'], // tah
  [0x0638, 'Z'], // zah
  [0x0639, 'E'], // ain
  [0x063a, 'g'], // ghain
  [0x0640, '_'], // tatweel
  [0x0641, 'f'],
  [0x0642, 'q'],
  [0x0643, 'k'],
  [0x0644, 'l'],
  [0x0645, 'm'],
  [0x0646, 'n'],
  [0x0647, 'h'],
  [0x0648, 'w'],
  [0x0649, 'Y'], // alef maqsura
  [0x064a, 'y'],
  [0x064b, 'F'], // fathatan
  [0x064c, 'N'], // dammatan
  [0x064d, 'K'], // kasratan
  [0x064e, 'a'], // fatha
  [0x064f, 'u'], // damma
  [0x0650, 'i'], // kasra
  [0x0651, '~'], // shadda
  [0x0652, 'o'], // sukun
  [0x0670, '`'], // superscript (dagger) alef
  [0x0671, '{'], // alef wasla
  // Habash–Soudi–Buckwalter / CAMeL Tools extension
  [0x067e, 'P'], // peh
  [0x0686, 'J'], // tcheh
  [0x06a4, 'V'], // veh
  [0x06af, 'G'], // gaf
];

const XML_SWAP: Readonly<Record<string, string>> = { '>': 'O', '&': 'W', '<': 'I' };

function buildMaps(scheme: BuckwalterScheme): { enc: Map<number, string>; dec: Map<string, string> } {
  const enc = new Map<number, string>();
  const dec = new Map<string, string>();
  for (const [cp, std] of TABLE) {
    const code = scheme === 'xml' ? (XML_SWAP[std] ?? std) : std;
    enc.set(cp, code);
    dec.set(code, String.fromCharCode(cp));
  }
  return { enc, dec };
}

const MAPS: Readonly<Record<BuckwalterScheme, ReturnType<typeof buildMaps>>> = {
  standard: buildMaps('standard'),
  xml: buildMaps('xml'),
};

/** The Arabic code points the table covers (for property tests and callers that pre-check input). */
export const BUCKWALTER_LETTERS: readonly string[] = TABLE.map(([cp]) => String.fromCharCode(cp));

/** Arabic script → Buckwalter ASCII; characters outside the table pass through unchanged. */
export function toBuckwalter(arabic: string, opts: BuckwalterOptions = {}): string {
  const { enc } = MAPS[opts.scheme ?? 'standard'];
  let out = '';
  for (let i = 0; i < arabic.length; i++) {
    const c = arabic.charCodeAt(i);
    out += enc.get(c) ?? arabic.charAt(i);
  }
  return out;
}

/** Buckwalter ASCII → Arabic script; characters that are not Buckwalter codes pass through unchanged. */
export function fromBuckwalter(ascii: string, opts: BuckwalterOptions = {}): string {
  const { dec } = MAPS[opts.scheme ?? 'standard'];
  let out = '';
  for (let i = 0; i < ascii.length; i++) {
    const ch = ascii.charAt(i);
    out += dec.get(ch) ?? ch;
  }
  return out;
}

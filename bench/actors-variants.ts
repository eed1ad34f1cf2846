// Generated spelling variants for `npm run bench:actors`: the transliteration variation the issue
// lists, applied to names as the lists publish them. Each rule changes one place in the name (a
// seeded choice among the places it applies to) and returns null where it does not apply.
import type { RegistryActor } from '../src/store/actor.repository.js';
import type { EvalQuery } from './actors-eval.js';
import { lettersKey, pick, plainTokens, scriptOf, shuffled } from './actors-names.js';

/** What a rule may know of the entity: its Arabic-script names ('' if none) and whether it is a person. */
interface RuleContext {
  arabic: string;
  person: boolean;
}

/**
 * A variation rule. Swaps that are only right for some Arabic letters (k → q for ق, z → dh for
 * ذ ظ ض, -a/-eh → -ah for ة) apply only when the entity's Arabic name has that letter; the other
 * direction is always a real variant (a list's "q" is ق, its "dh" one of ذ ظ ض, its "-ah" a ة or
 * the h of Allah: "Saleh" → "Salah" would be another name).
 */
type Rule = (name: string, rnd: () => number, ctx: RuleContext) => string | null;

// Particles that belong to the surname when a name is reordered ("EL KHAYARI, Brahim").
const PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'ul', 'ad', 'bin', 'ben', 'ibn', 'abu', 'abou', 'de', 'del', 'da', 'van', 'von']);

// English words of organisation names: transliteration rules do not apply to them
// ("Organidhation" is not a variant anyone writes).
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  'the of and for in on to a an organization organisation foundation charitable charity company corporation corp group front brigade brigades battalion battalions army islamic international society committee trust bank trading trade services service limited ltd co inc association council movement party office relief fund development industries industry state republic national united global holding holdings establishment agency institute center centre network media unit forces force guards corps revolutionary liberation martyrs exchange import export general ministry sons people'.split(
    ' ',
  ),
);

/** The lower-cased word around position `at`. */
function wordAt(s: string, at: number): string {
  let start = at;
  let end = at;
  while (start > 0 && /\p{L}/u.test(s.charAt(start - 1))) start--;
  while (end < s.length && /\p{L}/u.test(s.charAt(end))) end++;
  return s.slice(start, end);
}

/** Replaces one match of `re` (global) chosen at random with `to(match)`, never inside an English word. */
function replaceOne(name: string, re: RegExp, to: (m: RegExpExecArray) => string | null, rnd: () => number): string | null {
  const matches = [...name.matchAll(re)].filter((m) => !ENGLISH_WORDS.has(wordAt(name, m.index)));
  for (const m of shuffled(matches, rnd)) {
    const out = to(m);
    if (out !== null) return name.slice(0, m.index) + out + name.slice(m.index + m[0].length);
  }
  return null;
}

/** Latin rules work on the lower-cased name; the variant is then written in title case, as news does. */
const LATIN_RULES: Record<string, Rule> = {
  'q↔k': (s, r, { arabic: ar }) => replaceOne(s, ar.includes('ق') ? /q|(?<!k)k(?![kh])/g : /q/g, (m) => (m[0] === 'q' ? 'k' : 'q'), r),
  'dh↔z↔th': (s, r, { arabic: ar }) =>
    replaceOne(s, /[ذظض]/.test(ar) ? /(?<!mma)dh|(?<![tsz])z(?![zh])/g : /(?<!mma)dh/g, (m) => (m[0] === 'dh' ? (r() < 0.5 ? 'z' : 'th') : 'dh'), r),
  'ou↔u': (s, r) => replaceOne(s, /ou|oo|(?<!o)u/g, (m) => (m[0] === 'u' ? 'ou' : 'u'), r),
  'ee↔i': (s, r) => replaceOne(s, /ee|\Bi\B/g, (m) => (m[0] === 'ee' ? 'i' : 'ee'), r),
  'double/undouble': (s, r) =>
    replaceOne(
      s,
      /([bcdfghjklmnpqrstvwxyz])\1|(?<=[aeiou])[bdfjklmnrstz](?=[aeiou])/g,
      (m) => (m[0].length === 2 ? (m[0][0] ?? '') : m[0] + m[0]),
      r,
    ),
  "drop/keep ' ʿ ’": (s, r) =>
    /['’‘ʿʾ`]/.test(s) ? (r() < 0.5 ? s.replace(/['’‘ʿʾ`]/g, '') : s.replace(/['’‘ʿʾ`]/g, () => pick(["'", 'ʿ', '’'], r) ?? "'")) : null,
  '-ah/-a/-eh': (s, r, { arabic: ar }) =>
    replaceOne(s, ar.includes('ة') ? /(?:ah|eh|(?<!a)a)\b/g : /ah\b/g, (m) => (m[0] === 'ah' ? (r() < 0.5 ? 'a' : 'eh') : 'ah'), r),
  'Hizb/Hezb/Hisb': (s, r) =>
    replaceOne(s, /h[ie][zs]b(?:[aou]llah)?/g, (m) => {
      const head = pick(['hizb', 'hezb', 'hisb'].filter((h) => !m[0].startsWith(h)), r) ?? 'hezb';
      const tail = m[0].length > 4 ? (pick(['allah', 'ollah', 'ullah'].filter((t) => !m[0].endsWith(t)), r) ?? '') : '';
      return head + tail;
    }, r),
  'al-/el-/spaced/attached': (s, r) =>
    replaceOne(s, /\b([ae]l)([- ])(?=\p{L})/gu, (m) => pick(['al-', 'el-', 'al ', 'al'].filter((a) => a !== `${m[1] ?? ''}${m[2] ?? ''}`), r) ?? null, r),
  'SURNAME, Given ↔ Given Surname': (s, _r, { person }) => {
    if (!person) return null;
    const comma = s.indexOf(',');
    if (comma > 0) return `${s.slice(comma + 1).trim()} ${s.slice(0, comma).trim()}`;
    const words = s.split(/\s+/);
    let cut = words.length - 1;
    while (cut > 1 && PARTICLES.has(words[cut - 1] ?? '')) cut--;
    if (cut < 1) return null;
    return `${words.slice(cut).join(' ')}, ${words.slice(0, cut).join(' ')}`;
  },
};

const ARABIC_RULES: Record<string, Rule> = {
  // One orthographic or Persian/Urdu form: hamza seats, ta marbuta, alif maqsura, Persian yeh and kaf.
  'Arabic orthography / Persian letters': (s, r) => {
    const swaps: Array<[RegExp, string]> = [
      [/[أإآ]/g, 'ا'],
      [/ة/g, 'ه'],
      [/ى/g, 'ي'],
      [/ي/g, 'ی'],
      [/ك/g, 'ک'],
    ];
    const applicable = swaps.filter(([re]) => re.test(s));
    const chosen = pick(applicable, r);
    return chosen ? s.replace(chosen[0], chosen[1]) : null;
  },
};

/** Every rule name, Latin first, in report order. */
export const VARIANT_RULES = [...Object.keys(LATIN_RULES), ...Object.keys(ARABIC_RULES)];

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function applyRule(rule: string, name: string, rnd: () => number, ctx: RuleContext): string | null {
  const latin = LATIN_RULES[rule];
  if (latin) {
    const out = latin(name.toLowerCase(), rnd, ctx);
    return out === null ? null : titleCase(out.replace(/\s+/g, ' ').trim());
  }
  return ARABIC_RULES[rule]?.(name, rnd, ctx) ?? null;
}

// Words that mark a name of Arabic or Persian origin, where the rules are real variation
// (a Colombian company name with q and k swapped is not).
const ARABIC_NAME_WORDS: ReadonlySet<string> = new Set(
  'al el abu abou bin ben ibn bint umm abd abdul abdel abdal abdullah abdallah muhammad mohammad mohammed mohamed muhammed ahmad ahmed ali hassan hasan hussein husain hussain husayn mahmud mahmoud khalid khaled omar umar yusuf youssef yousef ibrahim ismail mustafa mostafa hamid hamed rahman rahim karim saleh salih abdulrahman hizballah hizbullah hezbollah jamaat jamaah jamiat harakat ansar tanzim kataib lashkar jaish mujahidin mujahideen islamic islami'.split(
    ' ',
  ),
);

/** True for names the transliteration rules fit: Arabic script, or Latin with an Arabic-name word. */
export function looksArabicOrigin(actor: RegistryActor): boolean {
  return actor.aliases.some((a) => scriptOf(a.alias) === 'Arab' || plainTokens(a.alias).some((t) => ARABIC_NAME_WORDS.has(t)));
}

export interface VariantOptions {
  perRule: number;
  combined: number;
  rnd: () => number;
}

/**
 * Variants of list names, queried against the full registry: one rule each (`perRule` per rule)
 * and chains (`combined`: three Latin rules drawn, those that apply are applied, at least two
 * must). Sources are names of Arabic or Persian origin that no other entity shares. A variant that
 * is already an alias of some record (letters only) is not a variant, one equal to another
 * entity's alias is ambiguous; both are dropped.
 */
export function buildVariants(actors: readonly RegistryActor[], groups: ReadonlyMap<string, string[]>, keyIndex: ReadonlyMap<string, Set<string>>, opts: VariantOptions): EvalQuery[] {
  const byId = new Map(actors.map((a) => [a.id, a]));
  const sources = shuffled(actors.filter(looksArabicOrigin), opts.rnd);
  const out: EvalQuery[] = [];
  const seen = new Set<string>();
  const tryVariant = (actor: RegistryActor, rules: string[], row: string, minApplied: number): boolean => {
    const group = groups.get(actor.id) ?? [actor.id];
    const arabic = group
      .flatMap((id) => byId.get(id)?.aliases ?? [])
      .filter((a) => scriptOf(a.alias) === 'Arab')
      .map((a) => a.alias)
      .join(' ');
    const script = ARABIC_RULES[rules[0] ?? ''] ? 'Arab' : 'Latn';
    const aliases = shuffled(
      // One-word names are left out: a variant of "Saleh" is as much another entity's "Al-Salah".
      actor.aliases.filter((a) => scriptOf(a.alias) === script && a.confidence >= 1 && a.kind !== 'acronym' && plainTokens(a.alias).length >= 2),
      opts.rnd,
    );
    for (const a of aliases) {
      // A list name that several entities share (namesakes) has no single right answer.
      if ([...(keyIndex.get(lettersKey(a.alias)) ?? [])].some((id) => !group.includes(id))) continue;
      // In a chain, a rule that does not apply is passed over; at least `minApplied` must apply.
      let name = a.alias;
      let applied = 0;
      for (const rule of rules) {
        const next = applyRule(rule, name, opts.rnd, { arabic, person: actor.kind === 'person' });
        if (next === null) continue;
        name = next;
        applied++;
      }
      if (applied < minApplied || name.toLowerCase() === a.alias.toLowerCase() || seen.has(name)) continue;
      const key = lettersKey(name);
      const holders = keyIndex.get(key);
      // Dropping an apostrophe keeps the letters key: that is still a variant of its own alias.
      if (holders && [...holders].some((id) => !group.includes(id))) continue;
      if (holders && !rules.includes("drop/keep ' ʿ ’")) continue;
      seen.add(name);
      out.push({ query: name, expected: new Set(group), row, entity: a.alias });
      return true;
    }
    return false;
  };
  for (const rule of VARIANT_RULES) {
    let n = 0;
    for (const actor of sources) {
      if (n >= opts.perRule) break;
      if (tryVariant(actor, [rule], rule, 1)) n++;
    }
  }
  const latinRules = Object.keys(LATIN_RULES);
  let n = 0;
  for (const actor of sources) {
    if (n >= opts.combined) break;
    const rules = shuffled(latinRules, opts.rnd).slice(0, 3);
    if (tryVariant(actor, rules, 'combined 2–3 rules', 2)) n++;
  }
  return out;
}

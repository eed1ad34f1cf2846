/**
 * Which words a language has, read from a Hunspell dictionary (the `.aff` affix rules and the
 * `.dic` word list that spell checkers use): a word is known when it is in the list or is a
 * listed stem with one of the prefixes and suffixes its flags allow. Compounding and the
 * suggestion machinery are not read: language identification only asks "is this a word of
 * the language?".
 */

export interface Lexicon {
  knows(word: string): boolean;
  /** Stems in the word list. */
  readonly size: number;
}

interface Affix {
  /** Flag index, as a one-character string (see `FlagCodec`). */
  flag: string;
  strip: string;
  add: string;
  /** Tested on the stem after stripping; null when any stem will do. */
  condition: RegExp | null;
  cross: boolean;
}

type FlagMode = 'char' | 'long' | 'num' | 'utf8';

/** Flags of any of Hunspell's four notations, each mapped to one UTF-16 unit for compact stems. */
class FlagCodec {
  private readonly codes = new Map<string, string>();
  constructor(readonly mode: FlagMode) {}

  code(flag: string): string {
    let c = this.codes.get(flag);
    if (c === undefined) {
      // Private-use and beyond: 0xE000 + n never collides with a real flag's meaning.
      c = String.fromCharCode(0xe000 + this.codes.size);
      this.codes.set(flag, c);
    }
    return c;
  }

  /** A `.dic` or continuation flag field as one string of codes. */
  encode(field: string): string {
    const flags =
      this.mode === 'long' ? (field.match(/[\s\S]{1,2}/g) ?? []) : this.mode === 'num' ? field.split(',') : [...field];
    let out = '';
    for (const f of flags) if (f.trim()) out += this.code(f.trim());
    return out;
  }
}

/** A Hunspell condition (`.`, `[abc]`, `[^abc]`, literal letters) as a RegExp anchored at the given end. */
function condition(pattern: string, at: 'start' | 'end'): RegExp | null {
  if (pattern === '.' || pattern === '') return null;
  const body = pattern.replace(/[.*+?^${}()|\\]/g, (ch) => (ch === '.' ? '.' : ch === '^' ? '^' : `\\${ch}`));
  return new RegExp(at === 'end' ? `(?:${body})$` : `^(?:${body})`, 'u');
}

/** Reads a Hunspell `.aff` and `.dic` (both already decoded as UTF-8). */
export function readHunspell(aff: string, dic: string): Lexicon {
  const affLines = aff.split(/\r?\n/);
  const modeLine = affLines.find((l) => l.startsWith('FLAG '))?.split(/\s+/)[1];
  const codec = new FlagCodec(modeLine === 'long' ? 'long' : modeLine === 'num' ? 'num' : modeLine === 'UTF-8' ? 'utf8' : 'char');
  const prefixes: Affix[] = [];
  // Suffixes by the last character of what they add ('' for suffixes that add nothing).
  const suffixes = new Map<string, Affix[]>();
  let needAffix = '';
  let onlyInCompound = '';
  const cross = new Map<string, boolean>();
  for (const line of affLines) {
    const f = line.trim().split(/\s+/);
    const kind = f[0];
    if (kind === 'NEEDAFFIX' && f[1]) needAffix = codec.code(f[1]);
    if (kind === 'ONLYINCOMPOUND' && f[1]) onlyInCompound = codec.code(f[1]);
    if ((kind !== 'PFX' && kind !== 'SFX') || f.length < 4 || !f[1]) continue;
    // Header: "SFX flag Y|N count"; rule: "SFX flag strip add[/flags] condition [morphology]".
    if (f.length === 4 && /^\d+$/.test(f[3] ?? '') && (f[2] === 'Y' || f[2] === 'N')) {
      cross.set(`${kind}${f[1]}`, f[2] === 'Y');
      continue;
    }
    const [strip = '0', addField = '0', cond = '.'] = f.slice(2);
    const add = addField.split('/')[0] ?? '';
    const affix: Affix = {
      flag: codec.code(f[1]),
      strip: strip === '0' ? '' : strip,
      add: add === '0' ? '' : add,
      condition: condition(cond, kind === 'SFX' ? 'end' : 'start'),
      cross: cross.get(`${kind}${f[1]}`) ?? false,
    };
    if (kind === 'PFX') prefixes.push(affix);
    else {
      const key = affix.add.slice(-1);
      const list = suffixes.get(key) ?? [];
      list.push(affix);
      suffixes.set(key, list);
    }
  }

  const stems = new Map<string, string>();
  const dicLines = dic.split(/\r?\n/);
  for (let i = 1; i < dicLines.length; i++) {
    const line = dicLines[i];
    if (!line || line.startsWith('\t')) continue;
    const entry = line.split(/[\t ]/)[0] ?? '';
    const slash = entry.search(/(?<!\\)\//);
    const word = (slash < 0 ? entry : entry.slice(0, slash)).replace(/\\\//g, '/');
    if (!word) continue;
    const flags = slash < 0 ? '' : codec.encode(entry.slice(slash + 1));
    stems.set(word, (stems.get(word) ?? '') + flags);
  }

  const standsAlone = (flags: string): boolean =>
    (!needAffix || !flags.includes(needAffix)) && (!onlyInCompound || !flags.includes(onlyInCompound));

  const withSuffix = (word: string, prefix: Affix | null): boolean => {
    for (const key of ['', word.slice(-1)]) {
      for (const s of suffixes.get(key) ?? []) {
        if (!word.endsWith(s.add) || word.length <= s.add.length) continue;
        if (prefix && !(prefix.cross && s.cross)) continue;
        const stem = word.slice(0, word.length - s.add.length) + s.strip;
        const flags = stems.get(stem);
        if (flags === undefined || !flags.includes(s.flag) || (s.condition && !s.condition.test(stem))) continue;
        if (!prefix || flags.includes(prefix.flag)) return true;
      }
    }
    return false;
  };

  return {
    size: stems.size,
    knows(word) {
      const flags = stems.get(word);
      if (flags !== undefined && standsAlone(flags)) return true;
      if (withSuffix(word, null)) return true;
      for (const p of prefixes) {
        if (!word.startsWith(p.add) || word.length <= p.add.length) continue;
        const rest = p.strip + word.slice(p.add.length);
        if (p.condition && !p.condition.test(rest)) continue;
        const f = stems.get(rest);
        if (f !== undefined && f.includes(p.flag)) return true;
        if (p.cross && withSuffix(rest, p)) return true;
      }
      return false;
    },
  };
}

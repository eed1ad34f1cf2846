import { describe, expect, it } from 'vitest';
import { readHunspell } from './hunspell-lexicon.js';

// A made-up language in Hunspell's long-flag notation: plural -ez (after a consonant), -iz
// replacing a final -a, a negative prefix un- that combines with the plural, and a stem that
// only occurs with an affix.
const AFF = `SET UTF-8
FLAG long
NEEDAFFIX Na

PFX Un Y 1
PFX Un 0 un .

SFX Pl Y 2
SFX Pl 0 ez [^a]
SFX Pl a iz a

SFX Ob N 1
SFX Ob 0 om/Pl .
`;
const DIC = `5
dorn/PlUn
vela/Pl
kast
brem/NaPl
sil\\/to/Ob
`;

describe('readHunspell', () => {
  const lx = readHunspell(AFF, DIC);

  it('knows listed words and their affixed forms', () => {
    expect(lx.size).toBe(5);
    expect(['dorn', 'dornez', 'undorn', 'undornez', 'vela', 'veliz', 'kast', 'sil/to', 'sil/toom'].filter((w) => !lx.knows(w))).toEqual([]);
  });

  it('applies conditions, flags and NEEDAFFIX', () => {
    // -ez needs a stem not ending in a; kast has no flags; un- is not allowed on vela; brem needs an affix.
    expect(['velaez', 'kastez', 'unvela', 'brem', 'bremez', 'dornom', 'zorn', 'ez', 'un'].map((w) => lx.knows(w))).toEqual([
      false, false, false, false, true, false, false, false, false,
    ]);
  });

  it('reads numeric and single-character flags', () => {
    const num = readHunspell('FLAG num\nSFX 101 N 1\nSFX 101 0 s .\n', '1\ncat/101,7\n');
    expect([num.knows('cat'), num.knows('cats'), num.knows('catz')]).toEqual([true, true, false]);
    const single = readHunspell('SFX S N 1\nSFX S y ies [^aeiou]y\n', '2\nspy/S\ntoy/S\n');
    expect([single.knows('spies'), single.knows('toies'), single.knows('spy')]).toEqual([true, false, true]);
  });
});

import { describe, expect, it } from 'vitest';
import { nameForm, type NameToken } from './name-form.js';
import { isLatinTypo, sameSyllable } from './spelling-slips.js';

function token(word: string): NameToken {
  const t = nameForm(word).tokens[0];
  if (t === undefined) throw new Error(`no token in ${word}`);
  return t;
}

describe('isLatinTypo', () => {
  it('takes one letter changed, added, dropped or swapped in a word of six letters or more', () => {
    expect(isLatinTypo(token('PODOBED'), token('POBOBED'), false)).toBe(true);
    expect(isLatinTypo(token('Dzhordzhik'), token('Dzhorzhik'), false)).toBe(true);
    expect(isLatinTypo(token('Galdino'), token('Galindo'), false)).toBe(false);
    expect(isLatinTypo(token('Kalinov'), token('Kailnov'), false)).toBe(true);
  });

  it('leaves short words, common given names, other scripts and further spellings alone', () => {
    expect(isLatinTypo(token('Savo'), token('Savko'), false)).toBe(false);
    expect(isLatinTypo(token('Hameed'), token('Hamees'), true)).toBe(false);
    expect(isLatinTypo(token('Aramex'), token('Alumix'), false)).toBe(false);
    expect(isLatinTypo(token('بوبوبيد'), token('POBOBED'), false)).toBe(false);
  });
});

describe('sameSyllable', () => {
  it('reads one Chinese or Korean syllable in two romanizations as one', () => {
    expect(sameSyllable(token('Zhang'), token('Chang'))).toBe(true);
    expect(sameSyllable(token('Wan'), token('Wang'))).toBe(true);
    expect(sameSyllable(token('kwang'), token('gwang'))).toBe(true);
  });

  it('keeps other syllables and longer words apart', () => {
    expect(sameSyllable(token('Kang'), token('Kwang'))).toBe(false);
    expect(sameSyllable(token('Hassan'), token('Hasan'))).toBe(false);
    expect(sameSyllable(token('Son'), token('Sun'))).toBe(false);
  });
});

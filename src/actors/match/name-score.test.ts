import { describe, expect, it } from 'vitest';
import { nameForm, type NameToken } from './name-form.js';
import { isPluralOf, readsAcrossScripts, SIM_VARIANT, sameKeySimilarity } from './name-score.js';

function token(word: string): NameToken {
  const t = nameForm(word).tokens[0];
  if (t === undefined) throw new Error(`no token in ${word}`);
  return t;
}

describe('sameKeySimilarity across scripts', () => {
  it.each([
    ['نظر', 'Nazir'],
    ['انور', 'Anwar'],
    ['نیازی', 'Nyazi'],
    ['الذهب', 'Dhahaba'],
  ])('reads %s as %s: Latin gives the short vowels Arabic leaves unwritten', (arabic, latin) => {
    expect(readsAcrossScripts(token(arabic), token(latin))).toBe(true);
    expect(sameKeySimilarity(token(latin), token(arabic))).toBe(SIM_VARIANT);
  });

  it('still tells a nisba from the name it is made from, and common given names apart', () => {
    expect(readsAcrossScripts(token('العسكري'), token('Askar'))).toBe(false);
    expect(sameKeySimilarity(token('محمود'), token('Muhammad'), true)).toBeLessThan(SIM_VARIANT);
  });

  it('never applies within one script', () => {
    expect(readsAcrossScripts(token('Nazr'), token('Nazir'))).toBe(false);
  });
});

describe('isPluralOf', () => {
  it('pairs a Latin word with its plural in -s', () => {
    expect(isPluralOf(token('Ship'), token('Ships'))).toBe(true);
    expect(isPluralOf(token('Secours'), token('Secour'))).toBe(true);
    expect(isPluralOf(token('Ship'), token('Shipping'))).toBe(false);
    expect(isPluralOf(token('عباس'), token('Abba'))).toBe(false);
  });
});

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
    ['الذهب', 'al-Dhahaba'],
  ])('reads %s as %s: Latin gives the short vowels Arabic leaves unwritten', (arabic, latin) => {
    expect(readsAcrossScripts(token(arabic), token(latin))).toBe(true);
    expect(sameKeySimilarity(token(latin), token(arabic))).toBe(SIM_VARIANT);
  });

  it('still tells a nisba from the name it is made from, and common given names apart', () => {
    expect(readsAcrossScripts(token('العسكري'), token('Askar'))).toBe(false);
    expect(sameKeySimilarity(token('محمود'), token('Muhammad'), true)).toBeLessThan(SIM_VARIANT);
  });

  it('asks a final -a of the Latin spelling to be written in Arabic, but for a case vowel after the article', () => {
    expect(readsAcrossScripts(token('گوگوش'), token('Googoosha'))).toBe(false);
    expect(sameKeySimilarity(token('فيروز'), token('Firouzeh'))).toBeLessThan(SIM_VARIANT);
    expect(readsAcrossScripts(token('حمزة'), token('Hamza'))).toBe(true);
    expect(readsAcrossScripts(token('الذهب'), token('al-Dhahaba'))).toBe(true);
  });

  it('tells a feminine or longer name from the name within one script (Samer, Samara)', () => {
    expect(sameKeySimilarity(token('Samer'), token('Samara'))).toBeLessThan(SIM_VARIANT);
    expect(sameKeySimilarity(token('Hamzah'), token('Hamzeh'))).toBe(SIM_VARIANT);
  });

  it('reads a name ending in -llah as a name of its own when no name comes before Allah (Dallah, Dalah)', () => {
    expect(sameKeySimilarity(token('DALLAH'), token('DALAH'))).toBe(SIM_VARIANT);
    expect(sameKeySimilarity(token('Abdallah'), token('Abdullah'))).toBe(SIM_VARIANT);
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

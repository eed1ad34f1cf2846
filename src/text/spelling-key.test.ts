import { describe, expect, it } from 'vitest';
import { looksLikeName, querySpellingKey, spellingKey, spellingText } from './spelling-key.js';

describe('spelling keys', () => {
  it('gives Latin spellings of one name the same key', () => {
    const keys = ['hezbollah', 'hizballah', 'hizbullah', 'hezbullah'].map(spellingKey);
    expect(new Set(keys).size).toBe(1);
    expect(spellingKey('askari')).toBe(spellingKey('askary'));
    expect(spellingKey('muhandis')).toBe(spellingKey('mohandes'));
    expect(spellingKey('askari')).not.toBe(spellingKey('asiri'));
  });

  it('leaves short words, digits and other scripts out', () => {
    expect(spellingKey('abu')).toBeNull();
    expect(spellingKey('2021')).toBeNull();
    expect(spellingKey('العسكري')).toBeNull();
    expect(spellingText('the hizballah commander 12')).toBe([spellingKey('hizballah'), spellingKey('commander')].join(' '));
  });

  it('widens only name-like query words unless asked to', () => {
    expect(looksLikeName('Hezbollah')).toBe(true);
    expect(looksLikeName('al-askari')).toBe(true);
    expect(looksLikeName("kata'ib")).toBe(true);
    expect(looksLikeName('training')).toBe(false);
    expect(querySpellingKey('training')).toBeNull();
    expect(querySpellingKey('training', true)).toBe(spellingKey('training'));
    expect(querySpellingKey('al-Askari')).toBe(spellingKey('askari'));
  });
});

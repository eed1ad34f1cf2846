import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithMap, searchText, tokenize } from './normalize.js';

interface FoldCase {
  note: string;
  input: string;
  expected: string;
}

const cases = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/text/fold-cases.json'), 'utf8')) as FoldCase[];

describe('normalize', () => {
  it.each(cases)('$note', ({ input, expected }) => {
    expect(normalize(input)).toBe(expected);
    expect(normalizeWithMap(input).text).toBe(expected);
  });

  it('never changes the original string', () => {
    const original = 'يُعلِنُ المستشارونَ';
    normalize(original);
    expect(original).toBe('يُعلِنُ المستشارونَ');
  });

  it('maps every normalized offset back to the original text', () => {
    const original = 'قال: «المستشارونَ الأمنيّونَ» — Kata’ib';
    const { text, map } = normalizeWithMap(original);
    for (const tok of tokenize(text)) {
      const start = map[tok.start] ?? -1;
      const end = map[tok.end] ?? -1;
      expect(normalize(original.slice(start, end))).toBe(tok.text);
    }
    expect(map[text.length]).toBe(original.length);
  });

  it('gives both search engines the same space-separated tokens', () => {
    expect(searchText('#قادة_النصر | al-ʿAskarī, https://t.me/x 12')).toBe('قاده النصر al askari https t me x 12');
    expect(searchText('   ')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { parseSearchQuery, toFts5Match, toTsQuery } from './search-query.js';
import { buildSnippet } from './snippet.js';

describe('parseSearchQuery', () => {
  it('normalizes words, keeps phrases and prefixes', () => {
    const terms = parseSearchQuery('المستشارونَ "N-USA the end" hizb* al-ʿAskari');
    expect(terms).toEqual([
      { tokens: ['المستشارون'], phrase: false, prefix: false, stem: 'مستشار', spelling: null },
      { tokens: ['n', 'usa', 'the', 'end'], phrase: true, prefix: false, stem: null, spelling: null },
      { tokens: ['hizb'], phrase: false, prefix: true, stem: null, spelling: null },
      { tokens: ['al', 'askari'], phrase: true, prefix: false, stem: null, spelling: 'askr' },
    ]);
    expect(toFts5Match(terms)).toBe(
      '(search_text : "المستشارون" OR stem_text : "مستشار") AND search_text : "n usa the end" AND search_text : "hizb" * AND (search_text : "al askari" OR spelling_text : "askr")',
    );
    expect(toTsQuery(terms)).toBe("'المستشارون' & ('n' <-> 'usa' <-> 'the' <-> 'end') & 'hizb':* & ('al' <-> 'askari')");
  });

  it('ignores punctuation-only input and unbalanced quotes safely', () => {
    expect(parseSearchQuery('!!! ... "')).toEqual([]);
    expect(toFts5Match(parseSearchQuery('"unclosed phrase'))).toBe('search_text : "unclosed phrase"');
  });
});

describe('buildSnippet', () => {
  it('highlights matches in the original text, with its diacritics', () => {
    const original = 'بسمه تعالى\nيقف المستشارونَ الأمنيّونَ للمقاومة';
    const s = buildSnippet(original, parseSearchQuery('المستشارون'));
    expect(s.highlights).toHaveLength(1);
    const h = s.highlights[0];
    expect(original.slice(h?.start, h?.end)).toBe('المستشارونَ');
  });
});

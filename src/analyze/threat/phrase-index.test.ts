import { describe, expect, it } from 'vitest';
import { expandPhrase, PhraseIndex } from './phrase-index.js';
import { readThreatText } from './threat-text.js';

function found(index: PhraseIndex<string>, post: string): string[] {
  return index
    .matchAll(readThreatText(post))
    .map((m) => `${m.payload}@${m.from}-${m.to}`)
    .sort();
}

describe('expandPhrase', () => {
  it('expands alternatives and optional words', () => {
    expect(expandPhrase('we (will|shall) [soon] come')).toEqual(['we will soon come', 'we will come', 'we shall soon come', 'we shall come']);
  });
});

describe('PhraseIndex', () => {
  it('finds every phrase at every position, each once however many readings a word has', () => {
    const index = new PhraseIndex<string>();
    index.add('burn the', 'short');
    index.add('burn the (city|town) [down]', 'long');
    index.add('burn*', 'prefix');
    expect(found(index, 'They said: burn the city down. Burning.')).toEqual(['long@2-5', 'long@2-6', 'prefix@2-3', 'prefix@6-7', 'short@2-4']);
  });

  it('matches any one word for *, and anchors ^ at the start of a sentence', () => {
    const index = new PhraseIndex<string>();
    index.add('you * die', 'any');
    index.add('^we are coming', 'anchored');
    expect(found(index, 'We are coming. And you will die. Now we are coming.')).toEqual(['anchored@0-3', 'any@4-7']);
  });

  it('holds short capitals to capitals, and =word to anything else', () => {
    const index = new PhraseIndex<string>();
    index.add('strike US', 'country');
    index.add('strike =us', 'pronoun');
    expect(found(index, 'They will strike US bases')).toEqual(['country@2-4']);
    expect(found(index, 'they will strike us tonight')).toEqual(['pronoun@2-4']);
  });

  it('lets an Arabic phrase written with the article match the word without it', () => {
    const index = new PhraseIndex<string>({ stripArticle: true });
    index.add('الخونة', 'traitors');
    expect(found(index, 'سنلاحق الخونة')).toEqual(['traitors@1-2']);
    expect(found(index, 'يا خونة')).toEqual(['traitors@1-2']);
  });

  it('shares the words of phrases that expand into thousands', () => {
    const index = new PhraseIndex<string>();
    const options = Array.from({ length: 12 }, (_, i) => `w${i}`).join('|');
    expect(index.add(`go (${options}) (${options}) (${options}) now`, 'big')).toBeNull();
    expect(found(index, 'go w3 w7 w11 now')).toEqual(['big@0-5']);
    expect(found(index, 'go w3 w7 now')).toEqual([]);
  });

  it('refuses regex habits and phrases with nothing to match', () => {
    const index = new PhraseIndex<string>();
    expect(index.add('kill(s)?', 'x')).toMatch(/\[word\]/);
    expect(index.add('a*', 'x')).toMatch(/shorter than two letters/);
    expect(index.add('!!!', 'x')).toMatch(/no word/);
  });
});

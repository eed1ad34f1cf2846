import { describe, expect, it } from 'vitest';
import { loadUrduLeaning, loadUrduWords, parseWordList, urduLeaningList, urduWordList } from './urdu-lexicon.js';

describe("Rasad's Urdu word list", () => {
  it('reads one form per line, comments and blank lines aside, in the spelling it is asked in', () => {
    const words = parseWordList('# a comment\n\nحکومت\n  كتاب  \nکِتاب\n');
    expect([...words]).toEqual(['حکومت', 'کتاب']);
  });

  it('knows common Urdu forms and no Persian-only or Arabic-only ones', async () => {
    const words = await loadUrduWords();
    expect(words.size).toBeGreaterThan(7_000);
    expect(['ہے', 'میں', 'کرتے', 'جنوری', 'خواتین', 'سرکاری', 'پولیس'].filter((w) => !words.has(w))).toEqual([]);
    expect(['است', 'می‌شود', 'خواهد', 'الذي', 'هذا', 'في'].filter((w) => words.has(w))).toEqual([]);
  });

  it('tells which words of a text it knows, Arabic-keyboard letters folded', async () => {
    expect(await urduWordList().knows(['ہے', 'است', 'سركاری', 'ہوۓ'])).toEqual([true, false, true, true]);
    expect(await urduWordList(() => Promise.resolve(new Set(['abc']))).knows(['abc', 'x'])).toEqual([true, false]);
  });

  it('has a leaning list drawn from the word list', async () => {
    const [words, leaning] = await Promise.all([loadUrduWords(), loadUrduLeaning()]);
    expect(leaning.size).toBeGreaterThan(500);
    expect([...leaning].filter((w) => !words.has(w))).toEqual([]);
    expect(await urduLeaningList().knows(['عالمی', 'حکومت'])).toEqual([true, false]);
  });
});

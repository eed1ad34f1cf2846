import { describe, expect, it } from 'vitest';
import { loadPersianLexicon, persianSpelling, persianWordList } from './persian-lexicon.js';

describe('Persian lexicon (Lilak, dictionary-fa)', () => {
  it('knows Persian words with their suffixes and ZWNJ', async () => {
    const lx = await loadPersianLexicon();
    expect(lx.size).toBeGreaterThan(90_000);
    expect(['کتاب', 'کتاب‌ها', 'می‌شود', 'آینه', 'انتخابات'].filter((w) => !lx.knows(w))).toEqual([]);
  });

  it('lacks Urdu and Arabic words', async () => {
    const lx = await loadPersianLexicon();
    expect(['ہے', 'جنوری', 'کتابیں', 'الذين'].filter((w) => lx.knows(w))).toEqual([]);
  });

  it('folds the Arabic keyboard and tashkeel before asking', async () => {
    expect(persianSpelling('كتابي')).toBe('کتابی');
    expect(persianSpelling('کِتاب')).toBe('کتاب');
    expect(await persianWordList().knows(['كتاب', 'ہے', 'مردم'])).toEqual([true, false, true]);
  });
});

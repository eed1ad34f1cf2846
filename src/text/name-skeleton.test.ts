import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skeletonKey, skeletonTokens } from './name-skeleton.js';

function sameKey(spellings: string[]): void {
  const keys = spellings.map((s) => skeletonKey(s));
  for (const [i, k] of keys.entries()) expect(k, spellings[i]).toBe(keys[0]);
}

describe('skeletonKey', () => {
  it.each([
    ['Hizballah', ['حزب الله', 'Hizballah', 'Hezbollah', 'Hizbullah', 'Hizb Allah', 'Hizb-Allah', 'Ḥizbu’llāh']],
    ['al-Askari', ['العسكري', 'al-Askari', 'al Askary', 'Askari', 'al-ʿAskarī', "Al-'Askari", 'ال عسكري']],
    ['Khazali', ['الخزعلي', 'Khazali', 'Khazaali', 'al-Khazʿali', 'Al-Khazali']],
    ['Qais', ['قيس', 'Qais', 'Qays', 'Kais']],
    ['Muhandis', ['المهندس', 'Muhandis', 'Mohandes', 'al-Muhandis', 'el-Mohandis']],
    ['Abu Mahdi al-Muhandis', ['أبو مهدي المهندس', 'Abu Mahdi al-Muhandis', 'Abou Mehdi al-Mohandes']],
    ['Abu Ali al-Askari', ['أبو علي العسكري', "Abu 'Ali al-'Askari", 'Abu Ali al Askary']],
    ['Kataib Hizballah', ['كتائب حزب الله', "Kata'ib Hizballah", 'Kataib Hezbollah', 'Kata’ib Ḥizb Allāh']],
    ['Abd al-Rahman', ['عبد الرحمن', 'عبدالرحمن', 'Abdul Rahman', 'Abd al-Rahman', 'Abdulrahman', 'Abdurrahman', 'Abdel-Rahman']],
    ['Abdullah', ['عبد الله', 'عبدالله', 'Abdullah', 'Abdallah', 'Abd Allah']],
    ['Salah al-Din', ['صلاح الدين', 'Salahuddin', 'Salah al-Din', 'Salah ad-Din', 'Salaheddine']],
    ['Hamza', ['حمزة', 'Hamza', 'Hamzah']],
    ['Khamenei', ['خامنه‌ای', 'خامنئي', 'Khamenei']],
    ['Soleimani', ['قاسم سليماني', 'قاسم سلیمانی', 'Qassem Soleimani', 'Qasim Sulaymani']],
    ['Hasan (Arabizi)', ['حسن', '7asan', 'Hassan']],
    ['Zadran (Pashto ځ)', ['ځدران', 'زدران', 'Zadran']],
    ['Pashtun (Pashto ښ)', ['پښتون', 'Pashtun']],
  ])('%s', (_label, spellings) => {
    sameKey(spellings);
  });

  it.each([
    ['al-Askari', 'al-Asiri'],
    ['العسكري', 'العسيري'],
    ['Khazali', 'Ghazali'],
    ['الخزعلي', 'الغزالي'],
    ['Zaid', 'Said'],
    ['Qais', 'Kazem'],
    ['ناصر', 'نذير'],
    ['Khalid', 'Walid'],
  ])('%s ≠ %s', (a, b) => {
    expect(skeletonKey(a)).not.toBe(skeletonKey(b));
  });

  it('keeps token order, one key per token', () => {
    expect(skeletonTokens('Abu Ali al-Askari')).toEqual(['AB', 'AL', 'ASKR']);
    expect(skeletonKey('Askari Abu Ali')).toBe('ASKR AB AL');
    expect(skeletonTokens('')).toEqual([]);
  });

  it('drops only a bare-alef Arabic article, and never a Latin al glued to a name', () => {
    expect(skeletonKey('ألبان')).toBe(skeletonKey('Alban'));
    expect(skeletonKey('Alan')).toBe('ALN');
  });

  it('drops "and" and "and the" between the words of a name, glued or not', () => {
    const key = skeletonKey('التوحيد والجهاد');
    expect(key).toBe('THD JHD');
    for (const name of ['Tawhid wal-Jihad', 'Tawhid wa al-Jihad', 'Tawhid wal Jihad']) expect(skeletonKey(name)).toBe(key);
    // a short word starting و ا ل is a word of its own (والي, governor)
    expect(skeletonKey('والي')).toBe('WL');
  });

  it('splits a glued "son of the" from the name, as Arabic writes it', () => {
    expect(skeletonKey('Binalshibh')).toBe(skeletonKey('بن الشيبة'));
    expect(skeletonKey('Binnalshibh')).toBe(skeletonKey('bin al-Shibh'));
    expect(skeletonKey('Benali')).toBe('BNL');
  });

  it('drops an e- article assimilated to a doubled sun letter and glued on (Essaadi, Ennahda), not Ezz or a short word', () => {
    expect(skeletonKey('ESSAADI')).toBe(skeletonKey('السعدي'));
    expect(skeletonKey('Essabar')).toBe(skeletonKey('الصبار'));
    expect(skeletonKey('Ennahda')).toBe(skeletonKey('النهضة'));
    expect(skeletonKey('Salah Eddine')).toBe(skeletonKey('صلاح الدين'));
    expect(skeletonKey('Ezzeddine')).toBe(skeletonKey('عز الدين'));
    expect(skeletonKey('Essam')).toBe(skeletonKey('عصام'));
  });

  it('keeps digit-only tokens', () => {
    expect(skeletonKey('Liwa 313')).toBe('L 313');
  });
});

describe('skeleton agreement on the name-pair fixture', () => {
  it('agrees on at least 90% of Arabic ⇥ English pairs', () => {
    const file = path.resolve(import.meta.dirname, '../../test/fixtures/text/translit-pairs.tsv');
    const pairs = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    const misses = pairs.filter(([ar = '', en = '']) => skeletonKey(ar) !== skeletonKey(en));
    const agreement = 1 - misses.length / pairs.length;
    expect(agreement, misses.map((p) => p.join(' ⇥ ')).join('; ')).toBeGreaterThanOrEqual(0.9);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadFastTextLid, type LanguageModel } from '../text/fasttext-lid.js';
import { languageStage } from './language.stage.js';

let model: LanguageModel;
beforeAll(async () => {
  model = await loadFastTextLid();
});

const detect = (text: string) => languageStage.run({ text }, { model });

describe('language stage (fastText lid.176, script first)', () => {
  it.each([
    ['ar', 'يقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد'],
    ['fa', 'ابوعلی عسکری در کانال تلگرامی خود نوشت که مشاوران آماده‌اند'],
    ['ur', 'یہ ایک جملہ ہے جو اردو زبان میں لکھا گیا ہے'],
    ['en', 'The advisers said they were ready to train movements abroad.'],
    ['fr', 'Les effectifs américains seront ramenés à 2 500 soldats en Irak.'],
  ])('identifies %s', async (code, text) => {
    const r = await detect(text);
    expect(r.code).toBe(code);
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('reports the script', async () => {
    expect((await detect('أبو علي العسكري')).script).toBe('Arab');
    expect((await detect('Abu Ali al-Askari spoke')).script).toBe('Latn');
  });

  it('says und for links, hashtags, emoji and numbers only', async () => {
    for (const text of ['https://t.me/example', '#N_USA 🇺🇸🔥', '2021 ١٢', '', '👇🏻👇🏻']) {
      expect((await detect(text)).code, text).toBe('und');
    }
  });

  it('never answers a Latin-script language for Arabic-script text', async () => {
    const r = await detect('N-USA ✌️ امريكا');
    expect(['ar', 'fa', 'ur', 'ps']).toContain(r.code);
  });
});

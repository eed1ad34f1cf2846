import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEldLid } from '../text/eld-lid.js';
import { loadFastTextLid, type LanguageModel } from '../text/fasttext-lid.js';
import { persianWordList, type WordListPort } from '../text/persian-lexicon.js';
import { scriptRuns } from '../text/script.js';
import { languageStage, type LanguageContext } from './language.stage.js';

interface LangIdCase {
  note: string;
  input: string;
  code: string;
  script?: string;
  others?: string[];
  method?: string;
}

const cases = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/text/langid-cases.json'), 'utf8')) as LangIdCase[];

let model: LanguageModel;
let ctx: LanguageContext;
beforeAll(async () => {
  model = await loadFastTextLid();
  ctx = { model, second: await loadEldLid('large'), persian: persianWordList() };
});

const detect = (text: string, title?: string) => languageStage.run({ text, title }, ctx);

describe('language stage (script, fastText lid.176, eld, letters)', () => {
  it('is version 4', () => {
    expect(languageStage.version).toBe(4);
  });

  it('asks the Persian dictionary about the words of short Arabic-script texts only', async () => {
    const asked: string[][] = [];
    const spy: WordListPort = {
      knows(words) {
        asked.push([...words]);
        return Promise.resolve(words.map(() => true));
      },
    };
    const withSpy: LanguageContext = { ...ctx, persian: spy };
    await languageStage.run({ text: 'تربیت پروگرام' }, withSpy);
    await languageStage.run({ text: 'ابوعلی عسکری در کانال تلگرامی خود نوشت که مشاوران آماده‌اند' }, withSpy);
    await languageStage.run({ text: 'ready now' }, withSpy);
    expect(asked).toEqual([['تربیت', 'پروگرام']]);
  });

  it('counts words the Persian dictionary lacks against Persian on a word pair', async () => {
    const none: WordListPort = { knows: (words) => Promise.resolve(words.map(() => false)) };
    const all: WordListPort = { knows: (words) => Promise.resolve(words.map(() => true)) };
    // Two words shared by Persian and Urdu, with no letter of either's own.
    const text = 'مرکزی تنظیم';
    expect((await languageStage.run({ text }, { ...ctx, persian: all })).code).toBe('fa');
    expect((await languageStage.run({ text }, { ...ctx, persian: none })).code).toBe('ur');
  });

  it('counts words of the Urdu list for Urdu on a word pair', async () => {
    const none: WordListPort = { knows: (words) => Promise.resolve(words.map(() => false)) };
    const all: WordListPort = { knows: (words) => Promise.resolve(words.map(() => true)) };
    const text = 'مرکزی تنظیم';
    // Only the Urdu list at hand: its words count for Urdu, its gaps against.
    const urduOnly = { model: ctx.model, ...(ctx.second ? { second: ctx.second } : {}) };
    expect((await languageStage.run({ text }, { ...urduOnly, urdu: all })).code).toBe('ur');
    // Both lists: a word only the Persian dictionary knows is Persian's, one only the Urdu list knows is Urdu's.
    expect((await languageStage.run({ text }, { ...ctx, persian: all, urdu: none })).code).toBe('fa');
    expect((await languageStage.run({ text }, { ...ctx, persian: none, urdu: all })).code).toBe('ur');
    // Both know them: the Urdu-leaning list decides.
    expect((await languageStage.run({ text }, { ...ctx, persian: all, urdu: all, urduLeaning: all })).code).toBe('ur');
  });

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
    expect(r.others).toEqual([]);
  });

  it.each(cases.map((c) => [c.note, c] as const))('%s', async (_note, c) => {
    const r = await detect(c.input);
    expect(r.code, c.input).toBe(c.code);
    if (c.script) expect(r.script).toBe(c.script);
    if (c.others) expect(r.others).toEqual(c.others);
    if (c.method) expect(r.method).toBe(c.method);
  });

  it('reports the script', async () => {
    expect((await detect('أبو علي العسكري')).script).toBe('Arab');
    expect((await detect('Abu Ali al-Askari spoke')).script).toBe('Latn');
  });

  it('says und for links, hashtags, emoji and numbers only', async () => {
    for (const text of ['https://t.me/example', '#N_USA 🇺🇸🔥', '2021 ١٢', '', '👇🏻👇🏻']) {
      const r = await detect(text);
      expect(r.code, text).toBe('und');
      expect(r.method).toBe('none');
      expect(r.others).toEqual([]);
    }
  });

  it('never answers a Latin-script language for Arabic-script text', async () => {
    const r = await detect('N-USA ✌️ امريكا');
    expect(['ar', 'fa', 'ur', 'ps']).toContain(r.code);
  });

  it('says which rule decided', async () => {
    expect((await detect('یہ کتاب بہت دلچسپ ہے اور میں اسے دوبارہ پڑھوں گا۔')).method).toBe('letters');
    expect((await detect('The meeting was moved to Thursday afternoon.')).method).toBe('fasttext');
    expect((await detect('good morning')).method).toMatch(/^(fasttext\+eld|eld)$/);
    expect((await detect('yalla habibi')).method).toBe('arabizi');
  });

  it('is never sure of a word of two letters', async () => {
    expect((await detect('ok')).confidence).toBeLessThan(0.5);
  });

  it('reads the title with the text', async () => {
    expect((await detect('👍', 'وزارة الصحة تعلن عن حملة جديدة')).code).toBe('ar');
  });

  it('takes the Arabic-script text as the main language of a post with a long Latin header', async () => {
    const r = await detect('Read More Politics Latest News from the City in Urdu شہر میں آج بارش ہوئی اور سڑکیں بند رہیں');
    expect(r.code).toBe('ur');
    expect(r.others).toEqual(['en']);
  });

  it('does not list a hashtag in another language as a second language', async () => {
    expect((await detect('وزارة الصحة تعلن عن حملة جديدة للتطعيم #breaking_news')).others).toEqual([]);
  });
});

describe('language stage without the second opinion', () => {
  const alone = (text: string) => languageStage.run({ text }, { model });

  it.each([
    ['ar', 'ذهبت إلى السوق في الصباح واشتريت الخبز والحليب.'],
    ['fa', 'امروز صبح به بازار رفتم و نان تازه خریدم.'],
    ['ur', 'بڑا شہر'],
    ['ps', 'د کابل ښار'],
    ['en', 'We are looking for volunteers to help at the library this weekend.'],
    ['und', '😀😀👍'],
  ])('still identifies %s', async (code, text) => {
    const r = await alone(text);
    expect(r.code).toBe(code);
    expect(r.method).not.toMatch(/eld/);
  });
});

describe('script runs', () => {
  it('splits a mixed post into one run per script, with word counts', () => {
    const runs = scriptRuns('نحن نتابع الأخبار N-USA The End');
    expect(runs.map((r) => [r.script, r.text, r.words])).toEqual([
      ['Arab', 'نحن نتابع الأخبار', 3],
      ['Latn', 'N-USA The End', 3],
    ]);
  });

  it('keeps digits written against a Latin word with it (Arabizi)', () => {
    expect(scriptRuns('مرحبا 7abibi la2')[1]?.text).toBe('7abibi la2');
  });

  it('skips links and handles', () => {
    expect(scriptRuns('see https://example.org/x @someone').map((r) => r.text)).toEqual(['see']);
  });
});

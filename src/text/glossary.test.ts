import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import {
  buildGlossaryIndex,
  findGlossTerms,
  glossary,
  glossaryCategories,
  glossaryLanguages,
  matchGlossary,
  type GlossaryEntry,
  type GlossHit,
} from './glossary.js';

function buildEntry(overrides: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return { id: 'ar.test', lang: 'ar', category: 'violence', gloss: 'test', forms: ['اختبار'], source: 'test', ...overrides };
}

/** The hits as `slice=id`, the way an analyst reads them. */
function read(hits: GlossHit[]): string[] {
  return hits.map((h) => `${h.text}=${h.id}`);
}

describe('findGlossTerms', () => {
  it('finds Arabic with tashkeel and returns the original slice', () => {
    const text = 'سقط الشُّهَداءُ اليوم';
    const [hit, ...rest] = findGlossTerms(text);
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ id: 'ar.shahid', lang: 'ar', category: 'martyrdom', text: 'الشُّهَداءُ' });
    expect(text.slice(hit?.start, hit?.end)).toBe('الشُّهَداءُ');
    expect(hit?.gloss).toMatch(/martyr/);
  });

  it('finds Arabic with tatweel and keeps the stretched word as published', () => {
    expect(read(findGlossTerms('بعد الهجـــوم مباشرة'))).toEqual(['الهجـــوم=ar.hujum']);
    expect(read(findGlossTerms('شهيــدٌ'))).toEqual(['شهيــدٌ=ar.shahid']);
  });

  it('finds hamza and ta marbuta spellings folded (أ/ا, ة/ه, ى/ي)', () => {
    expect(read(findGlossTerms('الاسلحه والعبوه الناسفه', { languages: ['ar'] }))).toEqual([
      'الاسلحه=ar.silah',
      'والعبوه الناسفه=ar.ubwa_nasifa',
    ]);
  });

  it('finds clitic forms listed in the data (و, ب, لل)', () => {
    expect(read(findGlossTerms('وللشهداء وبالسلاح'))).toEqual(['وللشهداء=ar.shahid', 'وبالسلاح=ar.silah']);
  });

  it('spans the whole Persian word written with ZWNJ', () => {
    const text = 'تروریست‌ها به سفارت حمله کردند';
    expect(read(findGlossTerms(text, { languages: ['fa'] }))).toEqual([
      'تروریست‌ها=fa.terrorist',
      'سفارت=fa.sefarat',
      'حمله کردند=fa.hamle',
    ]);
    expect(read(findGlossTerms('انتقام‌گیری و انتقام گیری', { languages: ['fa'] }))).toEqual([
      'انتقام‌گیری=fa.enteqam',
      'انتقام گیری=fa.enteqam',
    ]);
  });

  it('finds Persian written with Arabic ي/ك as with ی/ک', () => {
    expect(read(findGlossTerms('شيطان بزرگ', { languages: ['fa'] }))).toEqual(['شيطان بزرگ=fa.sheytan_bozorg']);
  });

  it('finds Urdu terms, phrases first', () => {
    const text = 'پشاور میں خودکش حملہ، تحریک طالبان پاکستان نے ذمہ داری قبول کر لی';
    expect(read(findGlossTerms(text, { languages: ['ur'] }))).toEqual([
      'خودکش حملہ=ur.khudkush',
      'تحریک طالبان پاکستان=ur.ttp',
      'ذمہ داری قبول کر لی=ur.zimmedari',
    ]);
  });

  it('finds Pashto terms, with ګ or the Persian-keyboard گ', () => {
    const text = 'په کابل کې ځانمرګی برید وشو او طالبانو مسؤلیت یې پر غاړه واخیست';
    expect(read(findGlossTerms(text, { languages: ['ps'] }))).toEqual([
      'ځانمرګی برید=ps.zanmargay',
      'طالبانو=ps.taliban',
      'مسؤلیت یې پر غاړه واخیست=ps.masuliyat',
    ]);
    expect(read(findGlossTerms('ځانمرگی', { languages: ['ps'] }))).toEqual(['ځانمرگی=ps.zanmargay']);
  });

  it('lets a multi-word phrase beat the single words inside it', () => {
    expect(read(findGlossTerms('أعلنت كتائب حزب الله مسؤوليتها عن الهجوم على سفارة الشر')).slice(0, 2)).toEqual([
      'كتائب حزب الله=ar.kataib_hizballah',
      'مسؤوليتها عن=ar.masuliya',
    ]);
    expect(read(findGlossTerms('المقاومة الإسلامية في العراق تستهدف قاعدة عين الأسد'))).toEqual([
      'المقاومة الإسلامية في العراق=ar.muqawama_islamiya',
      'تستهدف=ar.istihdaf',
      'قاعدة عين الأسد=ar.qawaid',
    ]);
  });

  it('matches phrases across hashtag underscores and line breaks, not across punctuation', () => {
    expect(read(findGlossTerms('#قادة_النصر'))).toEqual(['قادة_النصر=ar.qadat_nasr']);
    expect(read(findGlossTerms('ستدفعون\nالثمن'))).toEqual(['ستدفعون\nالثمن=ar.satadfaun']);
    expect(read(findGlossTerms('كتائب. حزب الله'))).toEqual(['كتائب=ar.kataib', 'حزب الله=ar.hizballah']);
  });

  it('never hits inside a longer unrelated word', () => {
    expect(findGlossTerms('تحديث قاعدة بيانات المستشفى')).toEqual([]);
    expect(findGlossTerms('شعر الطلاب بحماسة كبيرة')).toEqual([]);
    expect(findGlossTerms('مشهيدات')).toEqual([]);
  });

  it('gives no hits on English or on ordinary Arabic', () => {
    expect(findGlossTerms('The martyr said jihad, attack, revenge and embassy in English.')).toEqual([]);
    expect(findGlossTerms('اليوم الجو جميل وذهبنا إلى السوق واشترينا الخبز والحليب')).toEqual([]);
    expect(findGlossTerms('')).toEqual([]);
  });

  it('starts a span at the word, not at a bidi mark before it', () => {
    const text = 'x \u200fالمقاومة';
    const [hit] = findGlossTerms(text);
    expect(hit).toMatchObject({ start: 3, end: text.length, text: 'المقاومة' });
  });

  it('filters and prefers languages as asked', () => {
    expect(findGlossTerms('شهيد')[0]?.id).toBe('ar.shahid');
    expect(findGlossTerms('شهید', { languages: ['fa'] })[0]?.id).toBe('fa.shahid');
    expect(findGlossTerms('شهید', { languages: ['ps', 'fa'] })[0]?.id).toBe('ps.shahid');
    expect(findGlossTerms('شهید', { languages: ['en'] })).toEqual([]);
  });

  it('returns hits left to right without overlaps', () => {
    const text = 'الشهداء في الهجوم بالعبوات الناسفة؛ سپاه پاسداران، خودکش حملہ، ځانمرګی برید';
    const hits = findGlossTerms(text);
    expect(hits.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < hits.length; i++) expect(hits[i]?.start).toBeGreaterThanOrEqual(hits[i - 1]?.end ?? 0);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
  });

  it('is fast enough for a live feed (a generous floor; the target is 50,000 posts/s)', () => {
    const posts = [
      'المقاومة الإسلامية في العراق تعلن استهداف قاعدة عين الأسد بالطائرات المسيرة',
      'اليوم الجو جميل وذهبنا إلى السوق واشترينا الخبز والحليب مع الأصدقاء',
      'سپاه پاسداران وعده انتقام سخت داد؛ مرگ بر آمریکا',
      'Breaking: explosion reported near the embassy, no claim yet',
    ];
    const rounds = 5000;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const p of posts) findGlossTerms(p);
    const perSecond = (rounds * posts.length) / ((performance.now() - t0) / 1000);
    // Shared CI machines are noisy: this only catches an accidental quadratic scan.
    expect(perSecond).toBeGreaterThan(10_000);
  });
});

describe('glossary data', () => {
  const entries = glossary();

  it('has unique ids', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('meets the per-language minimums', () => {
    const count = (lang: string) => entries.filter((e) => e.lang === lang).length;
    expect(count('ar')).toBeGreaterThanOrEqual(120);
    expect(count('fa')).toBeGreaterThanOrEqual(40);
    expect(count('ur')).toBeGreaterThanOrEqual(30);
    expect(count('ps')).toBeGreaterThanOrEqual(25);
  });

  it('uses every category and only the known languages', () => {
    expect(new Set(entries.map((e) => e.category))).toEqual(new Set(glossaryCategories));
    for (const e of entries) expect(glossaryLanguages).toContain(e.lang);
  });

  it('finds every form of every entry as itself, whole', () => {
    const misses: string[] = [];
    for (const entry of entries) {
      for (const form of entry.forms) {
        const hits = findGlossTerms(form, { languages: [entry.lang] });
        const hit = hits[0];
        if (hits.length !== 1 || hit?.id !== entry.id || hit.start !== 0 || hit.end !== form.length) {
          misses.push(`${entry.id} "${form}" -> ${read(hits).join(', ') || 'nothing'}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });
});

describe('buildGlossaryIndex', () => {
  it('indexes valid entries for matchGlossary', () => {
    const index = buildGlossaryIndex([buildEntry({ forms: ['اختبار', 'اختبار كبير'] })]);
    expect(read(matchGlossary(index, 'هذا اختبار كبير'))).toEqual(['اختبار كبير=ar.test']);
  });

  it('rejects duplicate ids, a form claimed twice in one language and unknown categories, all at once', () => {
    const bad = [
      buildEntry(),
      buildEntry(),
      buildEntry({ id: 'ar.other', forms: ['إختبار'] }),
      { ...buildEntry({ id: 'ar.third', forms: ['ثالث'] }), category: 'gossip' },
    ];
    expect(() => buildGlossaryIndex(bad)).toThrow(ValidationError);
    expect(() => buildGlossaryIndex(bad)).toThrow(/category/);
    let message = '';
    try {
      buildGlossaryIndex(bad.slice(0, 3));
    } catch (err) {
      message = err instanceof Error ? err.message : '';
    }
    expect(message).toMatch(/ar\.test: duplicate id/);
    expect(message).toMatch(/ar\.other: form "إختبار" is also a form of ar\.test/);
  });

  it('rejects a form without letters and an id outside its language', () => {
    expect(() => buildGlossaryIndex([buildEntry({ forms: ['…'] })])).toThrow(/no letters/);
    expect(() => buildGlossaryIndex([buildEntry({ id: 'fa.test' })])).toThrow(/does not start with its language/);
  });

  it('allows one spelling in several languages', () => {
    const index = buildGlossaryIndex([buildEntry({ forms: ['شهيد'] }), buildEntry({ id: 'fa.test', lang: 'fa', forms: ['شهید'] })]);
    expect(matchGlossary(index, 'شهيد', { languages: ['fa'] })[0]?.id).toBe('fa.test');
  });
});

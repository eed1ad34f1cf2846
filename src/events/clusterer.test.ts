import { describe, expect, it } from 'vitest';
import { EventClusterer } from './clusterer.js';
import type { EventInput } from './event-input.js';
import { testInput } from './event-input.test-support.js';

const T0 = Date.parse('2024-03-10T08:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

const post = (key: string, text: string, over: Partial<EventInput> = {}): EventInput => testInput(key, text, T0, over);

// Synthetic, background-level statements by invented groups.
const ORIGINAL = 'بيان: تعلن سرايا الفجر عن مهرجان جماهيري في ساحة التحرير يوم الجمعة بمشاركة 1500 من أنصارها، وتدعو الجميع إلى الحضور.';
const EN_REPORT = 'Saraya al-Fajr announced on its Telegram channel a rally in Tahrir Square on Friday with 1,500 supporters, calling on everyone to attend.';
const DECOY = 'بيان: تنعى سرايا الفجر أحد مؤسسيها الذي توفي بعد مرض عضال، وتتقدم بالتعازي إلى عائلته الكريمة.';

function place(items: EventInput[], opts = {}): { c: EventClusterer; event: (key: string) => readonly string[] } {
  const c = new EventClusterer(opts);
  const index = new Map<string, number>();
  for (const i of items) index.set(i.key, c.add(i));
  return { c, event: (key) => c.membersOf(index.get(key) ?? -1).map((m) => c.inputOf(m).key).sort() };
}

describe('EventClusterer', () => {
  it('joins copies with emoji headers, retweets and forwards to their original', () => {
    const { event, c } = place([
      post('telegram:fajr/10', ORIGINAL, { language: 'ar' }),
      post('x:2', `🔴🔴 عاجل | ${ORIGINAL}\n⬇️ تابعونا #سرايا_الفجر`, { language: 'ar', publishedAt: T0 + 9 * MIN }),
      post('x:3', `RT @fajr_media: ${ORIGINAL.slice(0, 80)}…`, { language: 'ar', publishedAt: T0 + 20 * MIN, reposts: 'x:2' }),
      post('telegram:other/4', ORIGINAL, { language: 'ar', publishedAt: T0 + 30 * MIN, forwardedFrom: { name: 'Fajr', handle: 'fajr', key: 'telegram:fajr/10', publishedAt: T0 } }),
    ]);
    expect(event('telegram:fajr/10')).toEqual(['telegram:fajr/10', 'telegram:other/4', 'x:2', 'x:3']);
    expect(c.linkOf(1)?.relation).toBe('copy');
    expect(c.linkOf(2)?.relation).toBe('forward');
    expect(c.linkOf(3)?.relation).toBe('forward');
  });

  it('joins a report in another language through the actor, number, place and the platform it cites', () => {
    // the channel's other statements of the week: its name and "statement" are everyday words there
    const background = ['يعلن عن افتتاح مستوصف خيري في الحي الشرقي', 'يهنئ الطلبة بنتائج الامتحانات', 'يدعو إلى التبرع بالدم للمستشفى العام', 'ينفي صحة الأخبار المتداولة عن انسحابه من التحالف', 'يعلن برنامج الدورات الصيفية للشباب'].map((t, n) =>
      post(`telegram:fajr/${n + 1}`, `بيان: سرايا الفجر ${t}.`, { language: 'ar', actors: ['fajr'], source: 'telegram:fajr', publishedAt: T0 - (n + 1) * 5 * 60 * MIN }),
    );
    const { event } = place([
      ...background,
      post('telegram:fajr/10', ORIGINAL, { language: 'ar', actors: ['fajr'], source: 'telegram:fajr' }),
      post('telegram:fajr/11', DECOY, { language: 'ar', actors: ['fajr'], source: 'telegram:fajr', publishedAt: T0 + 3 * 60 * MIN }),
      post('rss:news-1', EN_REPORT, { actors: ['fajr'], publishedAt: T0 + 5 * 60 * MIN, source: 'rss:news.example' }),
    ]);
    expect(event('rss:news-1')).toEqual(['rss:news-1', 'telegram:fajr/10']);
    // same actor, different happening: stays apart
    expect(event('telegram:fajr/11')).toEqual(['telegram:fajr/11']);
  });

  it('finds the post of an account a report names by @handle, even when what they share is common', () => {
    // a busy week: the group's name and the count are in dozens of other posts, too many to look
    // through, yet rare enough among the hundreds of the window to tell a story
    const busy = Array.from({ length: 600 }, (_, n) =>
      n % 10 === 0
        ? post(`telegram:fan${n}/1`, `سرايا الفجر: 37 من أنصارنا في المهرجان ${n}`, { language: 'ar', actors: ['fajr'], publishedAt: T0 - (n + 1) * 5 * MIN })
        : post(`telegram:town${n}/1`, `Municipal notice ${n}: the market of district ${n + 100} opens late`, { publishedAt: T0 - (n + 1) * 5 * MIN }),
    );
    const origin = post('x:500', 'سرايا الفجر: نعلن الإفراج عن 37 من أسرانا في عملية تبادل جرت اليوم، والغد للصابرين.', {
      language: 'ar',
      actors: ['fajr'],
      authorHandle: 'FajrMedia',
      source: 'x:FajrMedia',
    });
    const report = post('rss:wire-1', 'Saraya al-Fajr said 37 of its prisoners were freed in an exchange, in a message shared by @fajrmedia.', {
      actors: ['fajr'],
      publishedAt: T0 + 40 * MIN,
      source: 'rss:wire.example',
    });
    const { event } = place([...busy, origin, report]);
    expect(event('rss:wire-1')).toEqual(['rss:wire-1', 'x:500']);
  });

  it('keeps a statement apart from a translation of another statement its own language contradicts', () => {
    // the group's statement of Friday and an analyst's English rendering of it
    const friday = post('telegram:fajr/20', 'بيان صادر عن سرايا الفجر: نمهل القوات الأجنبية في دير الزور 55 يوماً للرحيل، والغد للصابرين.', {
      language: 'ar',
      actors: ['fajr'],
      source: 'telegram:fajr',
    });
    const rendering = post('x:610', 'Translation: Saraya al-Fajr statement: "We give the foreign forces in Deir ez-Zor 55 days to leave, and tomorrow belongs to the patient."', {
      actors: ['fajr'],
      publishedAt: T0 + 2 * 60 * MIN,
      source: 'x:translator',
    });
    // Saturday: the same ultimatum about another town; the count is the same by chance
    const saturday = post('telegram:fajr/21', 'بيان صادر عن سرايا الفجر: نمهل القوات الأجنبية في الفلوجة 55 يوماً للرحيل، ولن نغادر الميدان.', {
      language: 'ar',
      actors: ['fajr'],
      source: 'telegram:fajr',
      publishedAt: T0 + 20 * 60 * MIN,
    });
    // other news of the days, so that the group's name, the count and the forces are rare words
    const background = Array.from({ length: 40 }, (_, n) =>
      post(`telegram:town${n}/1`, `Municipal notice ${n}: the market of district ${n + 100} opens late`, { publishedAt: T0 - (n + 1) * 30 * MIN }),
    );
    const { event } = place([...background, friday, rendering, saturday]);
    expect(event('x:610')).toEqual(['telegram:fajr/20', 'x:610']);
    expect(event('telegram:fajr/21')).toEqual(['telegram:fajr/21']);
  });

  it('keeps the same words about a different happening apart when it is days later', () => {
    const { event } = place([
      post('telegram:fajr/10', ORIGINAL, { language: 'ar' }),
      post('telegram:fajr/40', ORIGINAL.replace('1500', '2000'), { language: 'ar', publishedAt: T0 + 12 * DAY }),
    ]);
    expect(event('telegram:fajr/40')).toEqual(['telegram:fajr/40']);
  });

  it('does not make an event of the same short greeting in two channels', () => {
    const { event } = place([
      post('telegram:a/1', 'جمعة مباركة لكل متابعينا الكرام', { language: 'ar' }),
      post('telegram:b/1', 'جمعة مباركة لكل متابعينا الكرام 🌹', { language: 'ar', publishedAt: T0 + 30 * MIN }),
    ]);
    expect(event('telegram:b/1')).toEqual(['telegram:b/1']);
  });

  it('never puts items an analyst split apart back together', () => {
    const separated = (a: string, b: string) => [a, b].includes('x:2') && a !== b;
    const { event } = place(
      [post('telegram:fajr/10', ORIGINAL, { language: 'ar' }), post('x:2', ORIGINAL, { language: 'ar', publishedAt: T0 + MIN })],
      { separated },
    );
    expect(event('x:2')).toEqual(['x:2']);
  });

  it('forgets the features of old days but keeps their events, so memory follows the window', () => {
    const c = new EventClusterer({ windowDays: 2, retentionDays: 3 });
    const topics = ['water', 'school', 'bridge', 'market', 'clinic', 'harvest', 'library', 'stadium', 'railway', 'harbour'];
    const verbs = ['reopened', 'inspected', 'repaired', 'inaugurated', 'closed', 'expanded'];
    for (let d = 0; d < 30; d++) {
      const text = `The ${topics[d % 10] ?? ''} committee ${verbs[d % 6] ?? ''} the ${topics[(d * 3 + 1) % 10] ?? ''} near gate ${1000 + d * 7}, said officials of ward ${d * 37 + 100}`;
      c.add(post(`telegram:chan/${d * 2}`, text, { publishedAt: T0 + d * DAY }));
      c.add(post(`x:${d}`, text, { publishedAt: T0 + d * DAY + MIN }));
    }
    expect(c.size).toBe(60);
    expect([...c.events()].length).toBe(30);
    expect(c.inputOf(0).text).toBe(''); // evicted: text dropped, membership kept
    expect(c.membersOf(0).length).toBe(2);
  });
});

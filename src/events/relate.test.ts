import { describe, expect, it } from 'vitest';
import type { EventInput } from './event-input.js';
import { testInput } from './event-input.test-support.js';
import { eventFeatures } from './features.js';
import { conflicts, relate } from './relate.js';

const HOUR = 3_600_000;
const JAN1 = Date.parse('2021-01-01T09:00:00Z');
/** Every anchor equally rare: the pairs below differ only in what the tests are about. */
const flat = (): number => 3;

const item = (key: string, text: string, over: Partial<EventInput> = {}): EventInput => testInput(key, text, JAN1, over);

const link = (x: EventInput, y: EventInput) => relate(eventFeatures(x), eventFeatures(y), flat);

// Invented group and wording, as in the other event tests.
const ULTIMATUM = (date: string) =>
  `Statement of Saraya al-Fajr, ${date}: we give the foreign forces in Tal Abyad 30 days to leave, and we call on our people to stand ready and to keep the roads open for the families.`;

describe('relate', () => {
  it('does not take the same frame dated another day for a copy', () => {
    const first = item('telegram:fajr/1', ULTIMATUM('1 January 2021'), { actors: ['fajr'] });
    const later = item('telegram:fans/7', ULTIMATUM('3 January 2021'), { actors: ['fajr'], publishedAt: JAN1 + 48 * HOUR });
    expect(link(later, first)?.score ?? 0).toBeLessThan(0.2);
  });

  it('still joins a statement dated in local time to a copy dated by its UTC posting day', () => {
    // posted 22:30 UTC on January 1, which is already January 2 where the group writes
    const statement = item('telegram:fajr/1', ULTIMATUM('2 January 2021'), { actors: ['fajr'], publishedAt: Date.parse('2021-01-01T22:30:00Z') });
    const copy = item('telegram:fans/7', ULTIMATUM('January 1, 2021'), { actors: ['fajr'], publishedAt: Date.parse('2021-01-01T23:00:00Z') });
    expect(link(copy, statement)).toMatchObject({ relation: 'copy' });
  });

  it('does not link two replies to different posts through the formula they share', () => {
    const formula = 'We will keep you informed about the situation in Tal Abyad, stay with us for the details as they come.';
    const first = item('x:101', formula, { replyTo: 'x:100', actors: ['fajr'] });
    const second = item('x:201', formula, { replyTo: 'x:200', actors: ['fajr'], publishedAt: JAN1 + 20 * HOUR });
    expect(link(second, first)).toBeNull();
    // a reply to the same post is still a copy of the other
    expect(link(item('x:202', formula, { replyTo: 'x:100', actors: ['fajr'], publishedAt: JAN1 + HOUR }), first)).toMatchObject({ relation: 'copy' });
  });

  it('does not take a one-line post in another language for the rendering of a long statement', () => {
    const statement = item(
      'telegram:fajr/9',
      'بيان صادر عن سرايا الفجر\n\nندعو إلى مقاطعة الانتخابات في كربلاء بعد إقصاء 36 مرشحاً من أبنائنا، ونطالب الهيئة بإعادة النظر في قرارها قبل فوات الأوان. كما ندعو أبناء شعبنا إلى التزام بيوتهم يوم الاقتراع وعدم الالتفات إلى دعوات المشاركة.\n\n«الساحة للشعب، والبحر لا يخشى العاصفة»\n\nسرايا الفجر',
      { language: 'ar', actors: ['fajr'], publishedAt: JAN1 + 10 * HOUR },
    );
    const thread = item('x:55', "Thread 🧵 on how Saraya al-Fajr's media output changed over the past 36 months (5/…)", { actors: ['fajr'] });
    expect(link(statement, thread)).toBeNull();
  });
  it('finds a shortened quote in the post it comes from, Arabic clitics aside', () => {
    // invented statement and a critic quoting three of its words
    const statement = item('telegram:fajr/1', 'تعلن السرايا استعدادها لتقديم الدعم والتدريب المباشر وغير المباشر لحركات التحرر في الوادي الشمالي', { language: 'ar', actors: ['fajr'] });
    const critic = item('x:critic/5', 'السرايا تعرض «تدريب حركات التحرر» بينما الوادي بلا كهرباء ولا عمل', { language: 'ar', actors: ['fajr'], publishedAt: JAN1 + 6 * HOUR });
    const unquoted = item('x:critic/6', 'السرايا تعرض تدريب حركات التحرر بينما الوادي بلا كهرباء ولا عمل', { language: 'ar', actors: ['fajr'], publishedAt: JAN1 + 6 * HOUR });
    expect(link(critic, statement)?.score ?? 0).toBeGreaterThan(link(unquoted, statement)?.score ?? 0);
  });
  it('reads a known place after "in" as the place, however it is written', () => {
    const f = (key: string, text: string) => eventFeatures(item(key, text, { language: 'ar' }));
    const states = f('telegram:fajr/1', 'هذه هي حرية التعبير في الولايات المتحدة الأمريكية اليوم');
    const america = f('x:critic/2', 'السرايا تعرض التدريب في أمريكا بينما الوادي بلا كهرباء');
    const village = f('x:critic/3', 'السرايا تعرض التدريب في قرية الوادي بينما الناس بلا كهرباء');
    expect(states.where).toEqual(america.where);
    expect(conflicts(america, states)).toBe(0);
    expect(conflicts(village, states)).toBeGreaterThan(0);
  });
});

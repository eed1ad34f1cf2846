import { describe, expect, it } from 'vitest';
import { citationsIn, daysInText, handlesIn } from './citations.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const REF = Date.parse('2021-01-14T10:00:00Z');

describe('citations', () => {
  it('reads days in English, French and Arabic, with and without a year', () => {
    expect(daysInText('[1] Telegram, January 13, 2021.', REF)).toEqual([day('2021-01-13')]);
    expect(daysInText('posted on Jan. 13 on his channel', REF)).toEqual([day('2021-01-13')]);
    expect(daysInText('a affirmé le 13 janvier sur sa chaîne', REF)).toEqual([day('2021-01-13')]);
    expect(daysInText('نشر في 13 يناير 2021', REF)).toEqual([day('2021-01-13')]);
    // a day later than the reference belongs to the previous year
    expect(daysInText('on December 30', REF)).toEqual([day('2020-12-30')]);
  });

  it('names the platform a report cites, with the day when there is one', () => {
    expect(citationsIn('[1] Telegram, January 13, 2021.', REF)).toEqual([{ platform: 'telegram', day: day('2021-01-13') }]);
    expect(citationsIn('a affirmé sur sa chaîne Telegram', REF)).toEqual([{ platform: 'telegram', day: null }]);
    expect(citationsIn('در کانال تلگرامی خود نوشت', REF)).toEqual([{ platform: 'telegram', day: null }]);
    expect(citationsIn('He tweeted that the offer stands', REF)).toEqual([{ platform: 'x', day: null }]);
    expect(citationsIn('A quiet day in the city.', REF)).toEqual([]);
  });

  it('finds @handles but not e-mail addresses', () => {
    expect(handlesIn('RT @IntelTweet: hello, write to a@b.org')).toEqual(['inteltweet']);
  });
});

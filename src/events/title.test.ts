import { describe, expect, it } from 'vitest';
import { eventTitle } from './title.js';

describe('eventTitle', () => {
  it('prefers a headline, then a translation, then the first substantial line', () => {
    expect(eventTitle({ title: 'Council announces rally', text: 'body', translation: null })).toBe('Council announces rally');
    expect(eventTitle({ title: null, text: 'نص', translation: 'The council announced a rally on Friday' })).toBe('The council announced a rally on Friday');
    expect(eventTitle({ title: null, text: 'بسم الله الرحمن الرحيم\nتعلن سرايا الفجر عن مهرجان جماهيري يوم الجمعة', translation: null })).toBe('تعلن سرايا الفجر عن مهرجان جماهيري يوم الجمعة');
  });

  it('cuts long lines at a word boundary', () => {
    const t = eventTitle({ title: null, text: 'word '.repeat(60), translation: null });
    expect(t.length).toBeLessThanOrEqual(121);
    expect(t.endsWith('…')).toBe(true);
  });
});

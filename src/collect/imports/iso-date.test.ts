import { describe, expect, it } from 'vitest';
import { toIsoUtc, twitterDateToIso, unixSecondsToIso } from './iso-date.js';

describe('dates', () => {
  it('reads zone-less timestamps as UTC, whatever the machine`s time zone', () => {
    expect(toIsoUtc('2019-07-05T16:55:32')).toBe('2019-07-05T16:55:32.000Z');
    expect(toIsoUtc('2019-07-05')).toBe('2019-07-05T00:00:00.000Z');
    expect(toIsoUtc('Fri, 05 Jul 2019 16:55:32')).toBe('2019-07-05T16:55:32.000Z');
  });

  it('applies offsets from ISO 8601 and RFC 822 dates', () => {
    expect(toIsoUtc('2024-06-01T14:00:00+0200')).toBe('2024-06-01T12:00:00.000Z');
    expect(toIsoUtc('Sat, 01 Jun 2024 12:30:00 +0300')).toBe('2024-06-01T09:30:00.000Z');
    expect(toIsoUtc('Sun, 02 Jun 2024 08:00:00 GMT')).toBe('2024-06-02T08:00:00.000Z');
  });

  it('returns null for what it cannot read', () => {
    expect(toIsoUtc('sometime last week')).toBeNull();
    expect(toIsoUtc('')).toBeNull();
    expect(unixSecondsToIso('abc')).toBeNull();
  });

  it('reads unix seconds and X v1.1 dates', () => {
    expect(unixSecondsToIso('1583053500')).toBe('2020-03-01T09:05:00.000Z');
    expect(twitterDateToIso('Fri Mar 06 13:02:05 +0000 2026')).toBe('2026-03-06T13:02:05.000Z');
    expect(twitterDateToIso('Tue Apr 30 21:15:00 +0300 2024')).toBe('2024-04-30T18:15:00.000Z');
  });
});

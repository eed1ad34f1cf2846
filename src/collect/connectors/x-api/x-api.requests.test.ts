import { describe, expect, it } from 'vitest';
import {
  DEFAULT_X_API_URL,
  EXPANSIONS,
  TWEET_FIELDS,
  tweetsLookupUrl,
  userByUsernameUrl,
  usersLookupUrl,
  userTimelineUrl,
  xApiBaseUrl,
} from './x-api.requests.js';

const BASE = 'https://api.x.com';
const params = (url: string) => new URL(url).searchParams;

describe('X API request URLs', () => {
  it('defaults the base URL and drops a trailing slash', () => {
    expect(xApiBaseUrl(undefined)).toBe(DEFAULT_X_API_URL);
    expect(xApiBaseUrl('  ')).toBe(DEFAULT_X_API_URL);
    expect(xApiBaseUrl('http://127.0.0.1:8080/x-proxy/')).toBe('http://127.0.0.1:8080/x-proxy');
    expect(() => xApiBaseUrl('ftp://api.x.com')).toThrow(/http/);
  });

  it('looks a user up by username with the user fields', () => {
    const url = userByUsernameUrl(BASE, '@Rasd_Monitor_Demo');
    expect(url.startsWith('https://api.x.com/2/users/by/username/Rasd_Monitor_Demo?')).toBe(true);
    expect(params(url).get('user.fields')?.split(',')).toContain('public_metrics');
    expect(() => userByUsernameUrl(BASE, 'not/a name')).toThrow();
  });

  it('asks for a full timeline page since an id, with the token when paging', () => {
    const first = params(userTimelineUrl(BASE, '1490000000000000001'));
    expect(first.get('max_results')).toBe('100');
    expect(first.get('since_id')).toBeNull();
    expect(first.get('expansions')?.split(',')).toEqual([...EXPANSIONS]);
    expect(first.get('tweet.fields')?.split(',')).toEqual([...TWEET_FIELDS]);
    for (const list of ['user.fields', 'media.fields', 'poll.fields', 'place.fields']) expect(first.get(list)).toBeTruthy();
    expect(first.get('media.fields')?.split(',')).toEqual(expect.arrayContaining(['url', 'preview_image_url', 'variants']));

    const next = userTimelineUrl('http://localhost:9/prefix/', '1490000000000000001', {
      sinceId: '1810000000000000005',
      paginationToken: 'abc',
    });
    expect(next.startsWith('http://localhost:9/prefix/2/users/1490000000000000001/tweets?')).toBe(true);
    expect(params(next).get('since_id')).toBe('1810000000000000005');
    expect(params(next).get('pagination_token')).toBe('abc');
    expect(() => userTimelineUrl(BASE, 'rasd')).toThrow(/numeric/);
    expect(() => userTimelineUrl(BASE, '1', { maxResults: 101 })).toThrow(/max_results/);
  });

  it('looks up at most 100 tweets or users by id', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(1810000000000000000n + BigInt(i)));
    expect(params(tweetsLookupUrl(BASE, ids)).get('ids')?.split(',')).toHaveLength(100);
    expect(() => tweetsLookupUrl(BASE, [...ids, '1'])).toThrow(/at most 100/);
    expect(() => tweetsLookupUrl(BASE, [])).toThrow();
    const liveness = params(tweetsLookupUrl(BASE, ['1810000000000000004'], 'liveness'));
    expect(liveness.get('expansions')).toBe('author_id');
    expect(params(usersLookupUrl(BASE, ['1', '2'])).get('ids')).toBe('1,2');
    expect(new URL(usersLookupUrl(BASE, ['1'])).pathname).toBe('/2/users');
  });
});

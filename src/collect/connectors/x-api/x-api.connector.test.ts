import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import { FetchError, type FetchRequest } from '../../../core/fetcher.js';
import { fakeIo, recorded, type Reply } from '../../../../test/fixtures/web/fake-io.js';
import type { ItemRef, SourceState } from '../connector.js';
import { X_SEARCH_PREFIX, X_TOKEN_MISSING, xApiConnector } from './x-api.connector.js';
import { EXPANSIONS, MAX_SEARCH_QUERY_LENGTH, TWEET_FIELDS, recentSearchUrl, userTimelineUrl } from './x-api.requests.js';

const TOKEN = 'AAAAtest-bearer-token-do-not-leak';
const BASE = 'https://api.x.com';
const USER_ID = '1490000000000000001';
const connector = xApiConnector({ baseUrl: BASE, bearerToken: TOKEN });

const source = (over: Partial<SourceState> = {}): SourceState => ({
  id: 'src-1',
  kind: 'x',
  handle: 'rasd_monitor_demo',
  url: null,
  cursor: null,
  externalId: null,
  followLinks: false,
  maxPages: 3,
  ...over,
});

const fixture = (name: string): Reply => recorded(`x-api/${name}.json`);
const where = (r: FetchRequest) => {
  const u = new URL(r.url);
  return { path: u.pathname, q: u.searchParams };
};

/** The fake X API: user lookup, a two-page timeline, and what `extra` overrides. */
function api(extra: (r: FetchRequest) => Reply | FetchError | undefined = () => undefined) {
  return (r: FetchRequest): Reply | FetchError => {
    const over = extra(r);
    if (over) return over;
    const { path, q } = where(r);
    if (path === '/2/users/by/username/rasd_monitor_demo') return fixture('user-lookup');
    if (path === `/2/users/${USER_ID}/tweets`) {
      if (q.get('since_id')) return fixture('timeline-since-empty');
      return q.get('pagination_token') ? fixture('timeline-page2') : fixture('timeline-page1');
    }
    return { status: 404, body: { title: 'Not Found Error', detail: 'no route', type: 'about:blank' } };
  };
}

describe('xApiConnector.poll', () => {
  it('fails without a bearer token and asks nothing', async () => {
    const { io, requests } = fakeIo(api());
    const result = await xApiConnector({ baseUrl: BASE, bearerToken: null }).poll(source(), io);
    expect(result.status).toEqual({ state: 'failed', reason: X_TOKEN_MISSING });
    expect(X_TOKEN_MISSING).toBe('X API bearer token not configured (RASAD_X_BEARER_TOKEN)');
    expect(requests).toHaveLength(0);
  });

  it('resolves the handle once, then reads the timeline pages into items, cursor and profile', async () => {
    const { io, requests } = fakeIo(api());
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'ok' });
    expect(requests.map((r) => where(r).path)).toEqual([
      '/2/users/by/username/rasd_monitor_demo',
      `/2/users/${USER_ID}/tweets`,
      `/2/users/${USER_ID}/tweets`,
    ]);
    expect(where(requests[2]!).q.get('pagination_token')).toBe('7140dibdnow9c7btw3z2vwioc4hs7x0ka0zba3kqcj0qp');
    for (const r of requests) {
      expect(r.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.url).not.toContain(TOKEN);
      expect(r.maxRedirects).toBe(0);
    }

    expect(result.items.map((i) => [i.draft.nativeId, i.captureId])).toEqual([
      ['1810000000000000005', 'cap-2'],
      ['1810000000000000004', 'cap-2'],
      ['1810000000000000003', 'cap-2'],
      ['1810000000000000002', 'cap-3'],
      ['1810000000000000001', 'cap-3'],
    ]);
    for (const item of result.items) itemDraftSchema.parse(item.draft);
    expect(result.items[1]?.draft).toMatchObject({ kind: 'quote', quotes: 'x:1809999999999998000', langHint: 'ar', locator: 'data[1]' });
    expect(result.items[1]?.mediaUrls).toEqual(['https://pbs.example.org/media/statement-page.jpg']);
    expect(result.items[3]?.mediaUrls).toEqual(['https://pbs.example.org/media/press-conference-thumb.jpg']);
    expect(result.items[4]?.mediaUrls).toEqual([]);
    expect(result.cursor).toEqual({ sinceId: '1810000000000000005' });
    expect(result.profile).toEqual({
      title: 'رصد — نشرة المراقبة (demo)',
      description: 'حساب خيالي لاختبارات رصد. Fictional monitoring bulletin for tests.',
      url: 'https://x.com/Rasd_Monitor_Demo',
      externalId: USER_ID,
      audience: 10900,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('reports accounts retweeted, quoted, replied to, mentioned and linked, and outside links', async () => {
    const { io } = fakeIo(api());
    const result = await connector.poll(source({ maxPages: 1 }), io);
    expect(result.discovered).toEqual([
      { kind: 'x', handle: 'regional_news_demo', via: 'x:1810000000000000005', how: 'forward' },
      { kind: 'x', handle: 'research_desk_demo', via: 'x:1810000000000000004', how: 'quote' },
      { kind: 'x', handle: 'mideast_watch_demo', via: 'x:1810000000000000003', how: 'reply' },
      { kind: 'x', handle: 'analyst_note_demo', via: 'x:1810000000000000003', how: 'mention' },
      { kind: 'x', handle: 'closed_channel_demo', via: 'x:1810000000000000003', how: 'mention' },
      { kind: 'x', handle: 'field_notes_demo', via: 'x:1810000000000000003', how: 'link' },
    ]);
    // The photo link (x.com/…/photo/1) and the twitter.com link are not articles.
    expect(result.links).toEqual([{ url: 'https://news.example.org/ar/2024/07/statement-analysis', via: 'x:1810000000000000004' }]);
  });

  it('reads one page when maxPages is 1 and still moves the cursor to the newest id', async () => {
    const { io, requests } = fakeIo(api());
    const result = await connector.poll(source({ maxPages: 1, externalId: USER_ID }), io);
    expect(requests).toHaveLength(1);
    expect(result.items).toHaveLength(3);
    expect(result.cursor).toEqual({ sinceId: '1810000000000000005' });
    // The profile comes from the author in includes.users when the lookup was skipped.
    expect(result.profile).toMatchObject({ externalId: USER_ID, title: 'رصد — نشرة المراقبة (demo)', audience: 10900 });
  });

  it('asks only for newer tweets and keeps the cursor when there are none', async () => {
    const { io, requests } = fakeIo(api());
    const cursor = { sinceId: '1810000000000000005' };
    const result = await connector.poll(source({ externalId: USER_ID, cursor }), io);
    expect(requests).toHaveLength(1);
    expect(where(requests[0]!).q.get('since_id')).toBe('1810000000000000005');
    expect(result).toMatchObject({ items: [], cursor, status: { state: 'ok' }, profile: { externalId: USER_ID } });
  });

  it.each([
    ['user-suspended', 'closed_channel_demo', 'x_user_suspended'],
    ['user-not-found', 'gone_account_demo', 'x_user_not_found'],
  ])('reports a %s account as gone', async (name, handle, reason) => {
    const { io } = fakeIo(api((r) => (where(r).path.startsWith('/2/users/by/username/') ? fixture(name) : undefined)));
    const result = await connector.poll(source({ handle }), io);
    expect(result.status).toEqual({ state: 'gone', reason });
    expect(result.items).toEqual([]);
  });

  it('reports a protected account as gone (x_protected)', async () => {
    const { io } = fakeIo(api((r) => (where(r).path.endsWith('/tweets') ? fixture('timeline-protected') : undefined)));
    const result = await connector.poll(source({ externalId: '1490000000000000009' }), io);
    expect(result.status).toEqual({ state: 'gone', reason: 'x_protected' });
  });

  it('also reads a suspension sent as a whole-request error', async () => {
    const body = { title: 'Forbidden', detail: `User has been suspended: [${USER_ID}].`, type: 'about:blank', status: 403 };
    const { io } = fakeIo(api(() => ({ status: 403, body })));
    const result = await connector.poll(source({ externalId: USER_ID }), io);
    expect(result.status).toEqual({ state: 'gone', reason: 'x_user_suspended' });
  });

  it('waits inline for a short rate-limit reset and retries once', async () => {
    let calls = 0;
    const { io, sleeps, requests } = fakeIo(
      api((r) => (where(r).path.endsWith('/tweets') && calls++ === 0 ? fixture('rate-limited') : undefined)),
      new Date(1_720_000_870_000),
    );
    const result = await connector.poll(source({ externalId: USER_ID, maxPages: 1 }), io);
    expect(sleeps).toEqual([40_000]);
    expect(requests).toHaveLength(2);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.items[0]?.captureId).toBe('cap-2');
  });

  it('returns throttled when the reset is too far away, or the retry is limited again', async () => {
    const far = fakeIo(api(() => fixture('rate-limited')));
    const result = await connector.poll(source({ externalId: USER_ID }), far.io);
    expect(result.status).toEqual({ state: 'throttled', reason: 'x_rate_limited', retryAfterMs: 110_000 });
    expect(far.sleeps).toEqual([]);

    const again = fakeIo(api(() => fixture('rate-limited')), new Date(1_720_000_870_000));
    const second = await connector.poll(source({ externalId: USER_ID }), again.io);
    expect(again.sleeps).toEqual([40_000]);
    expect(again.requests).toHaveLength(2);
    expect(second.status).toMatchObject({ state: 'throttled', retryAfterMs: 40_000 });
  });

  it('fails on 5xx, malformed JSON, a network error or a rejected token, without leaking the token', async () => {
    const cases: Array<[Reply | FetchError, string]> = [
      [{ status: 503, body: 'Service Unavailable' }, 'x_api_http_503'],
      [{ status: 200, body: '{"data": [ oops' }, 'x_api_malformed_json'],
      [new FetchError('timeout', 'timed out after 30000 ms', `${BASE}/2/users/${USER_ID}/tweets`), 'fetch_timeout'],
      [{ status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: `Bad token ${TOKEN}` } }, 'x_api_http_401: Unauthorized'],
    ];
    for (const [reply, reason] of cases) {
      const { io } = fakeIo(api(() => reply));
      const result = await connector.poll(source({ externalId: USER_ID, cursor: { sinceId: '1' } }), io);
      expect(result.status).toEqual({ state: 'failed', reason });
      expect(result.cursor).toEqual({ sinceId: '1' });
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    }
  });

  it('keeps the items of pages read before a failure but not the new cursor', async () => {
    const { io } = fakeIo(api((r) => (where(r).q.get('pagination_token') ? { status: 503, body: '' } : undefined)));
    const result = await connector.poll(source({ externalId: USER_ID }), io);
    expect(result.items).toHaveLength(3);
    expect(result.status).toEqual({ state: 'failed', reason: 'x_api_http_503' });
    expect(result.cursor).toBeNull();
  });
});

describe('xApiConnector.checkItem', () => {
  const ref = (id: string): ItemRef => ({ key: `x:${id}`, url: `https://x.com/Rasd_Monitor_Demo/status/${id}`, nativeId: id });
  const lookup = (r: FetchRequest) => where(r).path === '/2/tweets';

  it('finds a live tweet with a minimal lookup', async () => {
    const { io, requests } = fakeIo(api((r) => (lookup(r) ? fixture('tweets-lookup-one-deleted') : undefined)));
    const verdict = await connector.checkItem!(ref('1810000000000000004'), source(), io);
    expect(verdict).toEqual({ verdict: 'live', reason: 'ok', status: 200, captureId: 'cap-1' });
    expect(where(requests[0]!).q.get('ids')).toBe('1810000000000000004');
    expect(where(requests[0]!).q.get('expansions')).toBe('author_id');
  });

  it('reports a deleted tweet, after checking that its author is still there', async () => {
    const fine = fakeIo(
      api((r) => {
        if (lookup(r)) return fixture('tweets-lookup-one-deleted');
        if (where(r).path === '/2/users') return { status: 200, body: { data: [{ id: USER_ID, username: 'Rasd_Monitor_Demo', protected: false }] } };
        return undefined;
      }),
    );
    const verdict = await connector.checkItem!(ref('1810000000000000099'), source({ externalId: USER_ID }), fine.io);
    expect(verdict).toEqual({ verdict: 'gone', reason: 'x_tweet_not_found', status: 200, captureId: 'cap-1' });
    expect(fine.requests.map((r) => where(r).path)).toEqual(['/2/tweets', '/2/users']);

    const unknownAuthor = fakeIo(api((r) => (lookup(r) ? fixture('tweets-lookup-one-deleted') : undefined)));
    expect((await connector.checkItem!(ref('1810000000000000099'), source(), unknownAuthor.io)).reason).toBe('x_tweet_not_found');
    expect(unknownAuthor.requests).toHaveLength(1);
  });

  it('reports x_protected when the missing tweet`s author went private', async () => {
    const { io } = fakeIo(
      api((r) => {
        if (lookup(r)) return fixture('tweets-lookup-one-deleted');
        if (where(r).path === '/2/users') return { status: 200, body: { data: [{ id: USER_ID, username: 'Rasd_Monitor_Demo', protected: true }] } };
        return undefined;
      }),
    );
    const verdict = await connector.checkItem!(ref('1810000000000000099'), source({ externalId: USER_ID }), io);
    expect(verdict).toEqual({ verdict: 'gone', reason: 'x_protected', status: 200, captureId: 'cap-2' });
  });

  it('reports the author`s suspension rather than the tweet (twarc`s order)', async () => {
    const { io } = fakeIo(
      api((r) => {
        if (lookup(r)) return fixture('tweets-lookup-one-deleted');
        if (where(r).path === '/2/users') return fixture('users-lookup-suspended');
        return undefined;
      }),
    );
    const verdict = await connector.checkItem!(ref('1810000000000000099'), source({ externalId: USER_ID }), io);
    expect(verdict).toEqual({ verdict: 'gone', reason: 'x_user_suspended', status: 200, captureId: 'cap-2' });
  });

  it('reads an author error reported in the lookup itself, and protected tweets', async () => {
    const suspended = {
      status: 200,
      body: {
        errors: [
          { title: 'Not Found Error', detail: 'Could not find tweet with ids: [5].', resource_type: 'tweet', resource_id: '5' },
          { title: 'Forbidden', detail: 'User has been suspended: [9].', resource_type: 'user', resource_id: '9', section: 'includes' },
        ],
      },
    };
    let { io } = fakeIo(() => suspended);
    expect((await connector.checkItem!(ref('5'), source(), io)).reason).toBe('x_user_suspended');

    const hidden = {
      status: 200,
      body: {
        errors: [
          {
            title: 'Authorization Error',
            detail: 'Sorry, you are not authorized to see the Tweet with ids: [5].',
            resource_type: 'tweet',
            resource_id: '5',
            type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
          },
        ],
      },
    };
    ({ io } = fakeIo(() => hidden));
    expect(await connector.checkItem!(ref('5'), source(), io)).toMatchObject({ verdict: 'gone', reason: 'x_protected' });
  });

  it('concludes nothing on 429, 5xx or a network error', async () => {
    let { io } = fakeIo(() => fixture('rate-limited'));
    expect(await connector.checkItem!(ref('5'), source(), io)).toMatchObject({ verdict: 'throttled', status: 429 });
    ({ io } = fakeIo(() => ({ status: 502, body: '' })));
    expect(await connector.checkItem!(ref('5'), source(), io)).toMatchObject({ verdict: 'unreachable', reason: 'x_api_http_502' });
    ({ io } = fakeIo(() => new FetchError('network', 'ECONNRESET', `${BASE}/2/tweets`)));
    expect(await connector.checkItem!(ref('5'), source(), io)).toEqual({
      verdict: 'unreachable',
      reason: 'fetch_network',
      status: null,
      captureId: null,
    });
  });
});

describe('xApiConnector.checkItem on a misconfigured API', () => {
  it('does not read a whole-request 404 as a deleted tweet', async () => {
    const { io } = fakeIo(() => ({ status: 404, body: { title: 'Not Found Error', detail: 'Not Found', type: 'about:blank', status: 404 } }));
    const verdict = await connector.checkItem!({ key: 'x:5', url: null, nativeId: '5' }, source(), io);
    expect(verdict).toMatchObject({ verdict: 'unreachable', reason: 'x_api_http_404' });
  });
});

describe('recentSearchUrl', () => {
  it('asks for the query as typed with the timeline fields and expansions, since an id, with next_token when paging', () => {
    const query = '"Saraya al-Fajr al-Jadid" OR سرايا_الفجر_الجديد';
    const url = recentSearchUrl(BASE, `  ${query} `);
    expect(url.startsWith('https://api.x.com/2/tweets/search/recent?')).toBe(true);
    const q = where({ url }).q;
    expect(q.get('query')).toBe(query);
    expect(q.get('max_results')).toBe('100');
    expect(q.get('since_id')).toBeNull();
    expect(q.get('next_token')).toBeNull();
    expect(q.get('expansions')?.split(',')).toEqual([...EXPANSIONS]);
    expect(q.get('tweet.fields')?.split(',')).toEqual([...TWEET_FIELDS]);
    // The very same field lists as a timeline page.
    const timeline = where({ url: userTimelineUrl(BASE, USER_ID) }).q;
    for (const list of ['expansions', 'tweet.fields', 'user.fields', 'media.fields', 'poll.fields', 'place.fields']) expect(q.get(list)).toBe(timeline.get(list));

    const next = where({ url: recentSearchUrl('http://localhost:9/prefix/', query, { sinceId: '1811000000000000013', paginationToken: 'tok', maxResults: 10 }) });
    expect(next.path).toBe('/prefix/2/tweets/search/recent');
    expect(next.q.get('since_id')).toBe('1811000000000000013');
    expect(next.q.get('next_token')).toBe('tok');
    expect(next.q.get('pagination_token')).toBeNull();
    expect(next.q.get('max_results')).toBe('10');
  });

  it('refuses an empty, multi-line or over-long query, a bad since_id and out-of-range max_results', () => {
    expect(() => recentSearchUrl(BASE, '   ')).toThrow(/empty/);
    expect(() => recentSearchUrl(BASE, 'a\nb')).toThrow(/one line/);
    expect(recentSearchUrl(BASE, 'ب'.repeat(MAX_SEARCH_QUERY_LENGTH))).toContain('query=');
    expect(() => recentSearchUrl(BASE, 'ب'.repeat(MAX_SEARCH_QUERY_LENGTH + 1))).toThrow(/513 characters.*at most 512/);
    expect(() => recentSearchUrl(BASE, 'x', { sinceId: 'abc' })).toThrow(/numeric/);
    expect(() => recentSearchUrl(BASE, 'x', { maxResults: 5 })).toThrow(/max_results must be 10–100/);
    expect(() => recentSearchUrl(BASE, 'x', { maxResults: 101 })).toThrow(/max_results/);
  });
});

describe('xApiConnector.poll on a recent-search source', () => {
  const QUERY = '"Saraya al-Fajr al-Jadid" OR سرايا_الفجر_الجديد';
  const SEARCH = '/2/tweets/search/recent';
  const NEXT_TOKEN = 'b26v89c19zqg8o3fos8b7c1v7kyq0yt4kp4a4h8i2khfh';
  const search = (over: Partial<SourceState> = {}): SourceState =>
    source({ handle: `${X_SEARCH_PREFIX}${QUERY}`, url: `https://x.com/search?q=${encodeURIComponent(QUERY)}`, maxPages: 1, ...over });

  /** The fake recent-search endpoint, as test/support/mock-platforms.ts serves it. */
  function searchApi(extra: (r: FetchRequest) => Reply | FetchError | undefined = () => undefined) {
    return (r: FetchRequest): Reply | FetchError => {
      const over = extra(r);
      if (over) return over;
      const { path, q } = where(r);
      if (path === SEARCH) {
        if ((q.get('query') ?? '').includes('INVALID')) return fixture('search-invalid-query');
        if (q.get('since_id')) return { status: 200, body: { meta: { result_count: 0 } } };
        return fixture(q.get('next_token') ? 'search-recent-page2' : 'search-recent-page1');
      }
      return api()(r);
    };
  }

  it('reads the newest page of matches on the first poll, without a user lookup', async () => {
    const { io, requests } = fakeIo(searchApi());
    const result = await connector.poll(search(), io);
    expect(result.status).toEqual({ state: 'ok' });
    expect(requests).toHaveLength(1);
    const { path, q } = where(requests[0]!);
    expect(path).toBe(SEARCH);
    expect(q.get('query')).toBe(QUERY);
    expect(q.get('max_results')).toBe('100');
    expect(q.get('since_id')).toBeNull();
    expect(q.get('expansions')?.split(',')).toEqual([...EXPANSIONS]);
    expect(requests[0]?.headers?.Authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.url).not.toContain(TOKEN);
    expect(requests[0]?.maxRedirects).toBe(0);

    expect(result.items.map((i) => [i.draft.nativeId, i.captureId, i.draft.source.handle, i.draft.langHint])).toEqual([
      ['1811000000000000013', 'cap-1', 'regional_news_demo', 'en'],
      ['1811000000000000012', 'cap-1', 'gulf_monitor_demo', 'ar'],
      ['1811000000000000011', 'cap-1', 'mideast_watch_demo', 'en'],
    ]);
    for (const item of result.items) itemDraftSchema.parse(item.draft);
    expect(result.items[1]?.draft).toMatchObject({ kind: 'quote', quotes: 'x:1809999999999998000', url: 'https://x.com/Gulf_Monitor_Demo/status/1811000000000000012' });
    expect(result.cursor).toEqual({ sinceId: '1811000000000000013' });
    // A search has no account of its own to describe.
    expect(result.profile).toBeNull();
    // The authors, then what they mention or quote; one entry per account and tweet.
    expect(result.discovered).toEqual([
      { kind: 'x', handle: 'regional_news_demo', via: 'x:1811000000000000013', how: 'mention' },
      { kind: 'x', handle: 'research_desk_demo', via: 'x:1811000000000000013', how: 'mention' },
      { kind: 'x', handle: 'gulf_monitor_demo', via: 'x:1811000000000000012', how: 'mention' },
      { kind: 'x', handle: 'research_desk_demo', via: 'x:1811000000000000012', how: 'quote' },
      { kind: 'x', handle: 'mideast_watch_demo', via: 'x:1811000000000000011', how: 'mention' },
      { kind: 'x', handle: 'analyst_note_demo', via: 'x:1811000000000000011', how: 'mention' },
    ]);
    expect(result.links).toEqual([{ url: 'https://news.example.org/en/2024/07/anniversary-statement-review', via: 'x:1811000000000000013' }]);
  });

  it('follows meta.next_token up to maxPages', async () => {
    const two = fakeIo(searchApi());
    const result = await connector.poll(search({ maxPages: 2 }), two.io);
    expect(two.requests.map((r) => where(r).q.get('next_token'))).toEqual([null, NEXT_TOKEN]);
    expect(two.requests.every((r) => where(r).q.get('query') === QUERY)).toBe(true);
    expect(result.items.map((i) => [i.draft.nativeId, i.captureId])).toEqual([
      ['1811000000000000013', 'cap-1'],
      ['1811000000000000012', 'cap-1'],
      ['1811000000000000011', 'cap-1'],
      ['1811000000000000010', 'cap-2'],
      ['1811000000000000009', 'cap-2'],
    ]);
    expect(result.cursor).toEqual({ sinceId: '1811000000000000013' });
    expect(result.discovered.filter((d) => d.via === 'x:1811000000000000009')).toEqual([
      { kind: 'x', handle: 'regional_news_demo', via: 'x:1811000000000000009', how: 'mention' },
    ]);

    // Page 2 has no next_token: a larger maxPages stops there.
    const many = fakeIo(searchApi());
    expect((await connector.poll(search({ maxPages: 10 }), many.io)).items).toHaveLength(5);
    expect(many.requests).toHaveLength(2);
  });

  it('asks only for newer matches on the next poll and keeps the cursor when there are none', async () => {
    const { io, requests } = fakeIo(searchApi());
    const cursor = { sinceId: '1811000000000000013' };
    const result = await connector.poll(search({ cursor, maxPages: 3 }), io);
    expect(requests).toHaveLength(1);
    expect(where(requests[0]!).q.get('since_id')).toBe('1811000000000000013');
    expect(result).toEqual({ items: [], cursor, profile: null, status: { state: 'ok' }, discovered: [], links: [] });
  });

  it('starts again from the newest matches when the cursor fell out of the 7-day window', async () => {
    const stale = {
      status: 400,
      body: {
        errors: [
          {
            parameters: { since_id: ['1800000000000000001'] },
            message: "'since_id' must be a tweet id created after 2024-06-26T10:00Z. Please use a 'since_id' that is larger than 1805000000000000000",
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      },
    };
    const { io, requests } = fakeIo(searchApi((r) => (where(r).q.get('since_id') ? stale : undefined)));
    const result = await connector.poll(search({ cursor: { sinceId: '1800000000000000001' } }), io);
    expect(requests.map((r) => where(r).q.get('since_id'))).toEqual(['1800000000000000001', null]);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.items).toHaveLength(3);
    expect(result.cursor).toEqual({ sinceId: '1811000000000000013' });
  });

  it('fails on an invalid query with the API`s own words, keeping the cursor and never the token', async () => {
    const { io, requests } = fakeIo(searchApi());
    const cursor = { sinceId: '1811000000000000013' };
    const result = await connector.poll(search({ handle: `${X_SEARCH_PREFIX}INVALID (`, cursor }), io);
    expect(requests).toHaveLength(1);
    expect(result.status).toEqual({
      state: 'failed',
      reason:
        'x_api_http_400: Invalid Request: One or more parameters to your request was invalid. (There were errors processing your request: Unbalanced parentheses in query (at position 9))',
    });
    expect(result.cursor).toEqual(cursor);
    expect(result.items).toEqual([]);

    // A server echoing the token in a multi-line detail gets neither through.
    const echo = fakeIo(searchApi(() => ({ status: 403, body: { title: 'Forbidden', detail: `Token ${TOKEN}\nis not enrolled`, type: 'about:blank' } })));
    const refused = await connector.poll(search(), echo.io);
    expect(refused.status).toEqual({ state: 'failed', reason: 'x_api_http_403: Forbidden: Token [redacted] is not enrolled' });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
  });

  it('refuses an empty or over-long query without asking', async () => {
    for (const query of ['  ', 'q'.repeat(MAX_SEARCH_QUERY_LENGTH + 1)]) {
      const { io, requests } = fakeIo(searchApi());
      const result = await connector.poll(search({ handle: `${X_SEARCH_PREFIX}${query}` }), io);
      expect(result.status).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^x_bad_query: /) as unknown });
      expect(requests).toHaveLength(0);
    }
  });

  it('returns throttled on 429 with the timeline policy (one short inline wait, else the reset time)', async () => {
    const far = fakeIo(searchApi(() => fixture('rate-limited')));
    const result = await connector.poll(search({ cursor: { sinceId: '1811000000000000013' } }), far.io);
    expect(result.status).toEqual({ state: 'throttled', reason: 'x_rate_limited', retryAfterMs: 110_000 });
    expect(result.cursor).toEqual({ sinceId: '1811000000000000013' });
    expect(far.sleeps).toEqual([]);

    let calls = 0;
    const near = fakeIo(searchApi(() => (calls++ === 0 ? fixture('rate-limited') : undefined)), new Date(1_720_000_870_000));
    const retried = await connector.poll(search(), near.io);
    expect(near.sleeps).toEqual([40_000]);
    expect(retried.status).toEqual({ state: 'ok' });
    expect(retried.items).toHaveLength(3);
  });

  it('keeps the items of the first page when the next one fails, but not the new cursor', async () => {
    const { io } = fakeIo(searchApi((r) => (where(r).q.get('next_token') ? { status: 503, body: '' } : undefined)));
    const result = await connector.poll(search({ maxPages: 2 }), io);
    expect(result.items).toHaveLength(3);
    expect(result.status).toEqual({ state: 'failed', reason: 'x_api_http_503' });
    expect(result.cursor).toBeNull();
  });

  it('re-checks a found tweet like any other', async () => {
    const { io, requests } = fakeIo(searchApi((r) => (where(r).path === '/2/tweets' ? fixture('tweets-lookup-one-deleted') : undefined)));
    const verdict = await connector.checkItem!({ key: 'x:1810000000000000004', url: null, nativeId: '1810000000000000004' }, search(), io);
    expect(verdict).toMatchObject({ verdict: 'live', reason: 'ok' });
    expect(requests.map((r) => where(r).path)).toEqual(['/2/tweets']);
  });
});

import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import { FetchError, type FetchRequest } from '../../../core/fetcher.js';
import { fakeIo, recorded, type Reply } from '../../../../test/fixtures/web/fake-io.js';
import type { ItemRef, SourceState } from '../connector.js';
import { X_TOKEN_MISSING, xApiConnector } from './x-api.connector.js';

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

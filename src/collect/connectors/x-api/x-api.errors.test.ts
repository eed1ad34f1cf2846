import { describe, expect, it } from 'vitest';
import { classifyXError, MAX_WAIT_MS, rateLimitWaitMs, readRateLimit, SHORT_WAIT_MS } from './x-api.errors.js';

const NOT_FOUND = 'https://api.twitter.com/2/problems/resource-not-found';

describe('classifyXError', () => {
  it('reads suspension even though its type says resource-not-found', () => {
    const e = {
      value: 'closed_channel_demo',
      detail: 'User has been suspended: [closed_channel_demo].',
      title: 'Forbidden',
      resource_type: 'user',
      parameter: 'username',
      resource_id: 'closed_channel_demo',
      type: NOT_FOUND,
    };
    expect(classifyXError(e)).toEqual({ kind: 'suspended', resourceType: 'user', resourceId: 'closed_channel_demo', section: null });
  });

  it('reads deleted tweets, missing users and protected resources', () => {
    expect(
      classifyXError({ title: 'Not Found Error', detail: 'Could not find tweet with ids: [1810000000000000099].', type: NOT_FOUND, resource_type: 'tweet', resource_id: '1810000000000000099' }),
    ).toMatchObject({ kind: 'not_found', resourceType: 'tweet', resourceId: '1810000000000000099' });
    expect(classifyXError({ title: 'Not Found Error', detail: 'Could not find user with id: [42].' })).toMatchObject({
      kind: 'not_found',
      resourceType: 'user',
      resourceId: '42',
    });
    expect(
      classifyXError({
        title: 'Authorization Error',
        detail: 'Sorry, you are not authorized to see the Tweet with ids: [7].',
        type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
      }),
    ).toMatchObject({ kind: 'protected', resourceType: 'tweet', resourceId: '7' });
  });

  it('keeps the section of included-resource errors and treats the rest as other', () => {
    expect(classifyXError({ title: 'Forbidden', detail: 'User has been suspended: [x].', section: 'includes', resource_type: 'user' }).section).toBe('includes');
    expect(classifyXError({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }).kind).toBe('other');
    expect(classifyXError('junk')).toEqual({ kind: 'other', resourceType: null, resourceId: null, section: null });
  });

  it('understands legacy v1.1 codes', () => {
    expect(classifyXError({ code: 63, message: 'User has been suspended.' })).toMatchObject({ kind: 'suspended', resourceType: 'user' });
    expect(classifyXError({ code: 144, message: 'No status found with that ID.' })).toMatchObject({ kind: 'not_found', resourceType: 'tweet' });
    expect(classifyXError({ code: 179, message: 'Sorry, you are not authorized to see this status.' }).kind).toBe('protected');
  });
});

describe('rate limits', () => {
  const now = 1_720_000_000_000;
  it('reads the headers case-insensitively', () => {
    expect(
      readRateLimit([
        ['X-Rate-Limit-Limit', '15'],
        ['X-Rate-Limit-Remaining', '0'],
        ['X-Rate-Limit-Reset', '1720000900'],
      ]),
    ).toEqual({ limit: 15, remaining: 0, resetAt: 1_720_000_900, retryAfter: null });
    expect(readRateLimit([])).toEqual({ limit: null, remaining: null, resetAt: null, retryAfter: null });
  });

  it('waits briefly when the window still has requests (the hidden per-second limit)', () => {
    expect(rateLimitWaitMs({ limit: 300, remaining: 12, resetAt: 1_720_000_900, retryAfter: null }, now)).toBe(SHORT_WAIT_MS);
  });

  it('otherwise waits until the reset plus a margin, clamped', () => {
    const rate = { limit: 15, remaining: 0, retryAfter: null };
    expect(rateLimitWaitMs({ ...rate, resetAt: 1_720_000_030 }, now)).toBe(40_000);
    expect(rateLimitWaitMs({ ...rate, resetAt: 1_719_999_000 }, now)).toBe(10_000);
    expect(rateLimitWaitMs({ ...rate, resetAt: 1_720_100_000 }, now)).toBe(MAX_WAIT_MS);
    expect(rateLimitWaitMs({ ...rate, resetAt: null, retryAfter: 120 }, now)).toBe(120_000);
    expect(rateLimitWaitMs({ ...rate, resetAt: null }, now)).toBe(MAX_WAIT_MS);
  });
});

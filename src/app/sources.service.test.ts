import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { parseSourceSpec } from './sources.service.js';

/** The error a bad spec gives (it must be a one-line ValidationError). */
function refusal(spec: string): ValidationError {
  try {
    parseSourceSpec(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const error = e as ValidationError;
    expect(error.message).not.toMatch(/\n/);
    expect(error.location.field).toBe('source');
    return error;
  }
  throw new Error(`"${spec}" was accepted`);
}

describe('parseSourceSpec', () => {
  it.each([
    ['telegram:rasd_demo_channel', 'rasd_demo_channel'],
    ['telegram:@Rasd_Demo_Channel', 'rasd_demo_channel'],
    ['telegram:https://t.me/s/rasd_demo_channel', 'rasd_demo_channel'],
    ['telegram:https://t.me/Rasd_Demo_Channel/', 'rasd_demo_channel'],
    ['telegram:t.me/rasd_demo_channel', 'rasd_demo_channel'],
    ['TELEGRAM: https://www.t.me/s/rasd_demo_channel ', 'rasd_demo_channel'],
  ])('reads the Telegram form %s', (spec, handle) => {
    expect(parseSourceSpec(spec)).toEqual({ kind: 'telegram', handle, url: `https://t.me/s/${handle}` });
  });

  it.each([
    ['x:Rasd_Monitor_Demo', 'rasd_monitor_demo'],
    ['x:@rasd_monitor_demo', 'rasd_monitor_demo'],
    ['X:https://x.com/Rasd_Monitor_Demo', 'rasd_monitor_demo'],
    ['x:https://twitter.com/rasd_monitor_demo/', 'rasd_monitor_demo'],
    // X handles may be short; Telegram usernames may not.
    ['x:ab', 'ab'],
  ])('reads the X handle form %s', (spec, handle) => {
    expect(parseSourceSpec(spec)).toEqual({ kind: 'x', handle, url: `https://x.com/${handle}` });
  });

  it('reads rss and web URLs, dropping the fragment', () => {
    expect(parseSourceSpec('rss:https://news.example.org/feed.xml')).toEqual({
      kind: 'rss',
      handle: 'https://news.example.org/feed.xml',
      url: 'https://news.example.org/feed.xml',
    });
    expect(parseSourceSpec('web: http://news.example.org/ar/page?id=3#top')).toEqual({
      kind: 'web',
      handle: 'http://news.example.org/ar/page?id=3',
      url: 'http://news.example.org/ar/page?id=3',
    });
  });

  it('reads an X recent search, keeping the query as typed (trimmed, case kept)', () => {
    const query = '"Kataib Hezbollah" OR كتائب_حزب_الله';
    const spec = parseSourceSpec(`x:search:${query}`);
    expect(spec).toEqual({ kind: 'x', handle: `search:${query}`, url: `https://x.com/search?q=${encodeURIComponent(query)}` });
    expect(new URL(spec.url ?? '').searchParams.get('q')).toBe(query);
    expect(parseSourceSpec(`X:Search:   ${query}  `)).toEqual(spec);
    expect(parseSourceSpec('x:search:from:Rasd_Monitor_Demo -is:retweet').handle).toBe('search:from:Rasd_Monitor_Demo -is:retweet');
    // A query of exactly 512 characters (Arabic letters count one each) is accepted.
    expect(parseSourceSpec(`x:search:${'ب'.repeat(512)}`).handle).toHaveLength('search:'.length + 512);
  });

  it('refuses an empty or over-long search query, naming the limit', () => {
    expect(refusal('x:search:').message).toMatch(/needs a query.*1–512/);
    expect(refusal('x:search:    ').message).toMatch(/needs a query/);
    const long = refusal(`x:search:${'q'.repeat(513)}`).message;
    expect(long).toMatch(/513 characters.*at most 512.*basic tiers/);
    expect(long.length).toBeLessThan(200);
  });

  it.each([
    ['nothing:at_all', /is not a source: use telegram:NAME, x:HANDLE, x:search:QUERY, rss:URL or web:URL/],
    ['telegram:', /is not a source/],
    ['rasd_demo_channel', /is not a source/],
    ['x:search\nfoo', /is not a source/],
    ['telegram:ab', /not a Telegram channel username/],
    ['telegram:bad-name!', /not a Telegram channel username/],
    ['telegram:search:foo', /not a Telegram channel username/],
    ['x:not a handle', /not an X handle/],
    ['x:https://x.com/name/status/123', /not an X handle/],
    ['rss:not a url', /is not a URL/],
    ['web:ftp://files.example.org/a', /must be an http\(s\) URL/],
  ])('refuses %j with a one-line error', (spec, message) => {
    expect(refusal(spec).message).toMatch(message);
  });
});

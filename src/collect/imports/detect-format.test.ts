import { describe, expect, it } from 'vitest';
import { importFormats } from './import-format.js';
import { loadFixture } from '../../../test/fixtures/imports/load-fixture.js';
import { detectFormat, parserFor } from './detect-format.js';

const detect = (path: string, as?: string): ReturnType<typeof detectFormat> =>
  detectFormat(as ?? path, loadFixture(path).bytes);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFormat', () => {
  it.each([
    ['telegram/channel/result.json', 'telegram-export'],
    ['telegram/full-account/result.json', 'telegram-export'],
    ['telegram/control-char/result.json', 'telegram-export'],
    ['x/archive/tweets.js', 'x-archive'],
    ['x/twarc2.jsonl', 'x-jsonl'],
    ['feeds/rss2.xml', 'rss'],
    ['feeds/atom.xml', 'rss'],
    ['feeds/rdf-latin1.rdf', 'rss'],
    ['feeds/rss091.xml', 'rss'],
    ['web/article.html', 'html'],
    ['web/arabic-article.html', 'html'],
    ['jsonl/posts.jsonl', 'jsonl'],
    ['jsonl/bad-line3.jsonl', 'jsonl'],
  ])('recognises %s as %s', (path, format) => {
    expect(detect(path)).toBe(format);
  });

  it('falls back to content when the name says nothing', () => {
    expect(detect('telegram/channel/result.json', 'export.json')).toBe('telegram-export');
    expect(detect('x/archive/tweets.js', 'archive-part.js')).toBe('x-archive');
    expect(detect('x/archive/tweets.js', 'download')).toBe('x-archive');
    expect(detect('feeds/atom.xml', 'feed')).toBe('rss');
    expect(detect('feeds/rdf-latin1.rdf', 'feed.txt')).toBe('rss');
    expect(detect('web/article.html', 'saved-page')).toBe('html');
    expect(detectFormat('tweets-part2.js', text('window.YTD.tweets.part2 = []'))).toBe('x-archive');
    expect(detectFormat('stream.ndjson', text('{"id":"1","text":"t","edit_history_tweet_ids":["1"]}\n'))).toBe('x-jsonl');
    expect(detectFormat('errors.jsonl', text('{"errors":[{"title":"Not Found Error"}]}\n'))).toBe('x-jsonl');
  });

  it('returns null for binary junk and unknown files', () => {
    expect(detect('junk.bin')).toBeNull();
    expect(detectFormat('notes.txt', text('just some words'))).toBeNull();
    expect(detectFormat('data.json', text('{"rows": []}'))).toBeNull();
  });
});

describe('parserFor', () => {
  it('has a parser for every import format', () => {
    for (const format of importFormats) expect(typeof parserFor(format)).toBe('function');
  });
});

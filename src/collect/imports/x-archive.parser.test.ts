import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { itemDraftSchema } from '../../core/item.js';
import { loadFixture, textInput, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { parseXArchive } from './x-archive.parser.js';

const archive = parseXArchive(loadFixture('x/archive/tweets.js'));
const tweet = (id: string) => archive.items.find((i) => i.key === `x:${id}`);

describe('parseXArchive', () => {
  it('strips the window.YTD prefix and returns valid drafts keyed x:<id_str>', () => {
    for (const item of archive.items) itemDraftSchema.parse(item);
    expect(archive.items.map((i) => i.key)).toEqual([
      'x:1790000000000000004',
      'x:1790000000000000003',
      'x:1790000000000000002',
      'x:1790000000000000005',
    ]);
  });

  it('converts v1.1 created_at, offset included, to ISO UTC', () => {
    expect(tweet('1790000000000000004')?.publishedAt).toBe('2024-05-01T10:02:05.000Z');
    expect(tweet('1790000000000000003')?.publishedAt).toBe('2024-04-30T18:15:00.000Z');
  });

  it('marks RT @ tweets as reposts and keeps their full_text untouched', () => {
    const rt = tweet('1790000000000000003');
    expect(rt?.kind).toBe('repost');
    expect(rt?.extra.retweetedUser).toBe('mideast_watch_demo');
    expect(rt?.text.startsWith('RT @mideast_watch_demo: Fictional channel')).toBe(true);
    expect(rt?.links).toEqual(['https://example.org/reports/new-dawn-anniversary']);
    expect(rt?.hashtags).toEqual(['monitoring']);
  });

  it('links replies and maps X language codes', () => {
    expect(tweet('1790000000000000004')).toMatchObject({ kind: 'reply', replyTo: 'x:1790000000000000001', langHint: 'en' });
    const arabic = tweet('1790000000000000002');
    expect(arabic?.text).toBe('قناةٌ جديدةٌ تَنْشُرُ بَيَانَاتِ «السرايا» الخيالية؛ نتابعها للتوثيق فقط. #رصد');
    expect(arabic?.langHint).toBe('ar');
    expect(tweet('1790000000000000005')?.langHint).toBe('id');
  });

  it('turns string counts into numeric metrics and keeps edit_info', () => {
    expect(tweet('1790000000000000002')?.metrics).toEqual({ like_count: 7, retweet_count: 2 });
    expect(tweet('1790000000000000002')?.extra.editInfo).toMatchObject({ initial: { editTweetIds: ['1790000000000000002'] } });
  });

  it('files tweets under "archive" with no author unless --channel names the owner', () => {
    expect(archive.sources).toEqual([{ kind: 'x', handle: 'archive', title: null, url: null }]);
    expect(archive.items[0]?.author).toBeNull();
    const named = parseXArchive(loadFixture('x/archive/tweets.js', '@Research_Desk'));
    expect(named.sources[0]?.handle).toBe('research_desk');
    expect(named.items[0]?.author).toEqual({ handle: 'research_desk' });
    expect(named.items[0]?.url).toBe('https://x.com/research_desk/status/1790000000000000004');
  });

  it('reports a file without the prefix, and broken JSON with its line', () => {
    expect(() => parseXArchive(textInput('tweets.js', '[]'))).toThrow(ParseError);
    const e = parseErrorOf(() => parseXArchive(textInput('tweets-part1.js', 'window.YTD.tweets.part1 = [\n  {"tweet": {}},\n  {"tweet": \n')));
    expect(e.location).toEqual({ file: 'tweets-part1.js', line: 4 });
    expect(e.message).toBe('truncated JSON');
  });
});

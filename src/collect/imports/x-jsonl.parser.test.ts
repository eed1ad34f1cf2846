import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../core/item.js';
import { loadFixture, textInput, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { parseXJsonl } from './x-jsonl.parser.js';

const result = parseXJsonl(loadFixture('x/twarc2.jsonl'));
const tweet = (id: string) => result.items.find((i) => i.key === `x:18000000000000000${id}`);

describe('parseXJsonl', () => {
  it('reads every page, skips the errors-only line and the repeated tweet', () => {
    for (const item of result.items) itemDraftSchema.parse(item);
    expect(result.items.map((i) => i.nativeId.slice(-2))).toEqual(['01', '02', '03', '04', '05', '07']);
    expect(result.skipped).toEqual([
      { locator: 'line 2', reason: 'API error: Could not find tweet with ids: [1700000000000000000].' },
      { locator: 'line 3 data[2]', reason: 'duplicate of line 1' },
    ]);
  });

  it('joins authors from includes.users and files each under its lower-cased username', () => {
    expect(tweet('04')?.author).toEqual({ name: 'Mideast Watch (demo)', handle: 'Mideast_Watch_Demo', id: '900000001' });
    expect(tweet('04')?.source.handle).toBe('mideast_watch_demo');
    expect(result.sources.map((s) => s.handle)).toEqual(['rasd_bulletin', 'research_desk_demo', 'mideast_watch_demo']);
  });

  it('keeps a retweet`s own text and puts the original full text in extra', () => {
    const rt = tweet('02');
    expect(rt).toMatchObject({ kind: 'repost', reposts: 'x:1799999999999999999' });
    expect(rt?.text.endsWith('a pledge to keep publishing…')).toBe(true);
    expect(rt?.extra.referencedText).toMatch(/Full notes in our weekly review\. #monitoring/);
  });

  it('links quotes and replies', () => {
    expect(tweet('03')).toMatchObject({ kind: 'quote', quotes: 'x:1800000000000000001' });
    expect(tweet('05')).toMatchObject({ kind: 'reply', replyTo: 'x:1800000000000000001', langHint: 'ar' });
  });

  it('records edit history and controls without inventing an edit time, and keeps withheld', () => {
    expect(tweet('07')?.extra.editHistoryTweetIds).toEqual(['1800000000000000006', '1800000000000000007']);
    expect(tweet('07')?.extra.editControls).toMatchObject({ edits_remaining: 4 });
    expect(tweet('07')?.editedAt).toBeNull();
    expect(tweet('01')?.extra.editHistoryTweetIds).toBeUndefined();
    expect(tweet('04')?.extra.withheld).toEqual({ copyright: false, country_codes: ['DE', 'FR'] });
  });

  it('joins media and keeps links, hashtags, metrics and the original Arabic text', () => {
    const first = tweet('01');
    expect(first?.text).toBe('بيانٌ جديدٌ من «سرايا الفجر الجديد» (اسم خيالي) في ذكرى التأسيس. #رصد https://t.co/Abc123');
    expect(first?.media).toEqual([
      { type: 'photo', url: 'https://pbs.example.org/media/statement.jpg', width: 1200, height: 675, durationSeconds: null, missing: null },
    ]);
    expect(first?.links).toEqual(['https://example.org/rasd/statement-2024']);
    expect(first?.hashtags).toEqual(['رصد']);
    expect(first?.metrics).toEqual({ retweet_count: 4, reply_count: 1, like_count: 10, quote_count: 1 });
    expect(first?.publishedAt).toBe('2024-06-01T09:00:00.000Z');
  });

  it('accepts a line holding one bare tweet', () => {
    const single = parseXJsonl(textInput('one.jsonl', '{"id": "42", "text": "hello", "author_id": "7", "lang": "und"}\n'));
    expect(single.items[0]).toMatchObject({ key: 'x:42', source: { handle: 'id:7' }, langHint: null });
  });

  it('fails the whole file on a non-JSON line, naming that line', () => {
    const e = parseErrorOf(() => parseXJsonl(textInput('bad.jsonl', '{"data": []}\n\n{"data": [ oops\n')));
    expect(e.location).toEqual({ file: 'bad.jsonl', line: 3 });
  });
});

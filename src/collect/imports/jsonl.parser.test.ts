import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { itemDraftSchema } from '../../core/item.js';
import { loadFixture, textInput, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { iterateJsonl, parseJsonl, parseJsonlLines } from './jsonl.parser.js';

describe('parseJsonl', () => {
  const result = parseJsonl(loadFixture('jsonl/posts.jsonl'));

  it('reads one valid item per non-blank line, with keys from key, platform or the jsonl default', () => {
    for (const item of result.items) itemDraftSchema.parse(item);
    expect(result.items.map((i) => [i.key, i.platform, i.nativeId, i.locator])).toEqual([
      ['telegram:fajr_demo/41', 'telegram', 'fajr_demo/41', 'line 1'],
      ['jsonl:en-2', 'jsonl', 'en-2', 'line 3'],
      // "myspace" is not a platform Rasad knows, so the key falls back to jsonl.
      ['jsonl:3', 'jsonl', '3', 'line 4'],
    ]);
  });

  it('keeps Arabic text exact, normalizes dates to UTC and files items under their source', () => {
    expect(result.items[0]).toMatchObject({
      text: 'نَحْنُ بَاقُونَ… وَالنَّصْرُ لِلصَّابِرِينَ',
      publishedAt: '2024-06-01T09:00:00.000Z',
      author: { name: 'سرايا الفجر الجديد' },
      langHint: 'ar',
      source: { kind: 'import', handle: 'fajr_demo' },
    });
    expect(result.items[1]).toMatchObject({ publishedAt: '2024-06-01T10:00:00.000Z', url: 'https://notes.example.org/2', title: 'Pledge repeated' });
    expect(result.items[2]?.source.handle).toBe('posts.jsonl');
    expect(result.sources.map((s) => s.handle)).toEqual(['fajr_demo', 'notes', 'posts.jsonl']);
  });

  it('fails the whole file on an invalid line, naming file, line and field', () => {
    const e = parseErrorOf(() => parseJsonl(loadFixture('jsonl/bad-line3.jsonl')));
    expect(e.location).toEqual({ file: 'jsonl/bad-line3.jsonl', line: 3, field: 'text' });
  });

  it('reports non-JSON lines, bad dates and bad keys with their line', () => {
    const notJson = parseErrorOf(() => parseJsonl(textInput('a.jsonl', '{"id":1,"text":"ok"}\n{oops')));
    expect(notJson.location).toEqual({ file: 'a.jsonl', line: 2 });
    const badDate = parseErrorOf(() => parseJsonl(textInput('b.jsonl', '{"id":1,"text":"ok","published_at":"yesterday"}')));
    expect(badDate.location).toEqual({ file: 'b.jsonl', line: 1, field: 'published_at' });
    const badKey = parseErrorOf(() => parseJsonl(textInput('c.jsonl', '{"id":1,"text":"ok","key":"NoColon"}')));
    expect(badKey.location.field).toBe('key');
  });

  it('treats null optional fields as absent', () => {
    const r = parseJsonl(textInput('n.jsonl', '{"id":"a","text":"t","author":null,"published_at":null,"platform":null}'));
    expect(r.items[0]).toMatchObject({ key: 'jsonl:a', author: null, publishedAt: null });
  });
});

describe('streaming JSONL', () => {
  it('yields items one by one and throws only when it reaches the bad line', () => {
    const text = new TextDecoder().decode(loadFixture('jsonl/bad-line3.jsonl').bytes);
    const it = iterateJsonl(text, 'bad-line3.jsonl');
    expect(it.next().value).toMatchObject({ key: 'jsonl:1' });
    expect(it.next().value).toMatchObject({ key: 'jsonl:2' });
    expect(() => it.next()).toThrow(ParseError);
  });

  it('numbers lines from startLine so batches report file lines', () => {
    const lines = ['{"id":1,"text":"a"}', '{"id":2}'];
    const e = parseErrorOf(() => [...parseJsonlLines(lines, 'big.jsonl', 5001)]);
    expect(e.location).toEqual({ file: 'big.jsonl', line: 5002, field: 'text' });
  });
});

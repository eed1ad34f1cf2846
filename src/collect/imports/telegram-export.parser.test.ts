import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { itemDraftSchema, type ItemDraft } from '../../core/item.js';
import { loadFixture, textInput, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { parseTelegramExport } from './telegram-export.parser.js';

const channel = parseTelegramExport(loadFixture('telegram/channel/result.json'));
const byId = (id: number): ItemDraft => {
  const item = channel.items.find((i) => i.key === `telegram:c1700000001/${id}`);
  if (!item) throw new Error(`no message ${id}`);
  return item;
};

describe('parseTelegramExport: single public channel', () => {
  it('returns drafts that pass the ItemDraft schema, in file order', () => {
    for (const item of channel.items) expect(itemDraftSchema.parse(item)).toEqual(item);
    expect(channel.items.map((i) => i.nativeId.split('/')[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '11', '12']);
  });

  it('keys on c<numeric id> without --channel, and on the lower-cased username with it', () => {
    expect(channel.sources).toEqual([{ kind: 'telegram', handle: 'c1700000001', title: 'سرايا الفجر الجديد', url: null }]);
    const named = parseTelegramExport(loadFixture('telegram/channel/result.json', '@Fajr_Demo'));
    expect(named.items[1]?.key).toBe('telegram:fajr_demo/2');
    expect(named.items[1]?.url).toBe('https://t.me/fajr_demo/2');
    expect(named.items.find((i) => i.kind === 'reply')?.replyTo).toBe('telegram:fajr_demo/2');
    expect(named.sources[0]?.handle).toBe('fajr_demo');
  });

  it('joins a mixed text array exactly, tashkeel included, and collects hashtags and links', () => {
    const post = byId(2);
    expect(post.text).toBe(
      'بِسْمِ اللَّهِ، نُعْلِنُ انْطِلَاقَ قَنَاتِنَا الرَّسْمِيَّةِ. #الفجر_الجديد #NewDawn\nللمتابعة: موقعنا و t.me/fajr_example',
    );
    expect(post.hashtags).toEqual(['الفجر_الجديد', 'NewDawn']);
    expect(post.links).toEqual(['https://example.org/fajr', 'https://t.me/fajr_example']);
    expect(byId(3).text).toBe('رَحِمَ اللَّهُ شُهَدَاءَنَا الأَبْرَارَ، وَأَلْهَمَ ذَوِيهِمُ الصَّبْرَ وَالسُّلْوَانَ.');
  });

  it('takes date_unixtime over the local `date`, and reads `date` as UTC in old exports', () => {
    // The fixture's `date` is Baghdad local time (UTC+3): 12:05 local is 09:05 UTC.
    expect(byId(2).publishedAt).toBe('2020-03-01T09:05:00.000Z');
    expect(byId(11).publishedAt).toBe('2021-06-01T10:00:00.000Z');
  });

  it('keeps edits, signatures, forwards (named and hidden) and replies', () => {
    expect(byId(3).editedAt).toBe('2020-03-05T19:10:00.000Z');
    expect(byId(3).extra.signature).toBe('المكتب الإعلامي');
    expect(byId(4).forwardedFrom).toEqual({ name: 'وكالة أنباء الرافدين (خيالية)', id: 'channel1700000099' });
    expect(byId(5).forwardedFrom).toEqual({ name: null, id: null });
    expect(byId(2).forwardedFrom).toBeNull();
    expect(byId(6)).toMatchObject({ kind: 'reply', replyTo: 'telegram:c1700000001/2' });
  });

  it('records a skipped photo as missing with its placeholder, and a video file with its details', () => {
    expect(byId(7).media).toEqual([
      {
        type: 'photo',
        fileName: null,
        missing: '(File not included. Change data exporting settings to download.)',
        width: 1080,
        height: 1350,
        sizeBytes: null,
      },
    ]);
    expect(byId(8).media[0]).toMatchObject({
      type: 'video_file',
      fileName: 'video_files/anniversary_2021.mp4',
      missing: null,
      mimeType: 'video/mp4',
      durationSeconds: 94,
      width: 1280,
      height: 720,
    });
    expect(byId(8).extra.thumbnail).toBe('video_files/anniversary_2021.mp4_thumb.jpg');
  });

  it('turns service rows into service items with their action in extra', () => {
    expect(byId(1)).toMatchObject({ kind: 'service', text: '', extra: { action: 'create_channel', title: 'سرايا الفجر الجديد' } });
    expect(byId(1).author).toEqual({ name: 'سرايا الفجر الجديد', id: 'channel1700000001' });
    expect(byId(9)).toMatchObject({ kind: 'service', extra: { action: 'pin_message', message_id: 8 } });
  });

  it('skips unsupported rows with their locator, and keeps polls and reactions', () => {
    expect(channel.skipped.map((s) => s.locator)).toEqual(['messages[9]']);
    expect(channel.skipped[0]?.reason).toContain('unsupported');
    expect(byId(12).extra.poll).toMatchObject({ question: 'هل تابعت كلمة الذكرى؟', total_voters: 40 });
    expect(byId(2).metrics).toEqual({ reactions: 15 });
    expect(byId(2).locator).toBe('messages[1]');
  });
});

describe('parseTelegramExport: full-account export', () => {
  const account = parseTelegramExport(loadFixture('telegram/full-account/result.json', 'ignored_name'));

  it('yields items from every chat, left chats included, each keyed on c<id>', () => {
    for (const item of account.items) itemDraftSchema.parse(item);
    expect(account.items.map((i) => i.key)).toEqual([
      'telegram:c1700000002/101',
      'telegram:c1700000002/102',
      'telegram:c1700000003/5',
      'telegram:c1700000004/1',
    ]);
    expect(account.sources.map((s) => s.handle)).toEqual(['c1700000002', 'c1700000003', 'c1700000004']);
    expect(account.items[1]?.replyTo).toBe('telegram:c1700000002/101');
    expect(account.items[2]?.locator).toBe('chats.list[1].messages[0]');
    expect(account.skipped.map((s) => s.locator)).toEqual(['chats.list[1].messages[1]']);
  });
});

describe('parseTelegramExport: broken files', () => {
  it('recovers from \\xNN control escapes that Telegram Desktop writes, leaving \\\\x alone', () => {
    const result = parseTelegramExport(loadFixture('telegram/control-char/result.json'));
    expect(result.items[0]?.text).toBe('سطر أول\u000bسطر ثان');
    expect(result.items[1]?.text).toBe('path C:\\x41 stays');
  });

  it('reports a truncated file as truncated JSON at its last line', () => {
    const e = parseErrorOf(() => parseTelegramExport(loadFixture('telegram/truncated/result.json')));
    expect(e.message).toBe('truncated JSON');
    expect(e.location).toEqual({ file: 'telegram/truncated/result.json', line: 155 });
  });

  it('names the line of a syntax error', () => {
    const e = parseErrorOf(() => parseTelegramExport(textInput('result.json', '{\n "name": "x",\n "id": 1,,\n "messages": []\n}')));
    expect(e.location.line).toBe(3);
  });

  it('rejects JSON that is not an export, and binary junk', () => {
    expect(() => parseTelegramExport(textInput('result.json', '{"about": "x"}'))).toThrow(
      'not a Telegram Desktop export (no messages or chats.list)',
    );
    const junk = parseErrorOf(() => parseTelegramExport(loadFixture('junk.bin')));
    expect(junk.message).toBe('binary data, not a Telegram Desktop export file');
  });

  it('rejects a --channel that is not a username', () => {
    expect(() => parseTelegramExport(loadFixture('telegram/channel/result.json', 'a b/c'))).toThrow(ParseError);
  });
});

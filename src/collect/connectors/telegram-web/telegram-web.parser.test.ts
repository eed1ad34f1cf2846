import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemDraftSchema, type ItemDraft } from '../../../core/item.js';
import {
  channelIdFromView,
  mentionsIn,
  parseChannelPage,
  parseCount,
  parseDuration,
  parseEmbedPage,
  telegramRef,
  type ChannelPage,
  type TelegramWebPost,
} from './telegram-web.parser.js';

const FIXTURES = new URL('../../../../test/fixtures/telegram-web/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');
const PREVIEW = 'https://t.me/s/sahil_monitor';

const newest = parseChannelPage(fixture('channel-page.html'), 'sahil_monitor', PREVIEW);
const older = parseChannelPage(fixture('channel-page-before-40.html'), 'sahil_monitor', `${PREVIEW}?before=40`);

function post(page: ChannelPage, id: number): TelegramWebPost {
  const found = page.posts.find((p) => p.id === id);
  if (!found) throw new Error(`no post ${id}`);
  return found;
}
const draft = (id: number, page: ChannelPage = newest): ItemDraft => post(page, id).draft;

describe('parseChannelPage: a channel page', () => {
  it('reads the channel sidebar: canonical username, title, audience estimate, id from data-view', () => {
    expect(newest.state).toBe('ok');
    expect(newest.skipped).toEqual([]);
    expect(newest.channel).toEqual({
      username: 'Sahil_Monitor',
      title: 'مرصد الساحل — Sahil Monitor',
      description:
        'نشرة يومية عن الأخبار المحلية في منطقة الساحل.\nA fictional daily digest of public local news, made for tests.\n\nSite: sahil-monitor.example',
      audience: 12_400,
      audienceText: '12.4K',
      photoUrl: 'https://cdn4.telesco.pe/file/synthetic-avatar-sahil-monitor.jpg',
      verified: false,
      externalId: '1999000111',
    });
  });

  it('returns every block as a schema-valid draft, in page order, with album item ids among the ids seen', () => {
    expect(newest.posts.map((p) => p.id)).toEqual([40, 41, 42, 43, 46, 47, 48, 49, 50, 52]);
    for (const p of [...newest.posts, ...older.posts]) expect(itemDraftSchema.parse(p.draft)).toEqual(p.draft);
    expect(newest.ids).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 52]);
  });

  it('takes the older-page cursor from rel=prev, never from rel=canonical', () => {
    expect(newest.before).toBe(40);
    const noPrev = fixture('channel-page.html').replace(/<link rel="prev"[^>]*>/, '');
    expect(parseChannelPage(noPrev, 'sahil_monitor', PREVIEW).before).toBe(40);
    const neither = noPrev.replace(/<a href="[^"]*" class="tme_messages_more[^>]*><\/a>/, '');
    expect(parseChannelPage(neither, 'sahil_monitor', PREVIEW).before).toBeNull();
    expect(older.before).toBeNull();
  });

  it('keys like the Telegram Desktop import: lower-case username, permalink, locator', () => {
    expect(draft(40)).toMatchObject({
      key: 'telegram:sahil_monitor/40',
      platform: 'telegram',
      nativeId: 'sahil_monitor/40',
      kind: 'post',
      source: { kind: 'telegram', handle: 'sahil_monitor', title: 'مرصد الساحل — Sahil Monitor', url: 'https://t.me/sahil_monitor' },
      url: 'https://t.me/Sahil_Monitor/40',
      author: { name: 'مرصد الساحل — Sahil Monitor', handle: 'sahil_monitor', id: 'channel1999000111' },
      publishedAt: '2024-05-30T08:15:00.000Z',
      locator: 'data-post=Sahil_Monitor/40',
    });
    expect(parseChannelPage(fixture('channel-page.html'), '@Sahil_Monitor', PREVIEW).posts[0]?.draft.key).toBe('telegram:sahil_monitor/40');
  });

  it('keeps Arabic text exactly, with <br> as a line break, and the photo', () => {
    expect(draft(40).text).toBe('تقرير يومي: عقدت بلدية المدينة اجتماعًا لمناقشة إصلاح الطرق بعد موسم الأمطار.\nالتفاصيل في الصورة.');
    expect(draft(40).media).toEqual([{ type: 'photo', url: 'https://cdn4.telesco.pe/file/synthetic-photo-40.jpg' }]);
    expect(post(newest, 40).mediaUrls).toEqual(['https://cdn4.telesco.pe/file/synthetic-photo-40.jpg']);
    expect(draft(40).metrics).toEqual({ views: 1200 });
    expect(draft(40).extra).toEqual({ viewsText: '1.2K' });
  });

  it('reads a forward from a public channel: name, handle and the original post key', () => {
    expect(draft(41).kind).toBe('repost');
    expect(draft(41).forwardedFrom).toEqual({ name: 'Sahel Wire', handle: 'sahel_wire', key: 'telegram:sahel_wire/812' });
    // Text-link hrefs arrive with `&` escaped twice; the link is stored as the author wrote it.
    expect(draft(41).links).toEqual(['https://example.org/statements/trade-corridor?lang=en&ref=tg']);
  });

  it('keeps only the name of a forward whose origin is hidden', () => {
    expect(draft(52).kind).toBe('repost');
    expect(draft(52).forwardedFrom).toEqual({ name: 'Anonymous Reader', handle: null, key: null });
    expect(draft(52).media).toEqual([{ type: 'file', url: null, fileName: 'council-budget-2024.pdf' }]);
  });

  it('reads a reply: the replied-to key, and the body without the quoted text', () => {
    expect(draft(42).kind).toBe('reply');
    expect(draft(42).replyTo).toBe('telegram:sahil_monitor/41');
    expect(draft(42).text).toBe('Update: the statement is now also published in Arabic.');
    expect(draft(42).extra.replyQuote).toEqual({
      author: 'مرصد الساحل — Sahil Monitor',
      text: 'Regional ministers met in the capital to discuss a new trade corridor. Full statement.',
    });
  });

  it('reads an album as one item with its ?single ids, photos and video in order', () => {
    const album = post(newest, 43);
    expect(album.ids).toEqual([43, 44, 45]);
    expect(album.draft.extra.albumIds).toEqual([43, 44, 45]);
    expect(album.draft.media.map((m) => m.type)).toEqual(['photo', 'photo', 'video_file']);
    expect(album.draft.media[2]).toMatchObject({ url: 'https://cdn4.telesco.pe/file/synthetic-album-45.mp4?token=SYNTHETIC-TOKEN', durationSeconds: 16 });
    expect(album.mediaUrls).toContain('https://cdn4.telesco.pe/file/synthetic-album-45-thumb.jpg');
    expect(album.draft.text).toBe('صور من معرض الكتاب السنوي في المدينة.');
  });

  it('reads a video with its source, thumbnail and duration', () => {
    expect(draft(46).media).toEqual([
      { type: 'video_file', url: 'https://cdn4.telesco.pe/file/synthetic-video-46.mp4?token=SYNTHETIC-TOKEN', durationSeconds: 42, missing: null },
    ]);
    expect(post(newest, 46).mediaUrls).toEqual([
      'https://cdn4.telesco.pe/file/synthetic-video-46.mp4?token=SYNTHETIC-TOKEN',
      'https://cdn4.telesco.pe/file/synthetic-video-46-thumb.jpg',
    ]);
  });

  it('reads a link preview: the link, its image and its texts', () => {
    expect(draft(47).links).toEqual(['https://news.example.net/briefings/week-22']);
    expect(draft(47).media).toEqual([{ type: 'link_preview', url: 'https://cdn4.telesco.pe/file/synthetic-preview-47.jpg' }]);
    expect(draft(47).extra.linkPreview).toEqual({
      url: 'https://news.example.net/briefings/week-22',
      siteName: 'Example News',
      title: 'Weekly regional briefing',
      description: "A summary of the week's public statements.",
    });
  });

  it('reads an edited, signed post: the signature is the author, the generic "open Telegram" footer means nothing', () => {
    expect(draft(48).author).toEqual({ name: 'Analyst Desk' });
    expect(draft(48).extra).toEqual({ viewsText: '980', edited: true, signature: 'Analyst Desk' });
    expect(draft(48).text).toBe('Correction: the meeting mentioned yesterday took place on Tuesday, not Monday.');
    expect(draft(40).extra.edited).toBeUndefined();
  });

  it('reads service messages with Telegram Desktop action names', () => {
    expect(draft(49)).toMatchObject({
      kind: 'service',
      text: 'مرصد الساحل — Sahil Monitor pinned «Correction: the meeting…»',
      links: [],
      metrics: {},
      extra: { service: true, action: 'pin_message' },
    });
    expect(draft(1, older)).toMatchObject({ kind: 'service', text: 'Channel created', extra: { service: true, action: 'create_channel' } });
  });

  it('keeps emoji as characters, collects hashtags and links but not mentions, and sums reactions', () => {
    const d = draft(50);
    expect(d.text).toBe(
      '📢 Weekly digest #Sahel #الساحل ✅\nPartner channel: @desert_watch_news\nArchive: t.me/sahel_archive/77\nQuestions: @sahil_desk_bot or editor@sahil-monitor.example',
    );
    expect(d.hashtags).toEqual(['Sahel', 'الساحل']);
    expect(d.links).toEqual(['https://t.me/sahel_archive/77']);
    expect(d.metrics).toEqual({ views: 12_500, reactions: 1752 });
    expect(d.extra.reactions).toEqual([
      { emoji: '👍', count: 1500, countText: '1.5K' },
      { paid: true, count: 12, countText: '12' },
      { customEmojiId: '5465000000000000001', count: 240, countText: '240' },
    ]);
  });

  it('reads poll, location and sticker posts on the older page', () => {
    expect(older.posts.map((p) => p.id)).toEqual([1, 7, 19, 33, 38]);
    expect(draft(19, older).media).toEqual([{ type: 'poll' }]);
    expect(draft(19, older).extra.poll).toEqual({
      question: 'Which topic should the next digest cover?',
      type: 'Anonymous Poll',
      options: [
        { text: 'Water and roads', percent: '62%' },
        { text: 'Schools', percent: '38%' },
      ],
      voters: 230,
    });
    expect(draft(33, older).extra.location).toEqual({
      url: 'https://maps.google.com/maps?q=14.500000,-4.200000&ll=14.500000,-4.200000&z=16',
      title: 'Central Library',
      address: 'Main Square',
    });
    expect(draft(38, older).media).toEqual([{ type: 'sticker', url: 'https://cdn4.telesco.pe/file/synthetic-sticker-38.webp' }]);
  });

  it('flags a whole-message "open Telegram" block as unsupported', () => {
    const html = fixture('channel-page.html').replace(
      /<div class="media_supported_cont">(<div class="tgme_widget_message_text[^]*?<\/div>)<\/div><div class="media_not_supported_cont">([^]*?)<\/div><\/div>\n/,
      '$2</div>\n',
    );
    expect(parseChannelPage(html, 'sahil_monitor', PREVIEW).posts.find((p) => p.id === 48)?.draft.extra.unsupported).toBe(
      'Please open Telegram to view this post',
    );
  });
});

describe('parseChannelPage: states', () => {
  it('reads the landing page of an unknown username (after the redirect from /s/) as not_found', () => {
    const page = parseChannelPage(fixture('landing-nonexistent.html'), 'ghost_channel_0000', 'https://t.me/ghost_channel_0000');
    expect(page.state).toBe('not_found');
    expect(page.reason).toContain('Telegram: Contact @ghost_channel_0000');
    expect(page.posts).toEqual([]);
  });

  it('reads the landing page of a group as no_preview, with what the card shows', () => {
    const page = parseChannelPage(fixture('landing-group.html'), 'riverside_chat', 'https://t.me/riverside_chat');
    expect(page.state).toBe('no_preview');
    expect(page.reason).toContain('group');
    expect(page.channel).toMatchObject({ username: 'riverside_chat', title: 'Riverside Residents Chat', audience: 2345 });
  });

  it('reads a channel page without message history as no_preview', () => {
    const html = fixture('channel-page.html').replace(/<main[^]*<\/main>/, '');
    const page = parseChannelPage(html, 'sahil_monitor', PREVIEW);
    expect(page.state).toBe('no_preview');
    expect(page.channel?.title).toBe('مرصد الساحل — Sahil Monitor');
  });

  it('never concludes anything from "No posts found", a tiny body or an empty response', () => {
    expect(parseChannelPage(fixture('no-posts-found.html'), 'sahil_monitor', PREVIEW).state).toBe('throttled');
    expect(parseChannelPage('<html><body>slow down</body></html>', 'sahil_monitor', PREVIEW).state).toBe('throttled');
    expect(parseChannelPage('', 'sahil_monitor', PREVIEW).state).toBe('throttled');
  });

  it('reads the "No posts found" element, not a post quoting the phrase', () => {
    const quoting = fixture('channel-page.html').replace('Update: the statement', 'No posts found. Update: the statement');
    expect(parseChannelPage(quoting, 'sahil_monitor', PREVIEW).state).toBe('ok');
  });

  it('tells a challenge page from other pages without Telegram markup', () => {
    const filler = '<p>'.padEnd(600, '.') + '</p>';
    const challenge = `<html><head><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script><script>window._cf_chl_opt={cvId:'3'}</script></head><body>${filler}</body></html>`;
    expect(parseChannelPage(challenge, 'sahil_monitor', PREVIEW).state).toBe('challenge');
    expect(parseChannelPage(`<html><body><h1>Maintenance</h1>${filler}</body></html>`, 'sahil_monitor', PREVIEW).state).toBe('unexpected');
    expect(parseChannelPage(`<<<>>> <div ${filler}`, 'sahil_monitor', PREVIEW).state).toBe('unexpected');
  });

  it('refuses a page that belongs to another channel', () => {
    const page = parseChannelPage(fixture('channel-page.html'), 'other_channel', 'https://t.me/s/other_channel');
    expect(page.state).toBe('unexpected');
    expect(page.reason).toContain('@Sahil_Monitor');
  });

  it('skips malformed blocks, reads the rest, and says the page was truncated', () => {
    const page = parseChannelPage(fixture('malformed-truncated.html'), 'sahil_monitor', PREVIEW);
    expect(page.state).toBe('ok');
    expect(page.posts.map((p) => p.id)).toEqual([60, 63]);
    expect(page.posts[1]?.draft.text).toBe('Second complete post: الطقس معتدل اليوم.');
    expect(page.skipped).toEqual([
      { locator: 'data-post=Sahil_Monitor/6x1', reason: 'data-post "Sahil_Monitor/6x1" is not <channel>/<id>' },
      { locator: 'data-post=Sahil_Monitor/62', reason: 'no post date (time[datetime])' },
      { locator: 'data-post=Sahil_Monitor/64', reason: 'no post date (time[datetime])' },
    ]);
    expect(page.ids).toEqual([60, 62, 63, 64]);
    expect(page.reason).toContain('truncated');
    expect(page.before).toBe(60);
  });

  it('reads the body of a block once when Telegram nests the text div, and never a quoted reply', () => {
    const block = `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="Sahil_Monitor/70">
      <div class="tgme_widget_message_bubble">
        <a class="tgme_widget_message_reply" href="https://t.me/Sahil_Monitor/69"><div class="tgme_widget_message_text js-message_text">quoted</div></a>
        <div class="tgme_widget_message_text js-message_text" dir="auto">
          <div class="tgme_widget_message_text js-message_text" dir="auto">Inner text
            on two source lines</div>
        </div>
        <span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/Sahil_Monitor/70"><time datetime="2024-06-03T09:00:00+03:00" class="time">09:00</time></a></span>
      </div></div></div>`;
    const html = fixture('channel-page.html').replace(/(<section class="tgme_channel_history js-message_history">)/, `$1${block}`);
    const d = parseChannelPage(html, 'sahil_monitor', PREVIEW).posts.find((p) => p.id === 70)?.draft;
    expect(d?.text).toBe('Inner text on two source lines');
    expect(d?.replyTo).toBe('telegram:sahil_monitor/69');
    expect(d?.publishedAt).toBe('2024-06-03T06:00:00.000Z');
  });
});

describe('parseEmbedPage', () => {
  it('reads a live post', () => {
    const page = parseEmbedPage(fixture('embed-live.html'));
    expect(page.state).toBe('live');
    expect(page.post?.id).toBe(48);
    expect(page.post?.draft).toMatchObject({
      key: 'telegram:sahil_monitor/48',
      author: { name: 'Analyst Desk' },
      metrics: { views: 1100 },
      extra: { edited: true, signature: 'Analyst Desk' },
    });
    expect(itemDraftSchema.parse(page.post?.draft)).toEqual(page.post?.draft);
    expect(page.channel?.externalId).toBe('1999000111');
  });

  it('reads "Post not found" as not_found, and an unknown username as not_found too', () => {
    expect(parseEmbedPage(fixture('embed-not-found.html'))).toEqual({ state: 'not_found', missing: 'post', reason: 'Post not found' });
    expect(parseEmbedPage(fixture('landing-nonexistent.html'))).toMatchObject({ state: 'not_found', missing: 'username' });
  });

  it('reads tiny bodies as throttled and anything else as unexpected, without throwing', () => {
    expect(parseEmbedPage('').state).toBe('throttled');
    expect(parseEmbedPage(`<html><body>${'x'.repeat(600)}</body></html>`).state).toBe('unexpected');
    expect(parseEmbedPage(fixture('landing-group.html')).state).toBe('unexpected');
  });
});

describe('helpers', () => {
  it.each([
    ['109K', 109_000], ['11.1M', 11_100_000], ['4.44K', 4440], ['1 234', 1234], ['12\u202f345 subscribers', 12_345],
    ['2 345 members, 87 online', 2345], ['1.2B', 1_200_000_000], ['980', 980], ['0', 0], ['', null], [null, null], ['n/a', null],
    ['5 monthly users', 5],
  ])('parseCount(%j) = %j', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it('parses durations', () => {
    expect([parseDuration('0:16'), parseDuration('27:40'), parseDuration('1:02:03'), parseDuration('soon'), parseDuration(null)]).toEqual([
      16, 1660, 3723, null, null,
    ]);
  });

  it('decodes the channel id from data-view, and nothing from junk', () => {
    expect(channelIdFromView('eyJjIjotMTA4NDM2ODUyMCwicCI6NzA5ODksInQiOjE2Nzc1OTM4MzUsImgiOiI5ZTFkZWNlMDA2NDk2NTM4YjUifQ')).toBe('1084368520');
    expect([channelIdFromView('!!!'), channelIdFromView('e30'), channelIdFromView(null)]).toEqual([null, null, null]);
  });

  it('tells channel links from other t.me links', () => {
    expect(telegramRef('https://t.me/Sahel_Wire/812')).toEqual({ handle: 'Sahel_Wire', postId: 812 });
    expect(telegramRef('https://t.me/s/sahil_monitor?before=40')).toEqual({ handle: 'sahil_monitor', postId: null });
    expect(telegramRef('https://telegram.me/desert_watch_news')).toEqual({ handle: 'desert_watch_news', postId: null });
    for (const url of ['https://t.me/joinchat/AAAA', 'https://t.me/+AbCdEf', 'https://t.me/c/123/4', 'https://example.org/x', 'not a url']) {
      expect(telegramRef(url)).toBeNull();
    }
  });

  it('finds @mentions but not e-mail addresses', () => {
    expect(mentionsIn('Ask @Desk_Bot or mail desk@example.org, cc @ab and (@news_room).')).toEqual(['desk_bot', 'news_room']);
  });
});

import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import type { ItemRef } from '../connector.js';
import { CHANNEL, FakeMtprotoClient, cachedCursor, fakeIo, post, source } from './fake-mtproto.test-support.js';
import { MtprotoAccountBanned, MtprotoError, MtprotoFloodWait, MtprotoGone, MtprotoPeerInvalid } from './mtproto-client.js';
import { telegramMtprotoConnector } from './telegram-mtproto.connector.js';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function setup(ids: number[] = range(1, 5)) {
  const client = new FakeMtprotoClient();
  client.posts = ids.map((id) => post(id));
  return { client, io: fakeIo(), connector: telegramMtprotoConnector({ client }) };
}

const historyParams = (client: FakeMtprotoClient): unknown[] => client.callsOf('history').map((args) => args[1]);

describe('telegramMtprotoConnector: polling', () => {
  it('first poll: resolves once, reads only the newest page, keeps id and access hash in the cursor', async () => {
    const { client, io, connector } = setup(range(1, 250));
    const result = await connector.poll(source(), io);

    expect(result.status).toEqual({ state: 'ok' });
    expect(client.callsOf('resolveChannel')).toEqual([['rafidain_monitor_demo']]);
    expect(historyParams(client)).toEqual([{ minId: 0, offsetId: 0, limit: 100 }]);
    expect(result.items.map((i) => i.draft.nativeId.split('/')[1])).toEqual(range(151, 250).reverse().map(String));
    expect(result.cursor).toEqual({ lastId: 250, channelId: CHANNEL.id, accessHash: CHANNEL.accessHash, gap: null });
    expect(result.profile).toEqual({
      title: CHANNEL.title,
      description: CHANNEL.about,
      url: 'https://t.me/rafidain_monitor_demo',
      externalId: CHANNEL.id,
      audience: 12873,
    });
  });

  it('preserves every answer as JSON and sets its capture id on the items read from it', async () => {
    const { io, connector } = setup(range(1, 3));
    const result = await connector.poll(source(), io);

    expect(io.records.map((r) => [r.uri, r.mediaType])).toEqual([
      ['mtproto://channel/rafidain_monitor_demo/resolve', 'application/json'],
      ['mtproto://channel/rafidain_monitor_demo/history?min_id=0&offset_id=0&limit=100', 'application/json'],
    ]);
    const history = io.records[1];
    expect(history?.json).toMatchObject({ method: 'messages.getHistory', params: { minId: 0, offsetId: 0, limit: 100 } });
    expect((history?.json.response as unknown[]).length).toBe(3);
    for (const item of result.items) {
      expect(item.captureId).toBe(history?.captureId);
      expect(itemDraftSchema.parse(item.draft)).toEqual(item.draft);
    }
    expect(result.items[0]?.draft.locator).toBe('response[0]');
  });

  it('builds items keyed like the export and the web preview, with exact counters', async () => {
    const { client, io, connector } = setup([]);
    client.posts = [
      post(41, {
        message: 'عاجل: انقطاع التيار الكهربائي في عدة أحياء #بغداد #كهرباء',
        entities: [
          { type: 'hashtag', offset: 43, length: 6 },
          { type: 'hashtag', offset: 50, length: 7 },
        ],
        views: 48213,
        forwards: 317,
        replies: 12,
        postAuthor: 'المحرر',
        reactions: [
          { type: 'emoji', emoji: '👍', count: 40 },
          { type: 'paid', count: 2 },
        ],
      }),
    ];
    const [item] = (await connector.poll(source(), io)).items;
    const draft = item?.draft;
    expect(draft).toMatchObject({
      key: 'telegram:rafidain_monitor_demo/41',
      platform: 'telegram',
      nativeId: 'rafidain_monitor_demo/41',
      kind: 'post',
      url: 'https://t.me/rafidain_monitor_demo/41',
      source: { kind: 'telegram', handle: 'rafidain_monitor_demo', title: CHANNEL.title, url: 'https://t.me/rafidain_monitor_demo' },
      author: { name: CHANNEL.title, handle: 'rafidain_monitor_demo', id: `channel${CHANNEL.id}` },
      publishedAt: new Date((1_714_000_000 + 41 * 60) * 1000).toISOString(),
      editedAt: null,
      hashtags: ['بغداد', 'كهرباء'],
      metrics: { views: 48213, forwards: 317, replies: 12, reactions: 42 },
    });
    expect(draft?.text).toBe('عاجل: انقطاع التيار الكهربائي في عدة أحياء #بغداد #كهرباء');
    expect(draft?.extra).toMatchObject({ signature: 'المحرر', reactions: [{ type: 'emoji', emoji: '👍', count: 40 }, { type: 'paid', count: 2 }] });
  });

  it('incremental poll: uses the cached peer without resolving and asks only for ids above lastId', async () => {
    const { client, io, connector } = setup(range(1, 12));
    const result = await connector.poll(source({ cursor: cachedCursor(10), externalId: CHANNEL.id }), io);

    expect(client.callsOf('resolveChannel')).toEqual([]);
    expect(client.callsOf('history')[0]?.[0]).toEqual({ id: CHANNEL.id, accessHash: CHANNEL.accessHash });
    expect(historyParams(client)).toEqual([{ minId: 10, offsetId: 0, limit: 100 }]);
    expect(result.items.map((i) => i.draft.key)).toEqual(['telegram:rafidain_monitor_demo/12', 'telegram:rafidain_monitor_demo/11']);
    expect(result.profile).toEqual({ externalId: CHANNEL.id });
    expect(result.cursor).toEqual(cachedCursor(12));
  });

  it('leaves the cursor untouched when nothing new was posted', async () => {
    const { io, connector } = setup(range(1, 10));
    const cursor = cachedCursor(10);
    const result = await connector.poll(source({ cursor }), io);
    expect(result.items).toEqual([]);
    expect(result.cursor).toBe(cursor);
    expect(result.status).toEqual({ state: 'ok' });
  });

  it('pages back with offset_id until it reaches lastId', async () => {
    const { client, io, connector } = setup(range(1, 260));
    const result = await connector.poll(source({ cursor: cachedCursor(10), maxPages: 5 }), io);

    expect(historyParams(client)).toEqual([
      { minId: 10, offsetId: 0, limit: 100 },
      { minId: 10, offsetId: 161, limit: 100 },
      { minId: 10, offsetId: 61, limit: 100 },
    ]);
    expect(result.items).toHaveLength(250);
    expect(new Set(result.items.map((i) => i.captureId))).toEqual(new Set(['cap-1', 'cap-2', 'cap-3']));
    expect(result.cursor).toEqual(cachedCursor(260));
  });

  it('remembers what a catch-up could not reach within maxPages and finishes it on the next poll', async () => {
    const { client, io, connector } = setup(range(1, 260));
    const first = await connector.poll(source({ cursor: cachedCursor(10), maxPages: 2 }), io);
    expect(first.items).toHaveLength(200);
    expect(first.cursor).toEqual(cachedCursor(260, { minId: 10, offsetId: 61 }));

    client.posts.push(post(261));
    client.calls = [];
    const second = await connector.poll(source({ cursor: first.cursor, maxPages: 2 }), io);
    expect(historyParams(client)).toEqual([
      { minId: 260, offsetId: 0, limit: 100 },
      { minId: 10, offsetId: 61, limit: 100 },
    ]);
    expect(second.items.map((i) => i.draft.nativeId.split('/')[1])).toEqual(['261', ...range(11, 60).reverse().map(String)]);
    expect(second.cursor).toEqual(cachedCursor(261));
  });

  it('reads more than one page on a first poll only when maxPages allows, and leaves no gap behind', async () => {
    const { client, io, connector } = setup(range(1, 450));
    const result = await connector.poll(source({ maxPages: 2 }), io);
    expect(historyParams(client)).toHaveLength(2);
    expect(result.items).toHaveLength(200);
    expect(result.cursor).toMatchObject({ lastId: 450, gap: null });
  });

  it('keys a forward on the original channel and post, with its original time, and reports the origin', async () => {
    const { client, io, connector } = setup([]);
    client.usernames.set('1700000099', 'Northwatch_Demo');
    client.posts = [
      post(7, { fwdFrom: { fromChannelId: '1700000099', channelPost: 311, date: 1_713_990_000, postAuthor: 'desk' } }),
      post(8, { fwdFrom: { fromChannelId: '1700000123', channelPost: 5, date: 1_713_000_000 } }),
      post(9, { fwdFrom: { fromName: 'مراسل ميداني', date: 1_713_500_000 } }),
    ];
    const result = await connector.poll(source(), io);
    const byId = (id: number) => result.items.find((i) => i.draft.nativeId.endsWith(`/${id}`))?.draft;

    expect(byId(7)).toMatchObject({
      kind: 'repost',
      forwardedFrom: {
        handle: 'northwatch_demo',
        id: 'channel1700000099',
        key: 'telegram:northwatch_demo/311',
        publishedAt: '2024-04-24T20:20:00.000Z',
      },
      extra: { forwardedFromAuthor: 'desk' },
    });
    expect(byId(8)?.forwardedFrom).toMatchObject({ handle: 'c1700000123', key: 'telegram:c1700000123/5' });
    expect(byId(9)?.forwardedFrom).toEqual({ name: 'مراسل ميداني', handle: null, id: null, key: null, publishedAt: '2024-04-19T04:13:20.000Z' });
    // Only a named origin can be followed up as a source.
    expect(result.discovered).toEqual([{ kind: 'telegram', handle: 'northwatch_demo', via: 'telegram:rafidain_monitor_demo/7', how: 'forward' }]);
  });

  it('sets editedAt from edit_date, but not for edits Telegram hides', async () => {
    const { client, io, connector } = setup([]);
    client.posts = [post(3, { editDate: 1_714_100_000 }), post(4, { editDate: 1_714_100_500, editHide: true })];
    const result = await connector.poll(source(), io);
    const [four, three] = result.items.map((i) => i.draft);
    expect(three?.editedAt).toBe('2024-04-26T02:53:20.000Z');
    expect(four?.editedAt).toBeNull();
    expect(four?.extra.hiddenEditAt).toBe('2024-04-26T03:01:40.000Z');
  });

  it('keeps an album as one item per message sharing extra.groupedId', async () => {
    const { client, io, connector } = setup([]);
    const album = '13785012345678901234';
    client.posts = [
      post(20, { groupedId: album, message: 'صور من موقع الحدث', media: { type: 'photo', width: 1280, height: 960, sizeBytes: 183_220 } }),
      post(21, { groupedId: album, message: '', media: { type: 'photo', width: 960, height: 1280, sizeBytes: 150_004 } }),
      post(22, {
        groupedId: album,
        message: '',
        media: { type: 'video_file', mimeType: 'video/mp4', width: 1280, height: 720, durationSeconds: 31, sizeBytes: 4_200_000, fileName: 'clip.mp4' },
      }),
    ];
    const result = await connector.poll(source(), io);
    expect(result.items).toHaveLength(3);
    for (const item of result.items) expect(item.draft.extra.groupedId).toBe(album);
    expect(result.items.map((i) => i.draft.media[0]?.type)).toEqual(['video_file', 'photo', 'photo']);
    expect(result.items[0]?.draft.media[0]).toEqual({
      type: 'video_file',
      fileName: 'clip.mp4',
      mimeType: 'video/mp4',
      width: 1280,
      height: 720,
      durationSeconds: 31,
      sizeBytes: 4_200_000,
    });
  });

  it('turns replies and service messages into reply and service items', async () => {
    const { client, io, connector } = setup([]);
    client.usernames.set('1700000555', 'other_desk_demo');
    client.posts = [
      post(30, { replyToMsgId: 12 }),
      post(31, { replyToMsgId: 4, replyToPeerId: '1700000555' }),
      post(32, { message: '', replyToMsgId: 30, action: { type: 'MessageActionPinMessage' } }),
      post(33, { message: '', action: { type: 'MessageActionChannelCreate', title: 'رصد الرافدين' } }),
    ];
    const drafts = (await connector.poll(source(), io)).items.map((i) => i.draft);
    const byId = (id: number) => drafts.find((d) => d.nativeId.endsWith(`/${id}`));
    expect(byId(30)).toMatchObject({ kind: 'reply', replyTo: 'telegram:rafidain_monitor_demo/12' });
    expect(byId(31)).toMatchObject({ kind: 'reply', replyTo: 'telegram:other_desk_demo/4' });
    expect(byId(32)).toMatchObject({ kind: 'service', replyTo: null, extra: { action: 'pin_message', message_id: 30 } });
    expect(byId(33)).toMatchObject({ kind: 'service', extra: { action: 'create_channel', title: 'رصد الرافدين' } });
  });

  it('reports t.me links and mentions as discoveries, and other links as articles to follow', async () => {
    const { client, io, connector } = setup([]);
    const text = 'Briefing at 10:00, details https://example.org/briefing?id=4 — see t.me/Northwatch_Demo/88 and @Field_Desk_Demo. Also https://news.example.net/a).';
    const first = text.indexOf('https://example.org');
    const tme = text.indexOf('t.me/');
    const mention = text.indexOf('@Field');
    client.posts = [
      post(50, {
        message: text,
        entities: [
          { type: 'url', offset: first, length: 'https://example.org/briefing?id=4'.length },
          { type: 'url', offset: tme, length: 't.me/Northwatch_Demo/88'.length },
          { type: 'mention', offset: mention, length: '@Field_Desk_Demo'.length },
          { type: 'text_url', offset: 0, length: 8, url: 'https://t.me/joinchat/AAAAAE' },
        ],
      }),
    ];
    const result = await connector.poll(source(), io);
    const key = 'telegram:rafidain_monitor_demo/50';
    expect(result.items[0]?.draft.links).toEqual([
      'https://example.org/briefing?id=4',
      'https://t.me/Northwatch_Demo/88',
      'https://t.me/joinchat/AAAAAE',
      'https://news.example.net/a',
    ]);
    expect(result.discovered).toEqual([
      { kind: 'telegram', handle: 'northwatch_demo', via: key, how: 'link' },
      { kind: 'telegram', handle: 'field_desk_demo', via: key, how: 'mention' },
    ]);
    expect(result.links).toEqual([
      { url: 'https://example.org/briefing?id=4', via: key },
      { url: 'https://news.example.net/a', via: key },
    ]);
  });

  it('keeps message restriction reasons in extra', async () => {
    const { client, io, connector } = setup([]);
    client.posts = [post(60, { restrictionReasons: [{ platform: 'ios', reason: 'terms', text: 'Unavailable on iOS' }] })];
    const [item] = (await connector.poll(source(), io)).items;
    expect(item?.draft.extra.restrictionReasons).toEqual([{ platform: 'ios', reason: 'terms', text: 'Unavailable on iOS' }]);
  });
});

describe('telegramMtprotoConnector: flood waits', () => {
  it('sleeps through a short flood wait once and carries on', async () => {
    const { client, io, connector } = setup(range(1, 3));
    client.failNext('history', new MtprotoFloodWait(12));
    const result = await connector.poll(source({ cursor: cachedCursor(0) }), io);
    expect(io.sleeps).toEqual([12_000]);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.items).toHaveLength(3);
  });

  it('returns throttled without sleeping when the wait is long', async () => {
    const { client, io, connector } = setup(range(1, 3));
    client.failNext('resolveChannel', new MtprotoFloodWait(36_468));
    const result = await connector.poll(source(), io);
    expect(io.sleeps).toEqual([]);
    expect(result.status).toEqual({ state: 'throttled', reason: 'tg_flood_wait', retryAfterMs: 36_468_000 });
    expect(result.items).toEqual([]);
    expect(result.cursor).toBeNull();
  });

  it('retries only once: a second short wait ends the poll as throttled', async () => {
    const { client, io, connector } = setup(range(1, 3));
    client.failNext('history', new MtprotoFloodWait(5), new MtprotoFloodWait(7));
    const result = await connector.poll(source({ cursor: cachedCursor(0) }), io);
    expect(io.sleeps).toEqual([5_000]);
    expect(result.status).toEqual({ state: 'throttled', reason: 'tg_flood_wait', retryAfterMs: 7_000 });
  });

  it('honours a lower inline limit', async () => {
    const client = new FakeMtprotoClient();
    client.failNext('history', new MtprotoFloodWait(12));
    const io = fakeIo();
    const result = await telegramMtprotoConnector({ client, inlineFloodWaitSeconds: 10 }).poll(source({ cursor: cachedCursor(0) }), io);
    expect(io.sleeps).toEqual([]);
    expect(result.status).toMatchObject({ state: 'throttled', retryAfterMs: 12_000 });
  });

  it('keeps the pages read before a flood wait, and the rest as a gap for the next poll', async () => {
    const { client, io, connector } = setup(range(1, 260));
    const history = client.history.bind(client);
    let calls = 0;
    // The second page hits a long flood wait.
    client.history = (peer, request) => (++calls === 2 ? Promise.reject(new MtprotoFloodWait(900)) : history(peer, request));
    const result = await connector.poll(source({ cursor: cachedCursor(10), maxPages: 5 }), io);
    expect(result.status).toMatchObject({ state: 'throttled', retryAfterMs: 900_000 });
    expect(result.items).toHaveLength(100);
    expect(result.cursor).toEqual(cachedCursor(260, { minId: 10, offsetId: 161 }));
  });
});

describe('telegramMtprotoConnector: gone channels and refused accounts', () => {
  it.each([
    ['unoccupied', 'tg_username_unoccupied'],
    ['invalid', 'tg_username_invalid'],
    ['private', 'tg_channel_private'],
  ] as const)('reports a %s username as gone and preserves the refusal', async (_label, reason) => {
    const { client, io, connector } = setup();
    client.failNext('resolveChannel', new MtprotoGone(reason));
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'gone', reason });
    expect(io.records).toHaveLength(1);
    expect(io.records[0]?.json).toMatchObject({ method: 'contacts.resolveUsername', error: { code: reason } });
  });

  it('reports a cached channel that went private as gone', async () => {
    const { client, io, connector } = setup();
    client.failNext('history', new MtprotoGone('tg_channel_private'));
    const result = await connector.poll(source({ cursor: cachedCursor(3) }), io);
    expect(result.status).toEqual({ state: 'gone', reason: 'tg_channel_private' });
    expect(result.cursor).toEqual(cachedCursor(3));
  });

  it('reports a channel restricted on every platform as gone with the platform and reason', async () => {
    const { client, io, connector } = setup();
    client.channel.restrictionReasons = [{ platform: 'all', reason: 'terrorism', text: 'This channel cannot be displayed.' }];
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'gone', reason: 'tg_restricted:all:terrorism' });
    expect(client.callsOf('history')).toEqual([]);
  });

  it('still reads a channel restricted only on some platforms', async () => {
    const { client, io, connector } = setup();
    client.channel.restrictionReasons = [{ platform: 'ios-android', reason: 'porn', text: 'Unavailable on mobile stores' }];
    expect((await connector.poll(source(), io)).status).toEqual({ state: 'ok' });
  });

  it('fails with a clear, secret-free reason when the account is banned', async () => {
    const { client, io, connector } = setup();
    client.failNext('history', new MtprotoAccountBanned('USER_DEACTIVATED_BAN'));
    const result = await connector.poll(source({ cursor: cachedCursor(0) }), io);
    expect(result.status.state).toBe('failed');
    const reason = result.status.state === 'failed' ? result.status.reason : '';
    expect(reason).toMatch(/^tg_account_needs_attention: /);
    expect(reason).toContain('USER_DEACTIVATED_BAN');
    expect(reason).toContain('RASAD_TELEGRAM_SESSION');
    expect(reason).not.toMatch(/[0-9a-f]{32}/);
  });

  it('fails (not gone) on an unexpected MTProto error', async () => {
    const { client, io, connector } = setup();
    client.failNext('resolveChannel', new MtprotoError('tg_not_a_channel', '@rafidain_monitor_demo is a user or bot account, not a channel or group'));
    const result = await connector.poll(source(), io);
    expect(result.status).toEqual({ state: 'failed', reason: 'mtproto_error: tg_not_a_channel: @rafidain_monitor_demo is a user or bot account, not a channel or group' });
  });

  it('throws errors that are not the port’s (bugs are not statuses)', async () => {
    const { client, io, connector } = setup();
    client.failNext('resolveChannel', new TypeError('boom'));
    await expect(connector.poll(source(), io)).rejects.toThrow('boom');
  });

  it('resolves again when the cached access hash is refused, and stores the new one', async () => {
    const { client, io, connector } = setup(range(1, 4));
    client.channel.accessHash = '777';
    client.failNext('history', new MtprotoPeerInvalid());
    const result = await connector.poll(source({ cursor: cachedCursor(2) }), io);
    expect(client.callsOf('resolveChannel')).toHaveLength(1);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.items).toHaveLength(2);
    expect(result.cursor).toEqual({ lastId: 4, channelId: CHANNEL.id, accessHash: '777', gap: null });
  });

  it('accepts a channel id learnt elsewhere in Bot API form, and resolves because it has no access hash', async () => {
    const { client, io, connector } = setup(range(1, 2));
    const result = await connector.poll(source({ externalId: `-100${CHANNEL.id}` }), io);
    expect(client.callsOf('resolveChannel')).toHaveLength(1);
    expect(result.status).toEqual({ state: 'ok' });
    expect(result.cursor).toEqual(cachedCursor(2));
  });

  it('refuses to read a username that now points to another channel', async () => {
    const { client, io, connector } = setup();
    client.channel.id = '1799999999';
    const result = await connector.poll(source({ externalId: CHANNEL.id }), io);
    expect(result.status).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^tg_channel_id_changed: /) as unknown });
    expect(result.items).toEqual([]);
  });
});

describe('telegramMtprotoConnector: checkItem', () => {
  const ref = (id: number): ItemRef => ({ key: `telegram:rafidain_monitor_demo/${id}`, url: `https://t.me/rafidain_monitor_demo/${id}`, nativeId: `rafidain_monitor_demo/${id}` });

  it('finds a post that is still there live, with the preserved answer', async () => {
    const { client, io, connector } = setup(range(1, 5));
    const verdict = await connector.checkItem?.(ref(3), source({ cursor: cachedCursor(5) }), io);
    expect(verdict).toEqual({ verdict: 'live', reason: 'tg_post_present', status: null, captureId: 'cap-1' });
    expect(client.callsOf('messages')).toEqual([[{ id: CHANNEL.id, accessHash: CHANNEL.accessHash }, [3]]]);
    expect(io.records[0]?.uri).toBe('mtproto://channel/rafidain_monitor_demo/messages?ids=3');
  });

  it('reports a deleted post as gone tg_post_not_found', async () => {
    const { io, connector } = setup([1, 2, 4]);
    const verdict = await connector.checkItem?.(ref(3), source({ cursor: cachedCursor(5) }), io);
    expect(verdict).toEqual({ verdict: 'gone', reason: 'tg_post_not_found', status: null, captureId: 'cap-1' });
  });

  it('reports a post restricted everywhere as gone with the restriction', async () => {
    const { client, io, connector } = setup([]);
    client.posts = [post(3, { restrictionReasons: [{ platform: 'all', reason: 'terrorism', text: 'Unavailable' }] })];
    const verdict = await connector.checkItem?.(ref(3), source({ cursor: cachedCursor(5) }), io);
    expect(verdict).toMatchObject({ verdict: 'gone', reason: 'tg_restricted:all:terrorism' });
  });

  it('resolves the channel first when no peer is cached', async () => {
    const { client, io, connector } = setup(range(1, 5));
    const verdict = await connector.checkItem?.(ref(5), source(), io);
    expect(client.callsOf('resolveChannel')).toHaveLength(1);
    expect(verdict).toMatchObject({ verdict: 'live', captureId: 'cap-2' });
  });

  it('is throttled, not gone, on a long flood wait', async () => {
    const { client, io, connector } = setup(range(1, 5));
    client.failNext('messages', new MtprotoFloodWait(420));
    const verdict = await connector.checkItem?.(ref(3), source({ cursor: cachedCursor(5) }), io);
    expect(verdict).toEqual({ verdict: 'throttled', reason: 'tg_flood_wait', status: null, captureId: null });
    expect(io.sleeps).toEqual([]);
  });

  it('passes a gone channel on as the post’s verdict, and a refused account as unreachable', async () => {
    const { client, io, connector } = setup(range(1, 5));
    client.failNext('resolveChannel', new MtprotoGone('tg_username_unoccupied'));
    expect(await connector.checkItem?.(ref(3), source(), io)).toMatchObject({ verdict: 'gone', reason: 'tg_username_unoccupied' });
    client.failNext('messages', new MtprotoAccountBanned('AUTH_KEY_UNREGISTERED'));
    const refused = await connector.checkItem?.(ref(3), source({ cursor: cachedCursor(5) }), io);
    expect(refused).toMatchObject({ verdict: 'unreachable', reason: expect.stringContaining('AUTH_KEY_UNREGISTERED') as unknown });
  });
});

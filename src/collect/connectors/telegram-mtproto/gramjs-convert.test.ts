import { Api, errors, helpers } from 'telegram';
import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../../core/item.js';
import { channelToPlain, entityType, mediaToPlain, messageToPlain, redact, tlToJson, toMtprotoError } from './gramjs-convert.js';
import { MtprotoAccountBanned, MtprotoError, MtprotoFloodWait, MtprotoGone, MtprotoPeerInvalid, type MtprotoMessage } from './mtproto-client.js';
import { messageToDraft } from './mtproto-items.js';

// TL objects built offline exactly as GramJS decodes them from the wire (64-bit fields are big-integer values).
const big = helpers.returnBigInt;
const channelPeer = (id: string) => new Api.PeerChannel({ channelId: big(id) });
const request = new Api.contacts.ResolveUsername({ username: 'rafidain_monitor_demo' });

const API_HASH = '0123456789abcdef0123456789abcdef';
const SESSION = `1BAAOMTQ5LjE1NC4xNjcuNTEAUA${'x'.repeat(300)}`;

function plain(m: Api.TypeMessage): MtprotoMessage {
  const out = messageToPlain(m);
  if ('empty' in out) throw new Error('expected a message');
  return out;
}

describe('messageToPlain', () => {
  const text = 'عاجل: بيان صحفي جديد #أخبار https://example.org/statement';
  const message = new Api.Message({
    id: 4021,
    peerId: channelPeer('1700000042'),
    date: 1_714_000_000,
    message: text,
    post: true,
    entities: [
      new Api.MessageEntityHashtag({ offset: 21, length: 6 }),
      new Api.MessageEntityUrl({ offset: 28, length: 29 }),
      new Api.MessageEntityTextUrl({ offset: 0, length: 4, url: 'https://example.org/urgent' }),
    ],
    fwdFrom: new Api.MessageFwdHeader({
      fromId: channelPeer('1700000099'),
      date: 1_713_990_000,
      channelPost: 311,
      postAuthor: 'desk',
      savedFromPeer: channelPeer('1700000077'),
      savedFromMsgId: 12,
    }),
    views: 48_213,
    forwards: 317,
    replies: new Api.MessageReplies({ replies: 9, repliesPts: 1 }),
    editDate: 1_714_003_600,
    postAuthor: 'المحرر',
    groupedId: big('13785012345678901234'),
    restrictionReason: [new Api.RestrictionReason({ platform: 'ios', reason: 'terms', text: 'Unavailable on iOS' })],
    reactions: new Api.MessageReactions({
      results: [
        new Api.ReactionCount({ reaction: new Api.ReactionEmoji({ emoticon: '👍' }), count: 40 }),
        new Api.ReactionCount({ reaction: new Api.ReactionCustomEmoji({ documentId: big('5368324170671202286') }), count: 3 }),
      ],
    }),
    media: new Api.MessageMediaPhoto({
      photo: new Api.Photo({
        id: big('1'),
        accessHash: big('2'),
        fileReference: Buffer.from([1, 2, 3]),
        date: 1_714_000_000,
        dcId: 4,
        sizes: [
          new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.from([1]) }),
          new Api.PhotoSize({ type: 'm', w: 320, h: 240, size: 12_000 }),
          new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [10_000, 80_000, 183_220] }),
        ],
      }),
    }),
  });

  it('copies the fields monitoring needs, 64-bit ids as decimal strings', () => {
    const m = plain(message);
    expect(m).toMatchObject({
      id: 4021,
      date: 1_714_000_000,
      message: text,
      entities: [
        { type: 'hashtag', offset: 21, length: 6 },
        { type: 'url', offset: 28, length: 29 },
        { type: 'text_url', offset: 0, length: 4, url: 'https://example.org/urgent' },
      ],
      fwdFrom: {
        fromChannelId: '1700000099',
        fromUserId: null,
        fromName: null,
        channelPost: 311,
        date: 1_713_990_000,
        postAuthor: 'desk',
        savedFromChannelId: '1700000077',
        savedFromMsgId: 12,
      },
      replyToMsgId: null,
      views: 48_213,
      forwards: 317,
      replies: 9,
      editDate: 1_714_003_600,
      postAuthor: 'المحرر',
      groupedId: '13785012345678901234',
      media: { type: 'photo', width: 1280, height: 960, sizeBytes: 183_220 },
      restrictionReasons: [{ platform: 'ios', reason: 'terms', text: 'Unavailable on iOS' }],
      reactions: [
        { type: 'emoji', emoji: '👍', count: 40 },
        { type: 'custom_emoji', documentId: '5368324170671202286', count: 3 },
      ],
      action: null,
    });
  });

  it('keeps the message itself as JSON for evidence, without GramJS internals', () => {
    const raw = plain(message).raw as Record<string, unknown>;
    expect(raw._).toBe('Message');
    expect(raw.groupedId).toBe('13785012345678901234');
    expect(raw).not.toHaveProperty('_client');
    expect(raw).not.toHaveProperty('CONSTRUCTOR_ID');
    expect((raw.fwdFrom as Record<string, unknown>).fromId).toEqual({ _: 'PeerChannel', channelId: '1700000099' });
    expect(() => JSON.stringify(raw)).not.toThrow();
  });

  it('turns a replied, signed supergroup message into a reply item end to end', () => {
    const m = plain(
      new Api.Message({
        id: 88,
        peerId: channelPeer('1700000042'),
        fromId: new Api.PeerUser({ userId: big('5550001') }),
        date: 1_714_000_000,
        message: 'Confirmed by two local sources.',
        replyTo: new Api.MessageReplyHeader({ replyToMsgId: 80 }),
      }),
    );
    expect(m).toMatchObject({ replyToMsgId: 80, replyToPeerId: null, fromId: 'user5550001' });
    const draft = messageToDraft(
      m,
      {
        handle: 'rafidain_monitor_demo',
        channelId: '1700000042',
        title: null,
        source: { kind: 'telegram', handle: 'rafidain_monitor_demo' },
        usernameOf: () => null,
      },
      'response[0]',
    );
    expect(itemDraftSchema.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({ kind: 'reply', replyTo: 'telegram:rafidain_monitor_demo/80', author: { id: 'user5550001' } });
  });

  it('reads a service message’s action and an empty slot', () => {
    const pin = plain(
      new Api.MessageService({
        id: 90,
        peerId: channelPeer('1700000042'),
        date: 1_714_000_000,
        action: new Api.MessageActionPinMessage(),
        replyTo: new Api.MessageReplyHeader({ replyToMsgId: 88 }),
      }),
    );
    expect(pin).toMatchObject({ message: '', action: { type: 'MessageActionPinMessage' }, replyToMsgId: 88 });
    const created = plain(new Api.MessageService({ id: 1, peerId: channelPeer('1'), date: 1, action: new Api.MessageActionChannelCreate({ title: 'رصد' }) }));
    expect(created.action).toEqual({ type: 'MessageActionChannelCreate', title: 'رصد' });
    expect(messageToPlain(new Api.MessageEmpty({ id: 91 }))).toEqual({ id: 91, empty: true });
  });
});

describe('mediaToPlain', () => {
  const doc = (mimeType: string, attributes: Api.TypeDocumentAttribute[]) =>
    new Api.MessageMediaDocument({
      document: new Api.Document({
        id: big('10'),
        accessHash: big('11'),
        fileReference: Buffer.alloc(0),
        date: 1,
        mimeType,
        size: big('4200000'),
        dcId: 2,
        attributes,
      }),
    });

  it('names documents as the Telegram Desktop export does', () => {
    expect(mediaToPlain(doc('video/mp4', [new Api.DocumentAttributeVideo({ duration: 31, w: 1280, h: 720 }), new Api.DocumentAttributeFilename({ fileName: 'clip.mp4' })]))).toEqual({
      type: 'video_file',
      mimeType: 'video/mp4',
      fileName: 'clip.mp4',
      width: 1280,
      height: 720,
      durationSeconds: 31,
      sizeBytes: 4_200_000,
      title: null,
      performer: null,
    });
    expect(mediaToPlain(doc('video/mp4', [new Api.DocumentAttributeVideo({ roundMessage: true, duration: 9, w: 384, h: 384 })]))?.type).toBe('video_message');
    expect(mediaToPlain(doc('audio/ogg', [new Api.DocumentAttributeAudio({ voice: true, duration: 14 })]))).toMatchObject({ type: 'voice_message', durationSeconds: 14 });
    expect(mediaToPlain(doc('video/mp4', [new Api.DocumentAttributeAnimated(), new Api.DocumentAttributeVideo({ duration: 2, w: 320, h: 240 })]))?.type).toBe('animation');
    expect(mediaToPlain(doc('application/pdf', [new Api.DocumentAttributeFilename({ fileName: 'report.pdf' })]))).toMatchObject({ type: 'file', fileName: 'report.pdf' });
  });

  it('summarises pages, places and polls', () => {
    expect(
      mediaToPlain(
        new Api.MessageMediaWebPage({
          webpage: new Api.WebPage({ id: big('1'), url: 'https://example.org/a', displayUrl: 'example.org/a', hash: 0, siteName: 'Example', title: 'A' }),
        }),
      ),
    ).toEqual({ type: 'webpage', url: 'https://example.org/a', siteName: 'Example', title: 'A' });
    expect(mediaToPlain(new Api.MessageMediaGeo({ geo: new Api.GeoPoint({ lat: 33.31, long: 44.36, accessHash: big('0') }) }))).toEqual({
      type: 'location',
      latitude: 33.31,
      longitude: 44.36,
    });
    const option = Buffer.from([0]);
    const poll = mediaToPlain(
      new Api.MessageMediaPoll({
        poll: new Api.Poll({
          id: big('5'),
          question: new Api.TextWithEntities({ text: 'هل تابعت النشرة؟', entities: [] }),
          answers: [new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'نعم', entities: [] }), option })],
        }),
        results: new Api.PollResults({ totalVoters: 40, results: [new Api.PollAnswerVoters({ option, voters: 40 })] }),
      }),
    );
    expect(poll).toEqual({ type: 'poll', poll: { question: 'هل تابعت النشرة؟', closed: false, totalVoters: 40, answers: [{ text: 'نعم', voters: 40 }] } });
    expect(mediaToPlain(new Api.MessageMediaEmpty())).toBeNull();
  });
});

describe('channelToPlain and tlToJson', () => {
  it('takes the username, about and subscriber count, and the restriction reasons', () => {
    const chat = new Api.Channel({
      id: big('1700000042'),
      accessHash: big('-4811230046735521100'),
      title: 'رصد الرافدين (تجريبية)',
      username: 'Rafidain_Monitor_Demo',
      photo: new Api.ChatPhotoEmpty(),
      date: 1_600_000_000,
      broadcast: true,
      restrictionReason: [new Api.RestrictionReason({ platform: 'all', reason: 'terrorism', text: 'Unavailable' })],
    });
    const full = new Api.ChannelFull({
      id: big('1700000042'),
      about: 'قناة خيالية',
      participantsCount: 12_873,
      readInboxMaxId: 0,
      readOutboxMaxId: 0,
      unreadCount: 0,
      chatPhoto: new Api.PhotoEmpty({ id: big('0') }),
      notifySettings: new Api.PeerNotifySettings({}),
      botInfo: [],
      pts: 1,
    });
    expect(channelToPlain(chat, full, 'rafidain_monitor_demo')).toEqual({
      id: '1700000042',
      accessHash: '-4811230046735521100',
      username: 'Rafidain_Monitor_Demo',
      title: 'رصد الرافدين (تجريبية)',
      about: 'قناة خيالية',
      participants: 12_873,
      megagroup: false,
      restrictionReasons: [{ platform: 'all', reason: 'terrorism', text: 'Unavailable' }],
    });
  });

  it('writes bytes as base64 and survives cycles', () => {
    const loop: Record<string, unknown> = { className: 'Loop', data: Buffer.from('hi') };
    loop.self = loop;
    expect(tlToJson(loop)).toEqual({ _: 'Loop', data: 'aGk=', self: null });
  });

  it('names entity types in snake case', () => {
    expect(entityType('MessageEntityTextUrl')).toBe('text_url');
    expect(entityType('InputMessageEntityMentionName')).toBe('mention_name');
    expect(entityType('MessageEntityHashtag')).toBe('hashtag');
  });
});

describe('toMtprotoError', () => {
  const rpc = (name: string, code = 400) => new errors.RPCError(name, request, code);

  it('maps flood waits with their seconds', () => {
    const flood = toMtprotoError(new errors.FloodWaitError({ request, capture: 36_468 }), []);
    expect(flood).toBeInstanceOf(MtprotoFloodWait);
    expect((flood as MtprotoFloodWait).seconds).toBe(36_468);
    expect((toMtprotoError(rpc('FLOOD_PREMIUM_WAIT_12', 420), []) as MtprotoFloodWait).seconds).toBe(12);
  });

  it.each([
    ['USERNAME_NOT_OCCUPIED', 'tg_username_unoccupied'],
    ['USERNAME_INVALID', 'tg_username_invalid'],
    ['CHANNEL_PRIVATE', 'tg_channel_private'],
  ])('maps %s to gone %s', (name, reason) => {
    const e = toMtprotoError(rpc(name), []);
    expect(e).toBeInstanceOf(MtprotoGone);
    expect((e as MtprotoGone).reason).toBe(reason);
  });

  it.each(['USER_DEACTIVATED_BAN', 'AUTH_KEY_UNREGISTERED', 'PHONE_NUMBER_BANNED', 'SESSION_REVOKED'])('maps %s to a refused account', (name) => {
    const e = toMtprotoError(rpc(name, 401), []);
    expect(e).toBeInstanceOf(MtprotoAccountBanned);
    expect((e as MtprotoAccountBanned).reason).toBe(name);
  });

  it('treats any other 401 as a refused account and CHANNEL_INVALID as a stale access hash', () => {
    expect(toMtprotoError(rpc('SOMETHING_NEW', 401), [])).toBeInstanceOf(MtprotoAccountBanned);
    expect(toMtprotoError(rpc('CHANNEL_INVALID'), [])).toBeInstanceOf(MtprotoPeerInvalid);
  });

  it('never lets the API hash or the session string through, whatever the library said', () => {
    const leaky = new Error(`connect failed for session ${SESSION} with api_hash=${API_HASH}\n  at somewhere`);
    const e = toMtprotoError(leaky, [API_HASH, SESSION]);
    expect(e).toBeInstanceOf(MtprotoError);
    expect(e.message).not.toContain(API_HASH);
    expect(e.message).not.toContain(SESSION.slice(0, 40));
    expect(e.message).toContain('[redacted]');
    expect(e.message).not.toContain('\n');
    expect(e.stack ?? '').not.toContain(API_HASH);
    expect(e).not.toHaveProperty('cause');
    // A part of the session (a library printing a prefix) is caught by shape, not only by value.
    expect(redact(`key ${SESSION.slice(0, 120)}`, [])).toBe('key [redacted]');
  });

  it('keeps a readable code for other RPC errors', () => {
    const e = toMtprotoError(rpc('MSG_ID_INVALID'), [API_HASH]);
    expect(e.code).toBe('MSG_ID_INVALID');
    expect(e.message).toBe('Telegram refused the request: 400 MSG_ID_INVALID');
  });
});

import { Api, helpers, Logger, TelegramClient } from 'telegram';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { StringSession } from 'telegram/sessions/index.js';
import { channelToPlain, channelUsernameOf, messageToPlain, restrictionsToPlain, tlToJson, toMtprotoError } from './gramjs-convert.js';
import {
  MtprotoError,
  MtprotoGone,
  restrictionGoneReason,
  type MtprotoChannel,
  type MtprotoClient,
  type MtprotoEmptyMessage,
  type MtprotoMessage,
  type MtprotoPeer,
} from './mtproto-client.js';

export interface GramjsClientOptions {
  /** `RASAD_TELEGRAM_API_ID`. */
  apiId: number;
  /** `RASAD_TELEGRAM_API_HASH`: secret, never logged nor put in an error. */
  apiHash: string;
  /** `RASAD_TELEGRAM_SESSION`, a GramJS StringSession string: secret, it is the logged-in account. */
  session: string;
  /**
   * Flood waits up to this many seconds are slept through inside GramJS (default 5). Kept low
   * because the connector applies its own policy (short waits inline, long ones deferred).
   */
  floodSleepThreshold?: number;
}

/**
 * The GramJS adapter of the MTProto port. It connects on first use, sends raw TL requests only
 * (no `getEntity`, which would resolve usernames behind our back), converts every answer to plain
 * data, and turns every failure into an `Mtproto*` error with the secrets redacted.
 */
export function createGramjsClient(options: GramjsClientOptions): MtprotoClient {
  const secrets = [options.apiHash, options.session];
  /** Usernames of channels seen in any response, so forward origins can be named without a resolve. */
  const usernames = new Map<string, string>();
  let connecting: Promise<TelegramClient> | null = null;

  function connect(): Promise<TelegramClient> {
    connecting ??= (async () => {
      const client = new TelegramClient(new StringSession(options.session), options.apiId, options.apiHash, {
        floodSleepThreshold: options.floodSleepThreshold ?? 5,
        // GramJS logs connection chatter and prints raw errors to the console unless told not to.
        baseLogger: new Logger(LogLevel.NONE),
        connectionRetries: 3,
        requestRetries: 3,
      });
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  }

  /** Runs one request; every failure leaves as a redacted `MtprotoError`. */
  async function call<T>(run: (client: TelegramClient) => Promise<T>): Promise<T> {
    try {
      return await run(await connect());
    } catch (error) {
      throw toMtprotoError(error, secrets);
    }
  }

  function remember(chats: Api.TypeChat[]): void {
    for (const chat of chats) {
      if (!(chat instanceof Api.Channel)) continue;
      const name = channelUsernameOf(chat);
      if (name) usernames.set(chat.id.toString(), name);
    }
  }

  const inputChannel = (peer: MtprotoPeer): Api.InputChannel =>
    new Api.InputChannel({ channelId: helpers.returnBigInt(peer.id), accessHash: helpers.returnBigInt(peer.accessHash) });

  /** The peer's own channel in a response: a ban or an everywhere-restriction shows up here even on a cached peer. */
  function checkOwnChannel(chats: Api.TypeChat[], peer: MtprotoPeer): void {
    const own = chats.find((c) => (c instanceof Api.Channel || c instanceof Api.ChannelForbidden) && c.id.toString() === peer.id);
    if (own instanceof Api.ChannelForbidden) throw new MtprotoGone('tg_channel_private');
    const gone = own instanceof Api.Channel ? restrictionGoneReason(restrictionsToPlain(own.restrictionReason)) : null;
    if (gone) throw new MtprotoGone(gone);
  }

  return {
    resolveChannel: (username) =>
      call(async (client): Promise<MtprotoChannel> => {
        const resolved = await client.invoke(new Api.contacts.ResolveUsername({ username }));
        remember(resolved.chats);
        const peer = resolved.peer;
        if (!(peer instanceof Api.PeerChannel)) {
          throw new MtprotoError('tg_not_a_channel', `@${username} is a user or bot account, not a channel or group`);
        }
        const chat = resolved.chats.find((c) => (c instanceof Api.Channel || c instanceof Api.ChannelForbidden) && c.id.equals(peer.channelId));
        if (chat instanceof Api.ChannelForbidden) throw new MtprotoGone('tg_channel_private');
        if (!(chat instanceof Api.Channel)) throw new MtprotoError('mtproto_unexpected', `@${username} resolved to a channel missing from the answer`);
        const plain = channelToPlain(chat, null, username);
        // About and subscriber count come only with the full channel; one more call, made only when resolving.
        const full = await client.invoke(new Api.channels.GetFullChannel({ channel: inputChannel(plain) }));
        remember(full.chats);
        const fullChat = full.fullChat instanceof Api.ChannelFull ? full.fullChat : null;
        return channelToPlain(chat, fullChat, username, tlToJson({ resolved, full }));
      }),

    history: (peer, request) =>
      call(async (client): Promise<MtprotoMessage[]> => {
        const answer = await client.invoke(
          new Api.messages.GetHistory({
            peer: new Api.InputPeerChannel({ channelId: helpers.returnBigInt(peer.id), accessHash: helpers.returnBigInt(peer.accessHash) }),
            offsetId: request.offsetId,
            offsetDate: 0,
            addOffset: 0,
            limit: request.limit,
            maxId: 0,
            minId: request.minId,
            hash: helpers.returnBigInt(0),
          }),
        );
        if (answer instanceof Api.messages.MessagesNotModified) return [];
        remember(answer.chats);
        checkOwnChannel(answer.chats, peer);
        return answer.messages.map(messageToPlain).filter((m): m is MtprotoMessage => !('empty' in m));
      }),

    messages: (peer, ids) =>
      call(async (client): Promise<Array<MtprotoMessage | MtprotoEmptyMessage>> => {
        let found: Api.TypeMessage[] = [];
        try {
          const answer = await client.invoke(
            new Api.channels.GetMessages({ channel: inputChannel(peer), id: ids.map((id) => new Api.InputMessageID({ id })) }),
          );
          if (!(answer instanceof Api.messages.MessagesNotModified)) {
            remember(answer.chats);
            checkOwnChannel(answer.chats, peer);
            found = answer.messages;
          }
        } catch (error) {
          // GramJS reads this answer as "none of these ids exist" (client/messages.ts does the same).
          const name = (error as { errorMessage?: unknown } | null)?.errorMessage;
          if (name !== 'MESSAGE_IDS_EMPTY') throw error;
        }
        const byId = new Map(found.map((m) => [m.id, messageToPlain(m)]));
        return ids.map((id) => byId.get(id) ?? { id, empty: true as const });
      }),

    channelUsername: (id) => usernames.get(id) ?? null,

    async disconnect() {
      const pending = connecting;
      connecting = null;
      if (!pending) return;
      try {
        // destroy(), not disconnect(): it also stops GramJS's ping loop, which would keep the process alive.
        await (await pending).destroy();
      } catch (error) {
        throw toMtprotoError(error, secrets);
      }
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createGramjsClient } from './gramjs-client.js';
import { MtprotoError } from './mtproto-client.js';

// Nothing here may reach Telegram: only paths that fail before a connection is attempted are run.
const API_HASH = 'fedcba9876543210fedcba9876543210';

describe('createGramjsClient', () => {
  it('connects lazily: creating and disconnecting an unused client does nothing', async () => {
    const client = createGramjsClient({ apiId: 12345, apiHash: API_HASH, session: '1AAAA' });
    expect(client.channelUsername('1700000042')).toBeNull();
    await expect(client.disconnect()).resolves.toBeUndefined();
  });

  it('reports an unusable session as an MtprotoError that quotes neither secret', async () => {
    // Not a StringSession (no leading "1"): GramJS refuses it before opening any socket.
    const session = `X${API_HASH}session-material-that-must-stay-private`;
    const client = createGramjsClient({ apiId: 12345, apiHash: API_HASH, session });
    const error = await client.resolveChannel('rafidain_monitor_demo').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MtprotoError);
    const text = `${(error as Error).message} ${(error as Error).stack ?? ''}`;
    expect(text).not.toContain(API_HASH);
    expect(text).not.toContain('session-material');
  });
});

// The loopback platform server of bench:collect, in a process of its own so that serving pages
// does not take CPU from the collector being measured. Commands arrive over IPC.
import { startMockPlatforms } from '../test/support/mock-platforms.js';

type Command = { id: number; op: 'addChannels'; handles: string[]; posts: number } | { id: number; op: 'postAll'; handles: string[]; text: string } | { id: number; op: 'close' };

const mock = await startMockPlatforms();
process.send?.({ ready: mock.url });
process.on('message', (raw) => {
  const c = raw as Command;
  if (c.op === 'addChannels') for (const h of c.handles) mock.addChannel(h, { posts: c.posts });
  if (c.op === 'postAll') for (const h of c.handles) mock.post(h, `${h}: ${c.text}`);
  if (c.op === 'close') {
    void mock.close().then(() => {
      process.send?.({ done: c.id });
      process.exit(0);
    });
    return;
  }
  process.send?.({ done: c.id });
});

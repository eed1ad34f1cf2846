import { loadConfig } from '../app/config.js';
import { type AppContext, openContext } from '../app/context.js';
import type { Io } from './io.js';

/** Opens the app context for one command from env and `--home`, and always closes it. */
export async function withContext<T>(io: Io, home: string | undefined, work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env, home ? { home } : {});
  const ctx = await openContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.close();
  }
}

import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../app/config.js';
import { openContext, type AppContext } from '../../app/context.js';
import { packageRoot } from '../../app/package-root.js';
import { ValidationError } from '../../core/errors.js';
import { buildServer } from '../../server/app.js';
import type { Io } from '../io.js';

const ROLES = ['api', 'worker', 'scheduler'] as const;

const optionsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().default('127.0.0.1'),
  roles: z.string().default('api,worker,scheduler'),
});

/** Starts the HTTP API and web UI on an open context; resolves once listening, with the URL. */
export async function startServer(ctx: AppContext, opts: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }> {
  const app = await buildServer(ctx, { webRoot: path.join(packageRoot(), 'web', 'dist') });
  await app.listen({ port: opts.port, host: opts.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return { url: `http://${host}:${port}/`, close: () => app.close() };
}

/** Waits for SIGINT/SIGTERM, then closes the server and the context. */
export function closeOnSignal(server: { close(): Promise<void> }, ctx: AppContext): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      void server.close().then(() => ctx.close()).then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** `rasad serve`: HTTP API + web UI; roles let one binary scale out (only `api` has work yet). */
export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('HTTP API (OpenAPI at /docs) and the web UI')
    .option('--port <n>', 'port (0 = any free port)', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--roles <roles>', 'comma-separated: api, worker, scheduler', 'api,worker,scheduler')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse(raw);
      const roles = opts.roles.split(',').map((r) => r.trim());
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) throw new ValidationError(`unknown role ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`, { field: '--roles' });
      const home = cmd.optsWithGlobals<{ home?: string }>().home;
      const ctx = await openContext(loadConfig(io.env, home ? { home } : {}));
      if (!roles.includes('api')) {
        io.stderr.write('rasad: no api role: nothing to serve yet (worker and scheduler roles arrive with live collection)\n');
        await ctx.close();
        return;
      }
      const server = await startServer(ctx, opts);
      io.stderr.write(`Rasad is serving ${ctx.config.home} (${ctx.db.dialect}) at ${server.url}  (API docs: ${server.url}docs)\n`);
      await closeOnSignal(server, ctx);
    });
}

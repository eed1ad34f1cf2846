import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../app/config.js';
import { openContext } from '../../app/context.js';
import { demoSummaryMarkdown } from '../../app/demo-summary.js';
import { runLiveDemo } from '../../app/demo-live.js';
import { topThreats } from '../../store/analysis.repository.js';
import { packageRoot } from '../../app/package-root.js';
import { search } from '../../app/search.service.js';
import { clusterPending } from '../../events/events.runner.js';
import { eventViews } from '../../app/events.service.js';
import { importPaths } from '../../collect/importer.js';
import { readActorLists } from '../../actors/actor-lists.js';
import { storeActorLists } from '../../actors/actor-import.service.js';
import { listActors } from '../../store/actor-query.repository.js';
import { ValidationError } from '../../core/errors.js';
import { countBySourceAndLanguage, listItems } from '../../store/item.repository.js';
import { listSources } from '../../store/source.repository.js';
import type { Io } from '../io.js';
import { closeOnSignal, startServer } from './serve.command.js';

const MARKER = '.rasad-demo';

const optionsSchema = z.object({
  serve: z.boolean().default(false),
  port: z.coerce.number().int().min(0).max(65535).default(8787),
});

/** Searches the demo shows: the same Arabic words typed with and without tashkeel, and a spelling variant. */
export const DEMO_SEARCHES = ['المستشارونَ الأمنيّونَ للمقاومةِ الإسلاميةِ', 'المستشارون الأمنيون للمقاومة الإسلامية', 'Kataib Hezbollah', 'N-USA'];

/** Empties a demo home made by an earlier run; refuses to touch a folder that is not one. */
function freshHome(home: string): void {
  if (existsSync(home) && readdirSync(home).length > 0) {
    if (!existsSync(path.join(home, MARKER))) {
      throw new ValidationError(`${home} exists and is not a Rasad demo home; choose another --home`, { field: '--home' });
    }
    rmSync(home, { recursive: true, force: true });
  }
}

/** `rasad demo`: a fresh demo home with the bundled synthetic scenario imported and analyzed. */
export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description('build a fresh demo home from the bundled synthetic scenario and print a summary')
    .option('--serve', 'then serve the web UI until interrupted')
    .option('--port <n>', 'port for --serve', '8787')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = optionsSchema.parse(raw);
      const home = path.resolve(cmd.optsWithGlobals<{ home?: string }>().home ?? path.join(os.homedir(), '.rasad-demo'));
      freshHome(home);
      // The demo always uses an embedded SQLite database inside its own home.
      const config = { ...loadConfig({ ...io.env, RASAD_DATABASE_URL: '' }, { home }), databaseUrl: null };
      const ctx = await openContext(config);
      writeFileSync(path.join(home, MARKER), 'made by `rasad demo`; safe to delete\n');
      try {
        // The curated starter registry first (the demo's actors with their aliases and
        // designations), so that the pipeline finds their mentions while importing.
        const starter = await readActorLists('rasad', [path.join(packageRoot(), 'src', 'actors', 'starter', 'starter-registry.json')]);
        const registry = await storeActorLists({ db: ctx.db, clock: ctx.clock }, starter);
        io.stderr.write('importing the demo scenario and running the pipeline…\n');
        const scenario = path.join(packageRoot(), 'demo', 'scenario');
        const summary = await importPaths({ db: ctx.db, blobs: ctx.blobs, clock: ctx.clock, pipeline: await ctx.pipeline() }, [scenario], {
          format: 'auto',
          analyze: true,
        });
        await clusterPending(ctx.events());
        io.stderr.write('collecting a demo channel live from a local stand-in for t.me…\n');
        const live = await runLiveDemo(ctx, home);
        const mentioned = (await listActors(ctx.db, { limit: 8, offset: 0 })).actors.filter((a) => a.mentionCount > 0);
        const searches = [];
        for (const query of DEMO_SEARCHES) searches.push({ query, results: await search(ctx.db, query, 10) });
        let server: Awaited<ReturnType<typeof startServer>> | null = null;
        if (opts.serve) server = await startServer(ctx, { port: opts.port, host: '127.0.0.1' });
        io.stdout.write(
          demoSummaryMarkdown({
            home,
            summary,
            sources: await listSources(ctx.db),
            counts: await countBySourceAndLanguage(ctx.db),
            newest: (await listItems(ctx.db, { limit: 8 })).items,
            searches,
            webUrl: server?.url ?? null,
            live,
            registry: { actors: registry.actors, aliases: registry.aliases, designations: registry.designations },
            mentioned: mentioned.map((a) => ({ canonical: a.canonicalName, mentions: a.mentionCount })),
            threats: await topThreats(ctx.db, 8),
            events: (await eventViews(ctx.db, { limit: 8, offset: 0 })).events.map((e) => ({
              id: e.id,
              title: e.title,
              members: e.members.length,
              sources: e.sources,
              languages: e.languages,
              first: e.first?.key ?? null,
              why: e.first?.why ?? null,
            })),
          }),
        );
        if (summary.failed > 0) throw new ValidationError(`demo scenario: ${summary.errors.map((e) => `${e.file}: ${e.message}`).join('; ')}`);
        if (server) {
          io.stderr.write('serving; press Ctrl-C to stop\n');
          await closeOnSignal(server, ctx);
        }
      } finally {
        await ctx.close();
      }
    });
}

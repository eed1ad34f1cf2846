import type { Command } from 'commander';
import { z } from 'zod';
import { actorListFormats, readActorLists } from '../../actors/actor-lists.js';
import { storeActorLists } from '../../actors/actor-import.service.js';
import { refreshMentions } from '../../actors/mentions.runner.js';
import { registryCounts } from '../../store/actor.repository.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';
import { editorName, registerActorEdits } from './actors-edit.command.js';
import { registerActorResolve } from './actors-resolve.command.js';

const importSchema = z.object({
  format: z.enum(actorListFormats),
  json: z.boolean().default(false),
});

/** `rasad actors import`: designation lists and Rasad actor files into the registry. */
export function registerActors(program: Command, io: Io): void {
  const actors = program.command('actors').description('the actor registry: designation lists, aliases, name matching');
  registerActorEdits(actors, io);
  registerActorResolve(actors, io);
  actors
    .command('import')
    .description('load OFAC (sdn.csv, alt.csv, add.csv, sdn_comments.csv), UN (consolidated XML), EU (CSV) lists or a Rasad actor file')
    .requiredOption('--format <format>', actorListFormats.join(' | '))
    .option('--json', 'machine-readable summary on stdout')
    .argument('<paths...>', 'files or folders')
    .action(async (paths: string[], raw: unknown, cmd: Command) => {
      const opts = importSchema.parse(raw);
      await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, async (ctx) => {
        const lists = await readActorLists(opts.format, paths);
        const summary = await storeActorLists({ db: ctx.db, clock: ctx.clock, user: editorName(io.env) }, lists);
        const registry = await registryCounts(ctx.db);
        // who is in the registry changed: find mentions again in what is already stored
        const mentions = await refreshMentions({ db: ctx.db, clock: ctx.clock });
        if (opts.json) return writeJson(io, { ...summary, registry, mentions });
        io.stdout.write(
          `imported ${summary.actors} actors (${summary.aliases} aliases, ${summary.designations} designations, ${summary.affiliations} affiliations) from ${summary.files.length} file(s); registry now holds ${registry.actors} actors\n`,
        );
        if (mentions.items > 0) io.stdout.write(`found ${mentions.mentions} actor mentions in ${mentions.items} stored items\n`);
      });
    });
}

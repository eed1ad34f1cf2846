import { Command, CommanderError } from 'commander';
import { ZodError } from 'zod';
import { DomainError } from '../core/errors.js';
import { registerActors } from './commands/actors.command.js';
import { registerAnalyze } from './commands/analyze.command.js';
import { registerDemo } from './commands/demo.command.js';
import { registerCollect } from './commands/collect.command.js';
import { registerEvents } from './commands/events.command.js';
import { registerEvidence } from './commands/evidence.command.js';
import { registerImport } from './commands/import.command.js';
import { registerItems } from './commands/items.command.js';
import { registerSearch } from './commands/search.command.js';
import { registerSources } from './commands/sources.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerThreat } from './commands/threat.command.js';
import { type Io, processIo } from './io.js';

/** Builds the command tree; exit codes: 0 ok, 1 user error, 2 usage error. */
export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('rasad')
    .description('Rasad (رصد): monitoring workbench for analysts who track violent extremist actors online')
    .version('0.1.0')
    .option('--home <dir>', 'Rasad home (database, evidence); default $RASAD_HOME or ~/.rasad')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError(false);
  registerDemo(program, io);
  registerImport(program, io, setExit);
  registerAnalyze(program, io);
  registerSearch(program, io);
  registerItems(program, io);
  registerActors(program, io);
  registerThreat(program, io);
  registerEvents(program, io);
  registerSources(program, io);
  registerCollect(program, io);
  registerEvidence(program, io, setExit);
  registerServe(program, io);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI with arguments (without `node rasad`) and returns the exit code. */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = Math.max(code, c);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`rasad: ${error.oneLine()}\n`);
      return 1;
    }
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      io.stderr.write(`rasad: ${issue?.path.length ? `--${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid arguments'}\n`);
      return 2;
    }
    io.stderr.write(`rasad: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

// Runs the CLI from source (development and tests): `node --import tsx src/cli/dev.ts …`.
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2));

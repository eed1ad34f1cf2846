import { Readable } from 'node:stream';
import { run } from '../../src/cli/main.js';

/** Runs the CLI in-process with captured output, a given environment and optional stdin. */
export async function runCli(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]),
    env: { PATH: process.env.PATH, ...env },
  });
  return { code, stdout, stderr };
}

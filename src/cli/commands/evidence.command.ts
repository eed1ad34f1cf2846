import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../../app/config.js';
import { exportEvidence, verifyEvidence } from '../../app/evidence.service.js';
import { verifyChain } from '../../core/custody-chain.js';
import { custodyEntries } from '../../store/custody.repository.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';
import { editorName } from './actors-edit.command.js';

const jsonSchema = z.object({ json: z.boolean().default(false) });

/** `rasad evidence export|verify|log`: bundles anyone can check, and the custody log's integrity. */
export function registerEvidence(program: Command, io: Io, setExit: (code: number) => void): void {
  const evidence = program.command('evidence').description('evidence bundles (export, verify) and the custody log');
  const home = (cmd: Command): string | undefined => cmd.optsWithGlobals<{ home?: string }>().home;

  evidence
    .command('export')
    .description('write the evidence bundle of an item or an event (files, WARC, manifest with hashes and tokens, custody extract)')
    .argument('<ref>', 'item key or event id')
    .argument('<dir>', 'new or empty folder')
    .option('--json', 'summary as JSON')
    .action(async (ref: string, dir: string, raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const s = await exportEvidence(ctx, ref, dir, editorName(io.env));
        if (opts.json) writeJson(io, s);
        else io.stdout.write(`exported ${s.subject.type} ${s.subject.id}: ${s.items} item(s), ${s.captures} capture(s), ${s.timestamps} trusted timestamp(s), ${s.files} files into ${s.dir}\nmanifest sha256 ${s.manifest_sha256}\n`);
      });
    });

  evidence
    .command('verify')
    .description('recompute every hash, WARC digest, timestamp and custody entry of a bundle; exits 1 naming any file that does not match')
    .argument('<dir>', 'bundle folder')
    .option('--json', 'result as JSON')
    .action(async (dir: string, raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      const config = loadConfig(io.env, home(cmd) ? { home: home(cmd) } : {});
      const v = await verifyEvidence(dir, config.collect.tsaCert);
      if (opts.json) writeJson(io, v);
      else {
        for (const p of v.problems) io.stderr.write(`rasad: ${dir}/${p.file}: ${p.problem}\n`);
        const c = v.checked;
        io.stdout.write(
          `${v.ok ? 'OK' : 'FAILED'}: ${c.files} files, ${c.captures} captures, ${c.warcRecords} WARC records, ${c.timestamps} timestamps (${v.timestampChain === 'trusted' ? 'trusted CA' : v.timestampChain === 'bundle' ? "the bundle's own CA copy; set RASAD_TSA_CERT to check against yours" : 'no CA to check against'}), ${c.custodyEntries} custody entries${v.ok ? '' : `; ${v.problems.length} problem(s)`}\n`,
        );
      }
      if (!v.ok) setExit(1);
    });

  evidence
    .command('log')
    .description('check the whole hash-chained custody log (every capture, timestamp, export and access)')
    .option('--json', 'result as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        let entries = 0;
        let prev: string | undefined;
        const problems: Array<{ seq: number; id: string; problem: string }> = [];
        for await (const page of custodyEntries(ctx.db)) {
          problems.push(...verifyChain(page, prev));
          entries += page.length;
          prev = page[page.length - 1]?.hash ?? prev;
        }
        if (opts.json) writeJson(io, { ok: problems.length === 0, entries, head: prev ?? null, problems });
        else {
          for (const p of problems) io.stderr.write(`rasad: custody entry ${p.seq} (${p.id}): ${p.problem}\n`);
          io.stdout.write(`${problems.length === 0 ? 'OK' : 'BROKEN'}: ${entries} custody entries${prev ? `, head ${prev}` : ''}\n`);
        }
        if (problems.length > 0) setExit(1);
      });
    });
}

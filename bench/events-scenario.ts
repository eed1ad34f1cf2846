// The seed scenario (../shared/scenarios/seed-kh-2021) through the real command line: a fresh home,
// the starter registry, `rasad import` of every file (the whole pipeline, events included), then
// `rasad events list --json`; events and first items are mapped back to truth.json's keys.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { run } from '../src/cli/main.js';
import { SCENARIO, scenarioDrafts } from './threat-scenario.js';

const truthSchema = z.object({
  items: z.array(z.object({ key: z.string(), event: z.string().nullable() })),
  events: z.array(z.object({ id: z.string(), first: z.string(), members: z.array(z.string()) })),
});

export interface ScenarioEvents {
  gold: Map<string, string | null>;
  goldFirst: Map<string, string>;
  pred: Map<string, string | null>;
  predFirst: Map<string, string>;
  /** Predicted events with their members (truth keys), first and why, for the report. */
  events: Array<{ id: string; title: string; first: string; why: string; members: string[]; sources: number }>;
  seconds: number;
  /** Each item's headline, text and platform time, for the baseline. */
  titles: Map<string, string | null>;
  texts: Map<string, string>;
  times: Map<string, number | null>;
}

async function cli(args: string[], env: Record<string, string>): Promise<string> {
  let out = '';
  let err = '';
  const code = await run(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin: Readable.from(['']),
    env: { PATH: process.env.PATH, ...env },
  });
  if (code !== 0) throw new Error(`rasad ${args.join(' ')} failed (${code}): ${err.trim().split('\n').pop() ?? ''}`);
  return out;
}

/** Our item key → truth.json's key (Telegram: c<id> → <id>; web pages: canonical URL → file name). */
export function keyMap(drafts?: Map<string, { title: string | null; text: string; time: number | null }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const { key, draft: d } of scenarioDrafts()) {
    map.set(d.key, key);
    drafts?.set(key, { title: d.title ?? null, text: d.text, time: d.publishedAt ? Date.parse(d.publishedAt) : null });
  }
  return map;
}

const listSchema = z.array(
  z.object({ id: z.string(), title: z.string(), first: z.object({ key: z.string(), why: z.string() }).nullable(), members: z.array(z.string()), sources: z.number() }),
);

/** Runs the scenario end to end; null when ../shared is absent. */
export async function runScenarioEvents(): Promise<ScenarioEvents | null> {
  let truthText: string;
  try {
    truthText = readFileSync(join(SCENARIO, 'truth.json'), 'utf8');
  } catch {
    return null;
  }
  const truth = truthSchema.parse(JSON.parse(truthText));
  const home = mkdtempSync(join(os.tmpdir(), 'rasad-bench-events-'));
  const env = { RASAD_HOME: home, RASAD_LOG_LEVEL: 'error' };
  try {
    const started = performance.now();
    await cli(['actors', 'import', '--format', 'rasad', join(import.meta.dirname, '..', 'src', 'actors', 'starter', 'starter-registry.json')], env);
    await cli(['import', SCENARIO, '--json'], env);
    const seconds = (performance.now() - started) / 1000;
    const list = listSchema.parse(JSON.parse(await cli(['events', 'list', '--json'], env)));
    const drafts = new Map<string, { title: string | null; text: string; time: number | null }>();
    const toTruth = keyMap(drafts);
    const t = (k: string): string => toTruth.get(k) ?? k;
    const gold = new Map(truth.items.map((i) => [i.key, i.event]));
    const goldFirst = new Map(truth.events.map((e) => [e.id, e.first]));
    const pred = new Map<string, string | null>([...gold.keys()].map((k) => [k, null]));
    const predFirst = new Map<string, string>();
    for (const e of list) {
      for (const m of e.members) pred.set(t(m), e.id);
      if (e.first) predFirst.set(e.id, t(e.first.key));
    }
    return {
      gold,
      goldFirst,
      pred,
      predFirst,
      events: list.map((e) => ({ id: e.id, title: e.title, first: e.first ? t(e.first.key) : '', why: e.first?.why ?? '', members: e.members.map(t), sources: e.sources })),
      seconds,
      titles: new Map([...drafts].map(([k, d]) => [k, d.title])),
      texts: new Map([...drafts].map(([k, d]) => [k, d.text])),
      times: new Map([...drafts].map(([k, d]) => [k, d.time])),
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The training data of the learned threat reading: the project's own synthetic posts, the
 * functional suite (src/analyze/threat/cases), the blind sets (bench/fixtures/threat-*.jsonl) and
 * everyday posts that threaten no one (src/analyze/threat/training), read from the repository. Used by `npm run train:threat` and by the bench's cross-validation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { LearnedExample } from './learned.js';

const caseSchema = z.object({ text: z.string(), lang: z.string().min(2), is_threat: z.boolean() });

/** The labelled posts of one JSON-lines file (lines without `is_threat` are skipped). */
export function readLabelledPosts(file: string): LearnedExample[] {
  const out: LearnedExample[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const raw: unknown = JSON.parse(line);
      if (typeof raw !== 'object' || raw === null || !('is_threat' in raw)) return;
      const parsed = caseSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      out.push({ text: parsed.data.text, lang: parsed.data.lang, isThreat: parsed.data.is_threat });
    });
  return out;
}

export interface TrainingSets {
  /** The functional suite, every language together. */
  suite: LearnedExample[];
  /** Each blind set by file name. */
  blind: Map<string, LearnedExample[]>;
  /** Everyday posts (news, sport, weather, greetings…), always trained on, never measured. */
  everyday: LearnedExample[];
}

/** The functional suite and blind sets under a checkout's root. */
export function readTrainingSets(root: string): TrainingSets {
  const casesDir = path.join(root, 'src', 'analyze', 'threat', 'cases');
  const fixtures = path.join(root, 'bench', 'fixtures');
  const suite = readdirSync(casesDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readLabelledPosts(path.join(casesDir, f)));
  const blind = new Map<string, LearnedExample[]>();
  for (const f of readdirSync(fixtures).filter((f) => f.startsWith('threat-') && f.endsWith('.jsonl')).sort()) blind.set(f, readLabelledPosts(path.join(fixtures, f)));
  const everydayDir = path.join(root, 'src', 'analyze', 'threat', 'training');
  const everyday = readdirSync(everydayDir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readLabelledPosts(path.join(everydayDir, f)));
  return { suite, blind, everyday };
}

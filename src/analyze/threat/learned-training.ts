/**
 * The training data of the learned threat reading, all synthetic and in the repository: the
 * functional suite (src/analyze/threat/cases), the blind sets (bench/fixtures/threat-*.jsonl),
 * everyday posts that threaten no one and varied labelled posts (src/analyze/threat/training).
 * Used by `npm run train:threat` and by the bench's cross-validation.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readFunctionalCases, readJsonLines } from './functional-cases.js';
import type { LearnedExample } from './learned.js';

/** An everyday post of `training/` (its README): never a threat. */
const everydaySchema = z.object({ id: z.string().min(1), lang: z.string().regex(/^[a-z]{2}$/), topic: z.string(), text: z.string().min(1), is_threat: z.literal(false) });

const example = (p: { text: string; lang: string; is_threat: boolean }): LearnedExample => ({ text: p.text, lang: p.lang, isThreat: p.is_threat });

/** The JSON-lines files of a folder, in name order, whose names pass `keep`. */
function jsonlFiles(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && keep(f))
    .sort();
}

export interface TrainingSets {
  /** The functional suite, every language together. */
  suite: LearnedExample[];
  /** Each blind set by file name. */
  blind: Map<string, LearnedExample[]>;
  /** Everyday posts (news, sport, weather, greetings…), always trained on, never measured. */
  everyday: LearnedExample[];
  /** Varied labelled posts (threats and hard look-alikes, as the blind sets), always trained on, never measured. */
  varied: LearnedExample[];
}

/** The functional suite, the blind sets, the everyday and the varied posts under a checkout's root. */
export function readTrainingSets(root: string): TrainingSets {
  const casesDir = path.join(root, 'src', 'analyze', 'threat', 'cases');
  const fixtures = path.join(root, 'bench', 'fixtures');
  const suite = jsonlFiles(casesDir).flatMap((f) => readFunctionalCases(path.join(casesDir, f)).map(example));
  const blind = new Map<string, LearnedExample[]>();
  for (const f of jsonlFiles(fixtures, (name) => name.startsWith('threat-'))) blind.set(f, readFunctionalCases(path.join(fixtures, f)).map(example));
  const trainingDir = path.join(root, 'src', 'analyze', 'threat', 'training');
  const everyday = jsonlFiles(trainingDir, (name) => name.startsWith('everyday-')).flatMap((f) => readJsonLines(path.join(trainingDir, f), everydaySchema).map(example));
  const varied = jsonlFiles(trainingDir, (name) => name.startsWith('varied-')).flatMap((f) => readFunctionalCases(path.join(trainingDir, f)).map(example));
  return { suite, blind, everyday, varied };
}

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../../core/errors.js';
import { stances, threatCategories } from './taxonomy.js';

/** One HateCheck-style functional case (cases/README.md). */
export const functionalCaseSchema = z.object({
  id: z.string().min(1),
  lang: z.string().regex(/^[a-z]{2}$/),
  functionality: z.string().min(1),
  source: z.enum(['telegram', 'x', 'rss', 'web']).nullable().optional(),
  text: z.string().min(1),
  is_threat: z.boolean(),
  categories: z.array(z.enum(threatCategories)),
  also_acceptable: z.array(z.enum(threatCategories)).optional(),
  stance: z.enum(stances),
  targets: z.array(z.string()).default([]),
  reported: z.array(z.enum(threatCategories)).optional(),
  note: z.string().optional(),
});
export type FunctionalCase = z.infer<typeof functionalCaseSchema>;

/** Reads a JSONL file of cases; a bad line is a ValidationError naming the file and line. */
export function readFunctionalCases(path: string): FunctionalCase[] {
  return readJsonLines(path, functionalCaseSchema);
}

/** Reads a JSONL file, each line checked by `schema`; a bad line is a ValidationError naming the file and line. */
export function readJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim().length === 0) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ValidationError(`${path}:${i + 1}: not valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ValidationError(`${path}:${i + 1}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    out.push(parsed.data);
  });
  return out;
}

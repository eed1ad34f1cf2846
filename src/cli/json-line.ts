import type { z } from 'zod';

/**
 * Reads one line of a JSON-lines batch against its schema. A bad line becomes the contract's
 * `{"id": …|null, "error", "line"}` object (the id kept when the line had one), so the batch
 * goes on with the next line.
 */
export function parseJsonLine<S extends z.ZodType>(
  schema: S,
  line: string,
  lineNo: number,
): { ok: true; value: z.infer<S> } | { ok: false; error: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: { id: null, error: `invalid JSON: ${(error as Error).message}`, line: lineNo } };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const id: unknown = typeof json === 'object' && json !== null && 'id' in json ? json.id : null;
  return {
    ok: false,
    error: { id: typeof id === 'string' || typeof id === 'number' ? String(id) : null, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`, line: lineNo },
  };
}

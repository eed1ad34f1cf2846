/**
 * A pure, versioned pipeline stage. The runner persists its output as `name@version`, so a new
 * version re-processes exactly the items whose stored result is older.
 */
export interface Stage<Input, Output, Context = unknown> {
  readonly name: string;
  readonly version: number;
  run(input: Input, ctx: Context): Output | Promise<Output>;
}

/** `name@version`, the tag stored with every stage result. */
export const stageTag = (stage: { name: string; version: number }): string => `${stage.name}@${stage.version}`;

import { stageTag } from '../core/stage.js';
import type { LanguageModel } from '../text/fasttext-lid.js';
import { languageStage, type LanguageResult } from './language.stage.js';

/** What the pipeline reads of an item. */
export interface PipelineInput {
  text: string;
  title?: string | null;
  /** A language the caller or platform declared; used only when detection is unsure. */
  langHint?: string | null;
}

/** One stage's output, tagged with the stage version that produced it. */
export interface StageOutput {
  stage: string;
  version: number;
  output: unknown;
}

/** Everything the pipeline produced for one item. */
export interface PipelineResult {
  language: LanguageResult;
  outputs: StageOutput[];
}

/** The stages in order; later issues append translate, actors, threat, fingerprint. */
export interface Pipeline {
  readonly stages: ReadonlyArray<{ name: string; version: number; tag: string }>;
  run(input: PipelineInput): Promise<PipelineResult>;
}

/** Builds the analysis pipeline over the given models (loaded once by the caller). */
export function createPipeline(deps: { languageModel: LanguageModel }): Pipeline {
  const stages = [languageStage].map((s) => ({ name: s.name, version: s.version, tag: stageTag(s) }));
  return {
    stages,
    async run(input) {
      let language = await languageStage.run({ text: input.text, title: input.title }, { model: deps.languageModel });
      const hint = input.langHint?.toLowerCase().split(/[-_]/)[0];
      if (hint && /^[a-z]{2,3}$/.test(hint) && (language.code === 'und' || language.confidence < 0.5) && language.script !== null) {
        language = { ...language, code: hint, confidence: Math.max(language.confidence, 0.5) };
      }
      return { language, outputs: [{ stage: languageStage.name, version: languageStage.version, output: language }] };
    },
  };
}

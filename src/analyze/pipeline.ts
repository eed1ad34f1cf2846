import { actorsStage } from '../actors/actors.stage.js';
import { createMentionFinder } from '../actors/match/mention-finder.js';
import type { FoundMention, MentionFinder } from '../actors/match/resolve-types.js';
import { stageTag } from '../core/stage.js';
import type { RegistryActor } from '../store/actor.repository.js';
import { loadEldLid } from '../text/eld-lid.js';
import { loadFastTextLid, type LanguageModel } from '../text/fasttext-lid.js';
import { persianWordList, type WordListPort } from '../text/persian-lexicon.js';
import { urduLeaningList, urduWordList } from '../text/urdu-lexicon.js';
import { languageStage, type LanguageResult } from './language.stage.js';
import { threatStage } from './threat.stage.js';
import { shippedLearnedModel } from './threat/learned.js';
import { shippedLexicons } from './threat/lexicons/index.js';
import type { ThreatAssessment } from './threat/taxonomy.js';

/** What the pipeline reads of an item. */
export interface PipelineInput {
  text: string;
  title?: string | null;
  /** A language the caller or platform declared; used only when detection is unsure. */
  langHint?: string | null;
  /** Where the item was published (`telegram`, `x`, `rss`, `web`, `jsonl`): news presumes reporting. */
  platform?: string | null;
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
  /** Registry actors named in the text (empty when the registry is). */
  mentions: FoundMention[];
  threat: ThreatAssessment;
  outputs: StageOutput[];
}

/** The stages in order (language, actors, threat); events and fingerprints come later. */
export interface Pipeline {
  readonly stages: ReadonlyArray<{ name: string; version: number; tag: string }>;
  run(input: PipelineInput): Promise<PipelineResult>;
}

/** Builds the analysis pipeline over the given models (loaded once by the caller). */
export function createPipeline(deps: {
  languageModel: LanguageModel;
  secondLanguageModel?: LanguageModel;
  persianWords?: WordListPort;
  urduWords?: WordListPort;
  urduLeaning?: WordListPort;
  mentionFinder?: MentionFinder;
}): Pipeline {
  const finder: MentionFinder = deps.mentionFinder ?? { find: () => [] };
  const lexicons = shippedLexicons();
  const learned = shippedLearnedModel();
  const stages = [languageStage, actorsStage, threatStage].map((s) => ({ name: s.name, version: s.version, tag: stageTag(s) }));
  return {
    stages,
    async run(input) {
      let language = await languageStage.run(
        { text: input.text, title: input.title },
        {
          model: deps.languageModel,
          ...(deps.secondLanguageModel ? { second: deps.secondLanguageModel } : {}),
          ...(deps.persianWords ? { persian: deps.persianWords } : {}),
          ...(deps.urduWords ? { urdu: deps.urduWords } : {}),
          ...(deps.urduLeaning ? { urduLeaning: deps.urduLeaning } : {}),
        },
      );
      const hint = input.langHint?.toLowerCase().split(/[-_]/)[0];
      if (hint && /^[a-z]{2,3}$/.test(hint) && (language.code === 'und' || language.confidence < 0.5) && language.script !== null) {
        language = { ...language, code: hint, confidence: Math.max(language.confidence, 0.5) };
      }
      const actors = actorsStage.run({ text: input.text }, { finder });
      const threat = threatStage.run({ text: input.text, language: language.code, script: language.script, platform: input.platform ?? null, mentions: actors.mentions }, { lexicons, learned });
      return {
        language,
        mentions: actors.mentions,
        threat,
        outputs: [
          { stage: languageStage.name, version: languageStage.version, output: language },
          { stage: actorsStage.name, version: actorsStage.version, output: actors },
          { stage: threatStage.name, version: threatStage.version, output: threat },
        ],
      };
    },
  };
}

/**
 * A model loaded on its first prediction: the eld second opinion (about 2 s and 160 MB to load)
 * is only needed for short or unsure texts, which many imports never contain.
 */
export function lazyLanguageModel(load: () => Promise<LanguageModel>): LanguageModel {
  let model: Promise<LanguageModel> | null = null;
  return {
    async predict(text, k) {
      model ??= load();
      return (await model).predict(text, k);
    },
  };
}

/**
 * The pipeline with its models: fastText lid.176 now, eld (large), the Persian dictionary and
 * the Urdu word lists when first needed, and the
 * mention finder over the given registry snapshot.
 */
export async function loadPipeline(registry: RegistryActor[] = []): Promise<Pipeline> {
  const languageModel = await loadFastTextLid();
  return createPipeline({
    languageModel,
    secondLanguageModel: lazyLanguageModel(() => loadEldLid('large')),
    persianWords: persianWordList(),
    urduWords: urduWordList(),
    urduLeaning: urduLeaningList(),
    ...(registry.length > 0 ? { mentionFinder: createMentionFinder(registry) } : {}),
  });
}

import path from 'node:path';
import { z } from 'zod';
import { TranslationError, type Translation, type TranslationRequest, type Translator } from '../../core/translator.js';
import { isJsonObject } from './json-object.js';
import { languageName } from './language-names.js';

/** An operator-supplied model folder, and how to load transformers.js (injectable so tests need not install it). */
export interface OnnxLocalOptions {
  modelDir: string;
  load?: () => Promise<unknown>;
}

/** The part of `@huggingface/transformers` this adapter uses. */
interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline: (task: 'translation', model: string, options: { local_files_only: boolean }) => Promise<unknown>;
}

/** A loaded translation pipeline: callable, with a tokenizer that lists language codes for multilingual models. */
interface TranslationPipeline {
  (text: string, options: Record<string, unknown>): Promise<unknown>;
  tokenizer?: { language_codes?: unknown };
}

// A variable, not a literal, so the compiler does not require the optional package to be installed.
const packageName: string = '@huggingface/transformers';
const installHint = 'onnx-local needs @huggingface/transformers installed (npm install @huggingface/transformers@4.3.1) and a model folder in RASAD_ONNX_MODEL_DIR';

// FLORES-200 codes NLLB expects, from the ISO 639-1 codes the rest of Rasad uses.
const nllbCodes: Record<string, string> = {
  ar: 'arb_Arab', fa: 'pes_Arab', prs: 'prs_Arab', ur: 'urd_Arab', ps: 'pbt_Arab', ckb: 'ckb_Arab', ku: 'kmr_Latn',
  sd: 'snd_Arab', pa: 'pan_Guru', ug: 'uig_Arab', tg: 'tgk_Cyrl', uz: 'uzn_Latn', az: 'azj_Latn', tr: 'tur_Latn',
  he: 'heb_Hebr', am: 'amh_Ethi', so: 'som_Latn', ha: 'hau_Latn', sw: 'swh_Latn', id: 'ind_Latn', ms: 'zsm_Latn',
  bn: 'ben_Beng', hi: 'hin_Deva', ru: 'rus_Cyrl', uk: 'ukr_Cyrl', en: 'eng_Latn', fr: 'fra_Latn', de: 'deu_Latn',
  es: 'spa_Latn', it: 'ita_Latn', nl: 'nld_Latn', pt: 'por_Latn', sv: 'swe_Latn', zh: 'zho_Hans', ja: 'jpn_Jpan', ko: 'kor_Hang',
};

const outputSchema = z.union([
  z.array(z.object({ translation_text: z.string() })).min(1),
  z.object({ translation_text: z.string() }),
]);

/** A Translator running a Marian, NLLB, M2M100 or mBART ONNX model from a local folder, never downloading. */
export function onnxLocalTranslator(opts: OnnxLocalOptions): Translator {
  const model = path.basename(path.resolve(opts.modelDir));
  let loading: Promise<TranslationPipeline> | undefined;
  // Loaded on first use, once: building the pipeline reads hundreds of megabytes. A failed load is
  // forgotten so that an operator who installs the package or fixes the folder need not restart.
  const pipeline = () =>
    (loading ??= openPipeline(opts.modelDir, opts.load ?? (() => import(packageName))).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  return {
    engine: 'onnx-local',
    model,
    async translate(request: TranslationRequest): Promise<Translation> {
      // The signal is not used: inference cannot be interrupted, and abandoning it would only pile
      // up work on the CPU behind the next attempt.
      const pipe = await pipeline();
      const options = { ...languageOptions(pipe, request), max_new_tokens: 512 };
      let output: unknown;
      try {
        output = await pipe(request.text, options);
      } catch (error) {
        throw new TranslationError('server', `onnx-local model ${model} failed: ${messageOf(error)}`);
      }
      const parsed = outputSchema.safeParse(output);
      if (!parsed.success) throw new TranslationError('bad_response', `onnx-local model ${model} returned no translation_text`);
      const first = Array.isArray(parsed.data) ? parsed.data[0] : parsed.data;
      const text = first?.translation_text.trim() ?? '';
      if (text === '') throw new TranslationError('bad_response', `onnx-local model ${model} returned an empty translation`);
      return { text, engine: 'onnx-local', model, detectedSource: null };
    },
  };
}

async function openPipeline(modelDir: string, load: () => Promise<unknown>): Promise<TranslationPipeline> {
  let mod: unknown;
  try {
    mod = await load();
  } catch (error) {
    throw new TranslationError('config', `${installHint} (${messageOf(error)})`);
  }
  if (!isTransformersModule(mod)) throw new TranslationError('config', `${installHint} (the installed package exports no pipeline/env)`);
  const dir = path.resolve(modelDir);
  // transformers.js looks models up as localModelPath + model id, so the folder is split in two.
  mod.env.allowRemoteModels = false;
  mod.env.allowLocalModels = true;
  mod.env.localModelPath = `${path.dirname(dir)}${path.sep}`;
  let pipe: unknown;
  try {
    pipe = await mod.pipeline('translation', path.basename(dir), { local_files_only: true });
  } catch (error) {
    throw new TranslationError('config', `cannot load a translation model from ${dir}: ${messageOf(error)}`);
  }
  if (!isTranslationPipeline(pipe)) throw new TranslationError('config', `transformers.js returned no callable pipeline for ${dir}`);
  return pipe;
}

/**
 * `src_lang`/`tgt_lang` in the form the model's tokenizer lists: NLLB `arb_Arab`, M2M100 `ar`, mBART
 * `ar_AR`. Marian models translate one fixed pair and list none, so they get no options.
 */
function languageOptions(pipe: TranslationPipeline, request: TranslationRequest): Record<string, string> {
  const listed = pipe.tokenizer?.language_codes;
  const codes = Array.isArray(listed) ? listed.filter((c): c is string => typeof c === 'string') : [];
  if (codes.length === 0) return {};
  if (request.source === 'auto') throw new TranslationError('unsupported', 'a multilingual onnx-local model needs a known source language, not auto');
  return { src_lang: modelCode(codes, request.source), tgt_lang: modelCode(codes, request.target) };
}

function modelCode(codes: string[], iso: string): string {
  const lower = iso.toLowerCase();
  const candidates = [nllbCodes[lower], lower, codes.find((c) => c.startsWith(`${lower}_`) && /^[a-z]{2}_[A-Z]{2}$/.test(c))];
  const found = candidates.find((c): c is string => c !== undefined && codes.includes(c));
  if (!found) throw new TranslationError('unsupported', `the onnx-local model does not know ${languageName(iso)} (${iso})`);
  return found;
}

function isTransformersModule(value: unknown): value is TransformersModule {
  return isJsonObject(value) && typeof value.pipeline === 'function' && isJsonObject(value.env);
}

// transformers.js pipelines are callable class instances, so `typeof` says "function".
function isTranslationPipeline(value: unknown): value is TranslationPipeline {
  return typeof value === 'function';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

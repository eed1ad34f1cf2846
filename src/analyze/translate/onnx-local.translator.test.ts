import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caught } from './mock-engine.test-support.js';
import { onnxLocalTranslator } from './onnx-local.translator.js';

const arabic = 'أبو علي العسكري';
const modelDir = path.resolve('/opt/rasad-models/nllb-200-distilled-600M');

/** A stand-in for `@huggingface/transformers` that records how it is driven. */
function fakeTransformers(opts: { languageCodes?: string[]; output?: unknown; pipelineError?: Error } = {}) {
  const env = { allowRemoteModels: true, allowLocalModels: false, localModelPath: '/models/' };
  const created: Array<{ task: string; model: string; options: unknown }> = [];
  const runs: Array<{ text: string; options: Record<string, unknown> }> = [];
  const pipe = Object.assign(
    (text: string, options: Record<string, unknown>) => {
      runs.push({ text, options });
      return Promise.resolve(opts.output ?? [{ translation_text: 'Abu Ali al-Askari' }]);
    },
    { tokenizer: { language_codes: opts.languageCodes } },
  );
  const module = {
    env,
    pipeline: (task: string, model: string, options: unknown) => {
      created.push({ task, model, options });
      return opts.pipelineError ? Promise.reject(opts.pipelineError) : Promise.resolve(pipe);
    },
  };
  let loads = 0;
  const load = () => {
    loads += 1;
    return Promise.resolve(module);
  };
  return { env, created, runs, load, loads: () => loads };
}

describe('onnx-local translator (injected transformers.js)', () => {
  it('loads the folder offline and passes NLLB language codes', async () => {
    const fake = fakeTransformers({ languageCodes: ['arb_Arab', 'pes_Arab', 'urd_Arab', 'pbt_Arab', 'eng_Latn'] });
    const translator = onnxLocalTranslator({ modelDir, load: fake.load });

    const result = await translator.translate({ text: arabic, source: 'ar', target: 'en' });

    expect(result).toEqual({ text: 'Abu Ali al-Askari', engine: 'onnx-local', model: 'nllb-200-distilled-600M', detectedSource: null });
    expect(translator.model).toBe('nllb-200-distilled-600M');
    expect(fake.env).toEqual({ allowRemoteModels: false, allowLocalModels: true, localModelPath: `${path.dirname(modelDir)}${path.sep}` });
    expect(fake.created).toEqual([{ task: 'translation', model: 'nllb-200-distilled-600M', options: { local_files_only: true } }]);
    expect(fake.runs[0]).toEqual({ text: arabic, options: { src_lang: 'arb_Arab', tgt_lang: 'eng_Latn', max_new_tokens: 512 } });
  });

  it('maps Persian, Urdu and Pashto to their NLLB codes', async () => {
    const fake = fakeTransformers({ languageCodes: ['arb_Arab', 'pes_Arab', 'urd_Arab', 'pbt_Arab', 'eng_Latn'] });
    const translator = onnxLocalTranslator({ modelDir, load: fake.load });
    for (const source of ['fa', 'ur', 'ps']) await translator.translate({ text: arabic, source, target: 'en' });
    expect(fake.runs.map((r) => r.options.src_lang)).toEqual(['pes_Arab', 'urd_Arab', 'pbt_Arab']);
  });

  it('passes no language options to a Marian model, and loads it only once', async () => {
    const fake = fakeTransformers();
    const translator = onnxLocalTranslator({ modelDir: '/opt/rasad-models/opus-mt-ar-en', load: fake.load });
    await translator.translate({ text: arabic, source: 'ar', target: 'en' });
    await translator.translate({ text: arabic, source: 'ar', target: 'en' });
    expect(fake.runs[0]?.options).toEqual({ max_new_tokens: 512 });
    expect(fake.loads()).toBe(1);
    expect(fake.created).toHaveLength(1);
  });

  it('refuses auto and unknown languages on a multilingual model as unsupported', async () => {
    const fake = fakeTransformers({ languageCodes: ['arb_Arab', 'eng_Latn'] });
    const translator = onnxLocalTranslator({ modelDir, load: fake.load });
    expect((await caught(translator.translate({ text: arabic, source: 'auto', target: 'en' }))).kind).toBe('unsupported');
    expect((await caught(translator.translate({ text: arabic, source: 'ps', target: 'en' }))).kind).toBe('unsupported');
    expect(fake.runs).toHaveLength(0);
  });

  it('says how to install the package when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@huggingface/transformers'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const translator = onnxLocalTranslator({ modelDir, load: () => Promise.reject(missing) });
    const error = await caught(translator.translate({ text: arabic, source: 'ar', target: 'en' }));
    expect(error.kind).toBe('config');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('npm install @huggingface/transformers@4.3.1');
    expect(error.message).toContain('RASAD_ONNX_MODEL_DIR');
  });

  it('fails with a config error through the real loader when the package or model is absent', async () => {
    const translator = onnxLocalTranslator({ modelDir: '/nonexistent/rasad-model' });
    expect((await caught(translator.translate({ text: arabic, source: 'ar', target: 'en' }))).kind).toBe('config');
  });

  it('rejects a module without pipeline/env, and a folder the pipeline cannot load, as config', async () => {
    const wrongShape = onnxLocalTranslator({ modelDir, load: () => Promise.resolve({ default: {} }) });
    expect((await caught(wrongShape.translate({ text: arabic, source: 'ar', target: 'en' }))).kind).toBe('config');
    const fake = fakeTransformers({ pipelineError: new Error('Could not locate file: "onnx/encoder_model.onnx"') });
    const badFolder = onnxLocalTranslator({ modelDir, load: fake.load });
    const error = await caught(badFolder.translate({ text: arabic, source: 'ar', target: 'en' }));
    expect(error.kind).toBe('config');
    expect(error.message).toContain('encoder_model.onnx');
  });

  it('rejects output without translation_text as bad_response', async () => {
    const fake = fakeTransformers({ output: [{ generated_text: 'x' }] });
    const translator = onnxLocalTranslator({ modelDir, load: fake.load });
    expect((await caught(translator.translate({ text: arabic, source: 'ar', target: 'en' }))).kind).toBe('bad_response');
  });
});

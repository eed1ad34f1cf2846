import type { Translator } from '../../core/translator.js';
import { deeplTranslator } from './deepl.translator.js';
import { libreTranslateTranslator } from './libretranslate.translator.js';
import { noneTranslator } from './none.translator.js';
import { onnxLocalTranslator } from './onnx-local.translator.js';
import { openAiCompatibleTranslator } from './openai-compatible.translator.js';
import type { TranslatorConfig } from './translator-config.js';

/** I/O the adapters use, replaceable in tests. */
export interface TranslatorDeps {
  fetch?: typeof fetch;
  /** Loads `@huggingface/transformers`; only ever called when onnx-local is configured. */
  loadOnnx?: () => Promise<unknown>;
}

/** The adapter for the configured engine; nothing is loaded or contacted until the first translate(). */
export function createTranslator(config: TranslatorConfig, deps: TranslatorDeps = {}): Translator {
  switch (config.engine) {
    case 'none':
      return noneTranslator;
    case 'openai-compatible':
      return openAiCompatibleTranslator({ url: config.url, model: config.model, key: config.key, timeoutMs: config.timeoutMs, fetch: deps.fetch });
    case 'libretranslate':
      return libreTranslateTranslator({ url: config.url, key: config.key, timeoutMs: config.timeoutMs, fetch: deps.fetch });
    case 'deepl':
      return deeplTranslator({ url: config.url, key: config.key, timeoutMs: config.timeoutMs, fetch: deps.fetch });
    case 'onnx-local':
      return onnxLocalTranslator({ modelDir: config.modelDir, load: deps.loadOnnx });
  }
}

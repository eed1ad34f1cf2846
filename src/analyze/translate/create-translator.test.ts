import { describe, expect, it } from 'vitest';
import { createTranslator } from './create-translator.js';
import { caught } from './mock-engine.test-support.js';

const common = { target: 'en', timeoutMs: 1000 };

describe('createTranslator', () => {
  it('refuses every call when no engine is configured', async () => {
    const translator = createTranslator({ ...common, engine: 'none' });
    expect(translator.engine).toBe('none');
    const error = await caught(translator.translate({ text: 'نص', source: 'ar', target: 'en' }));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toBe('no translation engine configured');
    expect(error.retryable).toBe(false);
  });

  it('builds each HTTP adapter with its provenance', () => {
    expect(createTranslator({ ...common, engine: 'openai-compatible', url: 'http://x', model: 'm', key: null })).toMatchObject({ engine: 'openai-compatible', model: 'm' });
    expect(createTranslator({ ...common, engine: 'libretranslate', url: 'http://x', key: null })).toMatchObject({ engine: 'libretranslate', model: null });
    expect(createTranslator({ ...common, engine: 'deepl', url: 'http://x', key: 'k' })).toMatchObject({ engine: 'deepl', model: null });
  });

  it('loads transformers.js only when onnx-local translates', async () => {
    let loads = 0;
    const loadOnnx = () => {
      loads += 1;
      return Promise.reject(new Error('not installed'));
    };
    const translator = createTranslator({ ...common, engine: 'onnx-local', modelDir: '/models/opus-mt-ar-en' }, { loadOnnx });
    expect(translator).toMatchObject({ engine: 'onnx-local', model: 'opus-mt-ar-en' });
    expect(loads).toBe(0);
    expect((await caught(translator.translate({ text: 'نص', source: 'ar', target: 'en' }))).kind).toBe('config');
    expect(loads).toBe(1);
  });
});

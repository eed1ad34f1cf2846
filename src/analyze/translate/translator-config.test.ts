import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { parseTranslatorConfig } from './translator-config.js';

function problems(env: Record<string, string>): string[] {
  try {
    parseTranslatorConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseTranslatorConfig', () => {
  it('defaults to no engine, English, 30 s', () => {
    expect(parseTranslatorConfig({ HOME: '/root' })).toEqual({ engine: 'none', target: 'en', timeoutMs: 30_000 });
  });

  it('reads an openai-compatible engine', () => {
    const config = parseTranslatorConfig({
      RASAD_TRANSLATE_ENGINE: 'openai-compatible',
      RASAD_TRANSLATE_URL: 'http://127.0.0.1:8080/v1',
      RASAD_TRANSLATE_MODEL: 'qwen2.5-7b-instruct',
      RASAD_TRANSLATE_TARGET: 'EN',
      RASAD_TRANSLATE_TIMEOUT_MS: '60000',
    });
    expect(config).toEqual({ engine: 'openai-compatible', url: 'http://127.0.0.1:8080/v1', model: 'qwen2.5-7b-instruct', key: null, target: 'en', timeoutMs: 60_000 });
  });

  it('lists every problem at once', () => {
    expect(problems({ RASAD_TRANSLATE_ENGINE: 'openai-compatible', RASAD_TRANSLATE_TIMEOUT_MS: 'soon', RASAD_TRANSLATE_TARGET: 'English' })).toEqual(
      expect.arrayContaining([
        'RASAD_TRANSLATE_URL: required for openai-compatible',
        'RASAD_TRANSLATE_MODEL: required for openai-compatible',
        expect.stringMatching(/^RASAD_TRANSLATE_TIMEOUT_MS: /),
        expect.stringMatching(/^RASAD_TRANSLATE_TARGET: /),
      ]),
    );
  });

  it.each([
    ['libretranslate', 'RASAD_TRANSLATE_URL: required for libretranslate'],
    ['deepl', 'RASAD_TRANSLATE_KEY: required for deepl'],
    ['onnx-local', 'RASAD_ONNX_MODEL_DIR: required for onnx-local'],
  ])('names what %s needs', (engine, problem) => {
    expect(problems({ RASAD_TRANSLATE_ENGINE: engine })).toEqual([problem]);
  });

  it('treats empty variables as unset', () => {
    expect(problems({ RASAD_TRANSLATE_ENGINE: 'libretranslate', RASAD_TRANSLATE_URL: '  ' })).toEqual(['RASAD_TRANSLATE_URL: required for libretranslate']);
  });

  it('rejects an unknown engine and a non-http URL together', () => {
    const found = problems({ RASAD_TRANSLATE_ENGINE: 'google', RASAD_TRANSLATE_URL: 'ftp://mt.example' });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^RASAD_TRANSLATE_ENGINE: /);
    expect(found[1]).toBe('RASAD_TRANSLATE_URL: must be an http:// or https:// URL');
  });

  it('picks the DeepL host from the key, unless a URL is given', () => {
    const free = parseTranslatorConfig({ RASAD_TRANSLATE_ENGINE: 'deepl', RASAD_TRANSLATE_KEY: 'abc:fx' });
    const pro = parseTranslatorConfig({ RASAD_TRANSLATE_ENGINE: 'deepl', RASAD_TRANSLATE_KEY: 'abc' });
    const own = parseTranslatorConfig({ RASAD_TRANSLATE_ENGINE: 'deepl', RASAD_TRANSLATE_KEY: 'abc', RASAD_TRANSLATE_URL: 'http://127.0.0.1:9000' });
    expect(free).toMatchObject({ engine: 'deepl', url: 'https://api-free.deepl.com', key: 'abc:fx' });
    expect(pro).toMatchObject({ url: 'https://api.deepl.com' });
    expect(own).toMatchObject({ url: 'http://127.0.0.1:9000' });
  });

  it('reads onnx-local and libretranslate settings', () => {
    expect(parseTranslatorConfig({ RASAD_TRANSLATE_ENGINE: 'onnx-local', RASAD_ONNX_MODEL_DIR: '/models/nllb' })).toEqual({
      engine: 'onnx-local', modelDir: '/models/nllb', target: 'en', timeoutMs: 30_000,
    });
    expect(parseTranslatorConfig({ RASAD_TRANSLATE_ENGINE: 'libretranslate', RASAD_TRANSLATE_URL: 'http://lt:5000', RASAD_TRANSLATE_KEY: 'k' })).toMatchObject({
      engine: 'libretranslate', url: 'http://lt:5000', key: 'k',
    });
  });
});

import { TranslationError, type Translation, type Translator } from '../../core/translator.js';

/** The Translator when no engine is configured: every call is refused, and callers fall back to glossary and romanization. */
export const noneTranslator: Translator = {
  engine: 'none',
  model: null,
  translate(): Promise<Translation> {
    return Promise.reject(new TranslationError('unsupported', 'no translation engine configured'));
  },
};

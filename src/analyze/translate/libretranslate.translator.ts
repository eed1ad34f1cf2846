import { z } from 'zod';
import { TranslationError, type Translation, type TranslationRequest, type Translator } from '../../core/translator.js';
import { postJson } from './http.js';

/** Where and how to reach a LibreTranslate server. */
export interface LibreTranslateOptions {
  url: string;
  key: string | null;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const answerSchema = z.object({
  translatedText: z.string(),
  detectedLanguage: z.object({ language: z.string() }).nullish(),
});

/** A Translator backed by LibreTranslate's `POST /translate`. */
export function libreTranslateTranslator(opts: LibreTranslateOptions): Translator {
  const endpoint = `${opts.url.replace(/\/+$/, '')}/translate`;
  const secrets = opts.key ? [opts.key] : [];
  return {
    engine: 'libretranslate',
    model: null,
    async translate(request: TranslationRequest, signal?: AbortSignal): Promise<Translation> {
      const body = {
        q: request.text,
        source: request.source,
        target: request.target,
        format: 'text',
        ...(opts.key ? { api_key: opts.key } : {}),
      };
      const json = await postJson(endpoint, body, { timeoutMs: opts.timeoutMs, signal, fetch: opts.fetch, secrets }).catch(refineRefusal);
      const answer = answerSchema.safeParse(json);
      if (!answer.success) throw new TranslationError('bad_response', 'LibreTranslate answer without translatedText');
      const text = answer.data.translatedText.trim();
      if (text === '') throw new TranslationError('bad_response', 'LibreTranslate returned an empty translation');
      return { text, engine: 'libretranslate', model: null, detectedSource: answer.data.detectedLanguage?.language ?? null };
    },
  };
}

// LibreTranslate answers 400 both for a language pair it has no model for and for text over its
// character limit; retrying either would never succeed, so they are not left as retryable.
function refineRefusal(error: unknown): never {
  if (error instanceof TranslationError && error.kind === 'bad_response' && error.details.status === 400 && /not supported|exceeds text limit/i.test(error.message)) {
    throw new TranslationError('unsupported', error.message, error.details);
  }
  throw error;
}

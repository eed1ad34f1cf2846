import { z } from 'zod';
import { TranslationError, type Translation, type TranslationRequest, type Translator } from '../../core/translator.js';
import { postJson } from './http.js';
import { languageName } from './language-names.js';

/** Where and how to reach DeepL (Free or Pro host). */
export interface DeepLOptions {
  url: string;
  key: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

// DeepL's generally available languages (developers.deepl.com, "Languages supported"); the source and
// target lists hold the same base codes. Anything else (Persian, Urdu and Pashto among them) is at
// best a beta language behind `enable_beta_languages`, which Rasad does not turn on: it is refused
// here, before any request, as 'unsupported' rather than sent to fail with a 400 retried for ever.
const languages = new Set([
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'he', 'hu', 'id', 'it', 'ja', 'ko',
  'lt', 'lv', 'nb', 'nl', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'sv', 'th', 'tr', 'uk', 'vi', 'zh',
]);

// Targets where DeepL wants a variant: the bare codes are deprecated.
const targetVariants: Record<string, string> = { en: 'EN-US', pt: 'PT-BR', zh: 'ZH-HANS' };

const answerSchema = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().nullish() })).min(1),
});

/** A Translator backed by DeepL's `POST /v2/translate`. */
export function deeplTranslator(opts: DeepLOptions): Translator {
  const endpoint = `${opts.url.replace(/\/+$/, '')}/v2/translate`;
  const headers = { authorization: `DeepL-Auth-Key ${opts.key}` };
  return {
    engine: 'deepl',
    model: null,
    async translate(request: TranslationRequest, signal?: AbortSignal): Promise<Translation> {
      const source = request.source.toLowerCase();
      const target = request.target.toLowerCase();
      if (source !== 'auto' && !languages.has(source)) {
        throw new TranslationError('unsupported', `DeepL does not translate from ${languageName(source)} (${source})`);
      }
      if (!languages.has(target)) {
        throw new TranslationError('unsupported', `DeepL does not translate into ${languageName(target)} (${target})`);
      }
      const body = {
        text: [request.text],
        target_lang: targetVariants[target] ?? target.toUpperCase(),
        ...(source === 'auto' ? {} : { source_lang: source.toUpperCase() }),
      };
      const json = await postJson(endpoint, body, {
        headers,
        timeoutMs: opts.timeoutMs,
        signal,
        fetch: opts.fetch,
        secrets: [opts.key],
        // 456: the account's character quota is used up; it comes back with the next billing period.
        statusKinds: { 456: 'rate_limited' },
      });
      const answer = answerSchema.safeParse(json);
      if (!answer.success) throw new TranslationError('bad_response', 'DeepL answer without translations[0].text');
      const [first] = answer.data.translations;
      const text = first?.text.trim() ?? '';
      if (text === '') throw new TranslationError('bad_response', 'DeepL returned an empty translation');
      return { text, engine: 'deepl', model: null, detectedSource: first?.detected_source_language?.toLowerCase() ?? null };
    },
  };
}

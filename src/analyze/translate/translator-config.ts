import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { translationEngines, type TranslationEngine } from '../../core/translator.js';

const deeplFreeUrl = 'https://api-free.deepl.com';
const deeplProUrl = 'https://api.deepl.com';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** Settings shared by every engine. */
interface CommonConfig {
  /** ISO 639-1 code translations are made into. */
  target: string;
  timeoutMs: number;
}

/** The translation settings of one run, one shape per engine so each adapter gets exactly what it needs. */
export type TranslatorConfig = CommonConfig &
  (
    | { engine: 'none' }
    | { engine: 'openai-compatible'; url: string; model: string; key: string | null }
    | { engine: 'libretranslate'; url: string; key: string | null }
    | { engine: 'deepl'; url: string; key: string }
    | { engine: 'onnx-local'; modelDir: string }
  );

// Which settings each engine cannot run without; checked together so every gap is reported at once.
const requiredBy: Record<TranslationEngine, Array<'RASAD_TRANSLATE_URL' | 'RASAD_TRANSLATE_MODEL' | 'RASAD_TRANSLATE_KEY' | 'RASAD_ONNX_MODEL_DIR'>> = {
  none: [],
  // No default URL: sending monitored content to a cloud service must be an explicit choice.
  'openai-compatible': ['RASAD_TRANSLATE_URL', 'RASAD_TRANSLATE_MODEL'],
  libretranslate: ['RASAD_TRANSLATE_URL'],
  deepl: ['RASAD_TRANSLATE_KEY'],
  'onnx-local': ['RASAD_ONNX_MODEL_DIR'],
};

/** The environment variables of machine translation, checked together and turned into a TranslatorConfig. */
export const translatorConfigSchema = z
  .object({
    RASAD_TRANSLATE_ENGINE: z.enum(translationEngines).default('none'),
    RASAD_TRANSLATE_URL: httpUrl.optional(),
    RASAD_TRANSLATE_MODEL: z.string().trim().min(1).optional(),
    RASAD_TRANSLATE_KEY: z.string().trim().min(1).optional(),
    RASAD_TRANSLATE_TARGET: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as en')
      .default('en'),
    RASAD_TRANSLATE_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100 ms')
      .max(600_000, 'must be at most 600000 ms (10 minutes)')
      .default(30_000),
    RASAD_ONNX_MODEL_DIR: z.string().trim().min(1).optional(),
  })
  .superRefine(
    (env, ctx) => {
      // Runs even when other fields failed, so one start lists every problem. An invalid engine
      // name matches no entry and adds nothing here: the enum already reported it.
      for (const key of requiredBy[env.RASAD_TRANSLATE_ENGINE] ?? []) {
        if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `required for ${env.RASAD_TRANSLATE_ENGINE}` });
      }
    },
    { when: () => true },
  )
  .transform((env): TranslatorConfig => {
    const common = { target: env.RASAD_TRANSLATE_TARGET, timeoutMs: env.RASAD_TRANSLATE_TIMEOUT_MS };
    const key = env.RASAD_TRANSLATE_KEY ?? null;
    switch (env.RASAD_TRANSLATE_ENGINE) {
      case 'none':
        return { ...common, engine: 'none' };
      case 'openai-compatible':
        return { ...common, engine: 'openai-compatible', url: present(env.RASAD_TRANSLATE_URL), model: present(env.RASAD_TRANSLATE_MODEL), key };
      case 'libretranslate':
        return { ...common, engine: 'libretranslate', url: present(env.RASAD_TRANSLATE_URL), key };
      case 'deepl': {
        const deeplKey = present(env.RASAD_TRANSLATE_KEY);
        // DeepL's own clients pick the host from the key: free keys end in ":fx" and are refused by
        // the Pro host, and the other way round.
        const url = env.RASAD_TRANSLATE_URL ?? (deeplKey.endsWith(':fx') ? deeplFreeUrl : deeplProUrl);
        return { ...common, engine: 'deepl', url, key: deeplKey };
      }
      case 'onnx-local':
        return { ...common, engine: 'onnx-local', modelDir: present(env.RASAD_ONNX_MODEL_DIR) };
    }
  });

/** Reads the translation settings from the environment; every problem is listed at once in a ConfigError. */
export function parseTranslatorConfig(env: Record<string, string | undefined>): TranslatorConfig {
  // An empty variable means "unset", as in the rest of Rasad's configuration.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => (k.startsWith('RASAD_TRANSLATE_') || k === 'RASAD_ONNX_MODEL_DIR') && v !== undefined && v.trim() !== ''),
  );
  const parsed = translatorConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

// The superRefine above guarantees presence before the transform runs; this only tells the compiler.
function present(value: string | undefined): string {
  if (value === undefined) throw new Error('unreachable: required setting missing after validation');
  return value;
}

import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTranslatorConfig, type TranslatorConfig } from '../analyze/translate/translator-config.js';
import { ConfigError } from '../core/errors.js';

const envSchema = z.object({
  RASAD_HOME: z.string().min(1).optional(),
  RASAD_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (unset it to use SQLite)')
    .optional(),
  RASAD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  RASAD_TELEGRAM_WEB_URL: z.url().default('https://t.me'),
  RASAD_X_API_URL: z.url().default('https://api.x.com'),
  RASAD_FETCH_ALLOW: z.string().default(''),
});

/** Settings of one run, from the environment and global flags, validated once at start. */
export interface Config {
  home: string;
  databaseUrl: string | null;
  logLevel: z.infer<typeof envSchema>['RASAD_LOG_LEVEL'];
  telegramWebUrl: string;
  xApiUrl: string;
  fetchAllow: string[];
  /** Machine translation engine settings (`none` unless RASAD_TRANSLATE_ENGINE is set). */
  translation: TranslatorConfig;
}

/** Reads the configuration; every problem is listed at once in a ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: { home?: string } = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('RASAD_') && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  let translation: TranslatorConfig | null = null;
  try {
    translation = parseTranslatorConfig(cleaned);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // Every problem in the environment is reported at once, then nothing runs.
  if (!parsed.success || !translation || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    home: path.resolve(flags.home ?? e.RASAD_HOME ?? path.join(os.homedir(), '.rasad')),
    databaseUrl: e.RASAD_DATABASE_URL ?? null,
    logLevel: e.RASAD_LOG_LEVEL,
    telegramWebUrl: e.RASAD_TELEGRAM_WEB_URL,
    xApiUrl: e.RASAD_X_API_URL,
    fetchAllow: e.RASAD_FETCH_ALLOW.split(',').map((s) => s.trim()).filter(Boolean),
    translation,
  };
}

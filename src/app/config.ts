import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseTranslatorConfig, type TranslatorConfig } from '../analyze/translate/translator-config.js';
import { ConfigError } from '../core/errors.js';
import { parseMtprotoConfig, type MtprotoConfig } from '../collect/connectors/telegram-mtproto/mtproto-config.js';

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
  RASAD_USER_AGENT: z.string().min(3).default('Rasad/0.1 (self-hosted research monitor)'),
  RASAD_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  RASAD_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  RASAD_MEDIA_MAX_BYTES: z.coerce.number().int().min(0).default(20 * 1024 * 1024),
  RASAD_HOST_INTERVAL_MS: z.coerce.number().int().min(0).default(2_000),
  RASAD_COLLECT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RASAD_TSA_URL: z.url().optional(),
  RASAD_TSA_CERT: z.string().min(1).optional(),
  RASAD_X_BEARER_TOKEN: z.string().min(1).optional(),
  RASAD_LIVENESS_CONFIRM_MS: z.coerce.number().int().min(0).default(3_600_000),
  RASAD_DISCOVERY_MAX_DEPTH: z.coerce.number().int().min(0).max(5).default(1),
  RASAD_SCREENSHOTS: z.enum(['0', '1', 'true', 'false']).default('0'),
  RASAD_CHROMIUM: z.string().min(1).default('/usr/bin/chromium'),
  RASAD_EVENT_THREADS: z.coerce.number().int().min(0).max(16).optional(),
});

/** Settings of one run, from the environment and global flags, validated once at start. */
export interface Config {
  home: string;
  databaseUrl: string | null;
  logLevel: z.infer<typeof envSchema>['RASAD_LOG_LEVEL'];
  telegramWebUrl: string;
  xApiUrl: string;
  fetchAllow: string[];
  /** Worker threads for event features in large passes (null: one less than the cores, at most 4). */
  eventThreads: number | null;
  /** Live collection and evidence settings (README "Collection settings"). */
  collect: {
    userAgent: string;
    fetchMaxBytes: number;
    fetchTimeoutMs: number;
    /** 0: media are not downloaded. */
    mediaMaxBytes: number;
    /** Least time between two requests to one host. */
    hostIntervalMs: number;
    concurrency: number;
    tsaUrl: string | null;
    /** PEM file of the authority's CA, used by `evidence verify`. */
    tsaCert: string | null;
    xBearerToken: string | null;
    /** A deletion is confirmed by a second consistent check at least this much later. */
    livenessConfirmMs: number;
    discoveryMaxDepth: number;
    /** Chromium for offline screenshots of preserved web pages; null: screenshots off. */
    screenshotChromium: string | null;
    /** The analyst's own Telegram account (MTProto); null: channels are read through the web preview. */
    telegramMtproto: MtprotoConfig | null;
  };
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
  let mtproto: MtprotoConfig | null = null;
  try {
    mtproto = parseMtprotoConfig(cleaned);
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
    eventThreads: e.RASAD_EVENT_THREADS ?? null,
    collect: {
      userAgent: e.RASAD_USER_AGENT,
      fetchMaxBytes: e.RASAD_FETCH_MAX_BYTES,
      fetchTimeoutMs: e.RASAD_FETCH_TIMEOUT_MS,
      mediaMaxBytes: e.RASAD_MEDIA_MAX_BYTES,
      hostIntervalMs: e.RASAD_HOST_INTERVAL_MS,
      concurrency: e.RASAD_COLLECT_CONCURRENCY,
      tsaUrl: e.RASAD_TSA_URL ?? null,
      tsaCert: e.RASAD_TSA_CERT ?? null,
      xBearerToken: e.RASAD_X_BEARER_TOKEN ?? null,
      livenessConfirmMs: e.RASAD_LIVENESS_CONFIRM_MS,
      discoveryMaxDepth: e.RASAD_DISCOVERY_MAX_DEPTH,
      telegramMtproto: mtproto,
      screenshotChromium: e.RASAD_SCREENSHOTS === '1' || e.RASAD_SCREENSHOTS === 'true' ? e.RASAD_CHROMIUM : null,
    },
    translation,
  };
}

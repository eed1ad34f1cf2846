import { z } from 'zod';
import { ConfigError } from '../../../core/errors.js';

/** The MTProto account settings: all three variables, or none (then Telegram is read through the web preview only). */
export interface MtprotoConfig {
  apiId: number;
  apiHash: string;
  session: string;
}

const VARS = ['RASAD_TELEGRAM_API_ID', 'RASAD_TELEGRAM_API_HASH', 'RASAD_TELEGRAM_SESSION'] as const;

// Messages are fixed text: zod must never quote the value back, because two of these are secrets.
export const mtprotoConfigSchema = z
  .object({
    RASAD_TELEGRAM_API_ID: z
      .string({ error: 'required' })
      .trim()
      .regex(/^[1-9]\d{0,9}$/, { error: 'must be the numeric api_id from my.telegram.org' })
      .transform(Number)
      .optional(),
    RASAD_TELEGRAM_API_HASH: z
      .string({ error: 'required' })
      .trim()
      .regex(/^[0-9a-f]{32}$/i, { error: 'must be the 32-character hexadecimal api_hash from my.telegram.org' })
      .optional(),
    RASAD_TELEGRAM_SESSION: z
      .string({ error: 'required' })
      .trim()
      // GramJS StringSession: version "1" followed by base64 of the DC, address, port and auth key.
      .regex(/^1[A-Za-z0-9+/=_-]{100,}$/, { error: 'must be a GramJS StringSession string (starts with 1)' })
      .optional(),
  })
  .superRefine(
    (env, ctx) => {
      const set = VARS.filter((k) => env[k] !== undefined);
      if (set.length === 0 || set.length === VARS.length) return;
      for (const k of VARS) {
        if (env[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `required when ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set (set all three or none)` });
      }
    },
    { when: () => true },
  );

/**
 * Reads the MTProto account from the environment: null when none of the three variables is set,
 * else all three validated. Every problem is listed in one ConfigError, one line each, naming
 * the variable and never its value. An empty variable counts as unset.
 */
export function parseMtprotoConfig(env: Record<string, string | undefined>): MtprotoConfig | null {
  const cleaned = Object.fromEntries(VARS.flatMap((k) => (env[k] !== undefined && env[k].trim() !== '' ? [[k, env[k]]] : [])));
  const parsed = mtprotoConfigSchema.safeParse(cleaned);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const { RASAD_TELEGRAM_API_ID: apiId, RASAD_TELEGRAM_API_HASH: apiHash, RASAD_TELEGRAM_SESSION: session } = parsed.data;
  if (apiId === undefined || apiHash === undefined || session === undefined) return null;
  return { apiId, apiHash, session };
}

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.js';
import { parseMtprotoConfig } from './mtproto-config.js';

const API_HASH = '0123456789abcdef0123456789abcdef';
const SESSION = `1BAAOMTQ5LjE1NC4xNjcuNTEAUA${'Qk'.repeat(160)}==`;

function problems(env: Record<string, string>): string[] {
  try {
    parseMtprotoConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseMtprotoConfig', () => {
  it('is null when none of the three is set (empty counts as unset)', () => {
    expect(parseMtprotoConfig({ HOME: '/root' })).toBeNull();
    expect(parseMtprotoConfig({ RASAD_TELEGRAM_API_ID: '', RASAD_TELEGRAM_SESSION: '  ' })).toBeNull();
  });

  it('reads all three', () => {
    expect(parseMtprotoConfig({ RASAD_TELEGRAM_API_ID: ' 1234567 ', RASAD_TELEGRAM_API_HASH: API_HASH, RASAD_TELEGRAM_SESSION: SESSION })).toEqual({
      apiId: 1_234_567,
      apiHash: API_HASH,
      session: SESSION,
    });
  });

  it('names the missing variable in one line', () => {
    expect(problems({ RASAD_TELEGRAM_API_ID: '1234567', RASAD_TELEGRAM_API_HASH: API_HASH })).toEqual([
      'RASAD_TELEGRAM_SESSION: required when RASAD_TELEGRAM_API_ID and RASAD_TELEGRAM_API_HASH are set (set all three or none)',
    ]);
    expect(problems({ RASAD_TELEGRAM_SESSION: SESSION })).toEqual([
      'RASAD_TELEGRAM_API_ID: required when RASAD_TELEGRAM_SESSION is set (set all three or none)',
      'RASAD_TELEGRAM_API_HASH: required when RASAD_TELEGRAM_SESSION is set (set all three or none)',
    ]);
  });

  it('rejects malformed values without echoing them', () => {
    const hash = 'not-a-hash-but-a-secret-anyway';
    const session = 'Zsecret-session-value';
    let error: unknown;
    try {
      parseMtprotoConfig({ RASAD_TELEGRAM_API_ID: 'abc', RASAD_TELEGRAM_API_HASH: hash, RASAD_TELEGRAM_SESSION: session });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems: list } = error as ConfigError;
    expect(list.map((p) => p.split(':')[0])).toEqual(['RASAD_TELEGRAM_API_ID', 'RASAD_TELEGRAM_API_HASH', 'RASAD_TELEGRAM_SESSION']);
    expect(message).not.toContain(hash);
    expect(message).not.toContain(session);
    expect(message).not.toContain('\n');
  });
});

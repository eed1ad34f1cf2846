import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/app/config.js';
import type { AppContext } from '../../src/app/context.js';
import { fixedClock } from '../../src/core/clock.js';
import { fsBlobStore } from '../../src/preserve/fs-blob-store.js';
import type { Db } from '../../src/store/database.js';

/**
 * An app context for route tests: the given database, a fixed clock, a throwaway home for
 * evidence, no pipeline and no translation engine (routes that need them fail loudly).
 */
export function routeTestContext(db: Db, now: string, name: string): AppContext {
  const home = mkdtempSync(path.join(os.tmpdir(), `rasad-${name}-routes-`));
  return {
    config: loadConfig({ RASAD_HOME: home }),
    db,
    blobs: fsBlobStore(path.join(home, 'evidence')),
    clock: fixedClock(now),
    logger: pino({ level: 'silent' }),
    pipeline: () => Promise.reject(new Error('no pipeline in route tests')),
    events: () => ({ db, clock: fixedClock(now), targetLang: 'en' }),
    translation: () => {
      throw new Error('no translation in route tests');
    },
    close: () => db.close(),
  };
}

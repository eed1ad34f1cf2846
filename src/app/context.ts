import path from 'node:path';
import pino, { type Logger } from 'pino';
import { loadPipeline, type Pipeline } from '../analyze/pipeline.js';
import { createTranslator } from '../analyze/translate/create-translator.js';
import type { TranslationDeps } from '../analyze/translation.runner.js';
import type { EventsDeps } from '../events/events.runner.js';
import { defaultFeatureThreads } from '../events/feature-pool.js';
import type { FileBlobStore } from '../core/blob-store.js';
import { type Clock, systemClock } from '../core/clock.js';
import { fsBlobStore } from '../preserve/fs-blob-store.js';
import { createMentionFinder } from '../actors/match/mention-finder.js';
import { loadRegistry, type RegistryActor } from '../store/actor.repository.js';
import { type Db, openDatabase } from '../store/database.js';
import type { Config } from './config.js';

/** Everything a command or the server needs, wired once at start (no DI framework). */
export interface AppContext {
  config: Config;
  db: Db;
  blobs: FileBlobStore;
  clock: Clock;
  logger: Logger;
  /** The analysis pipeline; models and the actor registry load on first use. */
  pipeline(): Promise<Pipeline>;
  /** What the translation runner needs: the configured engine, target language and timeout. */
  translation(): TranslationDeps;
  /** What the event clusterer needs: the database, the clock and the analysts' language. */
  events(): EventsDeps;
  close(): Promise<void>;
}

/** Opens the database (migrating it) and the evidence store under the configured home. */
export async function openContext(config: Config, opts: { clock?: Clock } = {}): Promise<AppContext> {
  const db = await openDatabase(
    config.databaseUrl ? { postgresUrl: config.databaseUrl } : { sqliteFile: path.join(config.home, 'rasad.db') },
  );
  // Logs go to stderr: stdout is reserved for command output (--json).
  const logger = pino({ level: config.logLevel, base: undefined }, pino.destination(2));
  let pipeline: Promise<Pipeline> | null = null;
  // one registry snapshot per context: the pipeline's and the translation runner's finders share its index
  let snapshot: Promise<RegistryActor[]> | null = null;
  const registry = (): Promise<RegistryActor[]> => (snapshot ??= loadRegistry(db));
  return {
    config,
    db,
    blobs: fsBlobStore(path.join(config.home, 'evidence')),
    clock: opts.clock ?? systemClock,
    logger,
    pipeline() {
      pipeline ??= registry().then((actors) => loadPipeline(actors));
      return pipeline;
    },
    translation() {
      const t = config.translation;
      return {
        db,
        translator: createTranslator(t),
        clock: opts.clock ?? systemClock,
        target: t.target,
        timeoutMs: t.timeoutMs,
        mentionFinder: () => registry().then((actors) => createMentionFinder(actors)),
      };
    },
    events() {
      return {
        db,
        clock: opts.clock ?? systemClock,
        targetLang: config.translation.target,
        featureThreads: config.eventThreads ?? defaultFeatureThreads(),
        // an author's display name counts when the whole name is one registry actor
        authorActors: () =>
          registry().then((actors) => {
            const finder = createMentionFinder(actors);
            return (name: string) => {
              const found = finder.find(name);
              const whole = found.filter((m) => m.end - m.start >= name.trim().length * 0.8);
              return [...new Set(whole.map((m) => m.actorId))];
            };
          }),
      };
    },
    close: () => db.close(),
  };
}

import type { TestProject } from 'vitest/node';
import { startPostgres } from './support/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Starts one throwaway PostgreSQL server for the whole run and stops it at the end, even on failure. */
export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await startPostgres();
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DialectName, freshDatabase } from '../../test/support/databases.js';
import type { Clock } from '../core/clock.js';
import { getCapture } from '../store/capture.repository.js';
import { custodyOfSubjects } from '../store/custody.repository.js';
import type { Db } from '../store/database.js';
import { fsBlobStore } from './fs-blob-store.js';
import { createPreserver, nextTimestampAttempt, TIMESTAMP_MAX_ATTEMPTS, type Timestamper } from './preserver.js';
import { createWarcWriter, type WarcWriter } from './warc-writer.js';

/** A clock the test moves by hand. */
function manualClock(start: string): Clock & { advance(ms: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

/** An authority that fails while `down` is set, then answers with a fake token. */
function flakyAuthority(): Timestamper & { down: boolean; asked: number } {
  const tsa = {
    down: true,
    asked: 0,
    stamp(sha256: string) {
      tsa.asked++;
      if (tsa.down) return Promise.reject(new Error('time-stamp authority: HTTP 503'));
      return Promise.resolve({ token: new TextEncoder().encode(`token:${sha256}`), genTime: '2026-11-24T09:00:00Z', tsa: 'https://tsa.test/' });
    },
  };
  return tsa;
}

describe('the retry ladder for time-stamp requests', () => {
  const now = new Date('2026-11-24T08:00:00.000Z');
  it('waits longer after each failure, then a day each time, then gives up', () => {
    expect(nextTimestampAttempt(now, 1)).toBe('2026-11-24T08:01:00.000Z');
    expect(nextTimestampAttempt(now, 2)).toBe('2026-11-24T08:05:00.000Z');
    expect(nextTimestampAttempt(now, 5)).toBe('2026-11-24T14:00:00.000Z');
    expect(nextTimestampAttempt(now, 9)).toBe('2026-11-25T08:00:00.000Z');
    expect(nextTimestampAttempt(now, TIMESTAMP_MAX_ATTEMPTS)).toBeNull();
  });
});

describe.each<DialectName>(['sqlite', 'postgres'])('time-stamp retries on %s', (dialect) => {
  let db: Db;
  let dir: string;
  let warc: WarcWriter;
  const clock = manualClock('2026-11-24T08:00:00.000Z');

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    dir = await mkdtemp(path.join(tmpdir(), 'rasad-preserver-'));
    warc = createWarcWriter({ dir, prefix: 'test', software: 'rasad/test', clock });
  });

  afterEach(async () => {
    await warc.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps a capture whose authority is down, and stamps it on a later pass once it is back', async () => {
    const tsa = flakyAuthority();
    const preserver = createPreserver({ db, blobs: fsBlobStore(path.join(dir, 'blobs')), warc, clock, timestamper: tsa, actor: 'test' });
    const id = await preserver.resource({ uri: 'mtproto://channel/1', mediaType: 'application/json', bytes: new TextEncoder().encode('{"id":1}') }, { sourceId: null, method: 'mtproto' });
    await preserver.drain();

    const failed = await getCapture(db, id);
    expect(failed?.timestampToken).toBeNull();
    expect(failed?.timestampAttempts).toBe(1);
    expect(failed?.timestampError).toMatch(/HTTP 503/);
    expect(failed?.timestampNextAt).toBe('2026-11-24T08:01:00.000Z');
    expect(preserver.stats().timestampFailures).toBe(1);

    // Not due yet: nothing is asked.
    expect(await preserver.retryTimestamps(100)).toBe(0);
    // Due, still down: one more failure, a longer wait.
    clock.advance(61_000);
    expect(await preserver.retryTimestamps(100)).toBe(1);
    await preserver.drain();
    expect((await getCapture(db, id))?.timestampAttempts).toBe(2);
    expect((await getCapture(db, id))?.timestampNextAt).toBe('2026-11-24T08:06:01.000Z');

    // Back up: the retry stamps it, clears the retry state and logs the timestamp in custody.
    tsa.down = false;
    clock.advance(300_000);
    expect(await preserver.retryTimestamps(100)).toBe(1);
    await preserver.drain();
    const stamped = await getCapture(db, id);
    expect(stamped?.timestampAt).toBe('2026-11-24T09:00:00Z');
    expect(stamped?.timestampNextAt).toBeNull();
    expect(stamped?.timestampError).toBeNull();
    const actions = (await custodyOfSubjects(db, [{ subjectType: 'capture', subjectId: id }])).map((e) => e.action);
    expect(actions).toEqual(['capture', 'timestamp']);
    expect(preserver.stats().timestampRetries).toBe(2);
    clock.advance(86_400_000);
    expect(await preserver.retryTimestamps(100)).toBe(0);
  });

  it('asks again for captures a stopped process never got an answer for', async () => {
    const tsa = flakyAuthority();
    tsa.down = false;
    // The first process stores the capture but stops before its request is answered.
    const hanging: Timestamper = { stamp: () => new Promise(() => undefined) };
    const first = createPreserver({ db, blobs: fsBlobStore(path.join(dir, 'blobs')), warc, clock, timestamper: hanging, actor: 'test' });
    const id = await first.resource({ uri: 'mtproto://channel/2', mediaType: 'application/json', bytes: new TextEncoder().encode('{"id":2}') }, { sourceId: null, method: 'mtproto' });

    const second = createPreserver({ db, blobs: fsBlobStore(path.join(dir, 'blobs')), warc, clock, timestamper: tsa, actor: 'test' });
    expect(await second.retryTimestamps(100)).toBe(1);
    await second.drain();
    expect((await getCapture(db, id))?.timestampToken).not.toBeNull();
  });

  it('never asks when no authority is configured', async () => {
    const preserver = createPreserver({ db, blobs: fsBlobStore(path.join(dir, 'blobs')), warc, clock, timestamper: null, actor: 'test' });
    const id = await preserver.resource({ uri: 'mtproto://channel/3', mediaType: 'application/json', bytes: new TextEncoder().encode('{"id":3}') }, { sourceId: null, method: 'mtproto' });
    expect((await getCapture(db, id))?.timestampNextAt).toBeNull();
    expect(await preserver.retryTimestamps(100)).toBe(0);
  });
});

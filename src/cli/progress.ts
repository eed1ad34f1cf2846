import cliProgress from 'cli-progress';
import type { Io } from './io.js';

/** A byte-based progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(io: Io, label: string): { update(done: number, total: number): void; stop(): void } {
  if (!io.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} MB | eta {eta}s`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const mb = (n: number): number => Math.round((n / 1_048_576) * 10) / 10;
  return {
    update(done, total) {
      if (total < 1_048_576) return; // small imports finish before a bar helps
      if (!started) {
        bar.start(mb(total), 0);
        started = true;
      }
      bar.update(mb(done));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

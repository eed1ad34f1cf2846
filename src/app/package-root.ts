import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of Rasad's package.json, found from this file (works from src/ under tsx and from dist/). */
export function packageRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rasad') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the rasad package root');
    dir = up;
  }
}

/** Rasad's version from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
}

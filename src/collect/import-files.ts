import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../core/errors.js';

/** A file to import and whether the user named it (explicit) or a folder walk found it. */
export interface FileToImport {
  path: string;
  explicit: boolean;
  sizeBytes: number;
}

/** Expands the paths given to `rasad import` into files, walking folders (hidden entries skipped). */
export async function expandImportPaths(paths: string[]): Promise<FileToImport[]> {
  const out: FileToImport[] = [];
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) throw new ValidationError('no such file or folder', { file: p });
    if (s.isDirectory()) await walk(p, out);
    else out.push({ path: p, explicit: true, sizeBytes: s.size });
  }
  return out;
}

async function walk(dir: string, out: FileToImport[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, out);
    else if (e.isFile()) out.push({ path: full, explicit: false, sizeBytes: (await stat(full)).size });
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import type { FileBlobStore } from '../core/blob-store.js';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

// Bytes given whole (captures of pages, API answers) are kept gzip-compressed at rest, as
// `<hash>.gz`, when that saves at least a fifth: a t.me/s page of 35 KB takes about 6 KB. The key
// and the hash stay those of the original bytes, and `get` returns them unchanged.
const COMPRESS_FROM = 2048;
const COMPRESS_GAIN = 0.8;

/**
 * Blobs as files named by their SHA-256 under `<root>/sha256/ab/cd/<hash>` (or `<hash>.gz`),
 * written to a temporary name and renamed so a crash never leaves a partial file under a real hash.
 */
export function fsBlobStore(root: string): FileBlobStore {
  const keyFor = (sha256: string): string => `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  return {
    async putFile(source) {
      // Hash while copying to a temporary file, then rename into place under the hash.
      await mkdir(path.join(root, 'tmp'), { recursive: true });
      const tmp = path.join(root, 'tmp', `${randomBytes(8).toString('hex')}.tmp`);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const input = createReadStream(source);
      input.on('data', (chunk) => {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(b);
        sizeBytes += b.byteLength;
      });
      await pipeline(input, createWriteStream(tmp, { mode: 0o444 }));
      const sha256 = hash.digest('hex');
      const storageKey = keyFor(sha256);
      const file = path.join(root, storageKey);
      const exists = await stat(file).then(
        (s) => s.size === sizeBytes,
        () => false,
      );
      if (exists) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(path.dirname(file), { recursive: true });
        await rename(tmp, file);
      }
      return { sha256, storageKey, sizeBytes };
    },
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storageKey = keyFor(sha256);
      const file = path.join(root, storageKey);
      const plain = await stat(file).then(
        (s) => s.size === bytes.byteLength,
        () => false,
      );
      const packed = plain || (await stat(`${file}.gz`).then(() => true, () => false));
      if (!plain && !packed) {
        const small = bytes.byteLength >= COMPRESS_FROM ? await gzip(bytes, { level: 4 }) : null;
        const [data, target] = small && small.byteLength < bytes.byteLength * COMPRESS_GAIN ? [small, `${file}.gz`] : [bytes, file];
        await mkdir(path.dirname(file), { recursive: true });
        const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, data, { mode: 0o444 });
        await rename(tmp, target);
      }
      return { sha256, storageKey, sizeBytes: bytes.byteLength };
    },
    async get(storageKey) {
      if (!/^sha256\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(storageKey)) {
        throw new Error(`not a blob storage key: ${storageKey}`);
      }
      const file = path.join(root, storageKey);
      try {
        return new Uint8Array(await readFile(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        return new Uint8Array(await gunzip(await readFile(`${file}.gz`)));
      }
    },
  };
}

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fsBlobStore } from './fs-blob-store.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('fsBlobStore', () => {
  it('keys bytes by their SHA-256, keeps compressible ones gzipped at rest and returns them unchanged', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rasad-blobs-'));
    const blobs = fsBlobStore(root);
    const page = new TextEncoder().encode('<div class="tgme_widget_message">synthetic post</div>\n'.repeat(400));
    const put = await blobs.put(page);
    expect(put).toEqual({ sha256: sha(page), storageKey: `sha256/${sha(page).slice(0, 2)}/${sha(page).slice(2, 4)}/${sha(page)}`, sizeBytes: page.byteLength });
    expect(existsSync(path.join(root, `${put.storageKey}.gz`))).toBe(true);
    expect(existsSync(path.join(root, put.storageKey))).toBe(false);
    expect(Buffer.from(await blobs.get(put.storageKey)).equals(Buffer.from(page))).toBe(true);
    // the same bytes again: nothing new is written
    await blobs.put(page);
    expect(readdirSync(path.dirname(path.join(root, put.storageKey)))).toEqual([`${sha(page)}.gz`]);
  });

  it('keeps small or incompressible bytes as they are', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rasad-blobs-'));
    const blobs = fsBlobStore(root);
    const small = new TextEncoder().encode('short');
    const random = new Uint8Array(createHash('sha512').update('x').digest().length * 100).map((_, i) => (i * 2654435761) >>> 24);
    for (const bytes of [small, random]) {
      const put = await blobs.put(bytes);
      expect(Buffer.from(await blobs.get(put.storageKey)).equals(Buffer.from(bytes))).toBe(true);
    }
    expect(existsSync(path.join(root, (await blobs.put(small)).storageKey))).toBe(true);
  });

  it('stores a file by streaming it and refuses keys that are not blob keys', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rasad-blobs-'));
    const blobs = fsBlobStore(root);
    const file = path.join(root, 'input.json');
    writeFileSync(file, '{"a":1}');
    const put = await blobs.putFile(file);
    expect(new TextDecoder().decode(await blobs.get(put.storageKey))).toBe('{"a":1}');
    await expect(blobs.get('../../etc/passwd')).rejects.toThrow(/not a blob storage key/);
  });
});

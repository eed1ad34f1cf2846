/** Content-addressed storage of captured bytes (filesystem now; S3-compatible later). */
export interface BlobStore {
  /** Stores bytes under their SHA-256 and returns the hash and the storage key; idempotent. */
  put(bytes: Uint8Array): Promise<{ sha256: string; storageKey: string; sizeBytes: number }>;
  /** The bytes stored under a key. */
  get(storageKey: string): Promise<Uint8Array>;
}

/** A blob store that can also take a file by streaming it (large imports keep memory flat). */
export interface FileBlobStore extends BlobStore {
  putFile(file: string): Promise<{ sha256: string; storageKey: string; sizeBytes: number }>;
}

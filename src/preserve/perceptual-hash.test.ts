import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance, lowFrequencyDct, perceptualHash } from './perceptual-hash.js';

const W = 320;
const H = 240;

/** A diagonal gradient with a dark rectangle, a bright disc, a bar, a line and noise, as RGB PNG. */
async function sceneA(): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      let r = Math.round((x / W) * 200 + 30);
      let g = Math.round((y / H) * 180 + 40);
      let b = Math.round(((x + y) / (W + H)) * 120 + 60);
      if (x > 40 && x < 140 && y > 120 && y < 210) [r, g, b] = [20, 30, 40];
      if ((x - 230) ** 2 + (y - 80) ** 2 < 45 ** 2) [r, g, b] = [250, 240, 200];
      if (x > 180 && x < 300 && y > 170 && y < 185) [r, g, b] = [90, 10, 10];
      if (Math.abs(x - 2 * y + 60) < 6 && y < 100) [r, g, b] = [0, 0, 0];
      // Fine pseudo-random texture, the kind of detail JPEG and resizing destroy.
      const noise = ((x * 73856093) ^ (y * 19349663)) % 41;
      raw[i] = Math.max(0, Math.min(255, r + noise - 20));
      raw[i + 1] = Math.max(0, Math.min(255, g + noise - 20));
      raw[i + 2] = Math.max(0, Math.min(255, b + noise - 20));
    }
  }
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

/** A different picture: horizontal bands and a dark disc on the left. */
async function sceneB(): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      let v = Math.floor(y / 30) % 2 === 0 ? 220 : 60;
      if ((x - 70) ** 2 + (y - 150) ** 2 < 55 ** 2) v = 10;
      raw[i] = v;
      raw[i + 1] = Math.max(0, v - 20);
      raw[i + 2] = Math.min(255, v + 20);
    }
  }
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

/** The orthonormal DCT-II straight from its definition, for checking the separable one. */
function naiveDct(pixels: Float64Array, u: number, v: number): number {
  const n = 32;
  const a = (k: number): number => (k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n));
  let sum = 0;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      sum += (pixels[y * n + x] ?? 0) * Math.cos(((2 * y + 1) * u * Math.PI) / (2 * n)) * Math.cos(((2 * x + 1) * v * Math.PI) / (2 * n));
    }
  }
  return a(u) * a(v) * sum;
}

describe('perceptualHash', () => {
  let original: Buffer;
  let hash: string;

  beforeAll(async () => {
    original = await sceneA();
    const result = await perceptualHash(original);
    if (!result) throw new Error('the test image did not hash');
    hash = result.phash;
  });

  it('hashes a PNG to 16 hex digits with its size and format', async () => {
    const result = await perceptualHash(original);
    expect(result).toEqual({ phash: hash, width: W, height: H, format: 'png' });
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    // Same bytes, same hash; a Uint8Array view into a larger buffer works the same.
    const padded = new Uint8Array(original.byteLength + 10);
    padded.set(original, 5);
    expect((await perceptualHash(padded.subarray(5, 5 + original.byteLength)))?.phash).toBe(hash);
  });

  it('gives a near hash for the same picture resized, re-encoded as poor JPEG, brightened', async () => {
    const variants: Record<string, Buffer> = {
      resized: await sharp(original).resize(97, 61, { fit: 'fill' }).png().toBuffer(),
      enlarged: await sharp(original).resize(800, 600).png().toBuffer(),
      jpeg: await sharp(original).jpeg({ quality: 15 }).toBuffer(),
      brightened: await sharp(original).modulate({ brightness: 1.12 }).png().toBuffer(),
      contrast: await sharp(original).linear(0.9, 20).png().toBuffer(),
      webp: await sharp(original).resize(160).webp({ quality: 30 }).toBuffer(),
      all: await sharp(original).resize(200).modulate({ brightness: 0.9 }).jpeg({ quality: 20 }).toBuffer(),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const result = await perceptualHash(bytes);
      expect(result, name).not.toBeNull();
      const distance = hammingDistance(hash, result?.phash ?? '');
      expect(distance, name).toBeLessThanOrEqual(8);
    }
    expect((await perceptualHash(variants.jpeg ?? Buffer.alloc(0)))?.format).toBe('jpeg');
    expect((await perceptualHash(variants.resized ?? Buffer.alloc(0)))?.width).toBe(97);
  });

  it('gives a far hash for a different picture', async () => {
    const other = await perceptualHash(await sceneB());
    expect(other).not.toBeNull();
    expect(hammingDistance(hash, other?.phash ?? '')).toBeGreaterThan(20);
    const mirrored = await perceptualHash(await sharp(original).flop().png().toBuffer());
    expect(hammingDistance(hash, mirrored?.phash ?? '')).toBeGreaterThan(20);
  });

  it('reads transparency as if on white and reports the displayed orientation', async () => {
    const rgba = await sharp(original).ensureAlpha().png().toBuffer();
    expect(hammingDistance(hash, (await perceptualHash(rgba))?.phash ?? '')).toBeLessThanOrEqual(8);
    // Stored rotated 90° with EXIF orientation 8 ("rotate 270 CW to display"): displays as the original.
    const stored = await sharp(original).rotate(90).jpeg({ quality: 90 }).withMetadata({ orientation: 8 }).toBuffer();
    const displayed = await perceptualHash(stored);
    expect(displayed?.width).toBe(W);
    expect(displayed?.height).toBe(H);
    expect(hammingDistance(hash, displayed?.phash ?? '')).toBeLessThanOrEqual(8);
  });

  it('hashes flat images of any shade alike (only the DC bit set)', async () => {
    for (const background of ['#000000', '#808080', '#ff8800']) {
      const flat = await sharp({ create: { width: 50, height: 30, channels: 3, background } }).png().toBuffer();
      const result = await perceptualHash(flat);
      expect(result?.phash, background).toBe(background === '#000000' ? '0000000000000000' : '8000000000000000');
    }
  });

  it('returns null for bytes that are not a decodable image', async () => {
    expect(await perceptualHash(new Uint8Array(0))).toBeNull();
    expect(await perceptualHash(new TextEncoder().encode('<html><body>not an image</body></html>'))).toBeNull();
    expect(await perceptualHash(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))).toBeNull();
  });

  it('returns null for a truncated PNG and a truncated JPEG', async () => {
    expect(await perceptualHash(original.subarray(0, Math.floor(original.byteLength / 2)))).toBeNull();
    expect(await perceptualHash(original.subarray(0, 40))).toBeNull();
    const jpeg = await sharp(original).jpeg().toBuffer();
    expect(await perceptualHash(jpeg.subarray(0, Math.floor(jpeg.byteLength / 2)))).toBeNull();
  });
});

describe('lowFrequencyDct', () => {
  it('matches the DCT-II definition', () => {
    const pixels = Float64Array.from({ length: 1024 }, (_, i) => (i * 37 + ((i * i) % 101)) % 256);
    const dct = lowFrequencyDct(pixels);
    for (const [u, v] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [3, 5],
      [7, 7],
      [6, 2],
    ] as const) {
      expect(dct[u * 8 + v]).toBeCloseTo(naiveDct(pixels, u, v), 8);
    }
  });

  it('puts a flat image entirely in the DC term', () => {
    const dct = lowFrequencyDct(new Float64Array(1024).fill(100));
    expect(dct[0]).toBeCloseTo(100 * 32, 8);
    for (let i = 1; i < 64; i++) expect(Math.abs(dct[i] ?? 0)).toBeLessThan(1e-9);
  });

  it('rejects a wrong size', () => {
    expect(() => lowFrequencyDct(new Float64Array(10))).toThrow();
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ABCDEF0123456789', 'abcdef0123456789')).toBe(0);
    expect(hammingDistance('f0f0f0f0f0f0f0f0', '0f0f0f0f0f0f0f0f')).toBe(64);
  });

  it('throws on malformed hashes', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow();
    expect(() => hammingDistance('zzzzzzzzzzzzzzzz', '0000000000000000')).toThrow();
  });
});

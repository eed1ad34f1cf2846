/**
 * Perceptual hash (pHash) of an image, so the same picture re-posted resized, re-compressed or
 * slightly edited can be found again by Hamming distance, where its SHA-256 would differ.
 *
 * Algorithm (the DCT pHash of Zauner 2010 / pHash.org, in the common 64-bit "imagehash" layout):
 * 1. Decode with sharp (first frame of an animation), apply the EXIF orientation, flatten any alpha
 *    onto white, convert to greyscale and resize to 32×32 ignoring the aspect ratio. A picture is
 *    thereby reduced to its coarse luminance structure; size, aspect and colour stop mattering.
 * 2. Take the orthonormal 2-D DCT-II of those 32×32 luminance values:
 *      F(u,v) = α(u) α(v) Σ_y Σ_x f(x,y) cos((2y+1)uπ/64) cos((2x+1)vπ/64),
 *      α(0) = √(1/32), α(k>0) = √(2/32),
 *    computed separably (rows, then columns) from a precomputed 8×32 cosine table, and only for the
 *    8×8 lowest frequencies u,v ∈ 0..7, which are all the hash uses.
 * 3. The median is taken over those 64 coefficients EXCEPT the DC term F(0,0) (the mean
 *    brightness, far larger than the rest, would skew it). Each of the 64 coefficients, in row-major
 *    order (u, then v; F(0,0) first) gives one bit, 1 when it is greater than the median; the first
 *    coefficient is the most significant bit of the 16 hex digits.
 *
 * Brightness or contrast changes shift/scale the AC coefficients together and barely move the
 * bits; JPEG artefacts and resampling live in the high frequencies that are thrown away. Two hashes
 * of the same picture typically differ by ≤ 8 bits; unrelated pictures by about 32.
 */
import sharp from 'sharp';

export interface PerceptualHash {
  /** 64-bit DCT pHash as 16 lower-case hex digits. */
  phash: string;
  /** Displayed size (after EXIF orientation) of the decoded image. */
  width: number;
  height: number;
  /** Decoder that read it: jpeg, png, webp, gif, … */
  format: string;
}

const SIZE = 32;
const LOW = 8;

/** COS[u * SIZE + x] = α(u) cos((2x+1)uπ / 2·SIZE) for u < LOW. */
const COS: Float64Array = (() => {
  const table = new Float64Array(LOW * SIZE);
  for (let u = 0; u < LOW; u++) {
    const alpha = u === 0 ? Math.sqrt(1 / SIZE) : Math.sqrt(2 / SIZE);
    for (let x = 0; x < SIZE; x++) table[u * SIZE + x] = alpha * Math.cos(((2 * x + 1) * u * Math.PI) / (2 * SIZE));
  }
  return table;
})();

/** The 8×8 lowest-frequency coefficients of the 2-D DCT-II of a 32×32 image, row-major. */
export function lowFrequencyDct(pixels: Float64Array): Float64Array {
  if (pixels.length !== SIZE * SIZE) throw new Error(`lowFrequencyDct needs ${SIZE * SIZE} values, got ${pixels.length}`);
  // Rows first: rows[y * LOW + v] = Σ_x COS[v][x] · f(x, y).
  const rows = new Float64Array(SIZE * LOW);
  for (let y = 0; y < SIZE; y++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let x = 0; x < SIZE; x++) sum += (COS[v * SIZE + x] ?? 0) * (pixels[y * SIZE + x] ?? 0);
      rows[y * LOW + v] = sum;
    }
  }
  // Then columns: out[u * LOW + v] = Σ_y COS[u][y] · rows[y][v].
  const out = new Float64Array(LOW * LOW);
  for (let u = 0; u < LOW; u++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let y = 0; y < SIZE; y++) sum += (COS[u * SIZE + y] ?? 0) * (rows[y * LOW + v] ?? 0);
      out[u * LOW + v] = sum;
    }
  }
  return out;
}

/** 64 coefficients (DC first) → 16 hex digits, bit = coefficient > median of the 63 AC ones. */
function bitsToHex(dct: Float64Array): string {
  // Rounding noise (|c| ~ 1e-13 on a flat image) is zeroed, so flat images hash alike, not at random.
  const coefficients = dct.map((c) => (Math.abs(c) < 1e-6 ? 0 : c));
  const ac = Array.from(coefficients.subarray(1)).sort((a, b) => a - b);
  const median = ac[(ac.length - 1) / 2] ?? 0; // 63 values: the 32nd is the median
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | ((coefficients[nibble * 4 + bit] ?? 0) > median ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/**
 * pHash, displayed size and format of an image; null (never a throw) when the bytes are not an
 * image sharp can decode completely (unknown format, truncated or corrupt data, over sharp's pixel
 * limit).
 */
export async function perceptualHash(bytes: Uint8Array): Promise<PerceptualHash | null> {
  try {
    const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const options = { failOn: 'warning', limitInputPixels: true } as const;
    const metadata = await sharp(input, options).metadata();
    const { data, info } = await sharp(input, options)
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(SIZE, SIZE, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== SIZE || info.height !== SIZE || info.channels < 1) return null;
    const pixels = new Float64Array(SIZE * SIZE);
    for (let i = 0; i < pixels.length; i++) pixels[i] = data[i * info.channels] ?? 0;
    return {
      phash: bitsToHex(lowFrequencyDct(pixels)),
      width: metadata.autoOrient?.width ?? metadata.width,
      height: metadata.autoOrient?.height ?? metadata.height,
      format: metadata.format,
    };
  } catch {
    return null;
  }
}

/** Number of differing bits between two 16-hex-digit hashes; throws on malformed input. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) {
    throw new Error(`hammingDistance needs two 16-hex-digit hashes, got "${a}" and "${b}"`);
  }
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i] ?? '0', 16) ^ parseInt(b[i] ?? '0', 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

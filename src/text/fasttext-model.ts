/**
 * Inference for supervised fastText models (.bin and quantized .ftz, format version 12) in
 * TypeScript, read from the model file's bytes. It computes what fastText's own `predict` does
 * (tokens split on white space, the end-of-line token, character n-grams hashed with FNV-1a
 * into the model's buckets, the pruned-bucket table of quantized models, the averaged hidden
 * vector, and a hierarchical-softmax or softmax output) without a WebAssembly round trip per
 * call: on lid.176 this is several times faster than the wasm build, with the same answers
 * (fasttext-model.test.ts compares the two).
 */

/** One answer: a model label (`__label__en`) and its probability. */
export interface FastTextPrediction {
  label: string;
  p: number;
}

export interface FastTextModel {
  readonly labels: readonly string[];
  readonly dim: number;
  /** The k most probable labels, best first, leaving out those below `threshold`. */
  predict(text: string, k: number, threshold?: number): FastTextPrediction[];
}

const MAGIC = 793712314;
const VERSION = 12;
const SUPERVISED = 3;
const LOSS_HS = 1;
const LOSS_SOFTMAX = 3;
const EOS = '</s>';
const KSUB = 256;
const BOW = 0x3c; // '<'
const EOW = 0x3e; // '>'

/** Thrown for a file that is not a supervised fastText model this reader understands. */
export class FastTextFormatError extends Error {
  override name = 'FastTextFormatError';
}

/** A matrix as dense rows of float32 (quantized matrices are expanded when read). */
interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

/** Little-endian reader over the model bytes, with the offset in every error. */
class Reader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number, what: string): number {
    if (this.offset + n > this.bytes.length) throw new FastTextFormatError(`model file ends early at byte ${this.offset} (reading ${what})`);
    const at = this.offset;
    this.offset += n;
    return at;
  }

  i32(what: string): number {
    return this.view.getInt32(this.need(4, what), true);
  }

  i64(what: string): number {
    const v = this.view.getBigInt64(this.need(8, what), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new FastTextFormatError(`${what} out of range at byte ${this.offset - 8}`);
    return Number(v);
  }

  f64(what: string): number {
    return this.view.getFloat64(this.need(8, what), true);
  }

  u8(what: string): number {
    return this.bytes[this.need(1, what)] ?? 0;
  }

  /** A NUL-terminated byte string. */
  cString(what: string): Uint8Array {
    const end = this.bytes.indexOf(0, this.offset);
    if (end < 0) throw new FastTextFormatError(`unterminated ${what} at byte ${this.offset}`);
    const s = this.bytes.subarray(this.offset, end);
    this.offset = end + 1;
    return s;
  }

  /** `n` bytes (a view, not a copy). */
  raw(n: number, what: string): Uint8Array {
    const at = this.need(n, what);
    return this.bytes.subarray(at, at + n);
  }

  /** `n` little-endian float32 values (copied, so they are aligned). */
  floats(n: number, what: string): Float32Array {
    const at = this.need(4 * n, what);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.view.getFloat32(at + 4 * i, true);
    return out;
  }

  get atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}

interface Args {
  dim: number;
  wordNgrams: number;
  loss: number;
  model: number;
  bucket: number;
  minn: number;
  maxn: number;
}

function readArgs(r: Reader): Args {
  const dim = r.i32('dim');
  r.i32('ws');
  r.i32('epoch');
  r.i32('minCount');
  r.i32('neg');
  const wordNgrams = r.i32('wordNgrams');
  const loss = r.i32('loss');
  const model = r.i32('model');
  const bucket = r.i32('bucket');
  const minn = r.i32('minn');
  const maxn = r.i32('maxn');
  r.i32('lrUpdateRate');
  r.f64('t');
  return { dim, wordNgrams, loss, model, bucket, minn, maxn };
}

/** FNV-1a over bytes as fastText computes it: each byte sign-extended from int8 first. */
function fnvStep(h: number, byte: number): number {
  return Math.imul((h ^ (byte >= 0x80 ? byte | 0xffffff00 : byte)) >>> 0, 16777619) >>> 0;
}
const FNV_OFFSET = 2166136261;

interface Dictionary {
  nwords: number;
  labels: string[];
  labelCounts: number[];
  words: WordTable;
  /**
   * For a pruned (quantized) model, the input row of each bucket kept; null when the model is
   * not pruned (bucket b is row nwords + b).
   */
  bucketRows: BucketTable | null;
}

/**
 * The kept buckets of a pruned model → their rows: open addressing over (bucket, row) pairs,
 * small enough to stay in cache (lid.176: 42,765 buckets in 512 KB) where a flat array over all
 * 2,000,000 buckets (8 MB) misses it on most n-grams.
 */
interface BucketTable {
  mask: number;
  /** bucket + 1, row per slot (0: empty). */
  slots: Int32Array;
}

function bucketTable(pairs: Int32Array): BucketTable {
  let size = 16;
  while (size * 3 < pairs.length * 2) size *= 2; // load ≤ 3/4
  const table: BucketTable = { mask: size - 1, slots: new Int32Array(2 * size) };
  for (let i = 0; i < pairs.length; i += 2) {
    const bucket = pairs[i] ?? 0;
    let slot = mixBucket(bucket) & table.mask;
    while (table.slots[2 * slot] !== 0) slot = (slot + 1) & table.mask;
    table.slots[2 * slot] = bucket + 1;
    table.slots[2 * slot + 1] = pairs[i + 1] ?? 0;
  }
  return table;
}

/** Spreads bucket numbers over the table (they are FNV remainders already; this breaks runs). */
function mixBucket(b: number): number {
  const h = Math.imul(b ^ (b >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** The row of a bucket, −1 when pruning dropped it. */
function bucketRow(table: BucketTable, bucket: number): number {
  const { mask, slots } = table;
  for (let slot = mixBucket(bucket) & mask; ; slot = (slot + 1) & mask) {
    const key = slots[2 * slot] ?? 0;
    if (key === 0) return -1;
    if (key === bucket + 1) return slots[2 * slot + 1] ?? -1;
  }
}

/** Open-addressing table of the dictionary's words by FNV hash, compared byte for byte. */
interface WordTable {
  mask: number;
  /** Word id + 1 per slot (0: empty). */
  slots: Int32Array;
  hashes: Uint32Array;
  bytes: Uint8Array[];
}

function wordTable(words: Uint8Array[]): WordTable {
  let size = 16;
  while (size < words.length * 4) size *= 2;
  const table: WordTable = { mask: size - 1, slots: new Int32Array(size), hashes: new Uint32Array(words.length), bytes: words };
  words.forEach((w, id) => {
    let h = FNV_OFFSET;
    for (const b of w) h = fnvStep(h, b);
    table.hashes[id] = h;
    let slot = h & table.mask;
    while (table.slots[slot] !== 0) slot = (slot + 1) & table.mask;
    table.slots[slot] = id + 1;
  });
  return table;
}

function readDictionary(r: Reader, bucket: number): Dictionary {
  const size = r.i32('dictionary size');
  const nwords = r.i32('word count');
  const nlabels = r.i32('label count');
  r.i64('token count');
  const pruneSize = r.i64('pruned bucket count');
  if (size < 0 || nwords < 0 || nlabels <= 0 || size !== nwords + nlabels) throw new FastTextFormatError(`bad dictionary sizes (${size} entries, ${nwords} words, ${nlabels} labels)`);
  const decoder = new TextDecoder();
  const words: Uint8Array[] = [];
  const labels: string[] = [];
  const labelCounts: number[] = [];
  for (let i = 0; i < size; i++) {
    const bytes = r.cString('dictionary entry');
    const count = r.i64('entry count');
    if (r.u8('entry type') === 0) {
      words.push(bytes);
    } else {
      labels.push(decoder.decode(bytes));
      labelCounts.push(count);
    }
  }
  if (words.length !== nwords) throw new FastTextFormatError(`dictionary lists ${words.length} words, header says ${nwords}`);
  let bucketRows: BucketTable | null = null;
  if (pruneSize >= 0) {
    const pairs = new Int32Array(2 * pruneSize);
    for (let i = 0; i < pruneSize; i++) {
      pairs[2 * i] = r.i32('pruned bucket');
      pairs[2 * i + 1] = nwords + r.i32('pruned row');
      if ((pairs[2 * i] ?? -1) < 0 || (pairs[2 * i] ?? 0) >= bucket) throw new FastTextFormatError(`pruned bucket ${pairs[2 * i]} outside 0–${bucket - 1}`);
    }
    bucketRows = bucketTable(pairs);
  }
  return { nwords, labels, labelCounts, words: wordTable(words), bucketRows };
}

function readDense(r: Reader): Matrix {
  const rows = r.i64('matrix rows');
  const cols = r.i64('matrix columns');
  return { rows, cols, data: r.floats(rows * cols, 'matrix data') };
}

interface Quantizer {
  nsubq: number;
  dsub: number;
  lastdsub: number;
  centroids: Float32Array;
}

function readQuantizer(r: Reader, dim: number): Quantizer {
  const qdim = r.i32('quantizer dim');
  const nsubq = r.i32('quantizer subquantizers');
  const dsub = r.i32('quantizer dsub');
  const lastdsub = r.i32('quantizer lastdsub');
  if (qdim !== dim || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || (nsubq - 1) * dsub + lastdsub !== dim) {
    throw new FastTextFormatError(`bad product quantizer (dim ${qdim}, ${nsubq} × ${dsub}, last ${lastdsub})`);
  }
  return { nsubq, dsub, lastdsub, centroids: r.floats(qdim * KSUB, 'quantizer centroids') };
}

/** Offset of centroid `code` of subquantizer `m` (the last one may be narrower). */
function centroidAt(q: Quantizer, m: number, code: number): number {
  return m === q.nsubq - 1 ? m * KSUB * q.dsub + code * q.lastdsub : (m * KSUB + code) * q.dsub;
}

/**
 * A product-quantized matrix expanded to float32 rows: each row is its subquantizers' centroids
 * times its quantized norm, the float32 products fastText adds (so sums come out the same), once
 * at load instead of on every use (lid.176: 50,000 rows × 16, 3.2 MB).
 */
function readQuantized(r: Reader): Matrix {
  const withNorms = r.u8('quantized norm flag') !== 0;
  const rows = r.i64('matrix rows');
  const cols = r.i64('matrix columns');
  const codeSize = r.i32('code size');
  const codes = r.raw(codeSize, 'codes');
  const pq = readQuantizer(r, cols);
  if (codeSize !== rows * pq.nsubq) throw new FastTextFormatError(`quantized matrix has ${codeSize} codes for ${rows} rows of ${pq.nsubq}`);
  const normCodes = withNorms ? r.raw(rows, 'norm codes') : null;
  const normQ = withNorms ? readQuantizer(r, 1) : null;
  const { nsubq, dsub, lastdsub, centroids } = pq;
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const norm = normCodes && normQ ? (normQ.centroids[normCodes[i] ?? 0] ?? 0) : 1;
    for (let m = 0; m < nsubq; m++) {
      const c = centroidAt(pq, m, codes[i * nsubq + m] ?? 0);
      const d = m === nsubq - 1 ? lastdsub : dsub;
      for (let n = 0; n < d; n++) data[i * cols + m * dsub + n] = Math.fround(norm * (centroids[c + n] ?? 0));
    }
  }
  return { rows, cols, data };
}

function readMatrix(r: Reader, quantized: boolean): Matrix {
  return quantized ? readQuantized(r) : readDense(r);
}

/** Children of each node of the label tree (leaves are the labels, −1: none). */
interface Tree {
  left: Int32Array;
  right: Int32Array;
}

/** A search in progress: how many leaves to keep, the lowest score allowed, the best so far. */
interface TreeSearch {
  want: number;
  floor: number;
  best: Array<[number, number]>;
}

function worstIndex(best: Array<[number, number]>): number {
  let at = 0;
  for (let i = 1; i < best.length; i++) if ((best[i]?.[0] ?? 0) < (best[at]?.[0] ?? 0)) at = i;
  return at;
}

function worstScore(best: Array<[number, number]>): number {
  return best[worstIndex(best)]?.[0] ?? -Infinity;
}

/** The Huffman tree fastText builds over label counts (labels sorted by count, most frequent first). */
function huffmanTree(counts: number[]): Tree {
  const n = counts.length;
  const size = 2 * n - 1;
  const left = new Int32Array(size).fill(-1);
  const right = new Int32Array(size).fill(-1);
  const count = new Float64Array(size).fill(1e15);
  for (let i = 0; i < n; i++) count[i] = counts[i] ?? 0;
  let leaf = n - 1;
  let node = n;
  for (let i = n; i < size; i++) {
    const pick = (): number => ((leaf >= 0 && (count[leaf] ?? 0) < (count[node] ?? 0)) ? leaf-- : node++);
    const a = pick();
    const b = pick();
    left[i] = a;
    right[i] = b;
    count[i] = (count[a] ?? 0) + (count[b] ?? 0);
  }
  return { left, right };
}

/** fastText's log with its small offset, so log(0) is finite. */
function stdLog(x: number): number {
  return Math.log(x + 1e-5);
}

/** Reads a supervised fastText model (.bin or .ftz) from its bytes. */
export function readFastTextModel(bytes: Uint8Array): FastTextModel {
  const r = new Reader(bytes);
  if (r.i32('magic') !== MAGIC) throw new FastTextFormatError('not a fastText model (bad magic number)');
  const version = r.i32('version');
  if (version !== VERSION) throw new FastTextFormatError(`fastText model version ${version} is not supported (only ${VERSION})`);
  const args = readArgs(r);
  if (args.model !== SUPERVISED) throw new FastTextFormatError('not a supervised (classification) model');
  if (args.loss !== LOSS_HS && args.loss !== LOSS_SOFTMAX) throw new FastTextFormatError(`loss ${args.loss} is not supported (hierarchical softmax or softmax only)`);
  const dict = readDictionary(r, args.bucket);
  const input = readMatrix(r, r.u8('input quantization flag') !== 0);
  const output = readMatrix(r, r.u8('output quantization flag') !== 0);
  if (!r.atEnd) throw new FastTextFormatError('unexpected bytes after the output matrix');
  if (input.cols !== args.dim || output.cols !== args.dim || output.rows !== dict.labels.length) {
    throw new FastTextFormatError(`matrix shapes do not fit the model (dim ${args.dim}, ${dict.labels.length} labels)`);
  }
  return new Predictor(args, dict, input, output);
}

/** Reusable buffers for one model: predict allocates only its answer. */
class Predictor implements FastTextModel {
  readonly labels: readonly string[];
  readonly dim: number;
  private readonly encoder = new TextEncoder();
  private text = new Uint8Array(1024);
  private word = new Uint8Array(256);
  private count = 0;
  private readonly hidden: Float32Array;
  private readonly eos: number;
  private readonly tree: Tree | null;

  constructor(
    private readonly args: Args,
    private readonly dict: Dictionary,
    private readonly input: Matrix,
    private readonly output: Matrix,
  ) {
    this.labels = dict.labels;
    this.dim = args.dim;
    this.hidden = new Float32Array(args.dim);
    this.eos = this.wordId(new TextEncoder().encode(EOS), 0, EOS.length);
    this.tree = args.loss === LOSS_HS ? huffmanTree(dict.labelCounts) : null;
  }

  predict(text: string, k: number, threshold = 0): FastTextPrediction[] {
    if (this.text.length < text.length * 3) this.text = new Uint8Array(text.length * 3 + 16);
    const len = this.encoder.encodeInto(text, this.text).written;
    this.hidden.fill(0);
    this.count = 0;
    this.tokens(len);
    if (this.count === 0) return [];
    this.average();
    const best = this.tree ? this.searchTree(this.tree, k, threshold) : this.softmax(k, threshold);
    return best.map(([score, label]) => ({ label: this.dict.labels[label] ?? '', p: Math.exp(score) }));
  }

  /**
   * Reads one line as fastText does: words split on white space, each adding its own row (when
   * in the dictionary) and its n-grams' rows, until the end-of-line token (the first newline,
   * the end of the text, or a literal `</s>`), which adds its row and ends the line.
   */
  private tokens(len: number): void {
    const t = this.text;
    let start = -1;
    for (let i = 0; i <= len; i++) {
      const c = i < len ? (t[i] ?? 0) : 0x0a;
      const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x00;
      if (!space) {
        if (start < 0) start = i;
        continue;
      }
      if (start >= 0 && this.addWord(start, i) === 'end') return;
      start = -1;
      if (c === 0x0a) break;
    }
    if (this.eos >= 0) this.addInputRow(this.eos);
  }

  /** Adds a word's rows; 'end' when the word is the end-of-line token itself. */
  private addWord(start: number, end: number): 'end' | 'more' {
    const id = this.wordId(this.text, start, end);
    if (id >= 0) this.addInputRow(id);
    if (id >= 0 && id === this.eos) return 'end';
    // Unknown tokens with the label prefix are labels: fastText leaves them out of the input.
    if (id < 0 && this.isLabel(start, end)) return 'more';
    this.addSubwords(start, end);
    return 'more';
  }

  private isLabel(start: number, end: number): boolean {
    const prefix = '__label__';
    if (end - start < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (this.text[start + i] !== prefix.charCodeAt(i)) return false;
    return true;
  }

  /** The dictionary id of the bytes [start, end) of `bytes`, or −1. */
  private wordId(bytes: Uint8Array, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = fnvStep(h, bytes[i] ?? 0);
    const { mask, slots, hashes, bytes: words } = this.dict.words;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = (slots[slot] ?? 0) - 1;
      if (id < 0) return -1;
      if (hashes[id] !== h) continue;
      const w = words[id];
      if (!w || w.length !== end - start) continue;
      let same = true;
      for (let i = 0; i < w.length && same; i++) same = w[i] === bytes[start + i];
      if (same) return id;
    }
  }

  /** Character n-grams (minn–maxn characters of "<word>", whole UTF-8 characters) into buckets. */
  private addSubwords(start: number, end: number): void {
    const { minn, maxn, bucket } = this.args;
    if (maxn <= 0) return;
    const n = end - start + 2;
    if (this.word.length < n) this.word = new Uint8Array(n * 2);
    const w = this.word;
    w[0] = BOW;
    for (let i = start; i < end; i++) w[i - start + 1] = this.text[i] ?? 0;
    w[n - 1] = EOW;
    for (let i = 0; i < n; i++) {
      if (((w[i] ?? 0) & 0xc0) === 0x80) continue;
      let h = FNV_OFFSET;
      let j = i;
      for (let chars = 1; j < n && chars <= maxn; chars++) {
        h = fnvStep(h, w[j++] ?? 0);
        while (j < n && ((w[j] ?? 0) & 0xc0) === 0x80) h = fnvStep(h, w[j++] ?? 0);
        if (chars >= minn && !(chars === 1 && (i === 0 || j === n))) this.addBucket(h - Math.floor(h / bucket) * bucket);
      }
    }
  }

  private addBucket(b: number): void {
    const rows = this.dict.bucketRows;
    const row = rows === null ? this.dict.nwords + b : bucketRow(rows, b);
    if (row >= 0) this.addInputRow(row);
  }

  /** Adds an input row to the hidden sum (in float32, in fastText's order). */
  private addInputRow(row: number): void {
    const h = this.hidden;
    const data = this.input.data;
    const dim = h.length;
    const base = row * dim;
    for (let j = 0; j < dim; j++) h[j] = (h[j] ?? 0) + (data[base + j] ?? 0);
    this.count++;
  }

  /** The hidden vector: the average of the rows added. */
  private average(): void {
    const h = this.hidden;
    const scale = Math.fround(1 / this.count);
    for (let j = 0; j < h.length; j++) h[j] = (h[j] ?? 0) * scale;
  }

  /** Dot product of the hidden vector with output row i. */
  private dotOutput(i: number): number {
    const h = this.hidden;
    const data = this.output.data;
    const base = i * h.length;
    let d = 0;
    for (let j = 0; j < h.length; j++) d += (data[base + j] ?? 0) * (h[j] ?? 0);
    return d;
  }

  /** fastText's depth-first search of the label tree, keeping the k best leaves (log scores). */
  private searchTree(tree: Tree, k: number, threshold: number): Array<[number, number]> {
    const leaves = this.dict.labels.length;
    const best: Array<[number, number]> = [];
    this.visit(tree, 2 * leaves - 2, 0, { want: Math.min(k, leaves), floor: stdLog(threshold), best });
    return best.sort((a, b) => b[0] - a[0]);
  }

  private visit(tree: Tree, node: number, score: number, search: TreeSearch): void {
    const { want, floor, best } = search;
    if (score < floor) return;
    if (best.length === want && score < worstScore(best)) return;
    const left = tree.left[node] ?? -1;
    if (left === -1) {
      best.push([score, node]);
      if (best.length > want) best.splice(worstIndex(best), 1);
      return;
    }
    const f = 1 / (1 + Math.exp(-this.dotOutput(node - this.dict.labels.length)));
    const right = tree.right[node] ?? -1;
    // The likelier branch first: its leaves fill the k best early, so more of the other branch
    // is cut off. The k best found are the same in either order.
    if (f > 0.5) {
      this.visit(tree, right, score + stdLog(f), search);
      this.visit(tree, left, score + stdLog(1 - f), search);
    } else {
      this.visit(tree, left, score + stdLog(1 - f), search);
      this.visit(tree, right, score + stdLog(f), search);
    }
  }

  /** Softmax over every label, the k best above the threshold (log scores). */
  private softmax(k: number, threshold: number): Array<[number, number]> {
    const n = this.dict.labels.length;
    const logits = new Float64Array(n);
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      logits[i] = this.dotOutput(i);
      max = Math.max(max, logits[i] ?? 0);
    }
    let z = 0;
    for (let i = 0; i < n; i++) z += Math.exp((logits[i] ?? 0) - max);
    const floor = stdLog(threshold);
    const all: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const score = stdLog(Math.exp((logits[i] ?? 0) - max) / z);
      if (score >= floor) all.push([score, i]);
    }
    return all.sort((a, b) => b[0] - a[0]).slice(0, k);
  }
}

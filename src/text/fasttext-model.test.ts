import { readFileSync } from 'node:fs';
import * as fasttext from 'fasttext.wasm.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { lid176Path } from './fasttext-lid.js';
import { FastTextFormatError, readFastTextModel, type FastTextModel } from './fasttext-model.js';

/** The package's WebAssembly build of fastText, the reference our inference must agree with. */
interface WasmModel {
  predict(text: string, k: number, threshold: number): { size(): number; get(i: number): [number, string]; delete(): void };
}

const wasmLid = fasttext as unknown as { getLIDModel(): Promise<{ load(): Promise<WasmModel> }> };

function wasmPredict(model: WasmModel, text: string, k: number): Array<{ label: string; p: number }> {
  const v = model.predict(text, k, 0);
  try {
    return Array.from({ length: v.size() }, (_, i) => {
      const [p, label] = v.get(i);
      return { label, p };
    });
  } finally {
    v.delete();
  }
}

// Synthetic lines in several scripts and lengths, with the inputs fastText treats specially.
const TEXTS = [
  'The committee will publish its annual report on regional security next week.',
  'La réunion du conseil municipal a été reportée à cause de la grève.',
  'Die Regierung hat gestern neue Regeln für den Bahnverkehr vorgestellt.',
  'Правительство объявило о новых мерах поддержки для фермеров.',
  'أعلنت الوزارة عن خطة جديدة لتحسين شبكة الطرق في المحافظات الجنوبية',
  'وزارت آموزش برنامه تازه‌ای برای مدرسه‌های روستایی اعلام کرد',
  'حکومت نے نئے تعلیمی سال کے لیے کتابوں کی قیمتوں میں کمی کا اعلان کیا ہے',
  'د ښار په مرکز کې نوی روغتون پرانیستل شو',
  'הוועדה תפרסם את הדוח השנתי שלה בשבוע הבא',
  'Bakanlık yeni ulaşım planını bugün açıkladı.',
  'ok',
  'x',
  '',
  '   ',
  'first line in english\nsegunda línea en español',
  '__label__fr bonjour à tous',
  'two words',
  'خبر عاجل',
  'emoji 😀 and digits 2026',
];

describe('fastText inference', () => {
  let ours: FastTextModel;
  let wasm: WasmModel;

  beforeAll(async () => {
    ours = readFastTextModel(readFileSync(lid176Path()));
    wasm = await (await wasmLid.getLIDModel()).load();
  });

  it('reads lid.176: 176 labels of 16 dimensions', () => {
    expect(ours.labels).toHaveLength(176);
    expect(ours.dim).toBe(16);
    expect(ours.labels[0]).toBe('__label__en');
  });

  it('gives the same labels and probabilities as fastText’s WebAssembly build', () => {
    for (const text of TEXTS) {
      const expected = wasmPredict(wasm, text, 5).filter((x) => x.p > 1e-3);
      const got = ours.predict(text, 5).filter((x) => x.p > 1e-3);
      expect(got.map((x) => x.label), text).toEqual(expected.map((x) => x.label));
      got.forEach((x, i) => expect(x.p, text).toBeCloseTo(expected[i]?.p ?? -1, 5));
    }
  });

  it('reads only the first line, as fastText’s predict does', () => {
    const first = ours.predict('first line in english', 1);
    expect(ours.predict('first line in english\nsegunda línea en español', 1)).toEqual(first);
  });

  it('returns at most k answers, best first, none below the threshold', () => {
    const out = ours.predict('The committee will publish its report next week.', 3);
    expect(out).toHaveLength(3);
    expect(out[0]?.label).toBe('__label__en');
    expect(out[0]?.p).toBeGreaterThan(out[1]?.p ?? 1);
    expect(ours.predict('The committee will publish its report next week.', 3, 0.5)).toHaveLength(1);
  });
});

/** A tiny dense softmax model written byte by byte: one word (`</s>`), two labels, 10 buckets. */
function tinyModel(): Uint8Array {
  const parts: number[] = [];
  const i32 = (v: number): void => {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    parts.push(...b);
  };
  const i64 = (v: number): void => {
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(BigInt(v));
    parts.push(...b);
  };
  const f32 = (v: number): void => {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    parts.push(...b);
  };
  const entry = (word: string, count: number, type: number): void => {
    parts.push(...Buffer.from(word), 0);
    i64(count);
    parts.push(type);
  };
  i32(793712314);
  i32(12);
  // dim ws epoch minCount neg wordNgrams loss(softmax) model(sup) bucket minn maxn lrUpdateRate
  for (const v of [2, 5, 5, 1, 5, 1, 3, 3, 10, 2, 2, 100]) i32(v);
  parts.push(...Buffer.alloc(8)); // t (double)
  i32(3); // entries
  i32(1); // words
  i32(2); // labels
  i64(100); // tokens
  i64(-1); // not pruned
  entry('</s>', 10, 0);
  entry('__label__a', 6, 1);
  entry('__label__b', 4, 1);
  parts.push(0); // dense input
  i64(11); // 1 word + 10 buckets
  i64(2);
  f32(0);
  f32(0); // </s>
  for (let b = 0; b < 10; b++) {
    f32(1);
    f32(0);
  }
  parts.push(0); // dense output
  i64(2);
  i64(2);
  for (const v of [1, 0, 0, 0]) f32(v);
  return Uint8Array.from(parts);
}

describe('fastText model files', () => {
  it('runs a dense softmax model: averaged n-gram rows, end-of-line row included', () => {
    // "ab" → n-grams <a, ab, b> (each bucket row is (1, 0)) and </s> (0, 0): hidden (¾, 0), so
    // label a scores ¾ and b 0.
    const model = readFastTextModel(tinyModel());
    const [a, b] = model.predict('ab', 2);
    expect(a?.label).toBe('__label__a');
    expect(a?.p).toBeCloseTo(Math.exp(0.75) / (Math.exp(0.75) + 1), 4);
    expect(b?.p).toBeCloseTo(1 / (Math.exp(0.75) + 1), 4);
  });

  it('refuses what is not a fastText model, saying where', () => {
    expect(() => readFastTextModel(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(FastTextFormatError);
    expect(() => readFastTextModel(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/bad magic/);
    const cut = tinyModel().subarray(0, 70);
    expect(() => readFastTextModel(cut)).toThrow(/ends early at byte \d+/);
    const trailing = Uint8Array.from([...tinyModel(), 0]);
    expect(() => readFastTextModel(trailing)).toThrow(/unexpected bytes/);
  });
});

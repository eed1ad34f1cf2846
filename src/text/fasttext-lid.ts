import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fasttext from 'fasttext.wasm.js';

/** A language-identification model: top-k (ISO 639 code, probability) for a text. */
export interface LanguageModel {
  predict(text: string, k: number): Promise<Array<{ code: string; p: number }>>;
}

// fastText labels without an ISO 639-1 code that analysts read as a 639-1 language.
const FOLD_TO: Record<string, string> = {
  arz: 'ar', acm: 'ar', apc: 'ar', ary: 'ar', ajp: 'ar', afb: 'ar', ayl: 'ar',
  ckb: 'ku', kmr: 'ku', pnb: 'pa', azb: 'az', pes: 'fa', prs: 'fa',
};

/** One prediction list in the wasm heap: it must be freed by the caller. */
interface PredictionVector {
  size(): number;
  get(i: number): [number, string];
  delete(): void;
}

/** The part of fasttext.wasm.js we use. Its published .d.ts files use extensionless relative
 * imports that NodeNext resolution cannot follow, so the package's own types arrive unresolved. */
interface LidModule {
  getLIDModel(): Promise<{
    load(): Promise<{ predict(text: string, k: number, threshold: number): PredictionVector }>;
  }>;
}

const lid: LidModule = fasttext;

/** The package's own table from fastText labels (Wikipedia codes) to ISO 639 codes. */
function labelTable(): Map<string, string> {
  const file = createRequire(import.meta.url).resolve('fasttext.wasm.js/dist/models/language-identification/assets/languages.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { alpha2: string | null; alpha3: string }>;
  const table = new Map<string, string>();
  for (const [label, { alpha2, alpha3 }] of Object.entries(raw)) {
    table.set(`__label__${label}`, FOLD_TO[label] ?? FOLD_TO[alpha3] ?? alpha2 ?? alpha3);
  }
  return table;
}

/**
 * fastText lid.176 (compressed model shipped inside fasttext.wasm.js, CC BY-SA 3.0, Facebook
 * Research), loaded once from the package's own files: nothing is downloaded.
 */
export async function loadFastTextLid(): Promise<LanguageModel> {
  const model = await (await lid.getLIDModel()).load();
  const codes = labelTable();
  return {
    predict(text, k) {
      // The package's identify() never frees the result vector (≈ 120 bytes of wasm heap per
      // call, forever), so predict directly and free it here.
      const vector = model.predict(text, k, 0);
      const out: Array<{ code: string; p: number }> = [];
      try {
        for (let i = 0; i < vector.size(); i++) {
          const [p, label] = vector.get(i);
          const code = codes.get(label) ?? label.replace('__label__', '');
          // Folded labels (arz → ar) add up rather than appearing twice.
          const seen = out.find((o) => o.code === code);
          if (seen) seen.p += p;
          else out.push({ code, p });
        }
      } finally {
        vector.delete();
      }
      return Promise.resolve(out);
    },
  };
}

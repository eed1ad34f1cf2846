import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readFastTextModel } from './fasttext-model.js';

/** A language-identification model: top-k (ISO 639 code, probability) for a text. */
export interface LanguageModel {
  predict(text: string, k: number): Promise<Array<{ code: string; p: number }>>;
}

// fastText labels without an ISO 639-1 code that analysts read as a 639-1 language.
const FOLD_TO: Record<string, string> = {
  arz: 'ar', acm: 'ar', apc: 'ar', ary: 'ar', ajp: 'ar', afb: 'ar', ayl: 'ar',
  ckb: 'ku', kmr: 'ku', pnb: 'pa', azb: 'az', pes: 'fa', prs: 'fa',
};

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

/** The lid.176 model file the fasttext.wasm.js package ships. */
export function lid176Path(): string {
  return createRequire(import.meta.url).resolve('fasttext.wasm.js/dist/models/language-identification/assets/lid.176.ftz');
}

/**
 * fastText lid.176 (the compressed model shipped inside fasttext.wasm.js, CC BY-SA 3.0, Facebook
 * Research), read from the package's own files (nothing is downloaded) and run by Rasad's own
 * fastText inference (fasttext-model.ts: the same answers as the package's WebAssembly build,
 * about twice as fast, as nothing crosses into wasm per call).
 */
export async function loadFastTextLid(): Promise<LanguageModel> {
  const model = readFastTextModel(await readFile(lid176Path()));
  const codes = labelTable();
  return {
    predict(text, k) {
      const out: Array<{ code: string; p: number }> = [];
      for (const { label, p } of model.predict(text, k)) {
        const code = codes.get(label) ?? label.replace('__label__', '');
        // Folded labels (arz → ar) add up rather than appearing twice.
        const seen = out.find((o) => o.code === code);
        if (seen) seen.p += p;
        else out.push({ code, p });
      }
      return Promise.resolve(out);
    },
  };
}

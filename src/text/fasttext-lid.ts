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

/** The part of fasttext.wasm.js we use. Its published .d.ts files use extensionless relative
 * imports that NodeNext resolution cannot follow, so the package's own types arrive unresolved. */
interface LidModule {
  getLIDModel(): Promise<{
    load(): Promise<unknown>;
    identify(text: string, top: number): Promise<Array<{ alpha2: string | null; alpha3: string; possibility: number }>>;
  }>;
}

const lid: LidModule = fasttext;

/**
 * fastText lid.176 (compressed model shipped inside fasttext.wasm.js, CC BY-SA 3.0, Facebook
 * Research), loaded once from the package's own files: nothing is downloaded.
 */
export async function loadFastTextLid(): Promise<LanguageModel> {
  const model = await lid.getLIDModel();
  await model.load();
  return {
    async predict(text, k) {
      const results = await model.identify(text, k);
      return results.map((r) => ({ code: FOLD_TO[r.alpha3] ?? r.alpha2 ?? r.alpha3, p: r.possibility }));
    },
  };
}

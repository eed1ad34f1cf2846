import { type CompiledLexicon, compileLexicon } from '../cue-matcher.js';
import { ar } from './ar.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { fr } from './fr.js';
import { ur } from './ur.js';

/** The shipped lexicons by language, as data (validated when compiled). */
export const lexiconData = { en, ar, fa, fr, ur } as const;

let compiled: Map<string, CompiledLexicon> | null = null;

/** Every shipped lexicon, validated and indexed once per process. */
export function shippedLexicons(): ReadonlyMap<string, CompiledLexicon> {
  if (compiled) return compiled;
  const out = new Map<string, CompiledLexicon>();
  for (const [lang, data] of Object.entries(lexiconData)) {
    out.set(lang, compileLexicon(data, `src/analyze/threat/lexicons/${lang}.ts`));
  }
  compiled = out;
  return out;
}

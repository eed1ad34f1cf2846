import type { LanguageModel } from './fasttext-lid.js';

/** The part of eld's static entries we use (its index.d.ts types `eld` as a union with a loader). */
interface EldDetector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
}

export type EldSize = 'large' | 'medium';

// eld's scores are per-language averages of n-gram weights squashed into 0–1 (a correct answer
// scores ~0.75–0.85, the runner-up a few hundredths less); they are not probabilities. A softmax
// over them with this sharpness gave the best log-likelihood on the lingua dev sentences and
// word pairs (κ 40–120 were within 0.05 of each other).
const SHARPNESS = 50;

const loading = new Map<EldSize, Promise<EldDetector>>();

/** Imports an eld static database once per process (large: ~2 s and ~160 MB heap; medium: ~1 s, ~70 MB). */
function importEld(size: EldSize): Promise<EldDetector> {
  let p = loading.get(size);
  if (!p) {
    p = (size === 'large' ? import('eld/large') : import('eld/medium')).then((m: { eld: EldDetector }) => m.eld);
    loading.set(size, p);
  }
  return p;
}

// Scores this far below the best get a probability under e^-7.5 ≈ 0.0006 and are dropped.
const NEGLIGIBLE = 7.5 / SHARPNESS;

/** Top-k languages with probabilities from eld's scores (softmax, see SHARPNESS). */
export function eldPredictions(scores: Record<string, number>, k: number): Array<{ code: string; p: number }> {
  let max = 0;
  for (const code in scores) max = Math.max(max, scores[code] ?? 0);
  const out: Array<{ code: string; p: number }> = [];
  let total = 0;
  for (const code in scores) {
    const d = (scores[code] ?? 0) - max;
    if (d < -NEGLIGIBLE) continue;
    const e = Math.exp(SHARPNESS * d);
    total += e;
    out.push({ code, p: e });
  }
  out.sort((a, b) => b.p - a.p);
  if (out.length > k) out.length = k;
  for (const o of out) o.p /= total;
  return out;
}

/**
 * eld (Nito-ELD, Apache-2.0), the second opinion for short or uncertain texts: an n-gram model
 * of 60 languages (no Pashto, no Sindhi) in plain JavaScript, read from the package's own
 * files. The returned model is synchronous underneath; the port is async like fastText's.
 */
export async function loadEldLid(size: EldSize = 'large'): Promise<LanguageModel> {
  const eld = await importEld(size);
  return {
    predict(text, k) {
      return Promise.resolve(eldPredictions(eld.detect(text).getScores(), k));
    },
  };
}

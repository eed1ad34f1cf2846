import type { Stage } from '../core/stage.js';
import type { LanguageModel } from '../text/fasttext-lid.js';
import { dominantScript, type Script } from '../text/script.js';

/** The language stage's output (CLI.md `language`). */
export interface LanguageResult {
  code: string;
  confidence: number;
  script: Script | null;
}

export interface LanguageInput {
  text: string;
  title?: string | null;
}

export interface LanguageContext {
  model: LanguageModel;
}

// Languages each script can be written in, as fastText names them, so a Latin-script guess is
// never accepted for Arabic-script text and vice versa.
const SCRIPT_LANGS: Partial<Record<Script, ReadonlySet<string>>> = {
  Arab: new Set(['ar', 'fa', 'ur', 'ps', 'ku', 'sd', 'ug', 'pa', 'az', 'bal', 'ks', 'ms']),
  Hebr: new Set(['he', 'yi']),
  Cyrl: new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'tg', 'mn', 'tt', 'ba', 'cv', 'ce', 'os', 'uz']),
};

// Scripts used by essentially one language.
const SCRIPT_ONLY: Partial<Record<Script, string>> = {
  Grek: 'el', Hang: 'ko', Kana: 'ja', Thai: 'th', Armn: 'hy', Geor: 'ka', Thaa: 'dv', Syrc: 'syr', Hebr: 'he',
};

const SCRIPT_DEFAULT: Partial<Record<Script, string>> = { Arab: 'ar', Cyrl: 'ru', Hani: 'zh', Deva: 'hi', Beng: 'bn' };

/** Text with links, @handles, hashtag marks, emoji and digits removed: what language is written in. */
function languageText(input: LanguageInput): string {
  // The first few hundred characters decide the language; longer texts only cost model time
  // (fastText's cost grows with length: ~80 µs at 200 characters, ~190 µs at 600).
  const text = [input.title, input.text].filter(Boolean).join('\n').slice(0, 400);
  return text
    .replace(/https?:\/\/\S+|www\.\S+|t\.me\/\S+/giu, ' ')
    .replace(/[@#]([\p{L}\p{N}_]+)/gu, (_m, w: string) => ` ${w.replace(/_/g, ' ')} `)
    .replace(/[\p{N}\p{S}\p{P}\s]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Language identification: script first, then fastText lid.176 restricted to the languages of
 * that script; text with no letters (only links, hashtag marks, emoji, numbers) is `und`.
 */
export const languageStage: Stage<LanguageInput, LanguageResult, LanguageContext> = {
  name: 'language',
  version: 1,
  async run(input, { model }) {
    const clean = languageText(input);
    const { script, letters } = dominantScript(clean);
    // Text made only of links, hashtags, emoji and numbers has no language of its own.
    const withoutTags = languageText({ text: input.text.replace(/#[\p{L}\p{N}_]+/gu, ' '), title: input.title });
    if (!script || letters < 2 || dominantScript(withoutTags).letters < 2) return { code: 'und', confidence: 0, script };
    const only = SCRIPT_ONLY[script];
    if (only && !SCRIPT_LANGS[script]) return { code: only, confidence: 0.99, script };
    const candidates = await model.predict(clean.slice(0, 240), 3);
    const allowed = SCRIPT_LANGS[script];
    const fits = (code: string): boolean =>
      allowed ? allowed.has(code) : script === 'Latn' ? !isNonLatinLanguage(code) : true;
    const best = candidates.find((c) => fits(c.code));
    if (best) return { code: best.code, confidence: round(best.p), script };
    return { code: SCRIPT_DEFAULT[script] ?? only ?? 'und', confidence: 0.3, script };
  },
};

const NON_LATIN = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'ru', 'uk', 'zh', 'ja', 'ko', 'el', 'hi', 'bn', 'th']);
function isNonLatinLanguage(code: string): boolean {
  return NON_LATIN.has(code);
}

function round(p: number): number {
  return Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000;
}

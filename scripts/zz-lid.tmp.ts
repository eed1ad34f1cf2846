import { readFileSync } from 'node:fs';
import { languageStage, type LanguageContext } from '../src/analyze/language.stage.js';
import { loadEldLid } from '../src/text/eld-lid.js';
import { loadFastTextLid } from '../src/text/fasttext-lid.js';
import { arabicScriptEvidence } from '../src/text/arabic-script-language.js';
const ctx: LanguageContext = { model: await loadFastTextLid(), second: await loadEldLid('large') };
for (const lang of process.argv.slice(2)) {
  const lines = readFileSync(`/work/shared/data/langid-dev/word-pairs/${lang}.txt`, 'utf8').split('\n').filter(Boolean);
  for (const text of lines) {
    const r = await languageStage.run({ text }, ctx);
    if (r.code !== lang) {
      const ev = arabicScriptEvidence(text);
      const ft = await ctx.model.predict(text, 3); const el = ctx.second ? await ctx.second.predict(text, 3) : [];
      console.log(lang, '→', r.code, r.method, r.confidence.toFixed(2), '|', text, '| L', JSON.stringify(ev.scores), '| ft', JSON.stringify(ft), '| eld', JSON.stringify(el));
    }
  }
}

import { readFileSync } from 'node:fs';
import { assessThreat } from '../src/analyze/threat/assess.js';
import { shippedLexicons } from '../src/analyze/threat/lexicons/index.js';
const lex = shippedLexicons();
for (const lang of ['en', 'ar', 'fa', 'ur', 'fr']) {
  const lines = readFileSync(`/work/shared/data/langid-dev/sentences/${lang}.txt`, 'utf8').split('\n').filter(Boolean);
  let fired = 0;
  for (const l of lines) {
    const a = assessThreat(lex, l, { language: lang, source: 'social' });
    if (a.is_threat) { fired++; if (process.env.V) console.log(lang, a.categories.map((c) => c.label + ':' + c.evidence.map((e) => e.rule + '«' + e.text + '»').join(',')).join(' '), '|', l.slice(0, 200)); }
  }
  console.log(lang, `${fired}/${lines.length} fired`);
}

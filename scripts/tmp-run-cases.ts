import { readdirSync } from 'node:fs';
import { assessThreat } from '../src/analyze/threat/assess.js';
import { shippedLexicons } from '../src/analyze/threat/lexicons/index.js';
import { readFunctionalCases, sourceKindOf } from '../src/analyze/threat/functional-cases.js';
const files = process.argv.slice(2);
const lex = shippedLexicons();
const verbose = process.env.V === '1';
for (const f of files) {
  const cases = readFunctionalCases(f);
  let ok = 0; const fails: string[] = [];
  for (const c of cases) {
    const a = assessThreat(lex, c.text, { language: c.lang, source: sourceKindOf(c.source) });
    const good = a.is_threat === c.is_threat;
    if (good) ok++;
    else fails.push(`${c.id} [${c.functionality}] want=${c.is_threat} got=${a.is_threat} stance=${a.stance} cats=${a.categories.map(x=>x.label+':'+x.evidence.map(e=>e.rule+'«'+e.text+'»').join(',')).join(' ')} rep=${a.reported.map(x=>x.label).join(',')} reasons=${a.reasons.map(r=>r.kind+':'+r.text).join(',')}\n    ${c.text.replace(/\n/g,' / ').slice(0,300)}`);
  }
  console.log(`${f}: ${ok}/${cases.length} = ${(100*ok/cases.length).toFixed(1)}%`);
  const langs = [...new Set(cases.map((c) => c.lang))];
  if (langs.length > 1) for (const l of langs) { const cs = cases.filter((c) => c.lang === l); const good = cs.filter((c) => !fails.some((x) => x.startsWith(c.id + ' '))).length; const fp = fails.filter((x) => x.includes(`-${l}-`) && x.includes('want=false')).length; console.log(`  ${l}: ${good}/${cs.length} = ${(100*good/cs.length).toFixed(1)}%  false-pos ${fp}`); }
  if (verbose) for (const x of fails) console.log('  ' + x);
}

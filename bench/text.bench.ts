// `npm run bench:text`: language identification on ../shared/data/langid-dev/ (lingua's sentences
// and word pairs, lines 1-300 per language), Rasad's language stage (fastText lid.176 + eld + the Persian dictionary +
// letter rules) next to franc on the same lines: accuracy per language, per kind and per length,
// the ar/fa/ur confusion, and items per second on one core (Rasad: language ID + normalize).
// Ends with one JSON line of the figures. Options: --data DIR, --eld large|medium, --seconds S.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { franc } from 'franc';
import { languageStage, type LanguageContext } from '../src/analyze/language.stage.js';
import { loadEldLid, type EldSize } from '../src/text/eld-lid.js';
import { loadFastTextLid } from '../src/text/fasttext-lid.js';
import { normalize } from '../src/text/normalize.js';
import { loadPersianLexicon, persianWordList } from '../src/text/persian-lexicon.js';
import { loadUrduLeaning, loadUrduWords, urduLeaningList, urduWordList } from '../src/text/urdu-lexicon.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const DATA = path.resolve(arg('data', process.env.RASAD_LANGID_DEV ?? path.join(import.meta.dirname, '../../shared/data/langid-dev')));
const ELD_SIZE: EldSize = arg('eld', 'large') === 'medium' ? 'medium' : 'large';
const SECONDS = Number(arg('seconds', '3'));
const LANGS = ['ar', 'fa', 'ur', 'en', 'fr', 'de', 'ru', 'tr', 'es', 'he'] as const;
const KINDS = [
  ['sentences', 'sentences'],
  ['word_pairs', 'word-pairs'],
] as const;
type Kind = (typeof KINDS)[number][0];
const BUCKETS = ['≤20', '21–60', '>60'] as const;
type Bucket = (typeof BUCKETS)[number];
const CONFUSED = ['ar', 'fa', 'ur'] as const;

// franc answers ISO 639-3.
const FRANC_TO_639_1: Record<string, string> = {
  arb: 'ar', ara: 'ar', pes: 'fa', fas: 'fa', prs: 'fa', urd: 'ur', eng: 'en', fra: 'fr', deu: 'de', rus: 'ru',
  tur: 'tr', spa: 'es', heb: 'he', pbu: 'ps', pus: 'ps', und: 'und',
};

interface Line {
  kind: Kind;
  lang: string;
  text: string;
}

interface Tally {
  ok: number;
  n: number;
}

interface Scores {
  byKind: Record<Kind, Record<string, Tally>>;
  byBucket: Record<Bucket, Record<string, Tally>>;
  confusion: Record<Kind, Record<string, Record<string, number>>>;
}

function bucket(text: string): Bucket {
  const n = [...text].length;
  return n <= 20 ? '≤20' : n <= 60 ? '21–60' : '>60';
}

function emptyScores(): Scores {
  const perLang = (): Record<string, Tally> => Object.fromEntries(LANGS.map((l) => [l, { ok: 0, n: 0 }]));
  const confusion = (): Record<string, Record<string, number>> =>
    Object.fromEntries(CONFUSED.map((l) => [l, Object.fromEntries([...CONFUSED, 'other'].map((p) => [p, 0]))]));
  return {
    byKind: { sentences: perLang(), word_pairs: perLang() },
    byBucket: { '≤20': perLang(), '21–60': perLang(), '>60': perLang() },
    confusion: { sentences: confusion(), word_pairs: confusion() },
  };
}

function record(scores: Scores, line: Line, predicted: string): void {
  const ok = predicted === line.lang ? 1 : 0;
  for (const t of [scores.byKind[line.kind][line.lang], scores.byBucket[bucket(line.text)][line.lang]]) {
    if (!t) continue;
    t.ok += ok;
    t.n++;
  }
  const row = scores.confusion[line.kind][line.lang];
  if (row) {
    const col = (CONFUSED as readonly string[]).includes(predicted) ? predicted : 'other';
    row[col] = (row[col] ?? 0) + 1;
  }
}

function pct(t: Tally | undefined): string {
  return !t || t.n === 0 ? '   –  ' : `${((100 * t.ok) / t.n).toFixed(1).padStart(5)}%`;
}

function accuracy(t: Tally | undefined): number | null {
  return !t || t.n === 0 ? null : Math.round((1000 * t.ok) / t.n) / 1000;
}

function readLines(): Line[] {
  const lines: Line[] = [];
  for (const [kind, dir] of KINDS) {
    for (const lang of LANGS) {
      const file = path.join(DATA, dir, `${lang}.txt`);
      if (!existsSync(file)) continue;
      const texts = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 300);
      for (const text of texts) lines.push({ kind, lang, text });
    }
  }
  return lines;
}

interface Rate {
  /** Items per second of wall-clock time in a single-threaded loop: the per-core rate. */
  wall: number;
  /** Items per second of this process's CPU time (less sensitive to other load on the machine). */
  cpu: number;
}

/** Rates of `fn` over `items`, single-threaded, repeated for at least SECONDS. */
async function rate(items: string[], fn: (text: string) => Promise<void> | string): Promise<Rate> {
  for (const t of items) await fn(t); // warm-up: one full pass, so every code path is compiled
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    for (const t of items) await fn(t);
    n += items.length;
  } while (performance.now() - t0 < SECONDS * 1000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { wall: Math.round((n * 1000) / wallMs), cpu: Math.round((n * 1e6) / (cpu.user + cpu.system)) };
}

const TARGET_SENTENCES = new Set(['ar', 'fa', 'ur', 'en']);
const TARGET_PAIRS = new Set(['ar', 'fa', 'ur']);

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`bench:text: no dev data at ${DATA}; nothing to measure.`);
    return;
  }
  const lines = readLines();
  const t0 = performance.now();
  // loaded before the clock starts; the word lists read the same copies
  await Promise.all([loadPersianLexicon(), loadUrduWords(), loadUrduLeaning()]);
  const ctx: LanguageContext = { model: await loadFastTextLid(), second: await loadEldLid(ELD_SIZE), persian: persianWordList(), urdu: urduWordList(), urduLeaning: urduLeaningList() };
  console.log(`models loaded in ${Math.round(performance.now() - t0)} ms (fastText lid.176 + eld ${ELD_SIZE} + Persian dictionary + Urdu lists); ${lines.length} lines from ${DATA}`);

  const francCode = (text: string): string => {
    const code = franc(text, { minLength: 1 });
    return FRANC_TO_639_1[code] ?? code;
  };
  // Throughput on one core: a single-threaded loop, so items/s is the per-core rate.
  const sentences = lines.filter((l) => l.kind === 'sentences').map((l) => l.text);
  const pairs = lines.filter((l) => l.kind === 'word_pairs').map((l) => l.text);
  const rasadItem = async (text: string): Promise<void> => {
    await languageStage.run({ text }, ctx);
    normalize(text);
  };
  // Speed first, each detector in turn, so neither runs on a heap the other has churned.
  const speed = {
    rasad: { sentences: await rate(sentences, rasadItem), word_pairs: await rate(pairs, rasadItem) },
    franc: { sentences: await rate(sentences, francCode), word_pairs: await rate(pairs, francCode) },
  };

  const rasad = emptyScores();
  const fr = emptyScores();
  const methods = new Map<string, number>();
  for (const line of lines) {
    const r = await languageStage.run({ text: line.text }, ctx);
    methods.set(r.method, (methods.get(r.method) ?? 0) + 1);
    record(rasad, line, r.code);
    record(fr, line, francCode(line.text));
  }

  console.log('\nAccuracy per language (franc run with minLength 1, so it always answers)');
  console.log('lang | sentences: rasad  franc  target | word pairs: rasad  franc  target');
  for (const lang of LANGS) {
    const s = [pct(rasad.byKind.sentences[lang]), pct(fr.byKind.sentences[lang]), TARGET_SENTENCES.has(lang) ? '≥99%' : '    '];
    const w = [pct(rasad.byKind.word_pairs[lang]), pct(fr.byKind.word_pairs[lang]), TARGET_PAIRS.has(lang) ? '≥95%' : '    '];
    console.log(`${lang.padEnd(4)} |            ${s.join('  ')} |             ${w.join('  ')}`);
  }
  const total = (t: Record<string, Tally>): Tally =>
    Object.values(t).reduce((a, b) => ({ ok: a.ok + b.ok, n: a.n + b.n }), { ok: 0, n: 0 });
  console.log(`all  |            ${pct(total(rasad.byKind.sentences))}  ${pct(total(fr.byKind.sentences))}        |             ${pct(total(rasad.byKind.word_pairs))}  ${pct(total(fr.byKind.word_pairs))}`);

  console.log('\nAccuracy per length in characters (all languages; then ar, fa, ur)');
  console.log('bucket |  lines | rasad  franc | ar rasad/franc | fa rasad/franc | ur rasad/franc');
  for (const b of BUCKETS) {
    const all = total(rasad.byBucket[b]);
    const per = CONFUSED.map((l) => `${pct(rasad.byBucket[b][l])} ${pct(fr.byBucket[b][l])}`);
    console.log(`${b.padEnd(6)} | ${String(all.n).padStart(6)} | ${pct(all)} ${pct(total(fr.byBucket[b]))} | ${per.join(' | ')}`);
  }

  for (const [kind] of KINDS) {
    console.log(`\nConfusion ar/fa/ur, ${kind.replace('_', ' ')} (rows: true language; columns: answer) — rasad | franc`);
    console.log(`      ${[...CONFUSED, 'other'].map((c) => c.padStart(5)).join('')}   | ${[...CONFUSED, 'other'].map((c) => c.padStart(5)).join('')}`);
    for (const l of CONFUSED) {
      const cells = (s: Scores): string => [...CONFUSED, 'other'].map((c) => String(s.confusion[kind][l]?.[c] ?? 0).padStart(5)).join('');
      console.log(`  ${l.padEnd(4)}${cells(rasad)}   | ${cells(fr)}`);
    }
  }
  console.log(`\nRasad's deciding rule: ${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}`);

  console.log(`\nItems per second on one core (single-threaded loop; items per CPU-second in brackets; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`);
  console.log('target ≥ 20,000 short posts/s/core for language ID + normalization; a dev sentence stands for a short post');
  const show = (r: Rate): string => `${r.wall}/s (${r.cpu}/s)`;
  console.log(`rasad (language ID + normalize): sentences ${show(speed.rasad.sentences)}, word pairs ${show(speed.rasad.word_pairs)}`);
  console.log(`franc (franc only):              sentences ${show(speed.franc.sentences)}, word pairs ${show(speed.franc.word_pairs)}`);

  const summary = (s: Scores, sp: { sentences: Rate; word_pairs: Rate }): Record<string, unknown> => ({
    sentences: Object.fromEntries(LANGS.map((l) => [l, accuracy(s.byKind.sentences[l])])),
    word_pairs: Object.fromEntries(LANGS.map((l) => [l, accuracy(s.byKind.word_pairs[l])])),
    posts_per_s: sp.sentences.wall,
    posts_per_cpu_s: sp.sentences.cpu,
    word_pairs_per_s: sp.word_pairs.wall,
  });
  console.log(JSON.stringify({ bench: 'text', rasad: summary(rasad, speed.rasad), franc: summary(fr, speed.franc) }));
}

await main();

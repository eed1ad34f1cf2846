// `npm run bench:translit [-- --file PATH]`: romanization and skeleton keys on Arabic ⇥ Latin
// name pairs (../shared/data/translit-dev/, Wikipedia names mined by google/transliteration),
// next to a naive letter-by-letter table on the same pairs. Ends with one JSON line of the figures.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { romanize } from '../src/text/transliterate.js';
import { skeletonKey } from '../src/text/name-skeleton.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const DEFAULT_FILE = path.resolve(import.meta.dirname, '../../shared/data/translit-dev/ar2en-first-half.tsv');

interface Pair {
  ar: string;
  en: string;
}

function readPairs(file: string): Pair[] {
  const pairs: Pair[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [ar, en] = line.split('\t');
    // strip stray bidi and zero-width marks that some Wikipedia titles carry
    const a = ar?.replace(/[\u200e\u200f\u202a-\u202e]/g, '').trim();
    const e = en?.trim();
    if (a && e) pairs.push({ ar: a, en: e });
  }
  return pairs;
}

/** Levenshtein distance over code points, two rows. */
function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const sub = (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, sub);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length] ?? 0;
}

function normEdit(a: string, b: string): number {
  const m = Math.max(Array.from(a).length, Array.from(b).length);
  return m === 0 ? 0 : levenshtein(a, b) / m;
}

// The baseline: one fixed Latin string per letter, no article, vowel or hamza rules, no tashkeel.
const NAIVE: Readonly<Record<string, string>> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'ب': 'b', 'ت': 't',
  'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z', 'س': 's',
  'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'و': 'w', 'ي': 'y', 'ى': 'a', 'ة': 'a',
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ی': 'y', 'ڤ': 'v',
};

function naiveRomanize(ar: string): string {
  let out = '';
  for (const ch of ar) {
    if (/\p{M}|\u0640/u.test(ch)) continue;
    out += NAIVE[ch] ?? ch;
  }
  return out;
}

/** Consonant string of a Latin spelling, for the baseline's skeleton figure. */
function naiveSkeleton(latin: string): string {
  return latin
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouyw]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** The key without its vowel traces: no initial A, no W or Y anywhere. */
function looseKey(key: string): string {
  return key
    .split(' ')
    .map((t) => t.replace(/^A/, '').replace(/[WY]/g, ''))
    .join(' ');
}

function rate(n: number, total: number): number {
  return total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000;
}

function perSecond(names: readonly string[], fn: (s: string) => string): number {
  let sink = 0;
  let done = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (const s of names) sink += fn(s).length;
    done += names.length;
    elapsed = performance.now() - t0;
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  return Math.round((done / elapsed) * 1000);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function main(): void {
  const file = arg('file', DEFAULT_FILE);
  if (!existsSync(file)) {
    console.log(`translit dev set missing (${file}); nothing to measure`);
    return;
  }
  const pairs = readPairs(file);
  let skel = 0, skelLoose = 0, baseSkel = 0, exact = 0, exactJoined = 0, baseExact = 0;
  let edit = 0, baseEdit = 0;
  const misses: string[] = [];
  for (const { ar, en } of pairs) {
    const ka = skeletonKey(ar);
    const ke = skeletonKey(en);
    if (ka === ke) skel++;
    else if (misses.length < 400) misses.push(`  ${ar}\t${en}\t${ka} ≠ ${ke}`);
    if (looseKey(ka) === looseKey(ke)) skelLoose++;
    const target = en.toLowerCase();
    const r = romanize(ar).toLowerCase();
    const b = naiveRomanize(ar);
    if (r === target) exact++;
    if (r.replace(/[-\s']/g, '') === target.replace(/[-\s']/g, '')) exactJoined++;
    if (b === target) baseExact++;
    if (naiveSkeleton(b) === naiveSkeleton(target)) baseSkel++;
    edit += normEdit(r, target);
    baseEdit += normEdit(b, target);
  }
  const n = pairs.length;
  const arabic = pairs.map((p) => p.ar);
  const both = [...arabic, ...pairs.map((p) => p.en)];
  const romanizeRate = perSecond(arabic, (s) => romanize(s));
  const skeletonRate = perSecond(both, skeletonKey);
  const baselineRate = perSecond(arabic, naiveRomanize);

  console.log(`translit bench: ${n} pairs from ${path.relative(process.cwd(), file)}`);
  console.log('');
  const row = (label: string, ours: string, base = ''): void => console.log(`${label.padEnd(40)}${ours.padStart(10)}  ${base.padStart(12)}`);
  row('', 'rasad', 'naive table');
  row('skeleton agreement, exact key', pct(rate(skel, n)), pct(rate(baseSkel, n)));
  row('skeleton agreement, no vowel traces', pct(rate(skelLoose, n)));
  row('romanize exact match', pct(rate(exact, n)), pct(rate(baseExact, n)));
  row("romanize exact, ignoring - ' and spaces", pct(rate(exactJoined, n)));
  row('romanize mean normalized edit distance', (edit / n).toFixed(4), (baseEdit / n).toFixed(4));
  row('romanize names/s', String(romanizeRate), String(baselineRate));
  row('skeletonKey names/s (both sides)', String(skeletonRate));
  console.log('');
  console.log('skeleton misses (every 40th):');
  for (let i = 0; i < misses.length; i += 40) console.log(misses[i]);
  console.log(
    JSON.stringify({
      bench: 'translit',
      pairs: n,
      skeleton_agreement: rate(skel, n),
      skeleton_agreement_loose: rate(skelLoose, n),
      baseline_skeleton_agreement: rate(baseSkel, n),
      romanize_exact: rate(exact, n),
      baseline_romanize_exact: rate(baseExact, n),
      romanize_mean_edit: Math.round((edit / n) * 10_000) / 10_000,
      baseline_romanize_mean_edit: Math.round((baseEdit / n) * 10_000) / 10_000,
      names_per_s: romanizeRate,
      skeleton_names_per_s: skeletonRate,
    }),
  );
}

main();

// Precision negatives for `npm run bench:actors`: names of people and organisations that are not on
// the lists, which must resolve to nothing.
import { existsSync, readFileSync } from 'node:fs';
import type { RegistryActor } from '../src/store/actor.repository.js';
import type { EvalQuery } from './actors-eval.js';
import { lettersKey, plainTokens, shuffled, tokenSetKey } from './actors-names.js';

const NOTHING: ReadonlySet<string> = new Set();

/** The word sets of every alias: a negative with one of them is on the lists after all. */
export function listedWordSets(actors: readonly RegistryActor[]): Set<string> {
  return new Set(actors.flatMap((a) => a.aliases.map((x) => tokenSetKey(x.alias))));
}

/**
 * True when every word of a name is a word of one list alias ("Amir Khan" in "AMIR KHAN MOTAQI"):
 * the issue asks for partial names to find the listed man with a lower score, so such negatives
 * are reported apart as well.
 */
export function partOfListedAlias(actors: readonly RegistryActor[]): (name: string) => boolean {
  const byWord = new Map<string, Set<number>>();
  let n = 0;
  for (const a of actors) {
    for (const x of a.aliases) {
      for (const w of plainTokens(x.alias)) {
        const set = byWord.get(w) ?? new Set<number>();
        set.add(n);
        byWord.set(w, set);
      }
      n++;
    }
  }
  return (name) => {
    const sets = [...new Set(plainTokens(name))].map((w) => byWord.get(w) ?? new Set<number>()).sort((x, y) => x.size - y.size);
    const [first, ...rest] = sets;
    if (!first) return false;
    for (const id of first) if (rest.every((s) => s.has(id))) return true;
    return false;
  };
}

/** `bench/fixtures/non-listed-names.txt`: one name a line, `#` comments. */
export function readNameFile(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

/**
 * Two-word names composed from the translit dev set (Wikipedia names, google/transliteration):
 * the set holds one word per line, so a given name and a surname are drawn from two lines and
 * joined, on the Arabic side and the Latin side alike. Most are Western names written in both
 * scripts, some Arabic ones; none is a listed person except by accident (filtered out later).
 */
export function composedNames(tsv: string, pairs: number, rnd: () => number): Array<{ latin: string; arabic: string }> {
  if (!existsSync(tsv)) return [];
  const words: Array<{ ar: string; en: string }> = [];
  for (const line of readFileSync(tsv, 'utf8').split('\n')) {
    const [ar, en] = line.split('\t');
    const a = ar?.replace(/[\u200e\u200f\u202a-\u202e]/g, '').trim();
    const e = en?.trim();
    if (a && e && /^[a-z][a-z'-]{2,}$/.test(e) && !a.includes(' ')) words.push({ ar: a, en: e });
  }
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const drawn = shuffled(words, rnd);
  const out: Array<{ latin: string; arabic: string }> = [];
  for (let i = 0; i + 1 < drawn.length && out.length < pairs; i += 2) {
    const first = drawn[i];
    const last = drawn[i + 1];
    if (!first || !last || first.en === last.en) continue;
    out.push({ latin: `${cap(first.en)} ${cap(last.en)}`, arabic: `${first.ar} ${last.ar}` });
  }
  return out;
}

/**
 * The negatives as queries (expected: nothing), without those whose word set (lower case,
 * letters only) is an alias's word set. `dropped` lists what was taken out and why.
 */
export function negativeQueries(rows: Array<{ name: string; row: string }>, listed: ReadonlySet<string>): { queries: EvalQuery[]; dropped: string[] } {
  const queries: EvalQuery[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  for (const { name, row } of rows) {
    const key = lettersKey(name);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    if (listed.has(tokenSetKey(name))) {
      dropped.push(name);
      continue;
    }
    queries.push({ query: name, expected: NOTHING, row, entity: '' });
  }
  return { queries, dropped };
}

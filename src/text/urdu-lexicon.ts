import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../app/package-root.js';
import { persianSpelling, type WordListPort } from './persian-lexicon.js';

/** Where Rasad's own list of Urdu word forms lives (see src/text/lexicon/README.md). */
export const URDU_WORDS_PATH = path.join('src', 'text', 'lexicon', 'urdu-words.txt');

/**
 * A word as the Urdu list is asked: as the Persian dictionary is (no tashkeel, ی and ک for the
 * Arabic keyboard's ي and ك), and ۓ (yeh barree with hamza, common in social-media Urdu) as the
 * list writes it, ئے.
 */
export function urduSpelling(word: string): string {
  return persianSpelling(word).replaceAll('ۓ', 'ئے');
}

/** The word forms of a list in the format of urdu-words.txt: one per line, `#` comments and blank lines skipped. */
export function parseWordList(text: string): Set<string> {
  const words = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    words.add(urduSpelling(line));
  }
  return words;
}

/** The shared Urdu/Persian forms Urdu uses far more often than Persian (see the folder's README). */
export const URDU_LEANING_PATH = path.join('src', 'text', 'lexicon', 'urdu-leaning.txt');

const loading = new Map<string, Promise<Set<string>>>();

function loadList(file: string): Promise<Set<string>> {
  let list = loading.get(file);
  if (!list) {
    list = readFile(path.join(packageRoot(), file), 'utf8').then(parseWordList);
    loading.set(file, list);
  }
  return list;
}

/** Rasad's Urdu word forms (about 13,700, ~2 MB in memory), read once per process. */
export function loadUrduWords(): Promise<Set<string>> {
  return loadList(URDU_WORDS_PATH);
}

/** The forms of the Urdu list that Persian also has but uses far less (about 650), read once per process. */
export function loadUrduLeaning(): Promise<Set<string>> {
  return loadList(URDU_LEANING_PATH);
}

/** The Urdu leaning forms behind the port, loaded when first asked. */
export function urduLeaningList(load: () => Promise<ReadonlySet<string>> = loadUrduLeaning): WordListPort {
  return urduWordList(load);
}

/** The Urdu list behind the port, loaded when first asked. */
export function urduWordList(load: () => Promise<ReadonlySet<string>> = loadUrduWords): WordListPort {
  let words: Promise<ReadonlySet<string>> | null = null;
  return {
    async knows(list) {
      words ??= load();
      const known = await words;
      return list.map((w) => known.has(urduSpelling(w)));
    },
  };
}

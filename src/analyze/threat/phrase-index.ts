import { normalize, tokenize } from '../../text/normalize.js';
import { THREAT_EMOJI, type ThreatText } from './threat-text.js';

/** One word of a phrase: folded text, whether it matches any word it begins, and case. */
interface WordPattern {
  text: string;
  prefix: boolean;
  /** Short all-capital Latin forms (US, UK, KH) must be capitals in the post too. */
  upper: boolean;
  /** `=us`: the word, but not written in capitals (the pronoun, not "US"). */
  notUpper?: boolean;
}

/** Phrases under one first word: one-word phrases, by exact second word, and the rest. */
interface Bucket<T> {
  one: Array<Entry<T>>;
  bySecond: Map<string, Array<Entry<T>>>;
  /** Second word is a prefix or any word. */
  rest: Array<Entry<T>>;
}

/** A node of the trie of phrase-opening prefixes. */
interface TrieNode<T> {
  /** Children by UTF-16 code unit (no one-letter strings made while matching). */
  next: Map<number, TrieNode<T>>;
  bucket?: Bucket<T>;
}

interface Entry<T> {
  words: WordPattern[];
  anchored: boolean;
  payload: T;
  /** The last matchAll call that tried this entry (so a word's readings try it once). */
  stamp: number;
}

/** A phrase found in a post: its payload over a token range. */
export interface PhraseMatch<T> {
  from: number;
  /** One past the last token. */
  to: number;
  payload: T;
}

/** Expands `(a|b)` alternatives and `[optional]` (or `[a|b]`: optional alternatives) into plain phrases. */
export function expandPhrase(phrase: string): string[] {
  const m = /\(([^()]*)\)|\[([^[\]]*)\]/.exec(phrase);
  if (!m) return [phrase.replace(/\s+/g, ' ').trim()];
  const before = phrase.slice(0, m.index);
  const after = phrase.slice(m.index + m[0].length);
  const options = m[1] !== undefined ? m[1].split('|') : [...(m[2] ?? '').split('|'), ''];
  return options.flatMap((o) => expandPhrase(`${before}${o}${after}`)).filter((p) => p.length > 0);
}

/**
 * Phrases indexed by their first folded word (exact words in one map, prefix words by their first
 * two letters), matched against a post's words and their clitic-free readings. Phrase syntax:
 * words separated by spaces, written as published; `word*` matches any word starting with
 * `word`; `(a|b)` and `[optional]` expand; a leading `^` anchors at the start of a sentence;
 * `=us` matches the word unless it is written in capitals (the pronoun, not US).
 */
export class PhraseIndex<T> {
  private readonly exact = new Map<string, Bucket<T>>();
  /** Entries whose first word is a prefix, in a character trie of those prefixes. */
  private readonly prefixTrie: TrieNode<T> = { next: new Map() };
  private stamp = 0;

  /**
   * `stripArticle` (Arabic lexicons): a word written with the article (الخونة) also matches the
   * word without it (خونة); the post's words are read both ways already (cliticVariants).
   */
  constructor(private readonly opts: { stripArticle?: boolean } = {}) {}

  /** Adds every expansion of a phrase; returns a problem, or null. */
  add(phrase: string, payload: T): string | null {
    // Regex habits do not work here: say [word] for an optional word.
    if (/[?+{}]/.test(phrase)) return `"${phrase}" uses ? + or { }: write [word] for an optional word`;
    for (const expanded of expandPhrase(phrase)) {
      let body = expanded;
      const anchored = body.startsWith('^');
      if (anchored) body = body.slice(1);
      const words: WordPattern[] = [];
      for (const raw of body.split(' ')) {
        if (raw.length === 0) continue;
        if (raw === '*') {
          // any one word
          words.push({ text: '', prefix: true, upper: false });
          continue;
        }
        const notUpper = raw.startsWith('=');
        const prefix = raw.endsWith('*');
        const bare = (prefix ? raw.slice(0, -1) : raw).slice(notUpper ? 1 : 0);
        const upper = /^[A-Z]{2,4}$/.test(bare);
        const glyph = bare.replace(/\uFE0F/g, '');
        const cp = glyph.codePointAt(0) ?? 0;
        const isEmoji = glyph.length === String.fromCodePoint(cp).length && THREAT_EMOJI.has(cp);
        const parts = isEmoji ? [glyph] : tokenize(normalize(bare)).map((t) => t.text);
        parts.forEach((part, i) => {
          const text = this.opts.stripArticle && part.length >= 5 && part.startsWith('ال') && /^[\u0600-\u06ff]+$/.test(part) ? part.slice(2) : part;
          words.push({ text, prefix: prefix && i === parts.length - 1, upper, ...(notUpper ? { notUpper } : {}) });
        });
      }
      const first = words[0];
      if (!first) return `"${phrase}" has no word once folded`;
      if (first.prefix && first.text.length < 2) return `"${phrase}" starts with a prefix shorter than two letters`;
      const entry: Entry<T> = { words, anchored, payload, stamp: -1 };
      const bucket = first.prefix ? this.prefixBucket(first.text) : this.exactBucket(first.text);
      const second = words[1];
      if (!second) bucket.one.push(entry);
      else if (second.prefix) bucket.rest.push(entry);
      else {
        const list = bucket.bySecond.get(second.text);
        if (list) list.push(entry);
        else bucket.bySecond.set(second.text, [entry]);
      }
    }
    return null;
  }

  private exactBucket(word: string): Bucket<T> {
    let bucket = this.exact.get(word);
    if (!bucket) {
      bucket = { one: [], bySecond: new Map(), rest: [] };
      this.exact.set(word, bucket);
    }
    return bucket;
  }

  private prefixBucket(prefix: string): Bucket<T> {
    let node = this.prefixTrie;
    for (let k = 0; k < prefix.length; k++) {
      const ch = prefix.charCodeAt(k);
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.bucket ??= { one: [], bySecond: new Map(), rest: [] };
    return node.bucket;
  }

  private static wordMatches(text: ThreatText, i: number, p: WordPattern): boolean {
    const t = text.tokens[i];
    if (!t) return false;
    if (p.upper || p.notUpper) {
      const written = text.original.slice(t.start, t.end);
      const capitals = written.length > 1 && written.toUpperCase() === written;
      if (p.upper ? !capitals : capitals) return false;
    }
    for (const v of t.variants) {
      if (p.prefix ? v.startsWith(p.text) : v === p.text) return true;
    }
    return false;
  }

  private tryEntries(text: ThreatText, i: number, list: ReadonlyArray<Entry<T>> | undefined, out: Array<PhraseMatch<T>>): void {
    if (!list) return;
    for (const e of list) {
      if (e.stamp === this.stamp) continue;
      e.stamp = this.stamp;
      if (e.anchored) {
        const t = text.tokens[i];
        if (!t || text.sentences[t.sentence]?.first !== i) continue;
      }
      let ok = true;
      for (let k = 1; k < e.words.length && ok; k++) {
        const w = e.words[k];
        ok = w !== undefined && PhraseIndex.wordMatches(text, i + k, w);
      }
      if (ok && (e.words[0]?.upper || e.words[0]?.notUpper)) ok = PhraseIndex.wordMatches(text, i, e.words[0]);
      if (ok) out.push({ from: i, to: i + e.words.length, payload: e.payload });
    }
  }

  private tryBucket(text: ThreatText, i: number, bucket: Bucket<T> | undefined, next: readonly string[] | undefined, out: Array<PhraseMatch<T>>): void {
    if (!bucket) return;
    this.tryEntries(text, i, bucket.one, out);
    if (next && bucket.bySecond.size > 0) for (const v of next) this.tryEntries(text, i, bucket.bySecond.get(v), out);
    if (bucket.rest.length > 0) this.tryEntries(text, i, bucket.rest, out);
  }

  /** Every phrase that matches in the post (several per position when they differ). */
  matchAll(text: ThreatText): Array<PhraseMatch<T>> {
    const out: Array<PhraseMatch<T>> = [];
    const tokens = text.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      this.stamp++;
      const next = tokens[i + 1]?.variants;
      for (const v of token.variants) {
        this.tryBucket(text, i, this.exact.get(v), next, out);
        // every prefix of the word that starts a phrase, walking the trie letter by letter
        let node: TrieNode<T> | undefined = this.prefixTrie;
        for (let k = 0; k < v.length && node; k++) {
          node = node.next.get(v.charCodeAt(k));
          if (node?.bucket) this.tryBucket(text, i, node.bucket, next, out);
        }
      }
    }
    return out;
  }
}

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

/**
 * A node of the word trie: the phrases that end here, and the words that may come next (plain
 * words by their folded text; prefix words, any-word and case-bound words in a short list).
 */
interface WordNode<T> {
  next: Map<string, WordNode<T>>;
  special: Array<{ pattern: WordPattern; node: WordNode<T> }>;
  ends: Array<Entry<T>>;
  /** The last matchAll position that visited this node (a word's readings may lead here twice). */
  stamp: number;
}

/** A node of the character trie of phrase-opening prefixes. */
interface TrieNode<T> {
  /** Children by UTF-16 code unit (no one-letter strings made while matching). */
  next: Map<number, TrieNode<T>>;
  /** The phrases opening with this prefix (`word*`), from their second word on. */
  words?: WordNode<T>;
}

interface Entry<T> {
  anchored: boolean;
  payload: T;
  length: number;
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
  /** Phrases by their first folded word (a first word bound to case is a `special` of the root). */
  private readonly root: WordNode<T> = wordNode();
  /** Phrases whose first word is a prefix, in a character trie of those prefixes. */
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
      let node = first.prefix ? this.prefixNode(first.text) : childOf(this.root, first);
      for (const w of words.slice(1)) node = childOf(node, w);
      node.ends.push({ anchored, payload, length: words.length });
    }
    return null;
  }

  private prefixNode(prefix: string): WordNode<T> {
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
    node.words ??= wordNode();
    return node.words;
  }

  private static wordMatches(text: ThreatText, i: number, p: WordPattern): boolean {
    const t = text.tokens[i];
    if (!t) return false;
    let found = false;
    for (const v of t.variants) {
      if (p.prefix ? v.startsWith(p.text) : v === p.text) {
        found = true;
        break;
      }
    }
    if (!found || !(p.upper || p.notUpper)) return found;
    // (the case of the written word only once the word itself is there)
    const written = text.original.slice(t.start, t.end);
    const capitals = written.length > 1 && written.toUpperCase() === written;
    return p.upper ? capitals : !capitals;
  }

  /** Follows the trie from `node`, whose words cover tokens from..at-1, collecting the phrases that end. */
  private walk(text: ThreatText, from: number, at: number, node: WordNode<T>, out: Array<PhraseMatch<T>>): void {
    if (node.stamp === this.stamp) return;
    node.stamp = this.stamp;
    for (const e of node.ends) {
      if (e.anchored && text.sentences[text.tokens[from]?.sentence ?? -1]?.first !== from) continue;
      out.push({ from, to: from + e.length, payload: e.payload });
    }
    const token = text.tokens[at];
    if (!token) return;
    if (node.next.size > 0) {
      for (const v of token.variants) {
        const child = node.next.get(v);
        if (child) this.walk(text, from, at + 1, child, out);
      }
    }
    for (const s of node.special) if (PhraseIndex.wordMatches(text, at, s.pattern)) this.walk(text, from, at + 1, s.node, out);
  }

  /** Every phrase that matches in the post (several per position when they differ). */
  matchAll(text: ThreatText): Array<PhraseMatch<T>> {
    const out: Array<PhraseMatch<T>> = [];
    const tokens = text.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      this.stamp++;
      this.walk(text, i, i, this.root, out);
      for (const v of token.variants) {
        // every prefix of the word that starts a phrase, walking the trie letter by letter
        let node: TrieNode<T> | undefined = this.prefixTrie;
        for (let k = 0; k < v.length && node; k++) {
          node = node.next.get(v.charCodeAt(k));
          if (node?.words) this.walk(text, i, i + 1, node.words, out);
        }
      }
    }
    return out;
  }
}

function wordNode<T>(): WordNode<T> {
  return { next: new Map(), special: [], ends: [], stamp: -1 };
}

/** The node after `node` for one more word, made when new. */
function childOf<T>(node: WordNode<T>, w: WordPattern): WordNode<T> {
  if (!w.prefix && !w.upper && !w.notUpper) {
    let child = node.next.get(w.text);
    if (!child) {
      child = wordNode();
      node.next.set(w.text, child);
    }
    return child;
  }
  const same = node.special.find((s) => s.pattern.text === w.text && s.pattern.prefix === w.prefix && s.pattern.upper === w.upper && s.pattern.notUpper === w.notUpper);
  if (same) return same.node;
  const child = wordNode<T>();
  node.special.push({ pattern: w, node: child });
  return child;
}

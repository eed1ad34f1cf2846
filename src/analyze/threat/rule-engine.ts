import type { CueClass } from './lexicon-schema.js';
import type { ThreatRule } from './lexicon-schema.js';
import type { CueHit } from './cue-matcher.js';
import type { ThreatText } from './threat-text.js';

/** A rule that fired: the cues that satisfied it and the sentence they are in (-1: whole post). */
export interface FiredRule {
  rule: ThreatRule;
  hits: CueHit[];
  sentence: number;
  /**
   * For a one-class rule, how many more separate cues of the class agree in the same place
   * ("your days are numbered, and what is coming you never dreamt of"): each adds to its weight.
   */
  more: number;
}

/** Cues of one class that do not overlap each other (the longest first). */
function separate(hits: readonly CueHit[]): CueHit[] {
  const out: CueHit[] = [];
  for (const h of [...hits].sort((a, b) => b.to - b.from - (a.to - a.from))) {
    if (!out.some((o) => o.from < h.to && h.from < o.to)) out.push(h);
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Cues of a post grouped by class, and by class per sentence. */
export class CueIndex {
  readonly byClass = new Map<CueClass, CueHit[]>();

  constructor(
    readonly text: ThreatText,
    readonly hits: readonly CueHit[],
  ) {
    for (const h of hits) {
      const list = this.byClass.get(h.cls);
      if (list) list.push(h);
      else this.byClass.set(h.cls, [h]);
    }
  }

  sentenceOf(hit: CueHit): number {
    return this.text.tokens[hit.from]?.sentence ?? -1;
  }

  private readonly bySentence = new Map<string, CueHit[]>();

  inSentence(cls: CueClass, sentence: number): CueHit[] {
    const key = `${cls}:${sentence}`;
    let list = this.bySentence.get(key);
    if (!list) {
      list = (this.byClass.get(cls) ?? []).filter((h) => this.sentenceOf(h) === sentence);
      this.bySentence.set(key, list);
    }
    return list;
  }

  has(cls: CueClass): boolean {
    return (this.byClass.get(cls)?.length ?? 0) > 0;
  }
}

function distance(a: CueHit, b: CueHit): number {
  if (a.to <= b.from) return b.from - a.to;
  if (b.to <= a.from) return a.from - b.to;
  return 0;
}

/**
 * Tries to satisfy a rule starting from one hit of its first class: for each next class, the
 * nearest hit (after the previous one when ordered) that does not overlap a hit already taken.
 */
function satisfy(rule: ThreatRule, anchor: CueHit, pool: (cls: CueClass) => CueHit[]): CueHit[] | null {
  const taken: CueHit[] = [anchor];
  for (const cls of rule.all.slice(1)) {
    const prev = taken[taken.length - 1] ?? anchor;
    let bestHit: CueHit | null = null;
    let bestDist = Infinity;
    for (const h of pool(cls)) {
      if (taken.some((t) => t.from < h.to && h.from < t.to)) continue;
      if (rule.ordered && h.from < prev.to) continue;
      const d = distance(prev, h);
      if (d < bestDist) {
        bestDist = d;
        bestHit = h;
      }
    }
    if (!bestHit) return null;
    taken.push(bestHit);
  }
  if (rule.window !== undefined) {
    const from = Math.min(...taken.map((h) => h.from));
    const to = Math.max(...taken.map((h) => h.to));
    if (to - from > rule.window) return null;
  }
  return taken;
}

/** Every rule that fires, once per sentence (or once for the post), with its cues. */
export function fireRules(rules: readonly ThreatRule[], cues: CueIndex): FiredRule[] {
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    const first = rule.all[0];
    if (!first || !rule.all.every((c) => cues.has(c))) continue;
    const anchors = cues.byClass.get(first) ?? [];
    if (rule.scope === 'post') {
      if (rule.none?.some((c) => cues.has(c))) continue;
      for (const a of anchors) {
        const got = satisfy(rule, a, (cls) => cues.byClass.get(cls) ?? []);
        if (got) {
          const all = rule.all.length === 1 ? separate(anchors) : got;
          fired.push({ rule, hits: rule.all.length === 1 ? all : got, sentence: -1, more: rule.all.length === 1 ? all.length - 1 : 0 });
          break;
        }
      }
      continue;
    }
    const done = new Set<number>();
    for (const a of anchors) {
      const s = cues.sentenceOf(a);
      if (done.has(s)) continue;
      if (rule.none?.some((c) => cues.inSentence(c, s).length > 0)) continue;
      const got = satisfy(rule, a, (cls) => cues.inSentence(cls, s));
      if (got) {
        const alike = rule.all.length === 1 ? separate(cues.inSentence(first, s)) : got;
        fired.push({ rule, hits: alike, sentence: s, more: alike.length - got.length });
        done.add(s);
      }
    }
  }
  return fired;
}

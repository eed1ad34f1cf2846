import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { bandKeys, containment, estimateJaccard, signature } from './minhash.js';
import { charShingles, contentTokens, wordShingles } from './shingles.js';

const set = (words: string[]): Uint32Array => Uint32Array.from(words.map((w) => hashString(w)));

describe('MinHash', () => {
  it('estimates Jaccard similarity within a few hundredths', () => {
    const a = set(Array.from({ length: 200 }, (_, i) => `w${i}`));
    const b = set(Array.from({ length: 200 }, (_, i) => `w${i + 100}`)); // J = 100/300
    expect(Math.abs(estimateJaccard(signature(a), signature(b)) - 1 / 3)).toBeLessThan(0.15);
    expect(estimateJaccard(signature(a), signature(a))).toBe(1);
    expect(estimateJaccard(signature(new Uint32Array(0)), signature(new Uint32Array(0)))).toBe(0);
  });

  it('gives identical band keys to identical sets and different ones to disjoint sets', () => {
    const a = bandKeys(signature(set(['x', 'y', 'z'])));
    const b = bandKeys(signature(set(['x', 'y', 'z'])));
    const c = bandKeys(signature(set(['p', 'q', 'r'])));
    expect([...a]).toEqual([...b]);
    expect([...a].filter((k, i) => k === c[i]).length).toBe(0);
  });

  it('derives containment from Jaccard and sizes', () => {
    // |A|=10 inside |B|=40: J = 10/40
    expect(containment(0.25, 10, 40)).toBeCloseTo(1, 5);
    expect(containment(0, 10, 40)).toBe(0);
  });
});

describe('shingles', () => {
  it('drop links, handles, the retweet prefix and the truncated last word', () => {
    expect(contentTokens('RT @someone: The council met today in the capi…')).toEqual(['the', 'council', 'met', 'today', 'in', 'the']);
    expect(contentTokens('Read https://example.org/a and t.me/chan/5 via @desk')).toEqual(['read', 'and', 'via']);
  });

  it('keep most shingles when a header and footer are added', () => {
    const body = 'the council of elders announced a meeting in the old market on friday to discuss the water supply';
    const a = new Set(wordShingles(contentTokens(body)));
    const b = new Set(wordShingles(contentTokens(`🔴 BREAKING | ${body} ⬇️ follow us #news`)));
    const shared = [...a].filter((h) => b.has(h)).length;
    expect(shared / a.size).toBe(1);
    expect(charShingles(['ab']).length).toBe(1);
  });
});

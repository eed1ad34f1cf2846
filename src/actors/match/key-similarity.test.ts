import { describe, expect, it } from 'vitest';
import { keyDistance, keySimilarity } from './key-similarity.js';

describe('keySimilarity', () => {
  it('counts two neighbouring letters swapped as less than two edits', () => {
    expect(keyDistance('JLDN', 'JLND')).toBe(0.75);
    expect(keySimilarity('JLDN', 'JLND')).toBeGreaterThan(0.78);
    expect(keySimilarity('ABMN', 'ABNM')).toBeGreaterThan(0.78);
  });

  it('still tells short keys and distant keys apart', () => {
    expect(keySimilarity('KRM', 'KMR')).toBe(0);
    expect(keySimilarity('MHMD', 'AHMD')).toBe(0);
    expect(keySimilarity('ASKR', 'SKRA')).toBe(0);
  });

  it('costs a sound-alike class swap half an edit', () => {
    expect(keyDistance('KSM', 'KZM')).toBe(0.5);
    expect(keyDistance('ASKR', 'ASKR')).toBe(0);
  });
});

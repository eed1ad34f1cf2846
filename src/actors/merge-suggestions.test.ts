import { describe, expect, it } from 'vitest';
import type { RegistrySnapshot } from '../store/actor-edit.repository.js';
import { normalize } from '../text/normalize.js';
import { actorIdFor } from './actor-import.service.js';
import { suggestMerges } from './merge-suggestions.js';

// Invented actors: none of these names is a real listed person or group.
interface FixtureActor {
  id: string;
  kind?: 'person' | 'group' | 'organization';
  names: string[];
  designations?: string[];
  mergedInto?: string;
  confidence?: number;
}

function snapshot(actors: FixtureActor[], dismissals: Array<[string, string]> = []): RegistrySnapshot {
  return {
    actors: actors.map((a) => ({ id: a.id, kind: a.kind ?? 'person', canonicalName: a.names[0] ?? a.id, mergedInto: a.mergedInto ?? null })),
    aliases: actors.flatMap((a) =>
      a.names.map((name, i) => ({ actorId: a.id, alias: name, normalized: normalize(name), kind: i === 0 ? 'primary' : 'aka', confidence: a.confidence ?? 1 })),
    ),
    designations: actors.flatMap((a) =>
      (a.designations ?? []).map((d) => ({ actorId: a.id, list: d.slice(0, d.indexOf(':')), reference: d.slice(d.indexOf(':') + 1) })),
    ),
    dismissals: dismissals.map(([actorA, actorB]) => ({ actorA, actorB })),
  };
}

const pairOf = (s: { keep: { id: string }; merge: { id: string } }): string[] => [s.keep.id, s.merge.id].sort();

describe('suggestMerges', () => {
  it('suggests the same invented person on two lists, with the aliases that agree', () => {
    const out = suggestMerges(
      snapshot([
        { id: 'ofac-1', names: ["AL-ZUBAYRI, Hamid 'Adil", "Abu Wardah al-Zubayri"], designations: ['ofac:90101'] },
        { id: 'un-1', names: ['HAMID ADIL AL-ZUBAYRI', 'Abu Wardah al-Zubairi'], designations: ['un:QDi.9101'] },
        { id: 'ofac-2', names: ['NORTHBRIDGE LOGISTICS'], kind: 'organization', designations: ['ofac:90102'] },
      ]),
    );
    expect(out).toHaveLength(1);
    const [s] = out;
    expect(pairOf(s!)).toEqual(['ofac-1', 'un-1']);
    expect(s!.score).toBeGreaterThan(0.8);
    expect(s!.score).toBeLessThanOrEqual(1);
    const hows = s!.reasons.map((r) => r.how);
    expect(hows).toContain('same_skeleton'); // Abu Wardah al-Zubayri = Abu Wardah al-Zubairi
    expect(hows).toContain('same_tokens_reordered'); // AL-ZUBAYRI, Hamid 'Adil = HAMID ADIL AL-ZUBAYRI
    expect(s!.keep.designations.length + s!.merge.designations.length).toBe(2);
  });

  it('matches across scripts by skeleton key and shares exact aliases after normalize', () => {
    const out = suggestMerges(
      snapshot([
        { id: 'a', names: ['Abu Sahm al-Qarnawi'] },
        { id: 'b', names: ['أبو سهم القرناوي'] },
        { id: 'c', names: ['ABU SAHM AL-QARNAWI'] },
      ]),
    );
    const pairs = out.map(pairOf);
    expect(pairs).toContainEqual(['a', 'b']);
    expect(pairs).toContainEqual(['a', 'c']);
    expect(pairs).toContainEqual(['b', 'c']);
    const ac = out.find((s) => pairOf(s).join() === 'a,c');
    expect(ac?.reasons[0]?.how).toBe('same_alias');
    // an exact shared alias outranks a cross-script skeleton agreement
    const ab = out.find((s) => pairOf(s).join() === 'a,b');
    expect(ac!.score).toBeGreaterThan(ab!.score);
  });

  it('never pairs a person with a group, nor an actor with itself, nor dismissed or merged actors', () => {
    const out = suggestMerges(
      snapshot(
        [
          { id: 'p1', names: ['Saif al-Wadi Front Leader', 'Saif al-Wadi'] },
          { id: 'g1', kind: 'group', names: ['Saif al-Wadi'] },
          { id: 'o1', kind: 'organization', names: ['Saif al-Wadi'] },
          { id: 'p2', names: ['Saif al-Wadi'] },
          { id: 'p3', names: ['Saif al-Wadi'], mergedInto: 'p1' },
        ],
        [['p2', 'p1']],
      ),
    );
    const pairs = out.map(pairOf);
    expect(pairs).toEqual([['g1', 'o1']]);
  });

  it('counts the aliases of merged actors for their survivor, and maps dismissals through merges', () => {
    const actors: FixtureActor[] = [
      { id: 'keep', names: ['Tariq Bin Sadun'] },
      { id: 'old', names: ['Marwan Qutaybi al-Hadidi'], mergedInto: 'keep' },
      { id: 'other', names: ['Marwan Qutaybi al-Hadidi'] },
    ];
    expect(suggestMerges(snapshot(actors)).map(pairOf)).toEqual([['keep', 'other']]);
    expect(suggestMerges(snapshot(actors, [['old', 'other']]))).toEqual([]);
  });

  it('ignores short single-token skeletons and keys shared by a crowd', () => {
    const given = ['Rashid', 'Nabil', 'Fawzi', 'Ghalib', 'Luqman', 'Tamim', 'Sharif', 'Yusri'];
    const family = ['Dawudi', 'Kubaysi', 'Mashhadani', 'Zawbai', 'Jumayli'];
    const crowd: FixtureActor[] = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, names: [`${given[i % 8]} ${family[Math.floor(i / 8)]}`, 'Abu Omar Common'] }));
    const out = suggestMerges(snapshot([...crowd, { id: 'x', names: ['Badr'] }, { id: 'y', names: ['Bader'] }]));
    expect(out).toEqual([]);
  });

  it('weighs two entries of one list less than a cross-list pair, and says so', () => {
    const out = suggestMerges(
      snapshot([
        { id: 'o1', names: ['Karim Nadhir Hassun'], designations: ['ofac:1'] },
        { id: 'o2', names: ['Karim Nadhir Hassun'], designations: ['ofac:2'] },
        { id: 'u1', names: ['Yasin Fadil Jabburi'], designations: ['un:QDi.1'] },
        { id: 'o3', names: ['Yasin Fadil Jabburi'], designations: ['ofac:3'] },
      ]),
    );
    expect(out.map(pairOf)).toEqual([
      ['o3', 'u1'],
      ['o1', 'o2'],
    ]);
    expect(out[1]?.caveats[0]).toContain('ofac');
    expect(out[0]?.caveats).toEqual([]);
  });

  it('takes a designation naming another actor’s own list entry as evidence, but not shared program codes', () => {
    const listed = actorIdFor('ofac', '90201');
    const out = suggestMerges(
      snapshot([
        { id: listed, kind: 'group', names: ['SANDSTORM BATTALIONS'], designations: ['ofac:90201'] },
        { id: 'curated', kind: 'group', names: ['Kataib al-Asifa'], designations: ['ofac:90201', 'us-state:FTO'] },
        { id: 'other', kind: 'group', names: ['Quiet Valley Movement'], designations: ['us-state:FTO'] },
      ]),
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.keep.id).toBe('curated');
    expect(out[0]?.reasons[0]).toMatchObject({ how: 'same_designation', key: 'ofac:90201' });
  });

  it('trusts a shared name made of common tokens less than a distinctive one', () => {
    const syllables = ['ba', 'ka', 'ta', 'ri', 'mu', 'sa', 'di', 'lo', 'ne', 'fa'];
    const filler: FixtureActor[] = Array.from({ length: 400 }, (_, i) => ({
      id: `f${i}`,
      names: [`Abu Hafs ${syllables[i % 10]}${syllables[Math.floor(i / 10) % 10]}${syllables[Math.floor(i / 100)]}x`],
    }));
    const out = suggestMerges(
      snapshot([
        ...filler,
        { id: 'common-1', names: ['Zuhair Bazzaz', 'Abu Hafs'] },
        { id: 'common-2', names: ['Marwan Tikriti', 'Abu Hafs'] },
        { id: 'rare-1', names: ['Luqman Sabbagh', 'Qutaybi Nimrani'] },
        { id: 'rare-2', names: ['Ghalib Jubouri', 'Qutaybi Nimrani'] },
      ]),
    );
    const score = (a: string, b: string): number => out.find((s) => pairOf(s).join() === [a, b].sort().join())?.score ?? 0;
    expect(score('common-1', 'common-2')).toBeGreaterThan(0);
    expect(score('rare-1', 'rare-2')).toBeGreaterThan(score('common-1', 'common-2') + 0.2);
  });

  it('ranks by score and honours the limit', () => {
    const out = suggestMerges(
      snapshot([
        { id: 'a', names: ['Abu Hafs al-Nimrani', 'Hafs Nimrani'] },
        { id: 'b', names: ['Abu Hafs al-Nimrani', 'Hafs Nimrani'] },
        { id: 'c', names: ['Jalal Qasim Dulaimi'], confidence: 0.5 },
        { id: 'd', names: ['Jalal Qasim Dulaimi'] },
      ]),
    );
    expect(out.map((s) => s.score)).toEqual([...out.map((s) => s.score)].sort((x, y) => y - x));
    expect(pairOf(out[0]!)).toEqual(['a', 'b']);
    expect(suggestMerges(snapshot([{ id: 'a', names: ['Abu Hafs al-Nimrani'] }, { id: 'b', names: ['Abu Hafs al-Nimrani'] }, { id: 'c', names: ['Abu Hafs al-Nimrani'] }]), { limit: 2 })).toHaveLength(2);
  });

  // Groups by key, never compares all pairs (50 million here): a guard against a quadratic slip,
  // with room for a loaded test machine (about a second on an idle one).
  it('runs on a registry the size of the full lists (10,000 actors, 30,000 aliases)', () => {
    const syllables = ['ba', 'ka', 'ta', 'ri', 'mu', 'sa', 'di', 'lo', 'ne', 'fa', 'zu', 'qi', 'ha', 'ja', 'wa', 'gho', 'shi', 'khu', 'dra', 'mel', 'nor', 'tep', 'vin', 'yaz'];
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: 2 + rand(2) }, () => syllables[rand(syllables.length)]).join('');
    const actors: FixtureActor[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `a${i}`,
      kind: i % 3 === 0 ? 'group' : 'person',
      names: [`${word()} ${word()} ${word()}`, `${word()} ${word()}`, `Abu ${word()}`],
      designations: [`ofac:${i}`],
    }));
    const started = performance.now();
    const out = suggestMerges(snapshot(actors), { limit: 20 });
    const ms = performance.now() - started;
    expect(out.length).toBeLessThanOrEqual(20);
    expect(ms).toBeLessThan(10_000);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorDraftSchema } from '../actor-draft.js';
import { ParseError } from '../../core/errors.js';
import { inferAliasKind, parseRasadActors, readYamlSubset } from './rasad-actors.parser.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/designations/rasad');

function load(name: string): ReturnType<typeof parseRasadActors> {
  return parseRasadActors({ text: readFileSync(join(FIXTURES, name), 'utf8'), fileName: name });
}

function caught(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

describe('parseRasadActors (JSON)', () => {
  const result = load('actors.json');

  it('maps actors to valid drafts', () => {
    expect(result.skipped).toEqual([]);
    expect(result.actors.map((a) => a.reference)).toEqual(['kh', 'aah', 'muhandis']);
    for (const a of result.actors) expect(actorDraftSchema.parse(a)).toEqual(a);
    const kh = result.actors[0];
    expect(kh).toMatchObject({
      list: 'rasad',
      kind: 'group',
      canonicalName: "Kata'ib Hizballah",
      programs: [],
      listedOn: null,
      countries: ['Iraq'],
      remarks: 'Iraqi armed group; fixture data for tests (designation strings illustrative).',
    });
    expect(kh?.aliases).toEqual([
      { name: "Kata'ib Hizballah", kind: 'primary', quality: null, script: 'Latn' },
      { name: 'كتائب حزب الله', kind: 'native', quality: null, script: 'Arab' },
      { name: 'KH', kind: 'acronym', quality: null, script: 'Latn' },
      { name: 'Kataib Hezbollah', kind: 'romanization', quality: null, script: 'Latn' },
      { name: 'Hizballah Brigades', kind: 'calque', quality: null, script: 'Latn' },
    ]);
    expect(kh?.extra).toEqual({
      designations: ['us-state:FTO', 'ofac:SDGT'],
      aliasSources: {
        'كتائب حزب الله': "group's own channels (public)",
        'Hizballah Brigades': 'US State Department FTO list (public)',
      },
    });
  });

  it('infers kinds of string aliases and collects affiliations', () => {
    const m = result.actors[2];
    expect(m?.kind).toBe('person');
    expect(m?.remarks).toBeNull();
    expect(m?.aliases.map((a) => [a.name, a.kind])).toEqual([
      ['Jamal Jaafar Muhammad Ali Ibrahim', 'primary'],
      ['Abu Mahdi al-Muhandis', 'kunya'],
      ['أبو مهدي المهندس', 'native'],
      ["Jamal Ja'far Ibrahimi", 'romanization'],
    ]);
    expect(result.actors[1]?.aliases.map((a) => a.kind)).toEqual(['primary', 'native', 'acronym', 'romanization']);
    expect(result.affiliations).toEqual([{ person: 'muhandis', group: 'kh', role: 'founder' }]);
  });
});

describe('parseRasadActors (YAML subset)', () => {
  it('gives the same drafts as the JSON file', () => {
    const yaml = load('actors.yaml');
    const fromJson = load('actors.json');
    expect(yaml).toEqual(fromJson);
  });

  it('reads the subset', () => {
    const text = [
      '# comment',
      'a: 1 # trailing',
      'b: "x # not a comment"',
      "c: 'it''s'",
      'd: [x, "y, z", ]',
      'e:',
      '  - f: g',
      '    h: ~',
      '  - plain',
      '  -',
      '    - nested',
      'i: {}',
      'j: true',
      'k: http://example.org/a#b',
    ].join('\n');
    expect(readYamlSubset(text, 't.yaml')).toEqual({
      a: '1',
      b: 'x # not a comment',
      c: "it's",
      d: ['x', 'y, z'],
      e: [{ f: 'g', h: null }, 'plain', ['nested']],
      i: {},
      j: true,
      k: 'http://example.org/a#b',
    });
  });

  it.each([
    ['a: |\n  text', 1, /block scalars/],
    ['a: &x 1', 1, /anchors/],
    ['a: {b: 1}', 1, /flow mappings/],
    ['a:\n    b: 1\n  c: 2', 3, /indentation/],
    ['a: 1\na: 2', 2, /duplicate key/],
    ['a: "open', 1, /unterminated/],
    ['a: plain\n  continued', 2, /multi-line/],
    ['a: 1\n---\nb: 2', 2, /multiple YAML documents/],
  ])('rejects %j at line %i', (text, line, message) => {
    const e = caught(() => readYamlSubset(text, 'bad.yaml'));
    expect(e.location).toMatchObject({ file: 'bad.yaml', line });
    expect(e.message).toMatch(message);
  });
});

describe('inferAliasKind', () => {
  it.each([
    ['كتائب حزب الله', 'native'],
    ['KH', 'acronym'],
    ['ISIS', 'acronym'],
    ['AQAP', 'acronym'],
    ['HAMAS-X', 'romanization'],
    ['Abu Bakr al-Baghdadi', 'kunya'],
    ['Abou Mohammed', 'kunya'],
    ['Umm Sayyaf', 'kunya'],
    ['Abuja Cell', 'romanization'],
    ['Kataib Hezbollah', 'romanization'],
  ])('%s → %s', (name, kind) => {
    expect(inferAliasKind(name)).toBe(kind);
  });
});

describe('parseRasadActors errors', () => {
  const good = { id: 'x', kind: 'group', canonical: 'X' };

  it('reports JSON syntax errors with a line', () => {
    const e = caught(() => parseRasadActors({ text: '{\n  "actors": [\n    {,\n  ]\n}', fileName: 'a.json' }));
    expect(e.location.file).toBe('a.json');
    expect(e.location.line).toBe(3);
  });

  it('names the field path of a bad alias kind', () => {
    const text = json({ actors: [good, good, { ...good, id: 'y', aliases: [{ name: 'Y', kind: 'nickname' }] }] });
    const e = caught(() => parseRasadActors({ text, fileName: 'a.json' }));
    expect(e.location).toMatchObject({ file: 'a.json', field: 'actors[2].aliases[0].kind' });
  });

  it('names missing fields, unknown keys and a missing actors key', () => {
    expect(caught(() => parseRasadActors({ text: json({ actors: [{ id: 'x', kind: 'group' }] }), fileName: 'a.json' })).location.field).toBe(
      'actors[0].canonical',
    );
    const unknown = caught(() => parseRasadActors({ text: json({ actors: [{ ...good, canonicl: 'X' }] }), fileName: 'a.json' }));
    expect(unknown.location.field).toBe('actors[0]');
    expect(unknown.message).toMatch(/canonicl/);
    expect(caught(() => parseRasadActors({ text: '{}', fileName: 'a.json' })).location.field).toBe('actors');
  });

  it('rejects duplicate ids', () => {
    const e = caught(() => parseRasadActors({ text: json({ actors: [good, good] }), fileName: 'a.json' }));
    expect(e.location.field).toBe('actors[1].id');
  });

  it('validates YAML input with the same paths', () => {
    const text = 'actors:\n  - id: x\n    kind: militia\n    canonical: X\n';
    const e = caught(() => parseRasadActors({ text, fileName: 'a.yml' }));
    expect(e.location).toMatchObject({ file: 'a.yml', field: 'actors[0].kind' });
  });
});

describe('the bundled starter registry', () => {
  it('parses, with every alias attributed to a public source', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const file = path.resolve(import.meta.dirname, '../starter/starter-registry.json');
    const result = parseRasadActors({ text: readFileSync(file, 'utf8'), fileName: file });
    expect(result.actors.map((a) => a.reference)).toEqual(expect.arrayContaining(['kh', 'askari', 'muhandis', 'pmf']));
    for (const actor of result.actors) {
      const sources = actor.extra.aliasSources as Record<string, string> | undefined;
      for (const alias of actor.aliases.filter((a) => a.kind !== 'primary')) expect(sources?.[alias.name], `${actor.reference}: ${alias.name}`).toBeTruthy();
    }
    expect(result.affiliations).toEqual(expect.arrayContaining([{ person: 'askari', group: 'kh', role: 'security official' }]));
  });
});

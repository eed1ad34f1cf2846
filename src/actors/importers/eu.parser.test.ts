import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorDraftSchema, type ActorDraft } from '../actor-draft.js';
import { ParseError } from '../../core/errors.js';
import { normaliseDate, parseEuCsv, recogniseEuFile } from './eu.parser.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/designations/eu');
const REAL = '/work/shared/data/designations/eu';

function parseFixture(name: string): ReturnType<typeof parseEuCsv> {
  return parseEuCsv({ text: readFileSync(join(FIXTURES, name), 'utf8'), fileName: name });
}

function byRef(actors: ActorDraft[], reference: string): ActorDraft {
  const actor = actors.find((a) => a.reference === reference);
  if (!actor) throw new Error(`no actor ${reference}`);
  return actor;
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

describe('recogniseEuFile', () => {
  it('recognises the header, with or without BOM', () => {
    expect(recogniseEuFile('x.csv', 'celex,recordId,programKey')).toBe(true);
    expect(recogniseEuFile('x.csv', '\uFEFFcelex,recordId,programKey')).toBe(true);
    expect(recogniseEuFile('x.csv', 'ent_num,SDN_Name')).toBe(false);
  });
});

describe('parseEuCsv with ";" aliases', () => {
  const result = parseFixture('semicolon-aliases.csv');

  it('produces valid drafts in list order', () => {
    expect(result.skipped).toEqual([]);
    expect(result.actors.map((a) => a.reference)).toEqual([
      '32099R0001/II.A/1',
      '32099R0001/II.B/2',
      '32099R0001/I/3',
      '32099R0001/III/4',
    ]);
    for (const a of result.actors) expect(actorDraftSchema.parse(a)).toEqual(a);
  });

  it('maps a person', () => {
    const p = byRef(result.actors, '32099R0001/II.A/1');
    expect(p).toMatchObject({
      list: 'eu',
      kind: 'person',
      canonicalName: 'QASIMI Harun Fictus',
      programs: ['EU-TERR'],
      listedOn: null, // birth date 11.8.1960 must not leak into listedOn
      remarks: null,
      countries: ['Fictonia', 'Utopian'],
    });
    expect(p.aliases).toEqual([
      { name: 'QASIMI Harun Fictus', kind: 'primary', quality: null, script: 'Latn' },
      { name: 'Abu Dawud al-Fictus', kind: 'aka', quality: 'good', script: 'Latn' },
      { name: 'Harun Qa’simi', kind: 'aka', quality: 'good', script: 'Latn' },
      { name: 'Sa’id', kind: 'aka', quality: 'good', script: 'Latn' },
    ]);
    expect(p.extra).toEqual({
      celex: '32099R0001',
      annex: 'II.A',
      measure: 'Asset freeze',
      birthDate: '11.8.1960',
      birthPlace: 'Fictum (Fictonia)',
      passportNumber: 'F1234567 (Fictonia)',
      gender: 'male',
    });
  });

  it('keeps typographic quotes and detects Arabic script; terrorist-list organisations are groups', () => {
    const g = byRef(result.actors, '32099R0001/II.B/2');
    expect(g.kind).toBe('group');
    expect(g.canonicalName).toBe('‘Brigade of the Example Dawn’');
    expect(g.aliases.map((a) => [a.name, a.script])).toEqual([
      ['‘Brigade of the Example Dawn’', 'Latn'],
      ['‘BED’', 'Latn'],
      ['Katibat al-Fajr al-Mithali', 'Latn'],
      ['كتيبة الفجر المثالي', 'Arab'],
    ]);
    expect(g.remarks).toBe('including ‘Example Youth Wing’ – ‘EYW’');
  });

  it('maps weak aliases, previous names, listing date, address; commas inside ";" aliases survive', () => {
    const e = byRef(result.actors, '32099R0001/I/3');
    expect(e.kind).toBe('group'); // EU-TAQA-EUAQ
    expect(e.listedOn).toBe('2001-10-06');
    expect(e.aliases.slice(1)).toEqual([
      { name: 'Relief Trust of the Example, Karachi', kind: 'aka', quality: 'good', script: 'Latn' },
      { name: 'ERT', kind: 'aka', quality: 'good', script: 'Latn' },
      { name: 'Example Aid', kind: 'aka', quality: 'low', script: 'Latn' },
      { name: 'Old Example Charity', kind: 'former_name', quality: null, script: 'Latn' },
    ]);
    expect(e.extra.address).toBe('"(a) Street 1, Fictum; (b) Street 2, Fictum"');
  });

  it('other programmes give organizations; reason is preferred for remarks', () => {
    const o = byRef(result.actors, '32099R0001/III/4');
    expect(o.kind).toBe('organization');
    expect(o.listedOn).toBe('2015-10-02');
    expect(o.remarks).toBe('Supplies goods to a listed entity.');
  });
});

describe('parseEuCsv with "," aliases', () => {
  const result = parseFixture('comma-aliases.csv');

  it('detects the "," separator for the file', () => {
    const p = byRef(result.actors, '32099R0002/I.A/7');
    expect(p.aliases.map((a) => a.name)).toEqual([
      'Tariq AL-MITHALI',
      'Abu Tariq Al-Shami',
      'Tariq Mithali',
      'Abu ’Abd al-Example',
    ]);
    // countries only split on ';'
    expect(p.countries).toEqual(['French, Turkish']);
    expect(byRef(result.actors, '32099R0002/I.B/8').aliases.map((a) => a.name)).toEqual([
      'Example Front',
      'EF',
      'Jabhat al-Mithal',
    ]);
  });
});

describe('parseEuCsv errors', () => {
  it('rejects a wrong header on line 1', () => {
    const e = caught(() => parseFixture('bad-header.csv'));
    expect(e.location).toMatchObject({ file: 'bad-header.csv', line: 1 });
  });

  it('rejects a header without a required column', () => {
    const e = caught(() => parseEuCsv({ text: 'celex,recordId,name\n', fileName: 'h.csv' }));
    expect(e.location).toMatchObject({ file: 'h.csv', line: 1, field: 'programKey' });
  });

  it('rejects a row with the wrong number of fields, naming its line', () => {
    const e = caught(() => parseFixture('bad-row.csv'));
    expect(e.location).toMatchObject({ file: 'bad-row.csv', line: 3 });
    expect(e.message).toMatch(/fields/);
  });

  it('rejects an unterminated quoted field', () => {
    const e = caught(() =>
      parseEuCsv({ text: 'celex,recordId,programKey,schema,name\n32099R0001,1,X,Person,"Open\n', fileName: 'q.csv' }),
    );
    expect(e.location).toMatchObject({ file: 'q.csv', line: 2 });
  });

  it('skips rows without a name and handles CRLF, quoted newlines and missing recordId', () => {
    const text =
      'celex,recordId,programKey,schema,name,alias,notes\r\n' +
      '32099R0003,,EU-TERR,Person,,,\r\n' +
      '32099R0003,,EU-TERR,Person,"Two\r\nLines",A; B,"x"\r\n' +
      '32099R0003,5,EU-TERR,Person,After,,\r\n';
    const result = parseEuCsv({ text, fileName: 'crlf.csv' });
    expect(result.skipped).toEqual([{ locator: 'crlf.csv:2', reason: '32099R0003/row1: no name' }]);
    expect(result.actors.map((a) => [a.reference, a.canonicalName])).toEqual([
      ['32099R0003/row2', 'Two\r\nLines'],
      ['32099R0003/5', 'After'],
    ]);
  });
});

describe('normaliseDate', () => {
  it.each([
    ['6.10.2001', '2001-10-06'],
    ['25.01.2010', '2010-01-25'],
    ['2 Oct. 2015', '2015-10-02'],
    ['2015-10-02', '2015-10-02'],
    ['31.2.2001', null],
    ['1963', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });
});

describe('real EU CSVs', () => {
  const files: Array<[string, number]> = [
    ['32001R2580.csv', 36],
    ['32002R0881.csv', 350],
    ['32016R1686.csv', 23],
  ];
  for (const [name, rows] of files) {
    const path = join(REAL, name);
    it.skipIf(!existsSync(path))(`parses ${name} (${rows} rows)`, () => {
      const text = readFileSync(path, 'utf8');
      expect(recogniseEuFile(name, text.slice(0, 200))).toBe(true);
      const result = parseEuCsv({ text, fileName: name });
      expect(result.actors.length + result.skipped.length).toBe(rows);
      expect(result.skipped).toEqual([]);
      for (const a of result.actors) actorDraftSchema.parse(a);
      expect(new Set(result.actors.map((a) => a.reference)).size).toBe(rows);
      expect(result.actors.every((a) => a.kind === 'person' || a.kind === 'group')).toBe(true);
      if (name === '32016R1686.csv') {
        const hitta = result.actors.find((a) => a.canonicalName === 'Sidan Ag HITTA');
        expect(hitta?.aliases.map((a) => a.name)).toContain('Abu ’Abd al-Hakim');
      }
      if (name === '32002R0881.csv') {
        expect(result.actors.some((a) => a.aliases.some((x) => x.script === 'Arab'))).toBe(true);
        expect(result.actors.filter((a) => a.listedOn !== null).length).toBe(328);
      }
    });
  }
});

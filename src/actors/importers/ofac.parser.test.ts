import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { actorDraftSchema, type ActorDraft } from '../actor-draft.js';
import { parseOfac, recogniseOfacFile, remarkAliases, type OfacFile, type OfacFiles } from './ofac.parser.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/designations/ofac');
const REAL = '/work/shared/data/designations/ofac';

function read(dir: string, name: string): OfacFile {
  return { text: readFileSync(path.join(dir, name), 'utf8'), fileName: name };
}

function fixtureFiles(): OfacFiles {
  return {
    sdn: read(FIXTURES, 'sdn.csv'),
    alt: read(FIXTURES, 'alt.csv'),
    add: read(FIXTURES, 'add.csv'),
    comments: read(FIXTURES, 'sdn_comments.csv'),
  };
}

function byRef(actors: ActorDraft[], reference: string): ActorDraft {
  const actor = actors.find((a) => a.reference === reference);
  if (!actor) throw new Error(`no actor ${reference}`);
  return actor;
}

function parseErrorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError');
}

const NULLS = '-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
const sdnLine = (ent: string, name: string, remarks = '-0- '): string => `${ent},"${name}",-0- ,"SDGT",${NULLS},${remarks}`;

describe('recogniseOfacFile', () => {
  it('knows the official names, case-insensitively and in any directory', () => {
    expect(recogniseOfacFile('sdn.csv')).toBe('sdn');
    expect(recogniseOfacFile('ALT.CSV')).toBe('alt');
    expect(recogniseOfacFile('downloads/ofac/add.csv')).toBe('add');
    expect(recogniseOfacFile('C:\\ofac\\SDN_COMMENTS.csv')).toBe('comments');
    expect(recogniseOfacFile('sdn.xml')).toBeNull();
    expect(recogniseOfacFile('my-sdn.csv')).toBeNull();
  });
});

describe('parseOfac on the fixtures', () => {
  const result = parseOfac(fixtureFiles());
  const { actors } = result;

  it('returns every sdn.csv row in order, each a valid ActorDraft', () => {
    expect(actors.map((a) => a.reference)).toEqual(['11462', '28690', '90001', '90002', '90003', '90004', '90005', '90006']);
    for (const actor of actors) expect(actorDraftSchema.parse(actor)).toEqual(actor);
    expect(result.skipped).toEqual([]);
  });

  it('maps the fields of an entity', () => {
    const kh = byRef(actors, '11462');
    expect(kh).toMatchObject({
      list: 'ofac',
      kind: 'group',
      canonicalName: "KATA'IB HIZBALLAH",
      programs: ['FTO', 'SDGT', 'IRAQ3'],
      listedOn: null,
      countries: ['Iraq'],
    });
    expect(kh.remarks).toMatch(/^www\.aleseb\.com; a\.k\.a\./);
    expect(kh.aliases[0]).toEqual({ name: "KATA'IB HIZBALLAH", kind: 'primary', quality: null, script: null });
    expect(kh.aliases.every((a) => a.script === null)).toBe(true);
  });

  it('takes alt.csv aliases as good and remark aliases as low quality, deduplicated case-insensitively', () => {
    const kh = byRef(actors, '11462');
    expect(kh.aliases.map((a) => [a.name, a.kind, a.quality])).toEqual([
      ["KATA'IB HIZBALLAH", 'primary', null],
      ["KATA'IB HEZBOLLAH", 'aka', 'good'],
      ['HIZBALLAH BRIGADES', 'aka', 'good'],
      ["KHATA'IB HIZBALLAH", 'aka', 'good'],
      ["KATA'IB HIZBALLAH FI AL-IRAQ", 'aka', 'low'],
      ['KH', 'acronym', 'low'],
      ['ISLAMIC RESISTANCE IN IRAQ', 'aka', 'low'],
    ]);
  });

  it('maps SDN_Type to kinds, with terrorism programs making entities groups', () => {
    expect(actors.map((a) => [a.reference, a.kind])).toEqual([
      ['11462', 'group'],
      ['28690', 'person'],
      ['90001', 'person'],
      ['90002', 'group'],
      ['90003', 'organization'],
      ['90004', 'vessel'],
      ['90005', 'aircraft'],
      ['90006', 'organization'],
    ]);
  });

  it('splits bracket-joined programs', () => {
    expect(byRef(actors, '90001').programs).toEqual(['SDGT', 'IRAQ3']);
    expect(byRef(actors, '90003').programs).toEqual(['IRAN', 'IFSR']);
    expect(byRef(actors, '28690').programs).toEqual(['SDGT']);
  });

  it('reads individuals: names verbatim, birth facts from remarks, f.k.a. and weak aliases', () => {
    const person = byRef(actors, '90001');
    expect(person.canonicalName).toBe("AL-FULANI, Abu Fulan 'Alan");
    expect(person.extra).toMatchObject({
      sdnType: 'individual',
      title: 'Commander (fictional)',
      dateOfBirth: ['01 Jan 1970', '1971'],
      placeOfBirth: ['Basra, Iraq'],
      nationality: ['Iraq'],
      gender: 'Male',
    });
    expect(person.aliases.map((a) => [a.name, a.kind, a.quality])).toEqual([
      ["AL-FULANI, Abu Fulan 'Alan", 'primary', null],
      ['AL-FULANI, Abu Fulan', 'aka', 'good'],
      ['FULANI, Abu', 'aka', 'good'],
      ['ABU FULAN', 'aka', 'low'],
      ['FULAN AL-TESTI', 'fka', 'low'],
    ]);
    const real = byRef(actors, '28690');
    expect(real.aliases.map((a) => a.name)).toContain("ABU-'AMMAR");
    expect(real.countries).toEqual(['Iraq']);
  });

  it('appends the sdn_comments.csv continuation with no separator and parses aliases across the cut', () => {
    const erf = byRef(actors, '90002');
    expect(erf.remarks).toBe(
      "Website www.example.org; Organization Established Date 2001; Registration ID 0000-TEST (Fictionland); a.k.a. 'EXAMPLE RELIEF'; a.k.a. 'ERF'; Linked To: KATA'IB HIZBALLAH.",
    );
    expect(erf.aliases.slice(1).map((a) => [a.name, a.kind])).toEqual([
      ['EXAMPLE RELIEF', 'aka'],
      ['ERF', 'acronym'],
    ]);
    expect(erf.countries).toEqual(['Fictionland', 'Iraq']);
    expect(erf.extra.addresses).toEqual([
      { address: 'Unit 1, Example Building, 1 Test Street', cityStateZip: 'Testville 00000', country: 'Fictionland', remarks: null },
      { address: null, cityStateZip: 'Baghdad', country: 'Iraq', remarks: null },
    ]);
  });

  it('reads fka/nka rows, acronyms and a weak mark in alt_remarks', () => {
    const ftc = byRef(actors, '90003');
    expect(ftc.canonicalName).toBe('FICTITIOUS TRADING COMPANY, LLC');
    expect(ftc.remarks).toBeNull();
    expect(ftc.aliases.slice(1).map((a) => [a.name, a.kind, a.quality])).toEqual([
      ['FICTITIOUS TRADERS, LLC', 'fka', 'good'],
      ['FTC', 'acronym', 'good'],
      ['FICTITIOUS TRADING', 'aka', 'low'],
    ]);
    const renamed = byRef(actors, '90006');
    expect(renamed.aliases.slice(1).map((a) => [a.name, a.kind, a.quality])).toEqual([['NEW NAME TEXTILES S.A.', 'nka', 'good']]);
  });

  it('keeps vessel details in extra', () => {
    const vessel = byRef(actors, '90004');
    expect(vessel.extra).toEqual({
      sdnType: 'vessel',
      callSign: '9XTS1',
      vesselType: 'Crude Oil Tanker',
      tonnage: '150,000',
      grossRegisteredTonnage: '80,000',
      vesselFlag: 'Panama',
      vesselOwner: 'FICTITIOUS TRADING COMPANY, LLC',
    });
    expect(vessel.programs).toEqual(['IRAN']);
  });

  it('works with sdn.csv alone', () => {
    const alone = parseOfac({ sdn: read(FIXTURES, 'sdn.csv') });
    expect(alone.actors).toHaveLength(8);
    expect(byRef(alone.actors, '90002').remarks).toMatch(/a\.k\.a\. 'EXAMPLE RE$/);
    expect(byRef(alone.actors, '11462').countries).toEqual([]);
  });
});

describe('remarkAliases', () => {
  it('handles apostrophes inside names, both quote styles, and several per remark', () => {
    expect(remarkAliases(`a.k.a. 'BNC'.`)).toEqual([{ kind: 'aka', name: 'BNC', weakMarked: false }]);
    expect(remarkAliases(`x; a.k.a. "KATA'IB HIZBALLAH"; a.k.a. "KH"; Linked To: Y.`).map((a) => a.name)).toEqual([
      "KATA'IB HIZBALLAH",
      'KH',
    ]);
    expect(remarkAliases(`a.k.a. 'ABDEL' AZIZ BEN'; f.k.a. 'AL-QA'QA'; n.k.a. 'Z' (weak).`)).toEqual([
      { kind: 'aka', name: "ABDEL' AZIZ BEN", weakMarked: false },
      { kind: 'fka', name: "AL-QA'QA", weakMarked: false },
      { kind: 'nka', name: 'Z', weakMarked: true },
    ]);
    expect(remarkAliases('DOB 1970; nationality Iraq.')).toEqual([]);
  });
});

describe('parseOfac errors', () => {
  it('rejects a row with a non-numeric ent_num, naming file and line', () => {
    const text = `${sdnLine('1', 'A')}\r\n${sdnLine('2', 'B')}\r\n${sdnLine('X3', 'C')}\r\n\x1A`;
    const err = parseErrorOf(() => parseOfac({ sdn: { text, fileName: 'sdn.csv' } }));
    expect(err.location).toEqual({ file: 'sdn.csv', line: 3, field: 'ent_num' });
  });

  it('rejects a row with the wrong number of columns, in any file', () => {
    const sdn = { text: `${sdnLine('1', 'A')}\r\n`, fileName: 'sdn.csv' };
    const alt = { text: '1,10,"aka","B",-0- \r\n1,11,"aka","C"\r\n', fileName: 'alt.csv' };
    const err = parseErrorOf(() => parseOfac({ sdn, alt }));
    expect(err.location).toMatchObject({ file: 'alt.csv', line: 2 });
    expect(err.message).toMatch(/expected 5 columns, found 4/);
  });

  it('rejects files that are not OFAC CSVs', () => {
    const header = 'ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n';
    expect(parseErrorOf(() => parseOfac({ sdn: { text: header, fileName: 'sdn.csv' } })).location).toMatchObject({ line: 1 });
    expect(parseErrorOf(() => parseOfac({ sdn: { text: '{"not": "csv"}\n', fileName: 'sdn.csv' } })).location.file).toBe('sdn.csv');
    expect(parseErrorOf(() => parseOfac({ sdn: { text: '\x1A', fileName: 'sdn.csv' } })).message).toMatch(/no rows/);
    // alt.csv handed in as sdn.csv
    const altText = readFileSync(path.join(FIXTURES, 'alt.csv'), 'utf8');
    expect(parseErrorOf(() => parseOfac({ sdn: { text: altText, fileName: 'sdn.csv' } })).location.line).toBe(1);
  });

  it('skips rows of the other files whose ent_num is not in sdn.csv', () => {
    const sdn = { text: `${sdnLine('1', 'A')}\r\n`, fileName: 'sdn.csv' };
    const add = { text: '1,1,-0- ,-0- ,"Iraq",-0- \r\n7,2,-0- ,-0- ,"Syria",-0- \r\n', fileName: 'add.csv' };
    const result = parseOfac({ sdn, add });
    expect(result.skipped).toEqual([{ locator: 'add.csv:2', reason: 'no sdn row for ent_num 7' }]);
    expect(result.actors[0]?.countries).toEqual(['Iraq']);
  });
});

describe('parseOfac on the real OFAC files', () => {
  const available = existsSync(path.join(REAL, 'sdn.csv'));

  it.skipIf(!available)('parses the whole list quickly into valid drafts', () => {
    const files: OfacFiles = {
      sdn: read(REAL, 'sdn.csv'),
      alt: read(REAL, 'alt.csv'),
      add: read(REAL, 'add.csv'),
      comments: read(REAL, 'sdn_comments.csv'),
    };
    const started = performance.now();
    const { actors, skipped } = parseOfac(files);
    const elapsed = performance.now() - started;
    expect(actors.length).toBeGreaterThan(8000);
    expect(skipped).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
    for (const actor of actors) actorDraftSchema.parse(actor);

    const kh = byRef(actors, '11462');
    expect(kh.canonicalName).toBe("KATA'IB HIZBALLAH");
    expect(kh.kind).toBe('group');
    const names = kh.aliases.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["KATA'IB HEZBOLLAH", 'HIZBALLAH BRIGADES', "KATA'IB HIZBALLAH FI AL-IRAQ"]));
    expect(names.some((n) => /^KH/.test(n))).toBe(true);

    const continued = actors.filter((a) => a.remarks?.includes('Linked To: LAZARUS GROUP') && a.reference === '28264');
    expect(continued[0]?.aliases.map((a) => a.name)).toEqual(expect.arrayContaining(['blackjack1987', 'khaleesi']));
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { actorDraftSchema, type ActorDraft } from '../actor-draft.js';
import { detectScript, parseUnConsolidated, recogniseUnFile } from './un.parser.js';

const fixturePath = fileURLToPath(new URL('../../../test/fixtures/designations/un/consolidated-sample.xml', import.meta.url));
const realPath = '/work/shared/data/designations/un/UN_consolidated.xml';
const sample = readFileSync(fixturePath, 'utf8');

function parseSample() {
  return parseUnConsolidated({ text: sample, fileName: 'consolidated-sample.xml' });
}
function byRef(actors: ActorDraft[], ref: string): ActorDraft {
  const a = actors.find((x) => x.reference === ref);
  if (!a) throw new Error(`no actor ${ref}`);
  return a;
}

describe('parseUnConsolidated (synthetic sample)', () => {
  const { actors, skipped } = parseSample();

  it('parses every valid record into a schema-valid draft, in list order', () => {
    expect(actors.map((a) => a.reference)).toEqual(['QDi.901', 'QDi.902', 'TAi.903', 'QDe.901', 'QDe.902', 'KPe.903']);
    for (const a of actors) expect(() => actorDraftSchema.parse(a)).not.toThrow();
  });

  it('skips a record without a name, with a locator naming file, line and reference', () => {
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.reason).toMatch(/name/);
    expect(skipped[0]?.locator).toMatch(/^consolidated-sample\.xml:\d+ QDe\.904$/);
  });

  it('maps individual fields', () => {
    const a = byRef(actors, 'QDi.901');
    expect(a).toMatchObject({
      list: 'un',
      kind: 'person',
      canonicalName: 'ZAFIR QUDRAN MALIK',
      programs: ['Al-Qaida'],
      listedOn: '2014-09-23',
      countries: ['Iraq', 'Syrian Arab Republic'],
    });
    expect(a.remarks).toBe('Fictional leader of the invented Sandglass Front (QDe.901). Review & update pending.');
    expect(a.aliases[0]).toEqual({ name: 'ZAFIR QUDRAN MALIK', kind: 'primary', quality: null, script: null });
    expect(a.extra).toMatchObject({
      dataid: '9000001',
      designation: ['Emir of the Sandglass Front'],
      title: ['Sheikh'],
      datesOfBirth: [
        { type_of_date: 'EXACT', date: '1975-03-14' },
        { type_of_date: 'APPROXIMATELY', year: '1974' },
      ],
      placesOfBirth: [{ city: 'Samarra', country: 'Iraq' }],
    });
    expect(a.extra).not.toHaveProperty('documents');
  });

  it('joins all four name parts and drops duplicate aliases', () => {
    const a = byRef(actors, 'TAi.903');
    expect(a.canonicalName).toBe('NUR GULZAR KHAN BAZ');
    expect(a.aliases.filter((x) => x.name === 'Mullah Nur Gulzar')).toHaveLength(1);
    expect(a.countries).toEqual([]);
    expect(a.extra).toMatchObject({ placesOfBirth: [{ state_province: 'Invented Province', country: 'Afghanistan' }] });
  });

  it('maps NAME_ORIGINAL_SCRIPT to a native alias with its detected script', () => {
    expect(byRef(actors, 'QDi.901').aliases).toContainEqual({ name: 'ظافر قدران مالك', kind: 'native', quality: 'good', script: 'Arab' });
    expect(byRef(actors, 'QDi.902').aliases).toContainEqual({ name: 'Орлан Весков', kind: 'native', quality: 'good', script: 'Cyrl' });
    expect(byRef(actors, 'QDe.901').aliases).toContainEqual({ name: 'جبهة الساعة الرملية', kind: 'native', quality: 'good', script: 'Arab' });
  });

  it('maps Good/Low quality, splits ";"-joined alias names and detects kunyas', () => {
    const aliases = byRef(actors, 'QDi.901').aliases;
    expect(aliases).toContainEqual({ name: 'Zafir Qudran', kind: 'aka', quality: 'good', script: 'Latn' });
    expect(aliases).toContainEqual({ name: 'Zafer Kodran', kind: 'aka', quality: 'low', script: 'Latn' });
    expect(aliases).toContainEqual({ name: 'Dhafir Qudhran', kind: 'aka', quality: 'low', script: 'Latn' });
    expect(aliases).toContainEqual({ name: 'Abu Hadid al-Zujaji', kind: 'kunya', quality: 'good', script: 'Latn' });
    expect(aliases).toContainEqual({ name: 'أبو حديد', kind: 'kunya', quality: 'low', script: 'Arab' });
  });

  it('handles empty elements and zone-suffixed LISTED_ON', () => {
    const a = byRef(actors, 'QDi.902');
    expect(a.listedOn).toBe('2015-07-01');
    expect(a.extra).toMatchObject({ listedOnRaw: '2015-07-01-04:00', datesOfBirth: [{ type_of_date: 'BETWEEN', from_year: '1980', to_year: '1982' }] });
    expect(a.extra).not.toHaveProperty('placesOfBirth');
    expect(a.remarks).toBeNull();
    expect(a.aliases.map((x) => x.kind)).toEqual(['primary', 'native']);
  });

  it('maps entities: a.k.a./f.k.a. aliases, address countries, group vs organization', () => {
    const g = byRef(actors, 'QDe.901');
    expect(g).toMatchObject({ kind: 'group', canonicalName: 'SANDGLASS FRONT', countries: ['Syrian Arab Republic', 'Iraq'], listedOn: '2014-05-14' });
    expect(g.aliases).toContainEqual({ name: 'Hourglass Front', kind: 'aka', quality: null, script: 'Latn' });
    expect(g.aliases).toContainEqual({ name: 'Sandglass Brigade', kind: 'fka', quality: null, script: 'Latn' });
    expect(g.extra).toMatchObject({ addresses: [{ country: 'Syrian Arab Republic' }, { city: 'Mosul', country: 'Iraq' }] });

    const charity = byRef(actors, 'QDe.902');
    expect(charity.kind).toBe('group');
    expect(charity.countries).toEqual([]);
    // Kunya detection applies to individuals only; an entity name starting with Abu stays an a.k.a.
    expect(charity.aliases).toContainEqual({ name: 'Abu Tidemark Foundation', kind: 'aka', quality: null, script: 'Latn' });

    const company = byRef(actors, 'KPe.903');
    expect(company.kind).toBe('organization');
    expect(company.canonicalName).toBe('NORTHWIND TRADING & SHIPPING CO., LTD.');
    expect(company.countries).toEqual(["Democratic People's Republic of Korea"]);
    expect(company.aliases.map((x) => x.name)).toEqual(['NORTHWIND TRADING & SHIPPING CO., LTD.', 'Northwind Trading Company', 'Pukpung Trading']);
  });
});

describe('bad input', () => {
  const bad = (text: string, fileName = 'bad.xml') => () => parseUnConsolidated({ text, fileName });

  it.each([
    ['not XML', 'name,reference\nfoo,QDi.1\n'],
    ['empty', ''],
    ['JSON', '{"individuals":[]}'],
    ['wrong root', '<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>'],
  ])('%s → ParseError naming the file', (_label, text) => {
    expect(bad(text)).toThrow(ParseError);
    try {
      bad(text)();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).location.file).toBe('bad.xml');
    }
  });

  it('rejects a truncated file', () => {
    const cut = sample.slice(0, Math.floor(sample.length / 2));
    expect(bad(cut)).toThrow(/truncated/);
  });

  it('accepts an empty list', () => {
    expect(parseUnConsolidated({ text: '<CONSOLIDATED_LIST/>', fileName: 'x.xml' })).toEqual({ actors: [], skipped: [] });
    expect(parseUnConsolidated({ text: '<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>\n', fileName: 'x.xml' }).actors).toEqual([]);
  });
});

describe('recogniseUnFile / detectScript', () => {
  it('recognises an .xml whose root is CONSOLIDATED_LIST', () => {
    expect(recogniseUnFile('consolidated.xml', sample.slice(0, 512))).toBe(true);
    expect(recogniseUnFile('UN.XML', '\uFEFF<CONSOLIDATED_LIST dateGenerated="x">')).toBe(true);
    expect(recogniseUnFile('consolidated.json', sample.slice(0, 512))).toBe(false);
    expect(recogniseUnFile('sdn.xml', '<?xml version="1.0"?>\n<sdnList>')).toBe(false);
    expect(recogniseUnFile('x.xml', '<?xml version="1.0"?><CONSOLIDATED_LISTING>')).toBe(false);
  });

  it('detects scripts by majority of letters', () => {
    expect(detectScript('أبو محمد')).toBe('Arab');
    expect(detectScript('Эмират Кавказ')).toBe('Cyrl');
    expect(detectScript('Abu Muhammad')).toBe('Latn');
    expect(detectScript('123 -')).toBeNull();
  });
});

describe.skipIf(!existsSync(realPath))('real UN consolidated list', () => {
  it('parses 730 individuals and 273 entities in under 2 s', () => {
    const text = readFileSync(realPath, 'utf8');
    const started = performance.now();
    const { actors, skipped } = parseUnConsolidated({ text, fileName: 'UN_consolidated.xml' });
    const ms = performance.now() - started;

    expect(skipped).toEqual([]);
    expect(actors.filter((a) => a.kind === 'person')).toHaveLength(730);
    expect(actors.filter((a) => a.kind === 'group' || a.kind === 'organization')).toHaveLength(273);
    const native = actors.flatMap((a) => a.aliases).filter((x) => x.kind === 'native');
    expect(native.length).toBeGreaterThan(300);
    expect(native.filter((x) => x.script === 'Arab').length).toBeGreaterThan(300);
    expect(actors.flatMap((a) => a.aliases).some((x) => x.quality === 'low')).toBe(true);
    expect(new Set(actors.map((a) => a.reference)).size).toBe(actors.length);
    for (const a of actors) actorDraftSchema.parse(a);
    expect(ms).toBeLessThan(2000);
  });
});

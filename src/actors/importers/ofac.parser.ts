/**
 * Parser for OFAC's "legacy" SDN CSV files (sdn.csv, alt.csv, add.csv, sdn_comments.csv).
 *
 * Format: no header row, CRLF line ends, a final 0x1A byte, `-0- ` for null. Columns:
 * - sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
 *   Vess_flag, Vess_owner, Remarks
 * - alt.csv: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
 * - add.csv: ent_num, add_num, address, city/state/postal, country, add_remarks
 * - sdn_comments.csv: ent_num, continuation of Remarks (appended with no separator)
 *
 * OFAC puts its strong aliases in alt.csv and its weak (low-quality) ones only in Remarks as
 * `a.k.a. 'NAME'`; remark aliases are therefore marked quality 'low'.
 */
import { ParseError } from '../../core/errors.js';
import type { ActorDraft, ActorListResult, AliasDraft } from '../actor-draft.js';
import { parseCsv, type CsvRecord } from './csv.js';

export interface OfacFile {
  /** Decoded text (the caller decodes UTF-8 or windows-1252). */
  text: string;
  fileName: string;
}

export interface OfacFiles {
  sdn: OfacFile;
  alt?: OfacFile;
  add?: OfacFile;
  comments?: OfacFile;
}

export type OfacFileRole = 'sdn' | 'alt' | 'add' | 'comments';

const OFFICIAL_NAMES: Record<string, OfacFileRole> = {
  'sdn.csv': 'sdn',
  'alt.csv': 'alt',
  'add.csv': 'add',
  'sdn_comments.csv': 'comments',
};

/** Which OFAC legacy file a name is, by its official name (case-insensitive, any directory). */
export function recogniseOfacFile(fileName: string): OfacFileRole | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return OFFICIAL_NAMES[base.toLowerCase()] ?? null;
}

const COLUMNS: Record<OfacFileRole, number> = { sdn: 12, alt: 5, add: 6, comments: 2 };

/** Programs whose entities Rasad treats as violent groups rather than ordinary organisations. */
const TERRORISM_PROGRAMS = new Set(['SDGT', 'SDT', 'FTO']);

const ALIAS_KIND_BY_TYPE: Record<string, 'aka' | 'fka' | 'nka'> = {
  aka: 'aka',
  'a.k.a.': 'aka',
  fka: 'fka',
  'f.k.a.': 'fka',
  nka: 'nka',
  'n.k.a.': 'nka',
};

/** `-0-` (with or without OFAC's trailing space) and blank mean null. */
function value(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  return v === '' || v === '-0-' ? null : v;
}

/** Reads one file and checks every row is a well-formed OFAC row of its kind. */
function readRows(file: OfacFile, role: OfacFileRole): Array<CsvRecord & { entNum: string }> {
  const records = parseCsv(file.text, { fileName: file.fileName });
  const expected = COLUMNS[role];
  const rows: Array<CsvRecord & { entNum: string }> = [];
  for (const record of records) {
    if (record.fields.length !== expected) {
      throw new ParseError(
        `not an OFAC ${role} CSV row: expected ${expected} columns, found ${record.fields.length}`,
        { file: file.fileName, line: record.line },
      );
    }
    const entNum = (record.fields[0] ?? '').trim();
    if (!/^\d+$/.test(entNum)) {
      throw new ParseError(`not an OFAC ${role} CSV row: ent_num ${JSON.stringify(entNum.slice(0, 40))} is not a number`, {
        file: file.fileName,
        line: record.line,
        field: 'ent_num',
      });
    }
    rows.push({ ...record, entNum });
  }
  return rows;
}

function splitPrograms(raw: string | null): string[] {
  if (raw === null) return [];
  return raw
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p !== '');
}

function isAcronym(name: string): boolean {
  return /^[A-Z]{2,5}$/.test(name) || /^(?:[A-Z]\.){2,5}$/.test(name);
}

function aliasKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * a.k.a./f.k.a./n.k.a. names embedded in Remarks: `a.k.a. 'BNC'.`, `a.k.a. "KH"; ...`.
 * Names may contain apostrophes (`'KATA'IB HIZBALLAH'`), so a name ends at the first
 * matching quote that is followed by `;`, `)`, ` (`, or the end of the remarks.
 */
const REMARK_ALIAS = /(?<![A-Za-z])([afn])\.k\.a\.\s+(['"])(.+?)\2(?=\s*(?:;|\)|\(|\.?\s*$|\.\s))/g;

export interface RemarkAlias {
  kind: 'aka' | 'fka' | 'nka';
  name: string;
  /** `(weak)` followed the name. */
  weakMarked: boolean;
}

/** Exported for tests: the aliases written into an OFAC Remarks text. */
export function remarkAliases(remarks: string): RemarkAlias[] {
  const out: RemarkAlias[] = [];
  for (const m of remarks.matchAll(REMARK_ALIAS)) {
    const letter = m[1];
    const name = (m[3] ?? '').trim();
    if (name === '' || letter === undefined) continue;
    const after = remarks.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 12);
    out.push({
      kind: letter === 'f' ? 'fka' : letter === 'n' ? 'nka' : 'aka',
      name,
      weakMarked: /^\s*\(weak\)/i.test(after),
    });
  }
  return out;
}

/** Birth dates, places, nationality, citizenship and gender stated in an individual's Remarks. */
function personFacts(remarks: string): Record<string, unknown> {
  const facts: Record<string, string[]> = {};
  const add = (key: string, v: string): void => {
    const list = (facts[key] ??= []);
    if (!list.includes(v)) list.push(v);
  };
  for (const part of remarks.split(';')) {
    const seg = part.trim().replace(/\.$/, '');
    const m = /^(?:alt\.\s+)?(DOB|POB|nationality|citizen|Gender)\s+(.+)$/.exec(seg);
    if (!m?.[1] || !m[2]) continue;
    const key = { DOB: 'dateOfBirth', POB: 'placeOfBirth', nationality: 'nationality', citizen: 'citizenship', Gender: 'gender' }[
      m[1]
    ];
    if (key) add(key, m[2].trim());
  }
  const out: Record<string, unknown> = { ...facts };
  if (facts.gender?.length === 1) out.gender = facts.gender[0];
  return out;
}

interface Building {
  draft: ActorDraft;
  remarksBase: string | null;
  continuation: string;
  aliasKeys: Set<string>;
  addresses: Array<Record<string, string | null>>;
}

function pushAlias(b: Building, alias: AliasDraft): boolean {
  const key = aliasKey(alias.name);
  if (b.aliasKeys.has(key)) return false;
  b.aliasKeys.add(key);
  b.draft.aliases.push(alias);
  return true;
}

/** Parses the OFAC legacy CSV files into actor drafts, in sdn.csv order. */
export function parseOfac(files: OfacFiles): ActorListResult {
  const skipped: ActorListResult['skipped'] = [];
  const byEnt = new Map<string, Building>();
  const sdnRows = readRows(files.sdn, 'sdn');
  if (sdnRows.length === 0) {
    throw new ParseError('not an OFAC sdn CSV: no rows', { file: files.sdn.fileName });
  }

  for (const row of sdnRows) {
    const f = row.fields;
    const locator = `${files.sdn.fileName}:${row.line}`;
    if (byEnt.has(row.entNum)) {
      skipped.push({ locator, reason: `duplicate ent_num ${row.entNum}` });
      continue;
    }
    const name = value(f[1]);
    if (name === null) {
      skipped.push({ locator, reason: `ent_num ${row.entNum} has no SDN_Name` });
      continue;
    }
    const sdnType = value(f[2]);
    const programs = splitPrograms(value(f[3]));
    const kind: ActorDraft['kind'] =
      sdnType === null
        ? programs.some((p) => TERRORISM_PROGRAMS.has(p))
          ? 'group'
          : 'organization'
        : sdnType.toLowerCase() === 'individual'
          ? 'person'
          : sdnType.toLowerCase() === 'vessel'
            ? 'vessel'
            : sdnType.toLowerCase() === 'aircraft'
              ? 'aircraft'
              : 'other';
    const extra: Record<string, unknown> = { sdnType: sdnType ?? 'entity' };
    const optional: Array<[string, number]> = [
      ['title', 4],
      ['callSign', 5],
      ['vesselType', 6],
      ['tonnage', 7],
      ['grossRegisteredTonnage', 8],
      ['vesselFlag', 9],
      ['vesselOwner', 10],
    ];
    for (const [key, index] of optional) {
      const v = value(f[index]);
      if (v !== null) extra[key] = v;
    }
    const b: Building = {
      draft: {
        list: 'ofac',
        reference: row.entNum,
        kind,
        canonicalName: name,
        aliases: [],
        programs,
        listedOn: null,
        remarks: null,
        countries: [],
        extra,
      },
      // Kept untrimmed: a continuation may resume right after a space OFAC cut at.
      remarksBase: value(f[11]) === null ? null : (f[11] ?? null),
      continuation: '',
      aliasKeys: new Set(),
      addresses: [],
    };
    pushAlias(b, { name, kind: 'primary', quality: null, script: null });
    byEnt.set(row.entNum, b);
  }

  if (files.comments) {
    for (const row of readRows(files.comments, 'comments')) {
      const b = byEnt.get(row.entNum);
      if (!b) {
        skipped.push({ locator: `${files.comments.fileName}:${row.line}`, reason: `no sdn row for ent_num ${row.entNum}` });
        continue;
      }
      // A continuation is raw text (OFAC cut the remark mid-word): keep its spaces.
      b.continuation += row.fields[1] ?? '';
    }
  }

  if (files.alt) {
    for (const row of readRows(files.alt, 'alt')) {
      const locator = `${files.alt.fileName}:${row.line}`;
      const b = byEnt.get(row.entNum);
      if (!b) {
        skipped.push({ locator, reason: `no sdn row for ent_num ${row.entNum}` });
        continue;
      }
      const name = value(row.fields[3]);
      if (name === null) {
        skipped.push({ locator, reason: 'alias without a name' });
        continue;
      }
      const type = (value(row.fields[2]) ?? 'aka').toLowerCase();
      const altKind = ALIAS_KIND_BY_TYPE[type] ?? 'aka';
      const altRemarks = value(row.fields[4]);
      const weak = altRemarks !== null && /\bweak\b/i.test(altRemarks);
      pushAlias(b, {
        name,
        kind: altKind === 'aka' && isAcronym(name) ? 'acronym' : altKind,
        quality: weak ? 'low' : 'good',
        script: null,
      });
    }
  }

  if (files.add) {
    for (const row of readRows(files.add, 'add')) {
      const b = byEnt.get(row.entNum);
      if (!b) {
        skipped.push({ locator: `${files.add.fileName}:${row.line}`, reason: `no sdn row for ent_num ${row.entNum}` });
        continue;
      }
      const country = value(row.fields[4]);
      if (country !== null && !b.draft.countries.includes(country)) b.draft.countries.push(country);
      const address = {
        address: value(row.fields[2]),
        cityStateZip: value(row.fields[3]),
        country,
        remarks: value(row.fields[5]),
      };
      if (Object.values(address).some((v) => v !== null)) b.addresses.push(address);
    }
  }

  const actors: ActorDraft[] = [];
  for (const b of byEnt.values()) {
    const base = b.remarksBase ?? '';
    const full = (base + b.continuation).trim();
    const remarks = full === '' ? null : full;
    b.draft.remarks = remarks;
    if (remarks !== null) {
      for (const alias of remarkAliases(remarks)) {
        pushAlias(b, {
          name: alias.name,
          kind: alias.kind === 'aka' && isAcronym(alias.name) ? 'acronym' : alias.kind,
          quality: 'low',
          script: null,
        });
      }
      if (b.draft.kind === 'person') Object.assign(b.draft.extra, personFacts(remarks));
    }
    if (b.addresses.length > 0) b.draft.extra.addresses = b.addresses;
    actors.push(b.draft);
  }
  return { actors, skipped };
}

/**
 * Parser for the EU terrorist / ISIL–Al-Qaida sanctions lists as OpenSanctions transcribes them
 * (`datasets/eu/journal_sanctions/data/consolidated/<celex>.csv`): one header row starting
 * `celex,recordId,...`, one row per designated person or organisation.
 *
 * Quirks handled:
 * - `alias` / `weakAlias` / `previousName` hold several names joined by `;` in most files but by
 *   `,` in 32016R1686. The separator is detected per file: `,` only when no alias field of the file
 *   contains `;` and some contains `,`.
 * - The Official Journal's typography (curly quotes ’ ‘, en dashes) is kept verbatim.
 * - `recordId` is numbered per annex (persons II.A/1.. and groups II.B/1.. in 32001R2580), so the
 *   reference is `${celex}/${annex}/${recordId}` (e.g. "32001R2580/II.A/12"); `${celex}/${recordId}`
 *   would collide. `recordId` is empty in 32002R0881; it then falls back to `row${n}` (n = the
 *   1-based data row), which is only stable for one consolidated version.
 * - `startDate` is the listing date (d.m.yyyy or "6 Oct. 2001"), normalised to YYYY-MM-DD;
 *   birth dates stay verbatim in `extra.birthDate`.
 */
import type { ActorDraft, ActorListResult, AliasDraft } from '../actor-draft.js';
import { ParseError } from '../../core/errors.js';
import { parseCsv } from './csv.js';

const REQUIRED_COLUMNS = ['celex', 'recordId', 'programKey', 'schema', 'name'] as const;

/** Lists whose organisations are armed groups rather than companies/charities. */
const GROUP_CELEX = new Set(['32001R2580', '32002R0881', '32016R1686']);
const GROUP_PROGRAMS = new Set(['EU-TERR', 'EU-TAQA-EUAQ']);

/** Fields copied verbatim into `extra` when non-empty. */
const EXTRA_FIELDS = ['birthDate', 'birthPlace', 'position', 'passportNumber', 'gender', 'address', 'idNumber'] as const;

/** True when `head` (the first bytes of a file) is an OpenSanctions EU journal CSV. */
export function recogniseEuFile(_fileName: string, head: string): boolean {
  return stripBom(head).startsWith('celex,recordId');
}

/** Parses one OpenSanctions EU journal CSV into actor drafts (list order); throws ParseError. */
export function parseEuCsv(input: { text: string; fileName: string }): ActorListResult {
  const file = input.fileName;
  const records = parseCsv(input.text, { fileName: file });
  const header = records[0];
  if (!header || header.fields[0] !== 'celex' || header.fields[1] !== 'recordId') {
    throw new ParseError('not an EU journal CSV: the header must start with "celex,recordId"', { file, line: 1 });
  }
  const columns = header.fields.map((c) => c.trim());
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) {
      throw new ParseError(`header lacks the "${required}" column`, { file, line: 1, field: required });
    }
  }
  const rows = records.slice(1).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      throw new ParseError(`row has ${row.fields.length} fields, the header has ${columns.length}`, {
        file,
        line: row.line,
      });
    }
  }
  const objects = rows.map((row) => {
    const o = new Map<string, string>();
    columns.forEach((c, i) => o.set(c, (row.fields[i] ?? '').trim()));
    return { line: row.line, get: (k: string): string => o.get(k) ?? '' };
  });

  const aliasFields = objects.flatMap((o) => [o.get('alias'), o.get('weakAlias'), o.get('previousName')]);
  const separator = !aliasFields.some((v) => v.includes(';')) && aliasFields.some((v) => v.includes(',')) ? ',' : ';';

  const result: ActorListResult = { actors: [], skipped: [] };
  objects.forEach((o, index) => {
    const celex = o.get('celex');
    const recordId = o.get('recordId');
    const annex = o.get('annex');
    const reference = [celex, annex, recordId || `row${index + 1}`].filter((p) => p !== '').join('/');
    const locator = `${file}:${o.line}`;
    const name = o.get('name');
    if (!celex) {
      result.skipped.push({ locator, reason: 'no celex number' });
      return;
    }
    if (!name) {
      result.skipped.push({ locator, reason: `${reference}: no name` });
      return;
    }
    const programKey = o.get('programKey');
    const schema = o.get('schema');
    let kind: ActorDraft['kind'];
    switch (schema) {
      case 'Person':
        kind = 'person';
        break;
      case 'Organization':
      case 'LegalEntity':
      case 'Company':
        kind = GROUP_CELEX.has(celex) || GROUP_PROGRAMS.has(programKey) ? 'group' : 'organization';
        break;
      case 'Vessel':
        kind = 'vessel';
        break;
      case 'Airplane':
        kind = 'aircraft';
        break;
      default:
        result.skipped.push({ locator, reason: `${reference}: unknown schema "${schema}"` });
        return;
    }

    const aliases: AliasDraft[] = [];
    const seen = new Set<string>();
    const add = (aliasName: string, aliasKind: AliasDraft['kind'], quality: AliasDraft['quality']): void => {
      const key = `${aliasKind}\u0000${aliasName}`;
      if (!aliasName || seen.has(key)) return;
      seen.add(key);
      aliases.push({ name: aliasName, kind: aliasKind, quality, script: detectScript(aliasName) });
    };
    add(name, 'primary', null);
    for (const a of splitList(o.get('alias'), separator)) add(a, 'aka', 'good');
    for (const a of splitList(o.get('weakAlias'), separator)) add(a, 'aka', 'low');
    for (const a of splitList(o.get('previousName'), separator)) add(a, 'former_name', null);

    const countries: string[] = [];
    // Split on ';' and on the OJ's enumerations "(a) Malaysia, (b) Indonesia".
    const countryParts = [o.get('country'), o.get('nationality')].flatMap((v) =>
      v.split(/;|,\s*(?=\([a-z]\)\s)/).map((c) => c.trim()),
    );
    for (const c of countryParts) {
      const cleaned = cleanCountry(c);
      if (cleaned && !countries.includes(cleaned)) countries.push(cleaned);
    }

    const extra: Record<string, unknown> = { celex, annex: annex || null, measure: o.get('measure') || null };
    for (const f of EXTRA_FIELDS) {
      const v = o.get(f);
      if (v) extra[f] = v;
    }

    result.actors.push({
      list: 'eu',
      reference,
      kind,
      canonicalName: name,
      aliases,
      programs: programKey ? [programKey] : [],
      listedOn: normaliseDate(o.get('startDate')),
      remarks: o.get('reason') || o.get('notes') || null,
      countries,
      extra,
    });
  });
  return result;
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function splitList(value: string, separator: string): string[] {
  if (!value) return [];
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "(a) German" → "German"; drops stray literal quotes the transcription leaves around lists. */
function cleanCountry(value: string): string {
  return value
    .replace(/^["\s]+|["\s]+$/g, '')
    .replace(/^\([a-z]\)\s*/i, '')
    .trim();
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const LETTER = /\p{L}/u;

function detectScript(text: string): string | null {
  if (ARABIC.test(text)) return 'Arab';
  return LETTER.test(text) ? 'Latn' : null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Listing date → YYYY-MM-DD: "6.10.2001", "06/10/2001", "6 Oct. 2001", "2001-10-06"; else null. */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(v))) {
    const month = MONTHS[(match[2] ?? '').slice(0, 3).toLowerCase()];
    if (month === undefined) return null;
    [d, m, y] = [Number(match[1]), month, Number(match[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

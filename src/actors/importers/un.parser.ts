import { DOMParser } from 'linkedom';
import { ParseError } from '../../core/errors.js';
import type { ActorDraft, ActorListResult, AliasDraft, AliasKind } from '../actor-draft.js';
import { dominantScript } from '../../text/script.js';

/**
 * Parser for the UN Security Council consolidated sanctions list (XML, https://scsanctions.un.org).
 *
 * Structure: CONSOLIDATED_LIST > INDIVIDUALS > INDIVIDUAL and CONSOLIDATED_LIST > ENTITIES > ENTITY.
 *
 * Mapping decisions:
 * - reference = REFERENCE_NUMBER (QDi.001 / QDe.001); a record without one, or without a name, is skipped.
 * - kind: individuals → 'person'; entities → 'organization' when listed under a non-proliferation
 *   or state regime (UN_LIST_TYPE DPRK, Iran, Iraq: companies, ministries, state bodies) or when the
 *   name contains a commercial word (Ltd, Limited, Company, Co., Corporation, Corp, Establishment,
 *   Bank, Trading, Industries, Enterprise(s), Shipping, LLC, Inc, GmbH, JSC, PLC, S.A.); otherwise
 *   'group' (armed groups and their fronts, charities included). A coarse heuristic, not a classification.
 * - aliases: the primary name (kind 'primary'); NAME_ORIGINAL_SCRIPT (kind 'native', quality 'good');
 *   every ALIAS_NAME, split on ';' — individuals' QUALITY Good/Low → aka with quality good/low,
 *   entities' QUALITY a.k.a./f.k.a. → aka/fka with quality null (the list gives no quality mark).
 *   An individual's ALIAS_NAME beginning with Abu/Abou/Abo/أبو/ابو is kind 'kunya' (quality kept);
 *   entity aliases (Abu Sayyaf Group) and the primary and native names keep their kinds. Script is detected from the letters of every name.
 * - listedOn: the YYYY-MM-DD part of LISTED_ON (a few carry a zone suffix, kept raw in extra).
 * - countries: NATIONALITY/VALUE for individuals, ENTITY_ADDRESS/COUNTRY for entities.
 */

const ROOT = 'CONSOLIDATED_LIST';

/** True for an .xml file whose root element is CONSOLIDATED_LIST (head = the file's first bytes as text). */
export function recogniseUnFile(fileName: string, head: string): boolean {
  if (!/\.xml$/i.test(fileName)) return false;
  return rootPattern.test(head);
}

const rootPattern = /^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<CONSOLIDATED_LIST[\s>/]/;

/** Parses the UN consolidated list into actor drafts, individuals first then entities (list order). */
export function parseUnConsolidated(input: { text: string; fileName: string }): ActorListResult {
  const file = input.fileName;
  const text = input.text.replace(/^\uFEFF/, '');
  if (!/^\s*</.test(text)) throw new ParseError('not an XML document', { file, line: 1 });

  const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
  const root = doc.documentElement as Element | null;
  if (root?.tagName !== ROOT) {
    const found = root ? `<${root.tagName}>` : 'no root element';
    throw new ParseError(`not the UN consolidated list: expected root <${ROOT}>, found ${found}`, { file, line: 1 });
  }
  const selfClosing = /<CONSOLIDATED_LIST\b[^>]*\/>/.test(text.slice(0, 2048)) && root.children.length === 0;
  if (!selfClosing && !/<\/CONSOLIDATED_LIST\s*>\s*$/.test(text)) {
    throw new ParseError('truncated XML: missing </CONSOLIDATED_LIST>', { file, line: lineAt(text, text.length) });
  }

  const lines = recordLines(text);
  const result: ActorListResult = { actors: [], skipped: [] };
  const individuals = childrenNamed(root, 'INDIVIDUALS').flatMap((s) => childrenNamed(s, 'INDIVIDUAL'));
  const entities = childrenNamed(root, 'ENTITIES').flatMap((s) => childrenNamed(s, 'ENTITY'));
  const indLines = lines.INDIVIDUAL.length === individuals.length ? lines.INDIVIDUAL : [];
  const entLines = lines.ENTITY.length === entities.length ? lines.ENTITY : [];

  individuals.forEach((el, i) => take(result, readRecord(el, 'individual'), locator(file, indLines[i], el)));
  entities.forEach((el, i) => take(result, readRecord(el, 'entity'), locator(file, entLines[i], el)));
  return result;
}

function take(result: ActorListResult, read: ActorDraft | string, where: string): void {
  if (typeof read === 'string') result.skipped.push({ locator: where, reason: read });
  else result.actors.push(read);
}

function locator(file: string, line: number | undefined, el: Element): string {
  const dataid = childText(el, 'DATAID');
  const ref = childText(el, 'REFERENCE_NUMBER') || (dataid ? `DATAID ${dataid}` : el.tagName);
  return `${file}${line === undefined ? '' : `:${line}`} ${ref}`;
}

/** A record, or the reason it was skipped. */
function readRecord(el: Element, type: 'individual' | 'entity'): ActorDraft | string {
  const reference = childText(el, 'REFERENCE_NUMBER');
  if (!reference) return 'missing REFERENCE_NUMBER';
  const canonicalName =
    type === 'individual'
      ? ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((n) => childText(el, n)).filter(Boolean).join(' ')
      : childText(el, 'FIRST_NAME');
  if (!canonicalName) return 'missing name (FIRST_NAME)';

  const aliases: AliasDraft[] = [{ name: canonicalName, kind: 'primary', quality: null, script: null }];
  const add = (a: AliasDraft): void => {
    if (!aliases.some((x) => x.name === a.name && x.kind === a.kind)) aliases.push(a);
  };
  const original = childText(el, 'NAME_ORIGINAL_SCRIPT');
  if (original) add({ name: original, kind: 'native', quality: 'good', script: detectScript(original) });

  for (const a of childrenNamed(el, type === 'individual' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS')) {
    const mark = aliasMark(childText(a, 'QUALITY'));
    for (const name of childText(a, 'ALIAS_NAME').split(';').map(clean).filter(Boolean)) {
      add({ name, kind: type === 'individual' && isKunya(name) ? 'kunya' : mark.kind, quality: mark.quality, script: detectScript(name) });
    }
  }

  const listedRaw = childText(el, 'LISTED_ON');
  const listedOn = /^\d{4}-\d{2}-\d{2}/.exec(listedRaw)?.[0] ?? null;
  const listType = childText(el, 'UN_LIST_TYPE');

  const countries =
    type === 'individual'
      ? childrenNamed(el, 'NATIONALITY').flatMap((n) => childrenNamed(n, 'VALUE').map(textOf))
      : childrenNamed(el, 'ENTITY_ADDRESS').map((n) => childText(n, 'COUNTRY'));

  const extra: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) return;
    extra[key] = value;
  };
  put('dataid', childText(el, 'DATAID'));
  put('unListType', listType);
  if (listedRaw !== listedOn) put('listedOnRaw', listedRaw);
  put('lastDayUpdated', values(el, 'LAST_DAY_UPDATED'));
  if (type === 'individual') {
    put('designation', values(el, 'DESIGNATION'));
    put('title', values(el, 'TITLE'));
    put('gender', childText(el, 'GENDER'));
    put('datesOfBirth', fieldsOf(el, 'INDIVIDUAL_DATE_OF_BIRTH'));
    put('placesOfBirth', fieldsOf(el, 'INDIVIDUAL_PLACE_OF_BIRTH'));
    put('addresses', fieldsOf(el, 'INDIVIDUAL_ADDRESS'));
    put('documents', fieldsOf(el, 'INDIVIDUAL_DOCUMENT'));
  } else {
    put('addresses', fieldsOf(el, 'ENTITY_ADDRESS'));
  }

  return {
    list: 'un',
    reference,
    kind: type === 'individual' ? 'person' : entityKind(canonicalName, listType),
    canonicalName,
    aliases,
    programs: listType ? [listType] : [],
    listedOn,
    remarks: childText(el, 'COMMENTS1', false) || null,
    countries: unique(countries.filter(Boolean)),
    extra,
  };
}

function aliasMark(quality: string): { kind: AliasKind; quality: AliasDraft['quality'] } {
  const q = quality.toLowerCase();
  if (q === 'good') return { kind: 'aka', quality: 'good' };
  if (q === 'low') return { kind: 'aka', quality: 'low' };
  if (q === 'f.k.a.' || q === 'fka') return { kind: 'fka', quality: null };
  if (q === 'n.k.a.' || q === 'nka') return { kind: 'nka', quality: null };
  return { kind: 'aka', quality: null };
}

const kunyaPattern = /^(?:abu|abou|abo)[\s-]|^(?:أبو|ابو|أبي|ابي)\s/iu;
function isKunya(name: string): boolean {
  return kunyaPattern.test(name);
}

const companyPattern =
  /\b(?:ltd|limited|llc|inc|company|co|corp|corporation|establishment|bank|trading|industries|industry|enterprises?|shipping|gmbh|jsc|plc)\b\.?|\bS\.A\.(?=\s|$)/i;
const stateRegimes = new Set(['DPRK', 'Iran', 'Iraq']);
function entityKind(name: string, listType: string): 'group' | 'organization' {
  return stateRegimes.has(listType) || companyPattern.test(name) ? 'organization' : 'group';
}

/** ISO 15924 code of the script most of the name's letters are in; null when it has no letters. */
export function detectScript(name: string): string | null {
  return dominantScript(name).script;
}

const childIndex = new WeakMap<Element, Map<string, Element[]>>();
/** Direct children named `name`; each element's children are indexed once (linkedom's `children` walks the tree). */
function childrenNamed(el: Element, name: string): Element[] {
  let index = childIndex.get(el);
  if (!index) {
    index = new Map();
    for (const c of Array.from(el.children)) {
      const list = index.get(c.tagName);
      if (list) list.push(c);
      else index.set(c.tagName, [c]);
    }
    childIndex.set(el, index);
  }
  return index.get(name) ?? [];
}

function textOf(el: Element): string {
  return clean(el.textContent ?? '');
}

/** Whitespace-collapsed text of the first direct child named `name` ('' when absent or empty). */
function childText(el: Element, name: string, collapse = true): string {
  const child = childrenNamed(el, name)[0];
  if (!child) return '';
  return collapse ? textOf(child) : (child.textContent ?? '').trim();
}

function values(el: Element, name: string): string[] {
  return unique(childrenNamed(el, name).flatMap((n) => childrenNamed(n, 'VALUE').map(textOf)).filter(Boolean));
}

/** Each `name` child as { lowercased field: text } with empty fields dropped; empty children dropped. */
function fieldsOf(el: Element, name: string): Array<Record<string, string>> {
  return childrenNamed(el, name)
    .map((n) => {
      const rec: Record<string, string> = {};
      for (const f of Array.from(n.children)) {
        const v = textOf(f);
        if (v) rec[f.tagName.toLowerCase()] = v;
      }
      return rec;
    })
    .filter((r) => Object.keys(r).length > 0);
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** 1-based start lines of <INDIVIDUAL> and <ENTITY> records, in order (used only for locators). */
function recordLines(text: string): { INDIVIDUAL: number[]; ENTITY: number[] } {
  const out = { INDIVIDUAL: [] as number[], ENTITY: [] as number[] };
  const re = /\n|<(INDIVIDUAL|ENTITY)[\s>/]/g;
  let line = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '\n') line++;
    else if (m[1] === 'INDIVIDUAL' || m[1] === 'ENTITY') out[m[1]].push(line);
  }
  return out;
}

/**
 * Parser for Rasad's own actor files (`*.json`, `*.yaml`, `*.yml`):
 *
 * ```yaml
 * actors:
 *   - id: kh
 *     kind: group
 *     canonical: Kata'ib Hizballah
 *     aliases:
 *       - name: كتائب حزب الله
 *         kind: native
 *         source: public source
 *       - KH
 *     designations: [ofac:..., un:...]
 *     affiliations:
 *       - actor: kh
 *         role: security official
 *     notes: ...
 * ```
 *
 * YAML support is a deliberately small subset (see `readYamlSubset`): block mappings, block
 * sequences of scalars and of mappings, flow sequences of scalars (`[a, "b"]`), `{}`/`[]`,
 * double-/single-quoted and plain scalars, `#` comments. Plain scalars stay strings except `null`,
 * `~`, `true`, `false` (so ids like `123` stay strings). Anchors, tags, block scalars (`|`, `>`),
 * multi-line plain scalars, flow mappings and multiple documents are rejected with a ParseError.
 */
import { z } from 'zod';
import { aliasKindSchema, type ActorDraft, type ActorListResult, type AliasDraft } from '../actor-draft.js';
import { ParseError } from '../../core/errors.js';

const aliasObjectSchema = z.strictObject({
  name: z.string().trim().min(1),
  kind: aliasKindSchema.optional(),
  quality: z.enum(['good', 'low']).nullable().optional(),
  script: z.string().min(1).nullable().optional(),
  source: z.string().min(1).nullable().optional(),
});

const actorSchema = z.strictObject({
  id: z.string().trim().min(1),
  kind: z.enum(['person', 'group', 'organization', 'vessel', 'aircraft', 'other']),
  canonical: z.string().trim().min(1),
  // A plain string is shorthand for { name }; preprocessing keeps error paths precise (…aliases[0].kind).
  aliases: z.array(z.preprocess((v) => (typeof v === 'string' ? { name: v } : v), aliasObjectSchema)).nullish(),
  designations: z.array(z.string().trim().min(1)).nullish(),
  affiliations: z
    .array(z.strictObject({ actor: z.string().trim().min(1), role: z.string().nullish() }))
    .nullish(),
  countries: z.array(z.string().trim().min(1)).nullish(),
  notes: z.string().nullish(),
});

/** The file's schema (exported for documentation and tests). */
// `about` describes the file (what it holds, where its names come from); it is not imported.
export const rasadActorFileSchema = z.strictObject({ about: z.string().optional(), actors: z.array(actorSchema) });
export type RasadActorFile = z.infer<typeof rasadActorFileSchema>;

export interface RasadAffiliation {
  person: string;
  group: string;
  role: string | null;
}

export type RasadActorsResult = ActorListResult & { affiliations: RasadAffiliation[] };

/** Parses a Rasad actor file (JSON, or the YAML subset when the name ends .yaml/.yml). */
export function parseRasadActors(input: { text: string; fileName: string }): RasadActorsResult {
  const file = input.fileName;
  const text = input.text.startsWith('\uFEFF') ? input.text.slice(1) : input.text;
  const data: unknown = /\.ya?ml$/i.test(file) ? readYamlSubset(text, file) : readJson(text, file);

  const parsed = rasadActorFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0];
    const field = first ? formatPath(first.path) : undefined;
    const all = issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`).join('; ');
    throw new ParseError(`invalid actor file: ${all}`, { file, ...(field ? { field } : {}) });
  }

  const ids = new Map<string, number>();
  parsed.data.actors.forEach((a, i) => {
    if (ids.has(a.id)) {
      throw new ParseError(`duplicate actor id "${a.id}" (first at actors[${ids.get(a.id)}])`, {
        file,
        field: `actors[${i}].id`,
      });
    }
    ids.set(a.id, i);
  });

  const result: RasadActorsResult = { actors: [], skipped: [], affiliations: [] };
  for (const a of parsed.data.actors) {
    const aliases: AliasDraft[] = [
      { name: a.canonical, kind: 'primary', quality: null, script: detectScript(a.canonical) },
    ];
    const aliasSources: Record<string, string> = {};
    for (const raw of a.aliases ?? []) {
      const alias = raw;
      const name = alias.name;
      if (aliases.some((x) => x.name === name)) continue;
      aliases.push({
        name,
        kind: alias.kind ?? inferAliasKind(name),
        quality: alias.quality ?? null,
        script: alias.script ?? detectScript(name),
      });
      if (alias.source) aliasSources[name] = alias.source;
    }
    const extra: Record<string, unknown> = { designations: a.designations ?? [] };
    if (Object.keys(aliasSources).length > 0) extra.aliasSources = aliasSources;
    const affiliations = a.affiliations ?? [];
    if (affiliations.length > 0) extra.affiliations = affiliations.map((f) => ({ actor: f.actor, role: f.role ?? null }));

    const draft: ActorDraft = {
      list: 'rasad',
      reference: a.id,
      kind: a.kind,
      canonicalName: a.canonical,
      aliases,
      programs: [],
      listedOn: null,
      remarks: a.notes ?? null,
      countries: a.countries ?? [],
      extra,
    };
    result.actors.push(draft);
    for (const f of affiliations) result.affiliations.push({ person: a.id, group: f.actor, role: f.role ?? null });
  }
  return result;
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;

function detectScript(text: string): string | null {
  if (ARABIC.test(text)) return 'Arab';
  return /\p{L}/u.test(text) ? 'Latn' : null;
}

/**
 * Kind of a plain-string alias: Arabic script → native; all capitals, 2–5 letters → acronym;
 * "Abu X" / "Abou X" / "Abū X" / "Umm X" → kunya; otherwise romanization.
 */
export function inferAliasKind(name: string): AliasDraft['kind'] {
  if (ARABIC.test(name)) return 'native';
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 2 && letters.length <= 5 && letters === letters.toUpperCase() && /^[\p{Lu}\d\s.&-]+$/u.test(name)) {
    return 'acronym';
  }
  if (/^(abu|abou|abū|umm)[\s-]\S/iu.test(name.trim())) return 'kunya';
  return 'romanization';
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function readJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8: "... in JSON at position 42 (line 3 column 5)" (Node 20+); older: only the position.
    const lineMatch = /line (\d+) column \d+/.exec(message);
    const posMatch = /position (\d+)/.exec(message);
    let line: number | undefined;
    if (lineMatch) line = Number(lineMatch[1]);
    else if (posMatch) line = text.slice(0, Number(posMatch[1])).split('\n').length;
    else if (/end of JSON input/i.test(message)) line = text.split('\n').length;
    throw new ParseError(`invalid JSON: ${message}`, { file, ...(line !== undefined ? { line } : {}) });
  }
}

// ---------------------------------------------------------------------------------------------
// YAML subset reader
// ---------------------------------------------------------------------------------------------

interface YamlLine {
  indent: number;
  content: string;
  line: number;
}

/**
 * Reads the documented YAML subset into plain JSON values. Throws ParseError with the line for
 * anything outside the subset rather than guessing.
 */
export function readYamlSubset(text: string, file: string): unknown {
  const lines: YamlLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.includes('\t') && /^\s*\t/.test(raw)) throw new ParseError('tabs are not allowed for indentation', { file, line });
    const content = stripComment(raw, file, line).trimEnd();
    if (content.trim() === '') return;
    if (content === '---' && lines.length === 0) return;
    if (content === '---' || content === '...') {
      throw new ParseError('multiple YAML documents are not supported', { file, line });
    }
    const indent = content.length - content.trimStart().length;
    lines.push({ indent, content: content.trimStart(), line });
  });
  if (lines.length === 0) return null;
  let pos = 0;
  const fail = (message: string, at: YamlLine | undefined): never => {
    throw new ParseError(message, { file, ...(at ? { line: at.line } : {}) });
  };

  const isSeqItem = (l: YamlLine): boolean => l.content === '-' || l.content.startsWith('- ');

  const parseBlock = (indent: number): unknown => {
    const first = lines[pos];
    if (!first) return null;
    return isSeqItem(first) ? parseSeq(indent) : parseMap(indent);
  };

  const parseMap = (indent: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    while (pos < lines.length) {
      const l = lines[pos];
      if (!l || l.indent < indent) break;
      if (l.indent > indent) fail('unexpected indentation', l);
      if (isSeqItem(l)) fail('a sequence item where a mapping key was expected', l);
      const kv = splitKey(l.content);
      if (!kv) return fail(`expected "key: value", got "${l.content}"`, l);
      const key = parseScalar(kv.key, l);
      if (typeof key !== 'string') return fail('mapping keys must be strings', l);
      if (Object.hasOwn(out, key)) fail(`duplicate key "${key}"`, l);
      pos++;
      if (kv.rest === '') {
        const next = lines[pos];
        if (next && next.indent > indent) out[key] = parseBlock(next.indent);
        else if (next && next.indent === indent && isSeqItem(next)) out[key] = parseSeq(indent);
        else out[key] = null;
      } else {
        out[key] = parseInline(kv.rest, l);
      }
    }
    return out;
  };

  const parseSeq = (indent: number): unknown[] => {
    const out: unknown[] = [];
    while (pos < lines.length) {
      const l = lines[pos];
      if (!l || l.indent < indent) break;
      if (l.indent > indent) fail('unexpected indentation', l);
      if (!isSeqItem(l)) break;
      const after = l.content.slice(1);
      const rest = after.trimStart();
      if (rest === '') {
        pos++;
        const next = lines[pos];
        out.push(next && next.indent > indent ? parseBlock(next.indent) : null);
      } else if (rest.startsWith('- ') || rest === '-') {
        return fail('nested sequences on one line are not supported', l);
      } else if (splitKey(rest)) {
        // "- key: value" starts a mapping whose keys sit at the column of "key".
        const itemIndent = l.indent + 1 + (after.length - rest.length);
        lines[pos] = { indent: itemIndent, content: rest, line: l.line };
        out.push(parseMap(itemIndent));
      } else {
        pos++;
        out.push(parseInline(rest, l));
      }
    }
    return out;
  };

  const parseInline = (value: string, l: YamlLine): unknown => {
    const v = value.trim();
    if (v === '[]') return [];
    if (v === '{}') return {};
    if (v.startsWith('[')) {
      if (!v.endsWith(']')) return fail('flow sequences must close on the same line', l);
      return splitFlow(v.slice(1, -1), l).map((item) => parseScalar(item, l));
    }
    if (v.startsWith('{')) return fail('flow mappings ({...}) are not supported; use block form', l);
    if (/^[|>]/.test(v)) return fail('block scalars (| and >) are not supported', l);
    if (/^[&*!]/.test(v)) return fail('anchors, aliases and tags are not supported', l);
    const next = lines[pos];
    if (next && next.indent > l.indent && !v.startsWith('"') && !v.startsWith("'")) {
      fail('multi-line plain scalars are not supported; quote the value on one line', next);
    }
    return parseScalar(v, l);
  };

  const parseScalar = (raw: string, l: YamlLine): unknown => {
    const v = raw.trim();
    if (v.startsWith('"')) {
      if (v.length < 2 || !v.endsWith('"')) return fail('unterminated double-quoted string', l);
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return fail('invalid double-quoted string (escapes follow JSON rules in this subset)', l);
      }
    }
    if (v.startsWith("'")) {
      if (v.length < 2 || !v.endsWith("'")) return fail('unterminated single-quoted string', l);
      const inner = v.slice(1, -1);
      if (/'(?!')/.test(inner.replace(/''/g, ''))) return fail('stray quote in single-quoted string', l);
      return inner.replace(/''/g, "'");
    }
    if (v === '' || v === '~' || v === 'null' || v === 'Null' || v === 'NULL') return null;
    if (v === 'true' || v === 'True' || v === 'TRUE') return true;
    if (v === 'false' || v === 'False' || v === 'FALSE') return false;
    return v;
  };

  const splitFlow = (inner: string, l: YamlLine): string[] => {
    const items: string[] = [];
    let cur = '';
    let q: string | null = null;
    for (const ch of inner) {
      if (q) {
        cur += ch;
        if (ch === q) q = null;
      } else if (ch === '"' || ch === "'") {
        q = ch;
        cur += ch;
      } else if (ch === ',') {
        items.push(cur);
        cur = '';
      } else if (ch === '[' || ch === '{') {
        return fail('nested flow collections are not supported', l);
      } else {
        cur += ch;
      }
    }
    if (cur.trim() !== '' || items.length > 0) items.push(cur);
    return items.filter((s, i) => s.trim() !== '' || i < items.length - 1);
  };

  const root = parseBlock(lines[0]?.indent ?? 0);
  if (pos < lines.length) fail('unexpected content (check indentation)', lines[pos]);
  return root;
}

/** Splits `key: rest` (key plain or quoted); null when the line is not a mapping entry. */
function splitKey(content: string): { key: string; rest: string } | null {
  let i = 0;
  if (content.startsWith('"') || content.startsWith("'")) {
    const q = content[0];
    i = 1;
    while (i < content.length) {
      if (content[i] === '\\' && q === '"') i += 2;
      else if (content[i] === q) {
        if (q === "'" && content[i + 1] === "'") i += 2;
        else break;
      } else i++;
    }
    if (i >= content.length) return null;
    i++;
    if (content[i] !== ':' || (i + 1 < content.length && content[i + 1] !== ' ')) return null;
    return { key: content.slice(0, i), rest: content.slice(i + 1).trim() };
  }
  if (/^[[{]/.test(content)) return null;
  const m = /^([^:]*?):(?:\s+|$)/.exec(content);
  if (!m || m[1] === undefined || m[1].trim() === '') return null;
  return { key: m[1], rest: content.slice(m[0].length).trim() };
}

/** Removes a `#` comment (at line start or after whitespace, outside quotes). */
function stripComment(raw: string, file: string, line: number): string {
  let q: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (q) {
      if (q === '"' && ch === '\\') i++;
      else if (ch === q) q = null;
    } else if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[,-]/.test(raw[i - 1] ?? ''))) {
      q = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(raw[i - 1] ?? ''))) {
      return raw.slice(0, i);
    }
  }
  if (q === '"') throw new ParseError('unterminated double-quoted string', { file, line });
  return raw;
}

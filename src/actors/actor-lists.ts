import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ParseError, ValidationError } from '../core/errors.js';
import { decodeBytes } from '../collect/imports/decode.js';
import { expandImportPaths } from '../collect/import-files.js';
import type { ActorListResult } from './actor-draft.js';
import { parseEuCsv, recogniseEuFile } from './importers/eu.parser.js';
import { parseOfac, recogniseOfacFile, type OfacFile, type OfacFiles } from './importers/ofac.parser.js';
import { parseRasadActors, type RasadAffiliation } from './importers/rasad-actors.parser.js';
import { parseUnConsolidated, recogniseUnFile } from './importers/un.parser.js';

/** Formats of `rasad actors import --format`. */
export const actorListFormats = ['ofac', 'un', 'eu', 'rasad'] as const;
export type ActorListFormat = (typeof actorListFormats)[number];

/** A parsed list (or list file) and where it came from. */
export interface ParsedActorList {
  files: string[];
  result: ActorListResult;
  affiliations: RasadAffiliation[];
}

async function readText(file: string): Promise<string> {
  return decodeBytes(new Uint8Array(await readFile(file)));
}

/**
 * Reads designation lists as published: OFAC's legacy CSVs are one list spread over several files
 * recognised by their official names (sdn.csv, alt.csv, add.csv, sdn_comments.csv); the UN XML,
 * each EU CSV and each Rasad actor file are one list each.
 */
export async function readActorLists(format: ActorListFormat, paths: string[]): Promise<ParsedActorList[]> {
  const files = (await expandImportPaths(paths)).map((f) => f.path);
  switch (format) {
    case 'ofac': {
      const roles: Partial<Record<keyof OfacFiles, OfacFile>> = {};
      for (const file of files) {
        const role = recogniseOfacFile(path.basename(file));
        if (role) roles[role] = { text: await readText(file), fileName: file };
      }
      const { sdn, ...rest } = roles;
      if (!sdn) throw new ValidationError('no sdn.csv among the given files (OFAC lists are recognised by their official file names)', { file: paths.join(', ') });
      return [{ files: [sdn, ...Object.values(rest)].map((f) => f.fileName), result: parseOfac({ sdn, ...rest }), affiliations: [] }];
    }
    case 'un':
    case 'eu': {
      const out: ParsedActorList[] = [];
      for (const file of files) {
        const text = await readText(file);
        const head = text.slice(0, 2000);
        const recognised = format === 'un' ? recogniseUnFile(path.basename(file), head) : recogniseEuFile(path.basename(file), head);
        if (!recognised) {
          if (paths.includes(file)) throw new ParseError(`not a ${format === 'un' ? 'UN consolidated list XML' : 'EU list CSV'} file`, { file });
          continue;
        }
        const result = format === 'un' ? parseUnConsolidated({ text, fileName: file }) : parseEuCsv({ text, fileName: file });
        out.push({ files: [file], result, affiliations: [] });
      }
      if (out.length === 0) throw new ValidationError(`no ${format.toUpperCase()} list files found`, { file: paths.join(', ') });
      return out;
    }
    case 'rasad': {
      const out: ParsedActorList[] = [];
      for (const file of files.filter((f) => /\.(json|ya?ml)$/i.test(f))) {
        const parsed = parseRasadActors({ text: await readText(file), fileName: file });
        out.push({ files: [file], result: parsed, affiliations: parsed.affiliations });
      }
      if (out.length === 0) throw new ValidationError('no Rasad actor files (.json, .yaml) found', { file: paths.join(', ') });
      return out;
    }
  }
}

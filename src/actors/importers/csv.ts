/**
 * A small RFC 4180 CSV reader for the designation lists.
 *
 * - Fields are separated by commas; a field may be wrapped in double quotes, and inside
 *   quotes commas, line breaks and doubled quotes (`""` → `"`) are literal.
 * - Records end with CRLF, LF or a lone CR.
 * - A trailing DOS end-of-file byte (0x1A, OFAC's legacy files end with one) and a leading
 *   byte-order mark are dropped.
 * - Each record carries the 1-based line on which it starts; line breaks inside quoted
 *   fields are counted, so later records keep their real line numbers.
 * - Lenient where real files are sloppy: a `"` inside an unquoted field is kept literally.
 *   Strict where guessing would corrupt data: an unterminated quoted field or text after a
 *   closing quote throws `ParseError` with the line.
 */
import { ParseError } from '../../core/errors.js';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** Used in error locations. */
  fileName?: string;
  /** Drop records that are one empty field (blank lines). Default true. */
  skipBlankLines?: boolean;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/** Strips a BOM and a final 0x1A (with any line breaks around it). */
function trimEnvelope(text: string): string {
  let start = 0;
  if (text.charCodeAt(0) === 0xfeff) start = 1;
  let end = text.length;
  // Drop trailing line breaks, then one 0x1A, then line breaks before it.
  while (end > start && (text.charCodeAt(end - 1) === CR || text.charCodeAt(end - 1) === LF)) end--;
  if (end > start && text.charCodeAt(end - 1) === 0x1a) {
    end--;
    while (end > start && (text.charCodeAt(end - 1) === CR || text.charCodeAt(end - 1) === LF)) end--;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Parses CSV text into records; see the module comment for the dialect. */
export function parseCsv(input: string, options: CsvOptions = {}): CsvRecord[] {
  const file = options.fileName;
  const skipBlank = options.skipBlankLines ?? true;
  const text = trimEnvelope(input);
  const n = text.length;
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      // One field starting at i.
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        i++;
        let value = '';
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            throw new ParseError('unterminated quoted field', { file, line: fieldLine, field: `column ${fields.length + 1}` });
          }
          const chunk = text.slice(i, q);
          line += countLineBreaks(chunk);
          value += chunk;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        fields.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c !== COMMA && c !== CR && c !== LF && c !== -1) {
          throw new ParseError(`unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 20))}`, {
            file,
            line,
            field: `column ${fields.length}`,
          });
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      // Separator or end of record.
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      const c = i < n ? text.charCodeAt(i) : -1;
      if (c === CR) {
        i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
      } else if (c === LF) {
        i++;
      }
      line++;
      break;
    }
    if (skipBlank && fields.length === 1 && fields[0] === '') continue;
    records.push({ line: recordLine, fields });
  }
  return records;
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}

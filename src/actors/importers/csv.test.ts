import { describe, expect, it } from 'vitest';
import { ParseError } from '../../core/errors.js';
import { parseCsv } from './csv.js';

function fieldsOf(text: string): string[][] {
  return parseCsv(text).map((r) => r.fields);
}

describe('parseCsv', () => {
  it('reads plain and quoted fields', () => {
    expect(fieldsOf('a,b,c\n1,"two",3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two', '3'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quotes', () => {
    expect(fieldsOf('1,"x, y","say ""hi""","two\r\nlines"\r\n')).toEqual([['1', 'x, y', 'say "hi"', 'two\r\nlines']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(fieldsOf('a,,c,\n,""\n')).toEqual([
      ['a', '', 'c', ''],
      ['', ''],
    ]);
  });

  it('accepts CRLF, LF and CR line ends and a missing final line end', () => {
    expect(fieldsOf('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('drops a trailing 0x1A byte and a BOM', () => {
    expect(fieldsOf('\uFEFF1,"A"\r\n2,"B"\r\n\x1A')).toEqual([
      ['1', 'A'],
      ['2', 'B'],
    ]);
    expect(fieldsOf('1,"A"\x1A')).toEqual([['1', 'A']]);
  });

  it('skips blank lines unless asked not to', () => {
    expect(fieldsOf('a\n\nb\n')).toEqual([['a'], ['b']]);
    expect(parseCsv('a\n\nb\n', { skipBlankLines: false }).map((r) => r.fields)).toEqual([['a'], [''], ['b']]);
  });

  it('gives 1-based start lines that count line breaks inside quoted fields', () => {
    const records = parseCsv('1,"a"\r\n2,"multi\r\nline\nfield"\r\n\r\n3,"c"\r\n\x1A');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, '1'],
      [2, '2'],
      [6, '3'],
    ]);
  });

  it('keeps a stray quote inside an unquoted field literally', () => {
    expect(fieldsOf('a b"c,d\n')).toEqual([['a b"c', 'd']]);
  });

  it('throws ParseError with the line for an unterminated quote', () => {
    try {
      parseCsv('1,"ok"\n2,"never closed\n3,x\n', { fileName: 'f.csv' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      const err = e as ParseError;
      expect(err.location).toMatchObject({ file: 'f.csv', line: 2 });
    }
  });

  it('throws ParseError for text after a closing quote', () => {
    expect(() => parseCsv('1,"a"b,c\n', { fileName: 'f.csv' })).toThrow(ParseError);
  });
});

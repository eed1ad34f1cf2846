import { ParseError } from '../../core/errors.js';

/** Where a JSON text first breaks, and why in a few words. */
export interface JsonFault {
  offset: number;
  reason: string;
}

/**
 * Finds the first syntax error in a JSON text. JSON.parse's messages differ between Node versions
 * and sometimes carry no position, so a small scanner of our own gives the offset for the line.
 */
export function findJsonFault(text: string, start = 0): JsonFault | null {
  let i = start;
  const fail = (reason?: string): never => {
    throw new Fault(i, i >= text.length ? 'truncated JSON' : (reason ?? `unexpected ${describe(text[i] ?? '')}`));
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i >= text.length) fail();
      if (c === 0x22) return void i++;
      if (c < 0x20) fail('control character inside a string');
      if (c === 0x5c) {
        i++;
        const e = text[i] ?? fail();
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape');
          i += 5;
        } else if ('"\\/bfnrt'.includes(e)) i++;
        else fail(`bad escape \\${e}`);
      } else i++;
    }
  };
  const number = (): void => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    if (!m.test(text)) fail();
    i = m.lastIndex;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return container('}', true);
    if (ch === '[') return container(']', false);
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    fail();
  };
  const container = (close: string, isObject: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        string();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
      }
      value();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`expected ',' or '${close}'`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return null;
  } catch (e) {
    if (e instanceof Fault) return { offset: e.offset, reason: e.reason };
    // Absurd nesting overflows the stack; the caller still reports the file as invalid.
    return { offset: start, reason: 'invalid JSON' };
  }
}

/** 1-based line of a UTF-16 offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let p = text.indexOf('\n'); p !== -1 && p < offset; p = text.indexOf('\n', p + 1)) line++;
  return line;
}

/** ParseError for a JSON text that JSON.parse rejected, naming the line where it breaks. */
export function jsonParseError(text: string, file: string, start = 0): ParseError {
  const fault = findJsonFault(text, start) ?? { offset: start, reason: 'invalid JSON' };
  const offset = Math.min(fault.offset, text.length);
  return new ParseError(fault.reason, { file, line: lineAt(text, offset) });
}

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A character for an error message, visible even when it is a control or space. */
function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20 || ch === ' ' ? `character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : `'${ch}'`;
}

import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../test/fixtures/imports/load-fixture.js';
import { decodeBytes, declaredEncoding, looksBinary } from './decode.js';

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

describe('decodeBytes', () => {
  it('honours UTF-8 and UTF-16 byte order marks, dropping the mark', () => {
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, 0xd8, 0xb3))).toBe('س');
    expect(decodeBytes(bytes(0xff, 0xfe, 0x33, 0x06, 0x41, 0x00))).toBe('سA');
    expect(decodeBytes(bytes(0xfe, 0xff, 0x06, 0x33, 0x00, 0x41))).toBe('سA');
  });

  it('falls back to windows-1252 for invalid UTF-8, or to the declared encoding', () => {
    expect(decodeBytes(bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80))).toBe('café €');
    // windows-1256 (Arabic) 0xD3 is SEEN.
    expect(decodeBytes(bytes(0xd3), 'windows-1256')).toBe('س');
    expect(decodeBytes(bytes(0xe9), 'no-such-charset')).toBe('é');
  });

  it('reads the encoding an XML declaration or meta tag declares', () => {
    expect(declaredEncoding(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><rss/>'))).toBe('ISO-8859-1');
    expect(declaredEncoding(new TextEncoder().encode('<html><head><meta charset="windows-1256">'))).toBe('windows-1256');
  });
});

describe('looksBinary', () => {
  it('flags binary junk and NUL bytes, not text or UTF-16 with a BOM', () => {
    expect(looksBinary(loadFixture('junk.bin').bytes)).toBe(true);
    expect(looksBinary(bytes(0x7b, 0x00, 0x7d))).toBe(true);
    expect(looksBinary(loadFixture('telegram/channel/result.json').bytes)).toBe(false);
    expect(looksBinary(bytes(0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00))).toBe(false);
  });
});

describe('decodeWindows1252', () => {
  it('maps 0x80–0x9F to the WHATWG characters (Node 20 gets these wrong)', () => {
    expect(decodeBytes(bytes(0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x9f), 'iso-8859-1')).toBe('\u201cq\u201d \u2013 \u0178');
  });
});

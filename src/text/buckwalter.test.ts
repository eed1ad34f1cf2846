import { describe, expect, it } from 'vitest';
import { seededRandom as rng } from '../core/seeded-random.js';
import { BUCKWALTER_LETTERS, fromBuckwalter, toBuckwalter } from './buckwalter.js';


// Arabic-script characters outside the table: they must survive both directions untouched.
const PASS_THROUGH = ['ژ', 'ک', 'ی', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ہ', 'ھ', 'ے', '٣', '۴', '،', '؟', '\u200c'];
const ALPHABET = [...BUCKWALTER_LETTERS, ...PASS_THROUGH, ' ', '0', '7', '9'];

describe('Buckwalter', () => {
  it('encodes names with the standard table', () => {
    expect(toBuckwalter('أبو علي العسكري')).toBe('>bw Ely AlEskry');
    expect(toBuckwalter('كتائب حزب الله')).toBe('ktA}b Hzb Allh');
    expect(toBuckwalter('قيس الخزعلي')).toBe('qys AlxzEly');
    expect(toBuckwalter('مُهَنْدِس')).toBe('muhanodis');
    expect(toBuckwalter('ٱللّٰه')).toBe('{ll~`h');
    expect(toBuckwalter('مؤسسة إسلامية آمنة ـ شيء')).toBe('m&ssp <slAmyp |mnp _ $y\'');
  });

  it('decodes Buckwalter back to Arabic', () => {
    expect(fromBuckwalter('>bw mhdy Almhnds')).toBe('أبو مهدي المهندس');
    expect(fromBuckwalter('Ealiy~N')).toBe('ع\u064eل\u0650ي\u0651\u064c'); // marks keep their order
  });

  it('maps the Persian/Urdu extension letters losslessly', () => {
    expect(toBuckwalter('پ چ ڤ گ')).toBe('P J V G');
    expect(fromBuckwalter('P J V G')).toBe('پ چ ڤ گ');
    // ژ and ک have no documented code: they pass through rather than collide with Z or K.
    expect(toBuckwalter('ژاله کرمانی')).toBe('ژAlh کrmAnی');
  });

  it('supports the XML-safe variant (O W I for > & <)', () => {
    expect(toBuckwalter('أؤإ', { scheme: 'xml' })).toBe('OWI');
    expect(fromBuckwalter('OWI', { scheme: 'xml' })).toBe('أؤإ');
  });

  it('passes characters outside the table through unchanged', () => {
    expect(toBuckwalter('Rasad 2024 ٢٠٢٤ ‎!')).toBe('Rasad 2024 ٢٠٢٤ ‎!');
    expect(fromBuckwalter('2024 «»')).toBe('2024 «»');
  });

  it('round-trips every supported letter and mark, alone and in random strings', () => {
    for (const ch of BUCKWALTER_LETTERS) expect(fromBuckwalter(toBuckwalter(ch))).toBe(ch);
    expect(new Set(BUCKWALTER_LETTERS.map((c) => toBuckwalter(c))).size).toBe(BUCKWALTER_LETTERS.length);
    const next = rng(4);
    for (const scheme of ['standard', 'xml'] as const) {
      for (let n = 0; n < 2000; n++) {
        const len = 1 + Math.floor(next() * 24);
        let s = '';
        for (let k = 0; k < len; k++) s += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '';
        expect(fromBuckwalter(toBuckwalter(s, { scheme }), { scheme })).toBe(s);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { detectArabizi, isDigitLetterWord } from './arabizi.js';

describe('detectArabizi', () => {
  it.each([
    'yalla habibi',
    'inshallah',
    'ana 3am ektob el wajeb',
    'wallah ma3ak 7a2',
    'shu 3am ta3mel ya 7abibi?',
    'la2 msh keda',
    'ba3d bokra insha2allah',
    'el jaw ktir 7elo elyom',
  ])('finds Arabizi in %j', (text) => {
    const r = detectArabizi(text);
    expect(r).not.toBeNull();
    expect(r?.confidence).toBeGreaterThan(0.5);
    expect(r?.evidence.length).toBeGreaterThan(0);
  });

  it.each([
    'Our b2b platform grew 40% after covid19',
    'Meet me at 3am tomorrow',
    'see you 4u',
    'room 3a is on floor 2',
    'Download mp3 and web3 tools',
    'iphone7 for sale',
    'The 2nd and 3rd teams meet at 9pm',
    'The 5g rollout hit 24h delays',
    'El Paso and Ana went to the bar',
    'Ya know what I mean',
    'bas de page',
    'h2o',
    '',
    'https://t.me/x7a3 #ya3ni',
  ])('leaves %j alone', (text) => {
    expect(detectArabizi(text)).toBeNull();
  });
});

describe('isDigitLetterWord', () => {
  it.each(['7abibi', 'ba3d', 'ya3ni', 'ta3mel', '3arabi'])('%s uses digits as letters', (w) => {
    expect(isDigitLetterWord(w)).toBe(true);
  });

  it.each(['b2b', 'covid19', 'mp3', '4u', '3am', '2nd', 'a4', 'web3', 'l33t', '2day', 'h4ck3r'])('%s does not', (w) => {
    expect(isDigitLetterWord(w)).toBe(false);
  });
});

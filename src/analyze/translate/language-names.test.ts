import { describe, expect, it } from 'vitest';
import { languageName } from './language-names.js';

describe('languageName', () => {
  it.each([
    ['ar', 'Arabic'],
    ['fa', 'Persian'],
    ['ur', 'Urdu'],
    ['ps', 'Pashto'],
    ['ku', 'Kurdish'],
    ['EN', 'English'],
    ['he', 'Hebrew'],
    ['sq', 'Albanian'],
    ['auto', 'auto'],
    ['qqq', 'qqq'],
  ])('%s → %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });
});

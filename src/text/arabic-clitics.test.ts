import { describe, expect, it } from 'vitest';
import { cliticVariants, withoutClitics } from './arabic-clitics.js';

describe('Arabic clitics', () => {
  it('reads a word without its proclitics, longest first', () => {
    expect(cliticVariants('وبالسلاح')).toEqual(['وبالسلاح', 'بالسلاح', 'السلاح', 'سلاح']);
    expect(cliticVariants('لحركات')).toEqual(['لحركات', 'حركات']);
  });

  it('leaves short words and other scripts alone', () => {
    expect(cliticVariants('ولا')).toEqual(['ولا']);
    expect(cliticVariants('ballot')).toEqual(['ballot']);
  });

  it('strips a whole folded text word by word', () => {
    expect(withoutClitics('والتدريب لحركات التحرر')).toBe('تدريب حركات تحرر');
  });
});

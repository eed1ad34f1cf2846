import { describe, expect, it } from 'vitest';
import { arabicScriptEvidence, type ArabicScriptLanguage } from './arabic-script-language.js';

const top = (text: string): ArabicScriptLanguage => {
  const { scores } = arabicScriptEvidence(text);
  return (Object.entries(scores) as Array<[ArabicScriptLanguage, number]>).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'ar';
};

describe('arabicScriptEvidence', () => {
  it.each([
    ['ar', 'المكتبة العامة', 'ta marbuta and the article'],
    ['ar', 'قال إن الاجتماع في العاصمة', 'hamza seats and function words'],
    ['fa', 'کتاب‌ها را خواندم', 'ZWNJ and the object marker را'],
    ['fa', 'این گزارش است', 'Persian function words'],
    ['ur', 'بڑا شہر', 'rreh and heh goal'],
    ['ur', 'یہ کتاب ہے', 'yeh barree and Urdu function words'],
    ['ps', 'ښه راغلاست', 'sheen with a dot below and above'],
    ['ps', 'د کابل ښار', 'the genitive particle د'],
    ['ku', 'ڕۆژی باش', 'Sorani reh with a small v and oe'],
    ['ku', 'ئەم کتێبە زۆر خۆشە', 'Sorani ae and e'],
    ['sd', 'سنڌي ٻولي', 'Sindhi implosives'],
  ])('%s: %s (%s)', (code, text) => {
    expect(top(text)).toBe(code);
  });

  it('is decisive when a letter only one language has is present', () => {
    expect(arabicScriptEvidence('بڑا شہر').best).toBe('ur');
    expect(arabicScriptEvidence('ښه راغلاست').best).toBe('ps');
  });

  it('is not decisive on two words every language shares', () => {
    const e = arabicScriptEvidence('مختلف مقامات');
    expect(e.best).toBeNull();
    expect(e.margin).toBeLessThan(4);
  });

  it('explains its scores', () => {
    const e = arabicScriptEvidence('یہ کتاب بہت اچھی ہے');
    expect(e.evidence.ur).toContain('ے');
    expect(e.evidence.ur).toContain('word ہے');
    expect(e.evidence.fa.some((x) => x.startsWith('-ے'))).toBe(true);
    expect(e.against.ur).toBe(0);
    expect(e.against.fa).toBeLessThan(0);
    expect(arabicScriptEvidence('یہ کتاب', false).evidence.ur).toEqual([]);
  });

  it('treats Arabic yeh and kaf as a keyboard habit, not a veto on Persian', () => {
    const e = arabicScriptEvidence('من فكر مي‌كنم كه اين كار درست است');
    expect(e.scores.fa).toBeGreaterThan(e.scores.ar);
  });

  it('counts Arabic-script letters only', () => {
    expect(arabicScriptEvidence('abc ١٢ كتب').letters).toBe(3);
  });

  it('leaves texts in other Arabic-script alphabets to the models', () => {
    // Uyghur: its ۇ ۈ ۋ are foreign to all six languages.
    const e = arabicScriptEvidence('ئۇيغۇر تىلى');
    expect(Object.values(e.against).every((v) => v < 0)).toBe(true);
  });
});

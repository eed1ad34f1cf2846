import { describe, expect, it } from 'vitest';
import { findCues } from './cue-matcher.js';
import { shippedLexicons } from './lexicons/index.js';
import { readThreatText } from './threat-text.js';

function classes(post: string, lang: string): string[] {
  const lexicon = shippedLexicons().get(lang);
  if (lexicon === undefined) throw new Error(`no ${lang} lexicon`);
  return findCues(readThreatText(post), [lexicon]).map((h) => h.cls);
}

describe('findCues', () => {
  it('does not read an Arabic noun with the article as a reporting verb (الكتب, books, is not كتب, wrote)', () => {
    expect(classes('معارض الكتب في المدينة مزدحمة هذا الأسبوع', 'ar')).not.toContain('report_verb');
    expect(classes('كتب الصحفي في مقاله أن الوضع هادئ', 'ar')).toContain('report_verb');
  });
});

import { describe, expect, it } from 'vitest';
import type { RegistryActor } from '../../store/actor.repository.js';
import { createMentionFinder } from './mention-finder.js';
import { testRegistry } from './test-registry.test-support.js';

const finder = createMentionFinder(testRegistry());

function found(text: string): Array<[string, string, string]> {
  return finder.find(text).map((m) => [text.slice(m.start, m.end), m.actorId, m.method]);
}

describe('createMentionFinder', () => {
  it('finds whole aliases in Arabic and Latin text with UTF-16 spans into the original', () => {
    const text = "Kata'ib Hizbullah official Abu Ali al-Askary spoke; بيان كتائب حزب الله 🇮🇶 وأبو علي العسكري";
    const mentions = finder.find(text);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.matched);
    expect(found(text)).toEqual([
      ["Kata'ib Hizbullah", 'kh', 'alias'],
      ['Abu Ali al-Askary', 'askari', 'alias'],
      ['كتائب حزب الله', 'kh', 'alias'],
      ['أبو علي العسكري', 'askari', 'alias'],
    ]);
  });

  it('leaves a glued proclitic out of the span (لأبي علي العسكري)', () => {
    expect(found('القناة الرسمية لأبي علي العسكري على تلغرام')).toEqual([['أبي علي العسكري', 'askari', 'alias']]);
  });

  it('takes the longest name: Hizballah Brigades is KH, Hezbollah alone the Lebanese party', () => {
    expect(found('The Hizballah Brigades and Hezbollah met.')).toEqual([
      ['Hizballah Brigades', 'kh', 'alias'],
      ['Hezbollah', 'hizballah', 'alias'],
    ]);
  });

  it('needs context for acronyms, kunyas and lone surnames', () => {
    expect(found('KH is also a chemical symbol. Abu Ali said hello.')).toEqual([]);
    expect(found("Kata'ib Hizballah (KH) denied it; Abu Ali al-Askari said KH would not.")).toEqual([
      ["Kata'ib Hizballah", 'kh', 'alias'],
      ['KH', 'kh', 'context'],
      ['Abu Ali al-Askari', 'askari', 'alias'],
      ['KH', 'kh', 'context'],
    ]);
    expect(found('Qassem Soleimani was killed in 2020. Soleimani led the Qods Force.')).toEqual([
      ['Qassem Soleimani', 'soleimani', 'alias'],
      ['Soleimani', 'soleimani', 'partial'],
    ]);
    expect(found('Soleimani led the Qods Force.')).toEqual([]);
  });

  it('ignores ordinary words: the Arabic word for "military" and lower-case English', () => {
    expect(found('أعلن الجناح العسكري للحركة')).toEqual([]);
    expect(found('the askari and the hezbollah brigades')).toEqual([]);
  });

  it('accepts a single Arabic-script name word with its group named nearby', () => {
    expect(found('كتائب حزب الله: المسؤول الأمني العسكري قال')).toEqual([
      ['كتائب حزب الله', 'kh', 'alias'],
      ['العسكري', 'askari', 'context'],
    ]);
  });

  it('does not join words across punctuation', () => {
    expect(found('Abu Ali. Askari')).toEqual([
      ['Abu Ali', 'askari', 'context'],
      ['Askari', 'askari', 'alias'],
    ]);
  });

  it('counts context through an affiliation the way the record states it', () => {
    const aka = (alias: string, kind = 'aka'): RegistryActor['aliases'][number] => ({ alias, kind, confidence: 1, script: 'Latn' });
    // the person lists the group; the group's record does not list the person
    const oneWay = createMentionFinder([
      { id: 'g', kind: 'group', canonicalName: 'Northbridge Brigades', designations: [], aliases: [aka('NBB', 'acronym')], affiliated: [] },
      { id: 'p', kind: 'person', canonicalName: 'Karim Nasser Haddad', designations: [], aliases: [], affiliated: ['g'] },
    ]);
    const seen = (text: string): Array<[string, string, string]> => oneWay.find(text).map((m) => [m.matched, m.actorId, m.method]);
    expect(seen('Northbridge Brigades commander Haddad spoke.')).toEqual([
      ['Northbridge Brigades', 'g', 'alias'],
      ['Haddad', 'p', 'partial'],
    ]);
    expect(seen('Karim Nasser Haddad said NBB was ready.')).toEqual([['Karim Nasser Haddad', 'p', 'alias']]);
  });

  it('returns nothing for empty text or an empty registry', () => {
    expect(finder.find('')).toEqual([]);
    expect(createMentionFinder([]).find("Kata'ib Hizballah")).toEqual([]);
  });
});

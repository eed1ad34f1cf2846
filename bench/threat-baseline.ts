// The peer on the same work: keyword spotting, what a generic "threat word" filter does. A post
// is flagged when it contains a militancy term (Rasad's glossary for ar/fa/ur/ps, a list of
// English and French threat words), and gets the categories of the terms it contains.
import { findGlossTerms } from '../src/text/glossary.js';
import { normalize, tokenize } from '../src/text/normalize.js';
import type { ThreatCategory } from '../src/analyze/threat/taxonomy.js';

const GLOSSARY_CATEGORY: Record<string, ThreatCategory | undefined> = {
  violence: 'threat',
  threat: 'threat',
  weapons: 'threat',
  martyrdom: 'glorification',
  claim: 'claim',
  recruitment: 'recruitment',
  training: 'support_offer',
  support: 'support_offer',
};

const LATIN: Record<string, ThreatCategory> = {};
for (const w of ['kill', 'killed', 'attack', 'attacks', 'bomb', 'bombing', 'strike', 'strikes', 'destroy', 'burn', 'revenge', 'behead', 'slaughter', 'shoot', 'explosive', 'explosives', 'weapons', 'rockets', 'missiles', 'tuer', 'frapper', 'attaque', 'attentat', 'bombe', 'vengeance', 'armes']) LATIN[w] = 'threat';
for (const w of ['martyr', 'martyrs', 'martyrdom', 'heroes', 'glory', 'martyre', 'martyrs', 'héros', 'gloire']) LATIN[normalize(w)] = 'glorification';
for (const w of ['train', 'training', 'advisers', 'advisors', 'funds', 'former', 'formation']) LATIN[w] = 'support_offer';
for (const w of ['claim', 'claimed', 'responsibility', 'revendique', 'revendication']) LATIN[w] = 'claim';
for (const w of ['join', 'recruit', 'enlist', 'rejoignez', 'recrutement']) LATIN[w] = 'recruitment';
for (const w of ['jihad', 'incite', 'rise']) LATIN[w] = 'incitement';

/** Keyword spotting: is_threat when any term is present, categories of the terms found. */
export function keywordBaseline(text: string, lang: string): { isThreat: boolean; categories: ThreatCategory[] } {
  const cats = new Set<ThreatCategory>();
  for (const hit of findGlossTerms(text, { languages: [lang, 'ar', 'fa', 'ur', 'ps'] })) {
    const c = GLOSSARY_CATEGORY[hit.category];
    if (c) cats.add(c);
  }
  for (const t of tokenize(normalize(text))) {
    const c = LATIN[t.text];
    if (c) cats.add(c);
  }
  return { isThreat: cats.size > 0, categories: [...cats] };
}

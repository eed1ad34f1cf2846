import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { assessThreat, type ThreatContext } from './assess.js';
import { compileLexicon } from './cue-matcher.js';
import { shippedLexicons } from './lexicons/index.js';
import { quotedRegions, readThreatText } from './threat-text.js';

const lexicons = shippedLexicons();
const assess = (text: string, ctx: Partial<ThreatContext> = {}) => assessThreat(lexicons, text, { language: 'en', source: 'social', ...ctx });

// Synthetic paraphrase of the founding post (January 2021), in the channel's own voice.
const FOUNDING =
  'بسمه تعالى\nيقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد لتقديم المشورة والتدريب لحركات التحرر داخل الولايات غير المتحدة الأمريكية، وستؤمن لذلك مواقع خاصة.\n\nN-USA The End';

describe('assessThreat', () => {
  it('reads the founding post as an original support offer against the United States, with its reasons', () => {
    const a = assess(FOUNDING, { language: 'ar' });
    expect(a.is_threat).toBe(true);
    expect(a.stance).toBe('original');
    expect(a.categories[0]?.label).toBe('support_offer');
    expect(['medium', 'high', 'critical']).toContain(a.severity);
    expect(a.targets).toContainEqual(expect.objectContaining({ type: 'country', name: 'United States' }));
    for (const c of a.categories) {
      expect(c.evidence.length).toBeGreaterThan(0);
      for (const e of c.evidence) {
        expect(FOUNDING.slice(e.start, e.end)).toBe(e.text);
        expect(e.rule).toMatch(/^ar\.support_offer\./);
      }
    }
    const target = a.targets[0];
    expect(target && FOUNDING.slice(target.start, target.end)).toBe('الولايات غير المتحدة الأمريكية');
  });

  it('reads a news report of the same offer as reporting, keeping what it reports', () => {
    const a = assess(
      "A Kata'ib Hizballah commander said on his Telegram channel that the group's security advisers are ready to train liberation movements inside the United States.",
      { source: 'news' },
    );
    expect(a.is_threat).toBe(false);
    expect(a.stance).toBe('reporting');
    expect(a.categories).toEqual([]);
    expect(a.reported.map((r) => r.label)).toContain('support_offer');
    expect(a.score).toBeGreaterThan(0);
    expect(a.score).toBeLessThanOrEqual(15);
    expect(a.reasons.some((r) => r.kind === 'reporting')).toBe(true);
  });

  it('tells a quote with distance from a partisan copy of the same words', () => {
    const quoted = assess('His post, translated: "We will strike the occupier\'s bases wherever they are."');
    expect(quoted.stance).toBe('quoting');
    expect(quoted.is_threat).toBe(false);
    const copied = assess('🔴 Breaking | Commander Abu Ali: «We will strike the occupier\'s bases wherever they are.» Follow us 👇');
    expect(copied.is_threat).toBe(true);
    expect(copied.reasons.some((r) => r.kind === 'amplification')).toBe(true);
  });

  it('does not flag counter-speech, denials, questions or benign senses', () => {
    expect(assess('We condemn the militia\'s offer to "train" fighters in America. Nobody should amplify it.').stance).toBe('counter');
    const denial = assess('The Popular Mobilization Forces have no intention of targeting any diplomatic mission.');
    expect(denial.is_threat).toBe(false);
    expect(denial.stance).toBe('negated');
    expect(assess('Will they strike the embassy before the elections?').is_threat).toBe(false);
    expect(assess('Our striker will attack the goal from the left wing in tomorrow\'s match.').is_threat).toBe(false);
    expect(assess('He survived a heart attack last year and now runs marathons.').is_threat).toBe(false);
    expect(assess('نتقدم بأحر التعازي إلى ذوي ضحايا حادث السير المؤسف', { language: 'ar' }).is_threat).toBe(false);
  });

  it('reads dialect condemnations and refusals that repeat a threat as counter-speech and denials', () => {
    const counter = assess('اللي عم ينشروا «رح نحرق بيوتكم فوق روسكم» ويحرضوا على أهل الحي، هيدا إرهاب. عملت ريبورت للصفحة.', { language: 'ar' });
    expect(counter).toMatchObject({ is_threat: false, stance: 'counter' });
    expect(counter.reported.map((r) => r.label)).toContain('threat');
    const refusal = assess('يراسلوني يطلبون أشارك ويّاهم في قتل المراسل. لا والله ما أسويها، ما نبي دم.', { language: 'ar' });
    expect(refusal).toMatchObject({ is_threat: false, stance: 'negated' });
    expect(refusal.reasons[0]?.rule).toMatch(/^denial:/);
  });

  it('finds a conditional threat and its target, and keeps a plain statement of fact at zero', () => {
    const a = assess('على الحكومة أن تضع حداً لوجود السفارة الأمريكية في بغداد، وإلا فإن للمقاومة الإسلامية كلمتها.', { language: 'ar' });
    expect(a.is_threat).toBe(true);
    expect(a.categories.map((c) => c.label)).toContain('threat');
    expect(a.targets.map((t) => t.name)).toContain('US Embassy in Baghdad');
    const plain = assess('The electricity was cut in Baghdad for twelve hours today.');
    expect(plain).toMatchObject({ score: 0, severity: 'none', is_threat: false, categories: [], reported: [] });
  });

  it('links a registry actor named after the threatening words as a target, not the speaker before them', () => {
    const text = 'Kataib Example says: we will hunt down Abu Fulan wherever he hides.';
    const mention = (name: string, kind: string) => ({ actorId: `rasad:${name}`, canonical: name, start: text.indexOf(name), end: text.indexOf(name) + name.length, kind });
    const a = assess(text, { mentions: [mention('Kataib Example', 'group'), mention('Abu Fulan', 'person')] });
    expect(a.is_threat).toBe(true);
    expect(a.targets).toEqual([{ type: 'person', name: 'Abu Fulan', start: text.indexOf('Abu Fulan'), end: text.indexOf('Abu Fulan') + 9, actor_id: 'rasad:Abu Fulan' }]);
  });

  it('reads camel-case hashtags as words', () => {
    const a = assess('Seven days since the crime. #RevengeIsComing #DeathToAmerica');
    expect(a.is_threat).toBe(true);
    expect(a.categories[0]?.evidence.map((e) => e.text)).toContain('RevengeIsComing');
  });
});

describe('readThreatText', () => {
  it('marks quotes but not apostrophes', () => {
    const text = "The Brigades' statement: 'we will not stop' and «لن نتوقف», don't worry";
    const marks = quotedRegions(text);
    expect(marks[text.indexOf('we will')]).toBe(1);
    expect(marks[text.indexOf('لن')]).toBe(1);
    expect(marks[text.indexOf('statement')]).toBe(0);
    expect(marks[text.indexOf('worry')]).toBe(0);
  });

  it('splits sentences and keeps spans on the original text', () => {
    const text = 'Is it true? سنضربُ المحتلَّ!';
    const t = readThreatText(text);
    expect(t.sentences).toHaveLength(2);
    expect(t.sentences[0]?.question).toBe(true);
    const last = t.tokens.at(-1);
    expect(last && text.slice(last.start, last.end)).toBe('المحتلَّ');
  });
});

describe('compileLexicon', () => {
  it('names the file and the bad entry', () => {
    expect(() => compileLexicon({ lang: 'xx', sources: ['x'], cues: { offer: ['ready to'] }, rules: [{ id: 'xx.support_offer.a', category: 'support_offer', weight: 0.5, all: ['offer', 'weapon'] }] }, 'lexicons/xx.ts')).toThrow(
      new ValidationError('lexicons/xx.ts: rules.xx.support_offer.a: class "weapon" has no phrases in this lexicon'),
    );
    expect(() => compileLexicon({ lang: 'xx', sources: [], cues: {}, rules: [] }, 'lexicons/xx.ts')).toThrow(/lexicons\/xx\.ts: invalid lexicon: sources/);
    expect(() => compileLexicon({ lang: 'xx', sources: ['x'], cues: { offer: ['ready to (train )?'] }, rules: [] }, 'lexicons/xx.ts')).toThrow(/write \[word\] for an optional word/);
  });
});

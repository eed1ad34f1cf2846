import { describe, expect, it } from 'vitest';
import { assessThreat } from './assess.js';
import { commonWordsOf, learnedFeatures, learnedModelFile, learnedReading, shippedLearnedModel, trainLearned, type LearnedExample, type LearnedModel } from './learned.js';
import { shippedLexicons } from './lexicons/index.js';
import { readThreatText } from './threat-text.js';

// A made-up toy set: menace in the author's voice against calm notices. Synthetic, no detail.
const examples: LearnedExample[] = [
  ...['the traitors will be dealt with soon', 'every traitor will answer for this soon', 'traitors of the valley, your turn comes soon', 'soon the traitors learn their lesson'].map(
    (text) => ({ text, lang: 'en', isThreat: true }),
  ),
  ...['the valley market opens soon', 'the library will answer questions soon', 'the valley council meets on friday', 'lessons resume at the school soon'].map(
    (text) => ({ text, lang: 'en', isThreat: false }),
  ),
];

describe('learned reading', () => {
  const model = trainLearned(examples);

  it('learns which words lean towards a threat, and shows them', () => {
    const menace = learnedReading(model, readThreatText('the traitors will learn soon'), 'en');
    const calm = learnedReading(model, readThreatText('the market will open on friday'), 'en');
    expect(menace.p).toBeGreaterThan(0.5);
    expect(calm.p).toBeLessThan(0.5);
    const top = menace.words[0];
    expect(top && 'the traitors will learn soon'.slice(top.start, top.end)).toBe('traitors');
  });

  it('trains the same model from the same posts', () => {
    const again = trainLearned(examples);
    expect(learnedModelFile(again, 'toy')).toEqual(learnedModelFile(model, 'toy'));
  });

  it('averages the weights of the last epochs when asked', () => {
    const first = trainLearned(examples, { epochs: 1 });
    const second = trainLearned(examples, { epochs: 2 });
    const averaged = trainLearned(examples, { epochs: 2, average: 2 });
    expect(averaged.bias).toBeCloseTo((first.bias + second.bias) / 2, 12);
    for (const [key, w] of second.weights) expect(averaged.weights.get(key)).toBeCloseTo((w + (first.weights.get(key) ?? 0)) / 2, 12);
    expect(learnedModelFile(trainLearned(examples, { epochs: 2, average: 1 }), 'toy')).toEqual(learnedModelFile(second, 'toy'));
  });

  it('keeps features apart by language', () => {
    const reading = learnedReading(model, readThreatText('the traitors will learn soon'), 'fr');
    expect(reading.words).toEqual([]);
  });

  it('ships a model for Arabic, Persian, Urdu and English', () => {
    const shipped = shippedLearnedModel();
    const langs = new Set([...shipped.weights.keys()].map((k) => k.split('|')[0]));
    for (const lang of ['ar', 'fa', 'ur', 'en']) expect(langs.has(lang)).toBe(true);
  });
});

describe('assessThreat with the learned reading', () => {
  const lexicons = shippedLexicons();
  // A model sure of everything: only the gates decide.
  const sure: LearnedModel = { version: 1, bias: 10, weights: new Map() };
  const assess = (text: string, source: 'social' | 'news' = 'social') => assessThreat(lexicons, text, { language: 'en', source, learned: sure });

  it('promotes a post with violent cues that no rule made fire, and says why', () => {
    const a = assess('The valley traitors and their guns are finished, believe it.');
    expect(a.is_threat).toBe(true);
    expect(a.stance).toBe('original');
    const evidence = a.categories[0]?.evidence ?? [];
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((e) => e.rule.startsWith('learned:en'))).toBe(true);
  });

  // Models of fixed certainty whatever the post: p = 0.45 (unsure), 0.80 (likely); `sure` is 0.99995.
  const withBias = (bias: number): LearnedModel => ({ version: 1, bias, weights: new Map() });
  const assessWith = (model: LearnedModel, text: string, source: 'social' | 'news' = 'social') => assessThreat(lexicons, text, { language: 'en', source, learned: model });
  const unsure = withBias(-0.2);
  const likely = withBias(1.4);

  it('never promotes a post it finds unlikely a threat', () => {
    expect(assessWith(unsure, 'The valley traitors and their guns are finished, believe it.').is_threat).toBe(false);
    expect(assessWith(likely, 'The valley traitors and their guns are finished, believe it.').is_threat).toBe(true);
  });

  it('promotes a report, a quote, a supposition or a news article only when near certain', () => {
    for (const [text, source] of [
      ['Police said the guns were found in the valley.', 'social'],
      ['Imagine the traitors came back: their guns would be finished.', 'social'],
      ['The valley traitors and their guns are finished, believe it.', 'news'],
    ] as const) {
      expect(assessWith(likely, text, source).is_threat, text).toBe(false);
      expect(assess(text, source).is_threat, text).toBe(true);
    }
  });

  it('does not take a bare would or might for a supposition (a veiled threat often rests on one)', () => {
    expect(assessWith(likely, 'Nice shop you have on Mill Street, big front windows. Would be a real shame.').is_threat).toBe(true);
  });

  it('never promotes a condemnation or a denial, however sure', () => {
    expect(assess('We condemn whoever wrote that the valley traitors and their guns are finished.').is_threat).toBe(false);
    expect(assess('We deny any part in the threats against the valley and its guns.').is_threat).toBe(false);
  });

  it('files a promoted post under the category its cues point to', () => {
    expect(assess('A year since our martyrs of the valley left us. Our pledge to them stands while we stand.').categories[0]?.label).toBe('glorification');
  });

  it('lets a reading all but certain of no threat overrule the rules, and says so', () => {
    const text = 'We will burn down the Valley Council building tonight.';
    expect(assess(text).is_threat).toBe(true);
    const a = assessWith(withBias(-10), text);
    expect(a.is_threat).toBe(false);
    expect(a.categories).toEqual([]);
    expect(a.reported.length).toBeGreaterThan(0);
    expect(a.reasons[0]?.kind).toBe('benign');
    expect(a.reasons[0]?.rule).toMatch(/^learned:en \(p 0\.00\)$/);
  });

  it('promotes a threat a rule read as a question only when near certain (a rhetorical question)', () => {
    const question = 'Do the valley traitors think we will not burn their homes one day?';
    expect(assessWith(withBias(0), question).reasons.some((r) => r.kind === 'question')).toBe(true);
    expect(assessWith(likely, question).is_threat).toBe(false);
    expect(assess(question).is_threat).toBe(true);
  });

  it('leaves a question to the reading: threats are often put as questions', () => {
    const question = 'Do the valley traitors think their guns will save them?';
    expect(assessWith(likely, question).is_threat).toBe(true);
    expect(assessWith(unsure, question).is_threat).toBe(false);
  });
});

describe('common words', () => {
  it('takes each language\'s most frequent words, ties at the cut taken too', () => {
    const posts = [
      { text: 'the market opens on friday and the bakery too', lang: 'en', isThreat: false },
      { text: 'the bus is late and the rain is heavy', lang: 'en', isThreat: false },
    ];
    const common = commonWordsOf(posts).get('en');
    expect(common?.has('the')).toBe(true);
    expect(common?.has('and')).toBe(true);
  });

  it('reads a post without what its common words add', () => {
    const model = { ...shippedLearnedModel(), common: new Map([['en', new Set(['your', 'you', 'the'])]]) };
    const read = readThreatText('ask me if you have any questions about your account');
    let rest = model.bias;
    for (const f of learnedFeatures(read, 'en')) if (!['your', 'you', 'the'].includes(read.tokens[f.token]?.text ?? '')) rest += (model.weights.get(f.key) ?? 0) * f.value;
    const reading = learnedReading(model, read, 'en');
    expect(reading.withoutCommon).toBeCloseTo(1 / (1 + Math.exp(-rest)), 12);
    const plain = learnedReading({ version: model.version, bias: model.bias, weights: model.weights }, read, 'en');
    expect(plain.withoutCommon).toBe(plain.p);
  });
});

describe('learnedReading', () => {
  it('sums the same features as learnedFeatures, however often it has seen the words', () => {
    const model = shippedLearnedModel();
    const posts: Array<[string, string]> = [
      ['the traitors will learn soon, the traitors will learn', 'en'],
      ['يا خونة الوادي، قريباً تعرفون', 'ar'],
      ['خائنان دره به زودی می‌فهمند', 'fa'],
      ['the market opens on friday', 'en'],
    ];
    for (const [text, lang] of [...posts, ...posts]) {
      const read = readThreatText(text);
      let s = model.bias;
      const perToken = new Map<number, number>();
      for (const f of learnedFeatures(read, lang)) {
        const v = (model.weights.get(f.key) ?? 0) * f.value;
        s += v;
        perToken.set(f.token, (perToken.get(f.token) ?? 0) + v);
      }
      const reading = learnedReading(model, read, lang);
      expect(reading.p).toBeCloseTo(1 / (1 + Math.exp(-s)), 12);
      // Each word is credited with the features it was the first to bring.
      const pushing = [...perToken].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
      expect(reading.words.map((w) => w.start)).toEqual(pushing.map(([token]) => read.tokens[token]?.start));
      reading.words.forEach((w, k) => expect(w.weight).toBeCloseTo(pushing[k]?.[1] ?? 0, 12));
    }
  });
});

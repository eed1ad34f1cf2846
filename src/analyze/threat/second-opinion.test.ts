import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/translator.js';
import { caught, type MockEngine, sendJson, startMockEngine } from '../translate/mock-engine.test-support.js';
import { assessThreat } from './assess.js';
import { shippedLexicons } from './lexicons/index.js';
import { compareOpinions, openAiCompatibleSecondOpinion, parseOpinion } from './second-opinion.js';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(() => engine.close());

const answer = (content: string) => ({ choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }] });

describe('openAiCompatibleSecondOpinion (against a loopback mock engine)', () => {
  it('sends the taxonomy prompt and the post, and reads the JSON answer', async () => {
    engine.respond((_req, res) =>
      sendJson(res, 200, answer('```json\n{"is_threat": false, "categories": [], "stance": "reporting", "severity": "low", "rationale": "a news report"}\n```')),
    );
    const second = openAiCompatibleSecondOpinion({ url: engine.url, model: 'local-model', key: 'sk-test', timeoutMs: 2000 });
    const opinion = await second.assess('The commander said on Telegram that his advisers are ready to train movements in the US.', 'en');
    expect(opinion).toMatchObject({ is_threat: false, stance: 'reporting', severity: 'low', engine: 'openai-compatible', model: 'local-model', targets: [] });
    const request = engine.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(JSON.stringify(request?.json)).toContain('support_offer');
  });

  it('fails clearly on an answer that is not the expected JSON', async () => {
    engine.respond((_req, res) => sendJson(res, 200, answer('I cannot help with that.')));
    const second = openAiCompatibleSecondOpinion({ url: engine.url, model: 'm', key: null, timeoutMs: 2000 });
    const error = await caught(second.assess('text', 'ar'));
    expect(error).toBeInstanceOf(TranslationError);
    expect(error.message).toMatch(/without a JSON object/);
    expect(() => parseOpinion('{"is_threat": "yes"}')).toThrow(/is_threat/);
  });
});

describe('compareOpinions', () => {
  const lexicons = shippedLexicons();
  it('flags a disagreement for review and leaves the rules as they are', () => {
    const rules = assessThreat(lexicons, 'We will strike the embassy of evil.', { language: 'en', source: 'social' });
    expect(rules.is_threat).toBe(true);
    const c = compareOpinions(rules, { is_threat: false, categories: [], stance: 'counter', severity: 'none', targets: [], rationale: '' });
    expect(c.agree).toBe(false);
    expect(c.disagreements).toEqual(['is_threat: rules true, model false', `stance: rules original, model counter`]);
    expect(rules.is_threat).toBe(true);
    const same = compareOpinions(rules, { is_threat: true, categories: ['threat'], stance: 'original', severity: 'high', targets: [], rationale: '' });
    expect(same).toEqual({ agree: true, disagreements: [] });
  });
});

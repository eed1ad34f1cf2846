import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSecondOpinions, SECOND_OPINION_STAGE, type StoredSecondOpinion } from '../../src/analyze/threat-second-opinion.runner.js';
import { threatRecord, threatStage } from '../../src/analyze/threat.stage.js';
import { openAiCompatibleSecondOpinion } from '../../src/analyze/threat/second-opinion.js';
import { getThreat, saveThreat } from '../../src/store/analysis.repository.js';
import type { Db } from '../../src/store/database.js';
import { insertItems } from '../../src/store/item.repository.js';
import { upsertSource } from '../../src/store/source.repository.js';
import { getStageResults } from '../../src/store/stage-result.repository.js';
import { type MockEngine, sendJson, startMockEngine } from '../../src/analyze/translate/mock-engine.test-support.js';
import { type DialectName, freshDatabase } from '../support/databases.js';
import { buildNewItem } from '../support/factories.js';

const NOW = '2026-11-23T10:00:00.000Z';
const clock = { now: () => new Date(NOW) };
let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(() => engine.close());

describe.each<DialectName>(['sqlite', 'postgres'])('threat second opinion on %s', (dialect) => {
  let db: Db;
  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
  });
  afterEach(async () => {
    await db.close();
  });

  it('asks the engine about scored posts only, stores its opinion beside the rules and flags disagreement', async () => {
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'chan' }, NOW);
    const threat = buildNewItem(sourceId, { text: 'We will strike the embassy of evil. Its days are numbered.' }, { language: 'en' });
    const calm = buildNewItem(sourceId, { text: 'The electricity was cut for twelve hours today.' }, { language: 'en' });
    const broken = buildNewItem(sourceId, { text: 'Our fighters will burn their bases.' }, { language: 'en' });
    await insertItems(db, [threat, calm, broken]);
    for (const item of [threat, calm, broken]) {
      await saveThreat(db, threatRecord(item.id, threatStage.run({ text: item.draft.text, language: 'en', script: 'Latn', platform: 'telegram' }), NOW));
    }
    engine.respond((req, res) => {
      const text = JSON.stringify(req.json);
      if (text.includes('burn their bases')) return sendJson(res, 200, { choices: [{ message: { content: 'no JSON here' } }] });
      sendJson(res, 200, { choices: [{ message: { content: '{"is_threat": false, "categories": [], "stance": "quoting", "severity": "low", "rationale": "quoted"}' } }] });
    });
    const second = openAiCompatibleSecondOpinion({ url: engine.url, model: 'mock', key: null, timeoutMs: 2000 });
    const summary = await runSecondOpinions({ db, engine: second, clock }, { minScore: 1, limit: 100 });
    expect(summary.asked).toBe(2);
    expect(summary.agreed).toBe(0);
    expect(summary.disagreed).toEqual([{ key: threat.draft.key, disagreements: ['is_threat: rules true, model false', 'stance: rules original, model quoting'] }]);
    expect(summary.failed).toEqual([{ key: broken.draft.key, error: expect.stringMatching(/without a JSON object/) as unknown }]);
    const stored = (await getStageResults(db, threat.id)).find((s) => s.stage === SECOND_OPINION_STAGE.name)?.output as StoredSecondOpinion;
    expect(stored).toMatchObject({ agree: false, rules: `threat@${threatStage.version}`, opinion: { is_threat: false, stance: 'quoting', model: 'mock' } });
    // The rules' assessment is untouched.
    expect((await getThreat(db, threat.id))?.isThreat).toBe(true);
    // A second run asks only about what is still missing (the failed one).
    const again = await runSecondOpinions({ db, engine: second, clock }, { minScore: 1, limit: 100 });
    expect(again.asked).toBe(1);
  });
});

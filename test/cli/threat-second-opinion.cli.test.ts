import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockEngine, sendJson, startMockEngine } from '../../src/analyze/translate/mock-engine.test-support.js';
import { runCli } from '../support/cli.js';

let engine: MockEngine;
beforeAll(async () => {
  engine = await startMockEngine();
});
afterAll(() => engine.close());

describe('rasad threat second-opinion', () => {
  it('asks the configured engine, stores its opinion beside the rules and shows the disagreement', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-second-'));
    const posts = path.join(home, 'posts.jsonl');
    writeFileSync(posts, `${JSON.stringify({ id: 'threat', key: 'jsonl:threat', text: 'We will strike the embassy of evil. Its days are numbered.', published_at: '2021-01-09T15:00:00Z' })}\n`);
    const env: Record<string, string> = { RASAD_HOME: home };
    expect((await runCli(['import', posts], env)).code).toBe(0);

    const listed = JSON.parse((await runCli(['items', 'list', '--json'], env)).stdout) as Array<{ key: string; threat: { is_threat: boolean; categories: Array<{ label: string }> } | null }>;
    expect(listed[0]?.threat).toMatchObject({ is_threat: true, categories: [{ label: 'threat' }] });

    const unconfigured = await runCli(['threat', 'second-opinion'], env);
    expect(unconfigured.code).not.toBe(0);
    expect(unconfigured.stderr).toMatch(/RASAD_TRANSLATE_ENGINE=openai-compatible/);

    engine.respond((_req, res) =>
      sendJson(res, 200, { choices: [{ message: { content: '{"is_threat": false, "categories": [], "stance": "quoting", "severity": "low", "rationale": "looks quoted"}' } }] }),
    );
    const configured = { ...env, RASAD_TRANSLATE_ENGINE: 'openai-compatible', RASAD_TRANSLATE_URL: engine.url, RASAD_TRANSLATE_MODEL: 'mock-model' };
    const run = await runCli(['threat', 'second-opinion', '--json'], configured);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ asked: 1, agreed: 0, disagreed: [{ key: 'jsonl:threat' }], failed: [] });

    const shown = await runCli(['threat', 'show', 'jsonl:threat', '--json'], env);
    const view = JSON.parse(shown.stdout) as { threat: { is_threat: boolean }; second_opinion: { agree: boolean; stance: string; model: string } };
    expect(view.threat.is_threat).toBe(true);
    expect(view.second_opinion).toMatchObject({ agree: false, stance: 'quoting', model: 'mock-model' });
    const text = await runCli(['threat', 'show', 'jsonl:threat'], env);
    expect(text.stdout).toMatch(/DISAGREES with the rules/);
    const bad = await runCli(['threat', 'second-opinion', '--limit', 'many'], configured);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/limit/);
  });
});

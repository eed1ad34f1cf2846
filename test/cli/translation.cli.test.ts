import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockEngine, sendJson, startMockEngine } from '../../src/analyze/translate/mock-engine.test-support.js';
import { runCli } from '../support/cli.js';

// A loopback OpenAI-style engine: translates by prefixing, so tests can see what was sent.
function answerLikeAChatModel(engine: MockEngine): void {
  engine.respond((req, res) => {
    const body = req.json as { model: string; messages: Array<{ role: string; content: string }> };
    const text = body.messages.find((m) => m.role === 'user')?.content ?? '';
    sendJson(res, 200, { id: 'x', object: 'chat.completion', model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: `EN: ${text.slice(0, 40)}` } }] });
  });
}

describe('translation through a configured engine', () => {
  let engine: MockEngine;
  let env: Record<string, string>;
  let file: string;

  beforeAll(async () => {
    engine = await startMockEngine();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-tr-'));
    env = {
      RASAD_HOME: path.join(dir, 'home'),
      RASAD_TRANSLATE_ENGINE: 'openai-compatible',
      RASAD_TRANSLATE_URL: engine.url,
      RASAD_TRANSLATE_MODEL: 'mock-mt-1',
      RASAD_TRANSLATE_TIMEOUT_MS: '2000',
    };
    file = path.join(dir, 'posts.jsonl');
    writeFileSync(
      file,
      [
        { id: 't1', text: 'يقف المستشارون الأمنيون للمقاومة الإسلامية على أهبة الاستعداد لتقديم المشورة' },
        { id: 't2', text: 'Analysts doubted the offer was genuine.' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
  });
  afterAll(async () => {
    await engine.close();
  });

  it('stores a translation with its provenance on import and shows it in items show', async () => {
    answerLikeAChatModel(engine);
    const r = await runCli(['import', file, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 2, translations: { translated: 1, skipped: 1 } });
    const show = JSON.parse((await runCli(['items', 'show', 'jsonl:t1', '--json'], env)).stdout) as { translation: Record<string, unknown> };
    expect(show.translation).toMatchObject({ engine: 'openai-compatible', model: 'mock-mt-1', source_lang: 'ar', target_lang: 'en' });
    expect(String(show.translation.text)).toMatch(/^EN: يقف المستشارون/);
    const english = JSON.parse((await runCli(['items', 'show', 'jsonl:t2', '--json'], env)).stdout) as { translation: unknown };
    expect(english.translation).toBeNull();
  });

  it('finds actor mentions in the translation too, with spans into the translated text', async () => {
    const starter = path.resolve(import.meta.dirname, '../../src/actors/starter/starter-registry.json');
    expect((await runCli(['actors', 'import', '--format', 'rasad', starter], env)).code).toBe(0);
    const english = "The Kata'ib Hizballah official Abu Ali al-Askari offered training.";
    engine.respond((req, res) => {
      const body = req.json as { model: string };
      sendJson(res, 200, { id: 'x', object: 'chat.completion', model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: english } }] });
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-tr-m-'));
    const posts = path.join(dir, 'statement.jsonl');
    writeFileSync(posts, JSON.stringify({ id: 'm1', text: 'بيان صادر عن كتائب حزب الله بشأن العرض' }));
    expect((await runCli(['import', posts], env)).code).toBe(0);
    const show = JSON.parse((await runCli(['items', 'show', 'jsonl:m1', '--json'], env)).stdout) as {
      mentions: Array<{ canonical: string; matched: string }>;
      translation: { text: string; mentions: Array<{ canonical: string; matched: string; start: number; end: number }> };
    };
    expect(show.mentions.map((m) => m.matched)).toEqual(['كتائب حزب الله']);
    expect(show.translation.mentions.map((m) => m.canonical)).toEqual(["Kata'ib Hizballah", "Abu 'Ali al-'Askari"]);
    for (const m of show.translation.mentions) expect(show.translation.text.slice(m.start, m.end)).toBe(m.matched);
  });

  it('never fails an import when the engine fails, and retries later', async () => {
    engine.respond((_req, res) => sendJson(res, 503, { error: 'overloaded' }));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-tr2-'));
    const other = path.join(dir, 'more.jsonl');
    writeFileSync(other, JSON.stringify({ id: 't3', text: 'سفارة الشر في بغداد تعد أيامها الأخيرة' }));
    const r = await runCli(['import', other, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 1, translations: { queued: 1 } });
    const show = JSON.parse((await runCli(['items', 'show', 'jsonl:t3', '--json'], env)).stdout) as { translation: unknown; stages: Array<{ stage: string; output: Record<string, unknown> }> };
    expect(show.translation).toBeNull();
    expect(show.stages.find((s) => s.stage === 'translate@1')?.output).toMatchObject({ status: 'queued', attempts: 1 });
  });

  it('translates in analyze --jsonl, and reports an engine error without stopping', async () => {
    answerLikeAChatModel(engine);
    const input = `${JSON.stringify({ id: 'a', text: 'المقاومة الإسلامية' })}\n${JSON.stringify({ id: 'b', text: 'plain English' })}\n`;
    const r = await runCli(['analyze', '--jsonl'], env, input);
    const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a?.translation).toEqual({ text: 'EN: المقاومة الإسلامية', engine: 'openai-compatible', model: 'mock-mt-1' });
    expect(b?.translation).toBeNull();
    engine.respond((_req, res) => sendJson(res, 500, { error: 'boom' }));
    const failed = await runCli(['analyze', '--jsonl'], env, `${JSON.stringify({ id: 'c', text: 'نص عربي آخر للترجمة' })}\n`);
    expect(JSON.parse(failed.stdout)).toMatchObject({ id: 'c', translation: null, translation_error: expect.any(String) as string });
  });

  it('lists every configuration problem at once', async () => {
    const r = await runCli(['items', 'list'], { RASAD_HOME: env.RASAD_HOME ?? '', RASAD_TRANSLATE_ENGINE: 'openai-compatible', RASAD_LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/RASAD_LOG_LEVEL/);
    expect(r.stderr).toMatch(/RASAD_TRANSLATE_URL/);
    expect(r.stderr).toMatch(/RASAD_TRANSLATE_MODEL/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

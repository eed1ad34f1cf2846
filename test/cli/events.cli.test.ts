import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { freshPostgresUrl } from '../support/databases.js';

// Synthetic, background-level posts by an invented group: a call for a sit-in, a copy of it with a
// breaking-news header, an English report citing the Telegram post, the group's condolence post of
// the next week (same actor, another happening) and unrelated chatter.
const CALL = 'بيان: سرايا الفجر تدعو إلى اعتصام سلمي أمام مبنى المحافظة في بغداد يوم الجمعة بمشاركة 1500 من أنصارها، وتطالب بالإفراج عن المعتقلين.';
const POSTS = [
  { id: '10', key: 'telegram:fajr_demo/10', source: 'fajr_demo', lang: 'ar', text: CALL, published_at: '2024-03-10T08:00:00Z' },
  { id: '2001', key: 'x:2001', source: 'echo_news', lang: 'ar', text: `🔴 عاجل | ${CALL}\n⬇️ تابعونا`, published_at: '2024-03-10T08:09:00Z' },
  {
    id: 'r1',
    key: 'rss:https://news.example/fajr-sit-in',
    source: 'news.example',
    lang: 'en',
    text: 'Saraya al-Fajr called on its Telegram channel for a peaceful sit-in in front of the provincial building in Baghdad on Friday, saying 1,500 supporters would take part and demanding the release of detainees.',
    published_at: '2024-03-10T11:30:00Z',
  },
  { id: '17', key: 'telegram:fajr_demo/17', source: 'fajr_demo', lang: 'ar', text: 'بيان: سرايا الفجر تتقدم بأحر التعازي إلى عائلة أحد مؤسسيها الذي توفي بعد مرض عضال.', published_at: '2024-03-16T09:00:00Z' },
  { id: 'w1', key: 'x:3001', source: 'weather_bot', lang: 'en', text: 'Mild and sunny in Basra today, light wind from the north.', published_at: '2024-03-10T09:00:00Z' },
];

interface EventJson {
  id: string;
  title: string;
  first: { key: string; published_at: string; why: string; confidence: number } | null;
  members: string[];
  sources: number;
  languages: string[];
  actors: Array<{ id: string; name: string }>;
  anomalies: string[];
}

async function home(dialect: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rasad-events-cli-'));
  const env: Record<string, string> = { RASAD_HOME: dir, RASAD_USER: 'analyst-e' };
  if (dialect === 'postgres') env.RASAD_DATABASE_URL = await freshPostgresUrl();
  // The analysts track the group: its names in both scripts are in the registry.
  const actors = path.join(dir, 'actors.json');
  writeFileSync(actors, JSON.stringify({ actors: [{ id: 'fajr', kind: 'group', canonical: 'Saraya al-Fajr', aliases: ['سرايا الفجر', 'Saraya al-Fajr'] }] }));
  const registry = await runCli(['actors', 'import', '--format', 'rasad', actors], env);
  expect(registry.code, registry.stderr).toBe(0);
  const file = path.join(dir, 'posts.jsonl');
  writeFileSync(file, POSTS.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const imported = await runCli(['import', file, '--json'], env);
  expect(imported.code, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 5, events: 1 });
  return env;
}

async function list(env: Record<string, string>): Promise<EventJson[]> {
  const r = await runCli(['events', 'list', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as EventJson[];
}

describe.each(['sqlite', 'postgres'] as const)('rasad events on %s', (dialect) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await home(dialect);
  });

  it('groups the post, its copy and the report citing it, with the Telegram post first', async () => {
    const events = await list(env);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e?.members).toEqual(['telegram:fajr_demo/10', 'x:2001', 'rss:https://news.example/fajr-sit-in']);
    expect(e?.first?.key).toBe('telegram:fajr_demo/10');
    expect(e?.first?.why).toMatch(/earliest of 3 members .* next: x:2001 9 min later/);
    expect(e?.languages).toEqual(['ar', 'en']);
    expect(e?.sources).toBe(2); // the copy is counted with its origin
    expect(e?.title).toMatch(/^بيان: سرايا الفجر تدعو إلى اعتصام/);
    expect(e?.actors.map((a) => a.name)).toEqual(['Saraya al-Fajr']);
  });

  it('shows an event by an item key with its timeline, and collapses the item list', async () => {
    const r = await runCli(['events', 'show', 'x:2001', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const detail = JSON.parse(r.stdout) as EventJson & { timeline: Array<{ key: string; relation: string; linked_to: string | null; why: string | null }> };
    expect(detail.timeline.map((t) => [t.key, t.relation])).toEqual([
      ['telegram:fajr_demo/10', 'origin'],
      ['x:2001', 'copy'],
      ['rss:https://news.example/fajr-sit-in', 'report'],
    ]);
    expect(detail.timeline[1]?.linked_to).toBe('telegram:fajr_demo/10');
    const text = await runCli(['events', 'show', detail.id], env);
    expect(text.stdout).toContain('timeline:');
  });

  it('refuses bad input with one clear line and a non-zero exit', async () => {
    const missing = await runCli(['events', 'show', 'ev-nope'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no event or item "ev-nope"/);
    const noReason = await runCli(['events', 'split', 'x:2001', 'x:2001'], env);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    const notMember = await runCli(['events', 'split', 'x:2001', 'x:3001', '--reason', 'not about the sit-in'], env);
    expect(notMember.code).not.toBe(0);
    expect(notMember.stderr).toMatch(/x:3001 is not a member/);
  });

  it('keeps an analyst split across a rebuild', async () => {
    const split = await runCli(['events', 'split', 'x:2001', 'rss:https://news.example/fajr-sit-in', '--reason', 'the report is about an earlier sit-in', '--json'], env);
    expect(split.code, split.stderr).toBe(0);
    expect(JSON.parse(split.stdout)).toEqual({ split_into: null }); // one item stands alone
    expect((await list(env))[0]?.members).toEqual(['telegram:fajr_demo/10', 'x:2001']);
    const rebuilt = await runCli(['events', 'rebuild', '--json'], env);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ items: 5, decisions: 1 });
    expect((await list(env)).map((e) => e.members)).toEqual([['telegram:fajr_demo/10', 'x:2001']]);
  });
});

import path from 'node:path';
import { toIso } from '../core/clock.js';
import { itemIdForKey } from '../core/ids.js';
import { verifyChain } from '../core/custody-chain.js';
import { custodyEntries } from '../store/custody.repository.js';
import { makeChecksDue } from '../store/liveness.repository.js';
import { collectionRuntime, collectPass, type CollectPassSummary } from './collect.service.js';
import type { AppContext } from './context.js';
import { startDemoPlatform } from './demo-platform.js';
import { exportEvidence, verifyEvidence } from './evidence.service.js';
import { addSource, changeSource, parseSourceSpec } from './sources.service.js';
import type { PreviewChannel } from './telegram-preview-html.js';

/** What the live part of the demo did (printed in the demo summary). */
export interface LiveDemoFacts {
  source: string;
  platformUrl: string;
  first: { items: number; captures: number };
  second: { items: number; edits: number };
  vanished: { key: string; afterFirstCheck: string; afterSecondCheck: string };
  bundle: { dir: string; item: string; captures: number; files: number; ok: boolean; problems: string[]; warcRecords: number };
  custody: { entries: number; ok: boolean };
}

const HANDLE = 'northlight_watch';
const ANALYST = 'demo';

// A fictional monitoring channel that relays the founding post (synthetic texts, at the level of
// news coverage), dated right after it so that its posts join the same event.
function demoChannel(): PreviewChannel {
  return {
    handle: HANDLE,
    title: 'Northlight Watch (demo monitoring channel)',
    channelId: 1977000123,
    posts: [
      {
        id: 1,
        date: '2021-01-13T08:05:00+00:00',
        views: 1840,
        text: '🔴 عاجل | يعلن المستشارون الأمنيون للمقاومة الإسلامية استعدادهم لتقديم المشورة والتدريب لـ«حركات التحرر» في «الولايات غير المتحدة الأمريكية»، وقد هيئت لهذا الغرض أماكن خاصة.\nN-USA The End',
      },
      {
        id: 2,
        date: '2021-01-13T08:40:00+00:00',
        views: 2210,
        text: "Northlight Watch: the Telegram channel of Kata'ib Hizballah's security official Abu Ali al-Askari offered to \"advise and train liberation movements\" in the \"Non-United States of America\". We are tracking reactions.",
      },
      {
        id: 3,
        date: '2021-01-13T10:15:00+00:00',
        views: 960,
        text: 'گزارش: کانال تلگرامی ابوعلی العسکری پیشنهاد «مشاوره و آموزش به جنبش‌های آزادی‌بخش» در «ایالات نامتحد آمریکا» را منتشر کرد.',
      },
    ],
  };
}

/**
 * The demo's live part, offline: Rasad serves a synthetic channel's web preview on loopback,
 * watches it like any Telegram channel, collects twice (a new post and an edit arrive in between),
 * sees a post deleted and confirms it on the second check, then exports an evidence bundle and
 * verifies it. Everything goes through the real collector, preserver and bundle code.
 */
export async function runLiveDemo(ctx: AppContext, home: string): Promise<LiveDemoFacts> {
  const platform = await startDemoPlatform(demoChannel());
  const live: AppContext = {
    ...ctx,
    config: {
      ...ctx.config,
      telegramWebUrl: platform.url,
      fetchAllow: ['127.0.0.1'],
      collect: { ...ctx.config.collect, hostIntervalMs: 0, livenessConfirmMs: 0, mediaMaxBytes: 0, tsaUrl: null, tsaCert: null, screenshotChromium: null, telegramMtproto: null },
    },
  };
  const runtime = collectionRuntime(live);
  const pass = (checks: number): Promise<CollectPassSummary> => collectPass(live, runtime, { analyze: true, checks });
  const source = `telegram:${HANDLE}`;
  try {
    await addSource(live, parseSourceSpec(source), { pollSeconds: 300, analyst: ANALYST });
    const first = await pass(0);
    platform.post({ id: 4, date: '2021-01-14T07:00:00+00:00', views: 410, text: "Update: al-Askari's X account has been suspended; the Telegram post is still online." });
    platform.edit(2, "Northlight Watch: the Telegram channel of Kata'ib Hizballah's security official Abu Ali al-Askari offered to \"advise and train liberation movements\" in the \"Non-United States of America\" (posted 10:31 Baghdad time). We are tracking reactions.");
    await changeSource(live, source, 'resume', ANALYST);
    const second = await pass(0);
    // The channel deletes post 3: one check makes it suspected, a second consistent one confirms it.
    platform.remove(3);
    const gone = `${source}/3`;
    const states: string[] = [];
    for (let i = 0; i < 2; i++) {
      await makeChecksDue(ctx.db, [itemIdForKey(gone)], toIso(ctx.clock.now()));
      const r = await pass(10);
      states.push(r.checks.gone > 0 ? 'gone' : r.checks.suspected > 0 ? 'suspected' : 'live');
    }
    const item = `${source}/1`;
    const dir = path.join(home, 'evidence-bundle-demo');
    const exported = await exportEvidence(live, item, dir, ANALYST);
    const verified = await verifyEvidence(dir, null);
    let entries = 0;
    let prev: string | undefined;
    let chainOk = true;
    for await (const page of custodyEntries(ctx.db)) {
      if (verifyChain(page, prev).length > 0) chainOk = false;
      entries += page.length;
      prev = page[page.length - 1]?.hash ?? prev;
    }
    return {
      source,
      platformUrl: platform.url,
      first: { items: first.items, captures: first.captures },
      second: { items: second.items, edits: second.edits },
      vanished: { key: gone, afterFirstCheck: states[0] ?? '?', afterSecondCheck: states[1] ?? '?' },
      bundle: { dir, item, captures: exported.captures, files: exported.files, ok: verified.ok, problems: verified.problems.map((p) => `${p.file}: ${p.problem}`), warcRecords: verified.checked.warcRecords },
      custody: { entries, ok: chainOk },
    };
  } finally {
    await runtime.close();
    await platform.close();
  }
}

// Self-check of the event benchmark's corpus generator and metrics: hand-made scoring cases, the
// generator's guarantees (deterministic, sorted, gold first is the earliest member, relations
// wired right, mix of kinds and languages), then a summary and the generation speed.
//   node --import tsx bench/events-corpus.check.ts [items for the speed run, default 100000]
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eventInputSchema, type EventInput } from '../src/events/event-input.js';
import { CORPUS_LANGUAGES, eventCorpus, goldMaps, type CorpusItem, type CorpusKind } from './events-corpus.js';
import { bcubed, firstSeenAccuracy } from './events-metrics.js';

const close = (actual: number, expected: number, what: string): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
const labels = (pairs: ReadonlyArray<readonly [string, string | null]>): Map<string, string | null> => new Map(pairs);

// ─── metrics on hand-made cases ────────────────────────────────────────────────────────────────

function checkBcubed(): void {
  const gold = labels([['1', 'A'], ['2', 'A'], ['3', 'B'], ['4', 'B'], ['5', 'B']]);

  const perfect = bcubed(labels([['1', 'x'], ['2', 'x'], ['3', 'y'], ['4', 'y'], ['5', 'y']]), gold);
  assert.deepEqual(perfect, { precision: 1, recall: 1, f1: 1 });
  // Noise left alone is perfect too; noise merged into a cluster is not.
  const withNoise = labels([...gold, ['6', null]]);
  assert.deepEqual(bcubed(labels([['1', 'x'], ['2', 'x'], ['3', 'y'], ['4', 'y'], ['5', 'y']]), withNoise), { precision: 1, recall: 1, f1: 1 });

  // All in one: precision = (2·2/5 + 3·3/5)/5 = 0.52, recall 1.
  const one = bcubed(labels([...gold.keys()].map((id) => [id, 'z'])), gold);
  close(one.precision, 0.52, 'all-in-one precision');
  close(one.recall, 1, 'all-in-one recall');
  close(one.f1, (2 * 0.52) / 1.52, 'all-in-one F1');

  // All singletons (an empty prediction): precision 1, recall = (2·½ + 3·⅓)/5 = 0.4.
  const alone = bcubed(new Map(), gold);
  close(alone.precision, 1, 'singletons precision');
  close(alone.recall, 0.4, 'singletons recall');
  close(alone.f1, 0.8 / 1.4, 'singletons F1');

  // Gold A={1,2,3} B={4,5}, 6 noise; predicted X={1,2,6} Y={3,4,5}; 7 is not in gold and is ignored.
  // precision: 1,2 → 2/3; 6 → 1/3; 3 → 1/3; 4,5 → 2/3  ⇒ (10/3)/6 = 5/9
  // recall:    1,2 → 2/3; 6 → 1;   3 → 1/3; 4,5 → 1    ⇒ (14/3)/6 = 7/9
  const known = bcubed(
    labels([['1', 'X'], ['2', 'X'], ['6', 'X'], ['7', 'X'], ['3', 'Y'], ['4', 'Y'], ['5', 'Y']]),
    labels([['1', 'A'], ['2', 'A'], ['3', 'A'], ['4', 'B'], ['5', 'B'], ['6', null]]),
  );
  close(known.precision, 5 / 9, 'known precision');
  close(known.recall, 7 / 9, 'known recall');
  close(known.f1, (2 * (5 / 9) * (7 / 9)) / (12 / 9), 'known F1');

  assert.deepEqual(bcubed(new Map(), new Map()), { precision: 1, recall: 1, f1: 1 });
}

function checkFirstSeen(): void {
  // Gold A = {a1 (first), a2, a3}, B = {b1 (first), b2}, C = {c1} (size 1: not scored).
  const goldEventOf = labels([['a1', 'A'], ['a2', 'A'], ['a3', 'A'], ['b1', 'B'], ['b2', 'B'], ['c1', 'C']]);
  const goldFirstOf = new Map([['A', 'a1'], ['B', 'b1'], ['C', 'c1']]);

  const right = firstSeenAccuracy(labels([['a1', 'P'], ['a2', 'P'], ['a3', 'P'], ['b1', 'Q'], ['b2', 'Q']]), new Map([['P', 'a1'], ['Q', 'b2']]), goldEventOf, goldFirstOf);
  assert.deepEqual(right, { correct: 1, total: 2, accuracy: 0.5 });

  // a1 left out (absent) → wrong even though P's first is right for the rest.
  const lost = firstSeenAccuracy(labels([['a2', 'P'], ['a3', 'P'], ['b1', 'Q'], ['b2', 'Q']]), new Map([['P', 'a2'], ['Q', 'b1']]), goldEventOf, goldFirstOf);
  assert.deepEqual(lost, { correct: 1, total: 2, accuracy: 0.5 });

  // a1 labelled but alone in its predicted cluster → still a singleton, wrong.
  const lone = firstSeenAccuracy(labels([['a1', 'S'], ['a2', 'P'], ['a3', 'P'], ['b1', 'Q'], ['b2', 'Q']]), new Map([['S', 'a1'], ['P', 'a2'], ['Q', 'b1']]), goldEventOf, goldFirstOf);
  assert.deepEqual(lone, { correct: 1, total: 2, accuracy: 0.5 });

  // Everything merged, first = a1: A is right, B is not.
  const merged = firstSeenAccuracy(labels([...goldEventOf.keys()].map((id) => [id, 'M'])), new Map([['M', 'a1']]), goldEventOf, goldFirstOf);
  assert.deepEqual(merged, { correct: 1, total: 2, accuracy: 0.5 });

  const onlyB = firstSeenAccuracy(labels([['b1', 'Q'], ['b2', 'Q']]), new Map([['Q', 'b1']]), goldEventOf, goldFirstOf, new Set(['B']));
  assert.deepEqual(onlyB, { correct: 1, total: 1, accuracy: 1 });

  // The gold maps scored against themselves (first = gold first) are perfect.
  assert.deepEqual(firstSeenAccuracy(goldEventOf, goldFirstOf, goldEventOf, goldFirstOf), { correct: 2, total: 2, accuracy: 1 });
}

// ─── generator properties ──────────────────────────────────────────────────────────────────────

function digest(items: Iterable<CorpusItem>): string {
  const h = createHash('sha256');
  for (const it of items) h.update(JSON.stringify(it)).update('\n');
  return h.digest('hex');
}

function checkDeterminism(): void {
  const a = digest(eventCorpus({ items: 5000, seed: 7 }));
  assert.equal(digest(eventCorpus({ items: 5000, seed: 7 })), a, 'same seed, same corpus');
  assert.notEqual(digest(eventCorpus({ items: 5000, seed: 8 })), a, 'another seed, another corpus');
  assert.equal([...eventCorpus({ items: 0 })].length, 0);
}

interface EventStats {
  origin: CorpusItem | null;
  firstId: string;
  members: CorpusItem[];
}

/** Per-item invariants while streaming; per-event invariants at the end. */
function checkProperties(items: readonly CorpusItem[]): void {
  const ids = new Set<string>();
  const events = new Map<string, EventStats>();
  let last = -Infinity;
  for (const it of items) {
    const input: EventInput = it.input;
    eventInputSchema.parse(input);
    assert.ok(input.publishedAt !== null && input.publishedAt >= last, `sorted by publishedAt at ${input.id}`);
    last = input.publishedAt;
    assert.ok(!ids.has(input.id), `unique id ${input.id}`);
    ids.add(input.id);
    assert.equal(input.id, input.key);
    assert.ok((CORPUS_LANGUAGES as readonly string[]).includes(input.language ?? ''), `language of ${input.id}`);
    if (it.gold === null) {
      assert.ok(it.kind === 'noise' || (it.kind === 'decoy' && it.decoy === 'routine'), `null gold is noise or routine (${input.id})`);
      continue;
    }
    assert.ok(it.goldFirst !== null);
    const ev = events.get(it.gold) ?? { origin: null, firstId: it.goldFirst, members: [] };
    assert.equal(ev.firstId, it.goldFirst, `one gold first per event (${it.gold})`);
    if (input.id === it.goldFirst) ev.origin = it;
    ev.members.push(it);
    events.set(it.gold, ev);
  }
  for (const [gold, ev] of events) {
    const origin = ev.origin;
    assert.ok(origin, `event ${gold} has its first item`);
    assert.ok(origin.kind === 'origin' || (origin.kind === 'decoy' && origin.decoy !== 'routine'), `first of ${gold} is an origin`);
    const t0 = origin.input.publishedAt ?? 0;
    for (const m of ev.members) {
      if (m === origin) continue;
      const t = m.input.publishedAt ?? 0;
      assert.ok(m.skewed ? t < t0 : t > t0, `${m.input.id} (${m.kind}${m.skewed ? ', skewed' : ''}) vs first of ${gold}`);
      checkRelation(m, origin.input);
    }
  }
  checkDecoys(items, events);
}

/** Each relation kind carries the evidence it promises. */
function checkRelation(m: CorpusItem, origin: EventInput): void {
  const input = m.input;
  switch (m.kind) {
    case 'forward':
      assert.equal(input.forwardedFrom?.key, origin.key);
      assert.equal(input.text, origin.text);
      break;
    case 'retweet':
      assert.equal(input.reposts, origin.key);
      assert.ok(input.text.startsWith(`RT @${origin.authorHandle ?? ''}: `));
      break;
    case 'reply':
      assert.equal(input.replyTo, origin.key);
      assert.equal(input.source, origin.source);
      break;
    case 'translation':
      assert.ok(input.language !== origin.language && (input.language === 'en' || input.language === 'fr'));
      break;
    case 'report':
      assert.ok(input.platform === 'rss' || input.platform === 'web');
      assert.ok(input.title !== null);
      break;
    case 'copy':
    case 'paraphrase':
      assert.equal(input.language, origin.language);
      break;
    case 'origin':
    case 'decoy':
    case 'noise':
      assert.fail(`${input.id}: a ${m.kind} cannot be a member`);
  }
}

function checkDecoys(items: readonly CorpusItem[], events: ReadonlyMap<string, EventStats>): void {
  for (const it of items) {
    if (it.kind !== 'decoy' || it.decoy === 'routine' || it.gold === null) continue;
    const target = events.get(it.decoyOf ?? '')?.origin;
    assert.ok(target, `decoy ${it.input.id} names its target`);
    assert.notEqual(it.gold, target.gold);
    const sameActor = it.input.actors[0] === target.input.actors[0];
    assert.equal(sameActor, it.decoy === 'same-actor', `decoy ${it.input.id} actor`);
  }
}

// ─── summary ───────────────────────────────────────────────────────────────────────────────────

const KINDS: readonly CorpusKind[] = ['origin', 'forward', 'retweet', 'copy', 'paraphrase', 'translation', 'report', 'reply', 'decoy', 'noise'];

interface Summary {
  items: number;
  events: number;
  decoyEvents: Record<string, number>;
  routine: number;
  noiseShare: number;
  languages: Record<string, number>;
  kinds: Record<string, number>;
  sizes: Record<string, number>;
  skewedEvents: number;
  mtShare: number;
  itemsPerDay: number;
}

function summarize(items: Iterable<CorpusItem>): Summary {
  const kinds: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const languages: Record<string, number> = {};
  const decoyEvents: Record<string, number> = { 'same-actor': 0, 'same-topic': 0 };
  const eventSize = new Map<string, number>();
  const skewed = new Set<string>();
  const times: number[] = [];
  let n = 0;
  let routine = 0;
  let noGold = 0;
  let nonEnglish = 0;
  let mt = 0;
  for (const it of items) {
    n++;
    kinds[it.kind] = (kinds[it.kind] ?? 0) + 1;
    const lang = it.input.language ?? '?';
    languages[lang] = (languages[lang] ?? 0) + 1;
    if (lang !== 'en') nonEnglish++;
    if (it.input.translation) mt++;
    if (it.decoy === 'routine') routine++;
    else if (it.decoy) decoyEvents[it.decoy] = (decoyEvents[it.decoy] ?? 0) + 1;
    if (it.skewed && it.gold) skewed.add(it.gold);
    if (it.gold === null) noGold++;
    else eventSize.set(it.gold, (eventSize.get(it.gold) ?? 0) + 1);
    times.push(it.input.publishedAt ?? 0);
  }
  const sizes: Record<string, number> = { '1': 0, '2-3': 0, '4-10': 0, '11-20': 0, '21+': 0 };
  for (const s of eventSize.values()) {
    const bucket = s === 1 ? '1' : s <= 3 ? '2-3' : s <= 10 ? '4-10' : s <= 20 ? '11-20' : '21+';
    sizes[bucket] = (sizes[bucket] ?? 0) + 1;
  }
  // Density away from the ramp-up and the drained tail (the last spawns' members trail for days).
  const lo = times[Math.floor(n * 0.1)] ?? 0;
  const hi = times[Math.floor(n * 0.9)] ?? 0;
  return {
    items: n,
    events: eventSize.size,
    decoyEvents,
    routine,
    noiseShare: noGold / n,
    languages,
    kinds,
    sizes,
    skewedEvents: skewed.size,
    mtShare: mt / Math.max(1, nonEnglish),
    itemsPerDay: (0.8 * n) / ((hi - lo) / 86_400_000),
  };
}

function checkMix(s: Summary): void {
  for (const k of KINDS) assert.ok((s.kinds[k] ?? 0) > 0, `some ${k} items`);
  for (const l of CORPUS_LANGUAGES) assert.ok((s.languages[l] ?? 0) > 0, `some ${l} items`);
  assert.ok((s.languages.ar ?? 0) > (s.languages.en ?? 0), 'Arabic is the most common language');
  assert.ok(s.noiseShare >= 0.2 && s.noiseShare <= 0.3, `noise share ${s.noiseShare}`);
  assert.ok(s.mtShare > 0.07 && s.mtShare < 0.13, `MT share ${s.mtShare}`);
  assert.ok(s.skewedEvents > 0.005 * s.events && s.skewedEvents < 0.04 * s.events, `skewed events ${s.skewedEvents}/${s.events}`);
  assert.ok((s.sizes['1'] ?? 0) + (s.sizes['2-3'] ?? 0) > 0.4 * s.events, 'many small events');
  assert.ok((s.sizes['21+'] ?? 0) > 0, 'some large events');
  assert.ok((s.decoyEvents['same-actor'] ?? 0) > 0 && (s.decoyEvents['same-topic'] ?? 0) > 0 && s.routine > 0, 'every decoy kind');
  assert.ok(s.itemsPerDay >= 1000 && s.itemsPerDay <= 3000, `items per day ${s.itemsPerDay}`);
}

function speed(items: number): { seconds: number; perSecond: number; heapMb: number } {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const start = performance.now();
  let n = 0;
  for (const it of eventCorpus({ items, seed: 1 })) {
    if (it.input.id.length > 0) n++;
    if ((n & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - start) / 1000;
  return { seconds, perSecond: n / seconds, heapMb: (peak - before) / 1e6 };
}

// ─── run ───────────────────────────────────────────────────────────────────────────────────────

const speedItems = Number(process.argv[2] ?? 100_000);
checkBcubed();
checkFirstSeen();
checkDeterminism();
const sample = [...eventCorpus({ items: 30_000, seed: 11 })];
checkProperties(sample);
const gold = goldMaps(sample);
assert.deepEqual(bcubed(gold.eventOf, gold.eventOf), { precision: 1, recall: 1, f1: 1 });
assert.equal(firstSeenAccuracy(gold.eventOf, gold.firstOf, gold.eventOf, gold.firstOf).accuracy, 1);
const summary = summarize(eventCorpus({ items: 100_000, seed: 1 }));
checkMix(summary);
const fast = speed(speedItems);
assert.ok(fast.perSecond > 50_000, `generation speed ${Math.round(fast.perSecond)} items/s`);

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const line = (r: Record<string, number>): string =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
console.log('events corpus check: metrics and generator properties OK');
console.log(`summary (seed 1, ${summary.items} items):`);
console.log(`  events        ${summary.events} (decoy events: ${line(summary.decoyEvents)}); routine decoy posts ${summary.routine}`);
console.log(`  no event      ${pct(summary.noiseShare)} of items (noise + routine posts)`);
console.log(`  event sizes   ${line(summary.sizes)}`);
console.log(`  relations     ${line(summary.kinds)}`);
console.log(`  languages     ${line(summary.languages)}`);
console.log(`  skewed        ${summary.skewedEvents} events with a report timestamped before its origin`);
console.log(`  MT field      ${pct(summary.mtShare)} of non-English items`);
console.log(`  density       ${Math.round(summary.itemsPerDay)} items per simulated day`);
console.log(`speed: ${speedItems} items in ${fast.seconds.toFixed(2)} s = ${Math.round(fast.perSecond)} items/s (heap growth ≤ ${fast.heapMb.toFixed(0)} MB)`);

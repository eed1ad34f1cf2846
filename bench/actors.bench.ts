// `npm run bench:actors [-- --n N --seed S]`: the actor registry with the full OFAC + UN + EU lists
// and the starter registry loaded (../shared/data/designations/): load time and memory, then
// recall@1 on hidden aliases (cross-spelling, cross-script, other) and on generated transliteration
// variants, precision on names that are not listed, Rasad next to a plain Jaro-Winkler baseline
// (talisman, lower-cased names) on the same queries; resolves/s, mention extraction posts/s on the
// demo corpus, and the founding scenario's spellings. Ends with one JSON line of the figures.
// --n sets the sample sizes (default 300: the whole bench runs in under 3 minutes on 2 cores);
// --misses M how many misses to print per row (default 15).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actorIdFor, storeActorLists } from '../src/actors/actor-import.service.js';
import { type ParsedActorList, readActorLists } from '../src/actors/actor-lists.js';
import { loadConfig } from '../src/app/config.js';
import { openContext } from '../src/app/context.js';
import { importPaths } from '../src/collect/importer.js';
import { loadRegistry, type RegistryActor } from '../src/store/actor.repository.js';
import { listItems } from '../src/store/item.repository.js';
import { createJaroWinklerBaseline } from './actors-baseline.js';
import { aliasKeyIndex, birthDatesOf, buildHiddenAliasEval, entityGroups, type EvalQuery, type QueryClass } from './actors-eval.js';
import { seededRandom } from '../src/core/seeded-random.js';
import { composedNames, listedWordSets, negativeQueries, partOfListedAlias, readNameFile } from './actors-negatives.js';
import { answerPrecision, type Outcome, printHeader, printMisses, printRow, rasadTop, type RowScore, scoreRow } from './actors-report.js';
import { seedCheck } from './actors-seed.js';
import { buildVariants, VARIANT_RULES } from './actors-variants.js';
import type * as FinderModule from '../src/actors/match/mention-finder.js';
import type * as ResolverModule from '../src/actors/match/resolver.js';

// The matcher is measured as it ships: the compiled build in dist/ (`npm run bench:actors`
// compiles first), not through the tsx loader, which slows hot closures down.
const { createResolver } = (await import(new URL('../dist/actors/match/resolver.js', import.meta.url).href)) as typeof ResolverModule;
const { createMentionFinder } = (await import(new URL('../dist/actors/match/mention-finder.js', import.meta.url).href)) as typeof FinderModule;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const SHARED = path.resolve(import.meta.dirname, '../../shared');
const LISTS = path.resolve(arg('lists', path.join(SHARED, 'data/designations')));
const STARTER = path.resolve(import.meta.dirname, '../src/actors/starter/starter-registry.json');
const DEMO = path.resolve(import.meta.dirname, '../demo/scenario');
const TRUTH = path.join(SHARED, 'scenarios/seed-kh-2021/truth.json');
const TSV = path.join(SHARED, 'data/translit-dev/ar2en-first-half.tsv');
const NEGATIVES = path.resolve(import.meta.dirname, 'fixtures/non-listed-names.txt');
const N = Math.max(10, Number(arg('n', '300')));
const SEED = Number(arg('seed', '1'));
const MISSES = Math.max(0, Number(arg('misses', '15')));
// Word-by-word Levenshtein similarity from which a hidden alias counts as a spelling of a remaining
// one (actors-eval.ts isCrossSpelling): Muhammad/Mohammed 0.75 and Gaddafi/Qaddafi 0.86 pass,
// Abdul/Abu 0.6 and Rahman/Ahmad 0.67 do not.
const SPELLING_SIMILARITY = 0.7;
const MENTION_POSTS = 20_000;
const TARGETS = { crossSpelling: 0.95, crossScript: 0.85, precision: 0.98, resolvesPerS: 5000, postsPerS: 10_000 };

const mb = (bytes: number): number => Math.round(bytes / 1_048_576);
const secs = (ms: number): number => Math.round(ms) / 1000;

/** Operations per second of wall time, and per second of this process's CPU time (less sensitive to other load on the machine). */
interface Rate {
  perS: number;
  perCpuS: number;
}

/** Times `run` (which returns how many operations it did) by the wall clock and by CPU time. */
function timed(run: () => number): Rate {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const done = run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { perS: Math.round((done / wallMs) * 1000), perCpuS: Math.round((done * 1e6) / (cpu.user + cpu.system)) };
}

/** Resolves per second over the queries, on one thread, for at least `minCount` resolves and a second. */
function resolvesPerSecond(queries: readonly string[], resolve: (q: string) => unknown, minCount: number): Rate {
  return timed(() => {
    let done = 0;
    const t0 = performance.now();
    while (done < minCount || performance.now() - t0 < 1000) {
      for (const q of queries) resolve(q);
      done += queries.length;
    }
    return done;
  });
}

/**
 * The mention baseline: every run of 1–6 words of the lower-cased text looked up in the set of
 * lower-cased aliases of three letters or more (exact dictionary matching, no variants, no context).
 */
function dictionaryFinder(actors: readonly RegistryActor[]): (text: string) => number {
  const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const names = new Set<string>();
  for (const a of actors) for (const x of a.aliases) if (x.alias.replace(/[^\p{L}]/gu, '').length >= 3) names.add(words(x.alias).join(' '));
  return (text) => {
    const w = words(text);
    let found = 0;
    for (let i = 0; i < w.length; i++) {
      let run = '';
      for (let j = i; j < Math.min(w.length, i + 6); j++) {
        run = j === i ? (w[j] ?? '') : `${run} ${w[j] ?? ''}`;
        if (names.has(run)) found++;
      }
    }
    return found;
  };
}

/** Posts per second of `find` over the texts cycled to `posts`, after one warm-up pass; and the mentions found. */
function postsPerSecond(texts: readonly string[], posts: number, find: (t: string) => number): Rate & { mentions: number } {
  for (const t of texts) find(t);
  let mentions = 0;
  const rate = timed(() => {
    for (let i = 0; i < posts; i++) mentions += find(texts[i % texts.length] ?? '');
    return posts;
  });
  return { ...rate, mentions };
}

async function readLists(): Promise<{ lists: ParsedActorList[]; starterIds: Set<string> }> {
  const starter = await readActorLists('rasad', [STARTER]);
  const lists = [
    ...(await readActorLists('ofac', [path.join(LISTS, 'ofac')])),
    ...(await readActorLists('un', [path.join(LISTS, 'un')])),
    ...(await readActorLists('eu', [path.join(LISTS, 'eu')])),
    ...starter,
  ];
  const starterIds = new Set(starter.flatMap((l) => l.result.actors.map((d) => actorIdFor('rasad', d.reference))));
  return { lists, starterIds };
}

async function main(): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rasad-bench-actors-'));
  const ctx = await openContext(loadConfig({ RASAD_HOME: home }));
  try {
    // ---- load
    let t = performance.now();
    const { lists, starterIds } = await readLists();
    const parseMs = performance.now() - t;
    t = performance.now();
    const stored = await storeActorLists({ db: ctx.db, clock: ctx.clock }, lists);
    const storeMs = performance.now() - t;
    await importPaths({ db: ctx.db, blobs: ctx.blobs, clock: ctx.clock, pipeline: null }, [DEMO], { format: 'auto', analyze: false });
    const texts = (await listItems(ctx.db, { limit: 100_000 })).items.map((i) => i.text).filter((s) => s.trim().length > 0);
    const before = process.memoryUsage();
    t = performance.now();
    const actors = await loadRegistry(ctx.db);
    const registryMs = performance.now() - t;
    t = performance.now();
    const resolver = createResolver(actors);
    const resolverMs = performance.now() - t;
    t = performance.now();
    const finder = createMentionFinder(actors);
    const finderMs = performance.now() - t;
    const after = process.memoryUsage();

    console.log(`actors bench: OFAC + UN + EU lists and the starter registry from ${path.relative(process.cwd(), LISTS)}; --n ${N} --seed ${SEED}`);
    console.log('');
    console.log(`import: ${stored.actors} actors, ${stored.aliases} aliases from ${stored.files.length} files in ${secs(parseMs + storeMs)} s (parse ${secs(parseMs)} s, store in SQLite ${secs(storeMs)} s)`);
    console.log(`build: loadRegistry ${Math.round(registryMs)} ms, createResolver ${Math.round(resolverMs)} ms, createMentionFinder ${Math.round(finderMs)} ms; index holds ${resolver.size.actors} actors, ${resolver.size.aliases} aliases`);
    console.log(`memory: RSS ${mb(before.rss)} MB before loadRegistry, ${mb(after.rss)} MB after the build (heap ${mb(after.heapUsed)} MB)`);

    // ---- eval sets
    const rnd = seededRandom(SEED);
    const birthDates = birthDatesOf(lists.flatMap((l) => l.result.actors.map((draft) => ({ id: actorIdFor(draft.list, draft.reference), draft }))));
    const groups = entityGroups(actors, starterIds, birthDates);
    const crossScript = Math.ceil(N * 0.4);
    const perClass: Record<QueryClass, number> = {
      'cross-spelling': N,
      'cross-script ar→latin': crossScript,
      'cross-script latin→ar': crossScript,
      'cross-script translation': crossScript,
      other: Math.ceil(N / 2),
    };
    const hidden = buildHiddenAliasEval(actors, groups, { perClass, similarity: SPELLING_SIMILARITY, rnd });
    const keyIndex = aliasKeyIndex(actors);
    const variants = buildVariants(actors, groups, keyIndex, { perRule: Math.ceil(N / 10), combined: Math.ceil(N / 4), rnd });
    const listed = listedWordSets(actors);
    const composed = composedNames(TSV, Math.ceil(N / 2), rnd);
    const negatives = negativeQueries(
      [
        ...readNameFile(NEGATIVES).map((name) => ({ name, row: /[\u0600-\u06ff]/.test(name) ? 'non-listed names, Arabic script (file)' : 'non-listed names, Latin (file)' })),
        ...composed.map((c) => ({ name: c.latin, row: 'composed translit-dev names, Latin' })),
        ...composed.map((c) => ({ name: c.arabic, row: 'composed translit-dev names, Arabic' })),
      ],
      listed,
    );

    // ---- answers
    t = performance.now();
    const hiddenResolver = createResolver(hidden.actors);
    const hiddenBuildMs = performance.now() - t;
    const jwHidden = createJaroWinklerBaseline(hidden.actors, 0.85);
    const jwFull = createJaroWinklerBaseline(actors, 0.85);
    let baselineMs = 0;
    let baselineCount = 0;
    const answer = (q: EvalQuery, r: typeof resolver, jw: typeof jwFull): Outcome => {
      const t0 = performance.now();
      const baseline = jw.best(q.query);
      baselineMs += performance.now() - t0;
      baselineCount++;
      return { q, rasad: rasadTop(r, q.query), baseline };
    };
    const hiddenOut = hidden.queries.map((q) => answer(q, hiddenResolver, jwHidden));
    const variantOut = variants.map((q) => answer(q, resolver, jwFull));
    const negativeOut = negatives.queries.map((q) => answer(q, resolver, jwFull));
    const rows = (outs: readonly Outcome[], row: string): Outcome[] => outs.filter((o) => o.q.row === row);

    console.log('');
    console.log(
      `hidden-alias eval: ${hidden.queries.length} entities, one alias (or one script) hidden each, ${hidden.actors.length} actors left in the registry (resolver built in ${Math.round(hiddenBuildMs)} ms); skipped candidates: ${Object.entries(hidden.skipped).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    console.log(`generated variants: ${variants.length} names from lists, one rule each or 2–3 chained, queried against the full registry`);
    console.log(`negatives: ${negatives.queries.length} names (${negatives.dropped.length} dropped as listed: ${negatives.dropped.slice(0, 8).join('; ')}${negatives.dropped.length > 8 ? '; …' : ''})`);
    console.log('');
    console.log('recall@1 (top accepted answer is the entity); JW = best Jaro-Winkler over all lower-cased aliases, accepted at ≥ threshold');
    printHeader();
    const scores: Record<string, RowScore> = {};
    const show = (label: string, outs: readonly Outcome[], target?: number): void => {
      scores[label] = scoreRow(outs);
      printRow(label, scores[label], target);
    };
    show('hidden alias: cross-spelling', rows(hiddenOut, 'cross-spelling'), TARGETS.crossSpelling);
    const crossScriptRows = (o: Outcome): boolean => o.q.row === 'cross-script ar→latin' || o.q.row === 'cross-script latin→ar';
    show('hidden alias: cross-script (both ways)', hiddenOut.filter(crossScriptRows), TARGETS.crossScript);
    show('  Arabic → Latin', rows(hiddenOut, 'cross-script ar→latin'));
    show('  Latin → Arabic', rows(hiddenOut, 'cross-script latin→ar'));
    show('  translated, not transliterated (no target)', rows(hiddenOut, 'cross-script translation'));
    show('hidden alias: other (no target)', rows(hiddenOut, 'other'));
    show('generated variants: all', variantOut, TARGETS.crossSpelling);
    for (const rule of [...VARIANT_RULES, 'combined 2–3 rules']) show(`  ${rule}`, rows(variantOut, rule));
    console.log('');
    console.log('precision (no match on non-listed names)');
    printHeader();
    show('non-listed names: all', negativeOut, TARGETS.precision);
    for (const row of [...new Set(negatives.queries.map((q) => q.row))]) show(`  ${row}`, rows(negativeOut, row));
    const partOfListed = partOfListedAlias(actors);
    const [inside, outside] = [negativeOut.filter((o) => partOfListed(o.q.query)), negativeOut.filter((o) => !partOfListed(o.q.query))];
    show('  words all in one list alias (partial names)', inside);
    show('  the others', outside);
    const all = [...hiddenOut, ...variantOut, ...negativeOut];
    scores['precision of accepted top-1, all queries'] = answerPrecision(all);
    // (no target: the issue's precision is the no-match rate above; here an answer naming a
    // twin record the bench could not tie to the entity counts as wrong)
    printRow('precision of accepted top-1, all queries', scores['precision of accepted top-1, all queries']);
    console.log('  (no target: the issue measures precision as no match on non-listed names, the row above)');
    console.log('');
    // What a hidden-alias query could still find: the entity's aliases left in the eval registry.
    const left = new Map(hidden.actors.map((a) => [a.id, a.aliases.map((x) => x.alias)]));
    const leftOf = (o: Outcome): string => {
      const names = [...new Set([...o.q.expected].flatMap((id) => left.get(id) ?? []))];
      return `${o.q.entity}, which keeps: ${names.slice(0, 6).join(' / ')}${names.length > 6 ? ' / …' : ''}`;
    };
    printMisses('rasad misses, cross-spelling', rows(hiddenOut, 'cross-spelling'), leftOf, MISSES);
    printMisses('rasad misses, cross-script', hiddenOut.filter(crossScriptRows), leftOf, MISSES);
    printMisses('rasad misses, generated variants', variantOut, (o) => `${o.q.entity} (the list name it was made from)`, MISSES);
    printMisses('rasad false matches on non-listed names', negativeOut, () => 'nothing', Math.max(MISSES, 40));

    // ---- throughput
    const queries = all.map((o) => o.q.query);
    const resolves = resolvesPerSecond(queries, (q) => resolver.resolve(q), 5000);
    const baselineResolvesPerS = Math.round((baselineCount / baselineMs) * 1000);
    const mentions = postsPerSecond(texts, MENTION_POSTS, (text) => finder.find(text).length);
    const dictionary = dictionaryFinder(actors);
    const baselineMentions = postsPerSecond(texts, MENTION_POSTS, dictionary);
    console.log('');
    console.log(`${''.padEnd(44)}${'rasad'.padStart(12)}${'baseline'.padStart(12)}   target`);
    // (the JW baseline's resolves are timed query by query while answering, so it has no CPU-time rate)
    const rate = (label: string, ours: number, base: number | '', target: number): void =>
      console.log(`${label.padEnd(44)}${String(ours).padStart(12)}${String(base).padStart(12)}   ≥ ${target} ${ours >= target ? 'met' : 'NOT MET'}`);
    rate('resolves/s, one thread (baseline: JW scan)', resolves.perS, baselineResolvesPerS, TARGETS.resolvesPerS);
    rate('  per CPU second', resolves.perCpuS, '', TARGETS.resolvesPerS);
    rate(`mention posts/s (${texts.length} demo texts × ${MENTION_POSTS})`, mentions.perS, baselineMentions.perS, TARGETS.postsPerS);
    rate('  per CPU second', mentions.perCpuS, baselineMentions.perCpuS, TARGETS.postsPerS);
    console.log(`${'mentions found per demo pass'.padEnd(44)}${String(Math.round((mentions.mentions / MENTION_POSTS) * texts.length)).padStart(12)}${String(Math.round((baselineMentions.mentions / MENTION_POSTS) * texts.length)).padStart(12)}   (baseline: exact lower-cased alias lookup)`);

    // ---- founding scenario
    console.log('');
    console.log(`founding scenario spellings (${path.relative(process.cwd(), TRUTH)}):`);
    const seed = seedCheck(TRUTH, resolver, actors);
    if (seed) console.log(`seed check: ${seed.passed}/${seed.total} pass`);
    else console.log('truth.json missing; seed check skipped');

    const figures = Object.fromEntries(Object.entries(scores).map(([k, s]) => [k.trim(), { n: s.n, rasad: s.rasad, ...Object.fromEntries(Object.entries(s.baseline).map(([th, v]) => [`jw_${th}`, v])) }]));
    console.log(
      JSON.stringify({
        bench: 'actors',
        n: N,
        seed: SEED,
        actors: stored.actors,
        aliases: stored.aliases,
        import_s: secs(parseMs + storeMs),
        build_ms: { registry: Math.round(registryMs), resolver: Math.round(resolverMs), finder: Math.round(finderMs) },
        rss_mb: mb(after.rss),
        heap_mb: mb(after.heapUsed),
        recall_cross_spelling: scores['hidden alias: cross-spelling']?.rasad,
        recall_cross_script: scores['hidden alias: cross-script (both ways)']?.rasad,
        recall_variants: scores['generated variants: all']?.rasad,
        precision_no_match: scores['non-listed names: all']?.rasad,
        precision_top1: scores['precision of accepted top-1, all queries']?.rasad,
        baseline_recall_cross_spelling: scores['hidden alias: cross-spelling']?.baseline['0.90'],
        baseline_recall_cross_script: scores['hidden alias: cross-script (both ways)']?.baseline['0.90'],
        baseline_recall_variants: scores['generated variants: all']?.baseline['0.90'],
        baseline_precision_no_match: scores['non-listed names: all']?.baseline['0.90'],
        baseline_precision_top1: scores['precision of accepted top-1, all queries']?.baseline['0.90'],
        resolves_per_s: resolves.perS,
        resolves_per_cpu_s: resolves.perCpuS,
        baseline_resolves_per_s: baselineResolvesPerS,
        mention_posts_per_s: mentions.perS,
        mention_posts_per_cpu_s: mentions.perCpuS,
        baseline_mention_posts_per_s: baselineMentions.perS,
        baseline_mention_posts_per_cpu_s: baselineMentions.perCpuS,
        seed_check: seed ? { passed: seed.passed, total: seed.total } : null,
        rows: figures,
      }),
    );
  } finally {
    await ctx.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();

import type { Command } from 'commander';
import { isTranslationMention, presentMention } from '../../app/item.presenter.js';
import { mentionsOfItems } from '../../store/actor-query.repository.js';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import { getItemByKey, listItems, type StoredItem } from '../../store/item.repository.js';
import { getStageResults } from '../../store/stage-result.repository.js';
import { listSources } from '../../store/source.repository.js';
import { translationOfItem } from '../../store/translation.repository.js';
import { glossesFor, presentTranslation } from '../../app/item.presenter.js';
import { presentThreat, presentThreatLabel } from '../../app/threat.presenter.js';
import { getThreat } from '../../store/analysis.repository.js';
import { labelsOfItem, threatsOfItems } from '../../store/threat-label.repository.js';
import { labelLines, threatLines } from '../threat-format.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';
import { capturesOfItems } from '../../store/capture.repository.js';
import { itemVersions } from '../../store/item-version.repository.js';
import { timestampRetry } from '../../app/evidence.service.js';

const listSchema = z.object({
  json: z.boolean().default(false),
  source: z.string().optional(),
  since: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  language: z.string().optional(),
  threat: z.boolean().default(false),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1_000_000).default(50),
  home: z.string().optional(),
});

/** The CLI JSON shape of an item: CLI.md's fields first, then the rest. */
function cliItem(i: StoredItem): Record<string, unknown> {
  return {
    key: i.key,
    source: i.platform,
    source_handle: i.sourceHandle,
    source_title: i.sourceTitle,
    kind: i.kind,
    published_at: i.publishedAt ?? null,
    edited_at: i.editedAt ?? null,
    language: i.language,
    language_confidence: i.languageConfidence,
    script: i.script,
    author: i.author ?? null,
    title: i.title ?? null,
    url: i.url ?? null,
    text: i.text,
    normalized: i.normalized,
    forwarded_from: i.forwardedFrom ?? null,
    reply_to: i.replyTo ?? null,
    quotes: i.quotes ?? null,
    reposts: i.reposts ?? null,
    media: i.media,
    links: i.links,
    hashtags: i.hashtags,
    metrics: i.metrics,
    capture_id: i.captureId,
  };
}

/** Resolves `--source` given as a source id, handle, `kind:handle` or kind. */
async function resolveSources(db: Db, wanted: string): Promise<string[]> {
  const sources = await listSources(db);
  const w = wanted.toLowerCase();
  const ids = sources
    .filter((s) => s.id === wanted || s.handle.toLowerCase() === w || `${s.kind}:${s.handle}`.toLowerCase() === w || s.kind === w)
    .map((s) => s.id);
  if (ids.length === 0) throw new ValidationError(`no source matches ${JSON.stringify(wanted)}`, { field: '--source' });
  return ids;
}

/** `rasad items list|show`: browse stored items. */
export function registerItems(program: Command, io: Io): void {
  const items = program.command('items').description('browse stored items');
  items
    .command('list')
    .description('items newest first')
    .option('--json', 'machine-readable array on stdout')
    .option('--source <source>', 'source id, handle, kind:handle or kind')
    .option('--since <time>', 'only items published at or after this ISO time')
    .option('--language <code>', 'only items in this language')
    .option('--threat', 'only items the threat stage assessed as is_threat')
    .option('--min-score <n>', 'only items with a threat score of at least N (0–100)')
    .option('--limit <n>', 'maximum items', '50')
    .action(async (raw: unknown, cmd: Command) => {
      const opts = listSchema.parse({ ...(raw as object), home: cmd.optsWithGlobals<{ home?: string }>().home });
      await withContext(io, opts.home, async (ctx) => {
        const sourceIds = opts.source ? await resolveSources(ctx.db, opts.source) : [null];
        const since = opts.since && opts.since.length === 10 ? `${opts.since}T00:00:00.000Z` : (opts.since ?? null);
        const found: StoredItem[] = [];
        for (const sourceId of sourceIds) {
          let before: string | null = null;
          do {
            const page = await listItems(ctx.db, { limit: Math.min(500, opts.limit), before, sourceId, since: since ? new Date(since).toISOString() : null, language: opts.language ?? null, threatOnly: opts.threat, minScore: opts.minScore ?? null });
            found.push(...page.items);
            before = page.next;
          } while (before && found.length < opts.limit * sourceIds.length);
        }
        found.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.seq - a.seq);
        const shown = found.slice(0, opts.limit);
        if (opts.json) {
          // each item with its threat assessment (CLI.md `threat` shape plus reported/reasons), or null
          const threats = await threatsOfItems(ctx.db, shown.map((i) => i.id));
          return writeJson(
            io,
            shown.map((i) => {
              const t = threats.get(i.id);
              return { ...cliItem(i), threat: t ? presentThreat(t) : null };
            }),
          );
        }
        for (const i of shown) {
          const text = (i.title ? `${i.title} — ${i.text}` : i.text).replace(/\s+/g, ' ').slice(0, 100);
          io.stdout.write(`${i.publishedAt ?? '(undated)'}  ${i.key}  [${i.language ?? '?'}]  ${text}\n`);
        }
      });
    });
  items
    .command('show')
    .description('one item with every stored field and stage result')
    .argument('<key>', 'item key, e.g. telegram:channel/123 or x:123')
    .option('--json', 'machine-readable item on stdout')
    .action(async (key: string, raw: { json?: boolean }, cmd: Command) => {
      await withContext(io, cmd.optsWithGlobals<{ home?: string }>().home, async (ctx) => {
        const item = await getItemByKey(ctx.db, key);
        if (!item) throw new NotFoundError(`no item with key ${key}`);
        const stages = await getStageResults(ctx.db, item.id);
        const translation = await translationOfItem(ctx.db, item.id, ctx.config.translation.target);
        const mentions = (await mentionsOfItems(ctx.db, [item.id])).get(item.id) ?? [];
        const assessment = await getThreat(ctx.db, item.id);
        const threat = assessment ? presentThreat(assessment) : null;
        const labels = (await labelsOfItem(ctx.db, item.id)).map(presentThreatLabel);
        const captures = (await capturesOfItems(ctx.db, [item.id])).map((l) => ({
          id: l.capture.id,
          role: l.role,
          sha256: l.capture.sha256,
          size: l.capture.sizeBytes,
          origin: l.capture.origin,
          captured_at: l.capture.capturedAt,
          http_status: l.capture.httpStatus ?? null,
          warc: l.capture.warcRef,
          timestamp: l.capture.timestampAt ? { at: l.capture.timestampAt, tsa: l.capture.timestampTsa ?? null } : null,
          timestamp_retry: timestampRetry(l.capture),
        }));
        const versions = (await itemVersions(ctx.db, item.id)).map((v) => ({ version: v.version, text: v.text, edited_at: v.editedAt, seen_at: v.seenAt }));
        const view = {
          ...cliItem(item),
          id: item.id,
          locator: item.locator ?? null,
          extra: item.extra,
          translation: translation ? presentTranslation(translation, mentions.filter(isTranslationMention)) : null,
          glosses: glossesFor(item.text, item.language),
          mentions: mentions.filter((m) => !isTranslationMention(m)).map(presentMention),
          threat,
          threat_labels: labels,
          stages: stages.map((s) => ({ stage: `${s.stage}@${s.version}`, output: s.output, at: s.createdAt })),
          liveness: item.liveness,
          liveness_reason: item.livenessReason,
          gone_at: item.goneAt,
          captures,
          versions,
        };
        if (raw.json) return writeJson(io, view);
        io.stdout.write(`${item.key}  (${item.kind}, ${item.sourceTitle ?? item.sourceHandle})\n`);
        io.stdout.write(`published ${item.publishedAt ?? 'unknown'}${item.editedAt ? `, edited ${item.editedAt}` : ''}; language ${item.language ?? '?'} (${item.languageConfidence ?? '-'})\n`);
        if (item.title) io.stdout.write(`\n${item.title}\n`);
        io.stdout.write(`\n${item.text}\n`);
        for (const v of versions) io.stdout.write(`\n— edited (version ${v.version}, seen ${v.seen_at}):\n${v.text}\n`);
        if (item.liveness !== 'unknown') io.stdout.write(`\n— still there? ${item.liveness}${item.livenessReason ? ` (${item.livenessReason})` : ''}${item.goneAt ? ` since ${item.goneAt}` : ''}\n`);
        if (captures.length > 0) {
          io.stdout.write(`\n— evidence:\n`);
          for (const c of captures) io.stdout.write(`  ${c.role} ${c.captured_at} sha256 ${c.sha256.slice(0, 16)}… ${c.origin}${c.timestamp ? ` · trusted time ${c.timestamp.at}` : ''}\n`);
        }
        if (mentions.length > 0) {
          io.stdout.write(`\n— actors named:\n`);
          for (const m of mentions) {
            const where = isTranslationMention(m) ? ' in the translation' : '';
            io.stdout.write(`  ${m.matchedText} → ${m.canonicalName} (${m.score.toFixed(2)}, ${m.method}${where})\n`);
          }
        }
        const glosses = glossesFor(item.text, item.language);
        if (!translation && glosses.length > 0) {
          io.stdout.write(`\n— key terms (no translation engine configured):\n`);
          for (const g of glosses) io.stdout.write(`  ${g.text} (${g.romanized}) — ${g.gloss} [${g.category}]\n`);
        }
        if (translation) io.stdout.write(`\n— translation (${translation.engine}${translation.model ? ` ${translation.model}` : ''}, ${translation.createdAt}):\n${translation.translatedText}\n`);
        io.stdout.write(`\n— threat:\n${threatLines(threat).join('\n')}\n`);
        if (labels.length > 0) io.stdout.write(`\n— threat labels (newest first):\n${labelLines(labels).join('\n')}\n`);
      });
    });
}

import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { presentSecondOpinion, presentThreat, presentThreatLabel } from '../../app/threat.presenter.js';
import { writeThreatLabelsJsonl } from '../../app/threat-labels-export.js';
import { measureThreatLabels } from '../../app/threat-measure.js';
import { threatReviewService } from '../../app/threat-review.service.js';
import { ConfigError, ValidationError } from '../../core/errors.js';
import { runSecondOpinions } from '../../analyze/threat-second-opinion.runner.js';
import { openAiCompatibleSecondOpinion } from '../../analyze/threat/second-opinion.js';
import { progressBar } from '../progress.js';
import type { Db } from '../../store/database.js';
import { type Io, writeJson } from '../io.js';
import { labelLines, measurementLines, secondOpinionLines, threatLines } from '../threat-format.js';
import { withContext } from '../with-context.js';
import { editorName } from './actors-edit.command.js';

const jsonSchema = z.object({ json: z.boolean().default(false) });
const secondOpinionSchema = z.object({
  'min-score': z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(100),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').positive(),
  json: z.boolean().default(false),
});
const csv = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const collect = (value: string, previous: string[]): string[] => [...previous, value];

const reviewSchema = z
  .object({
    confirm: z.boolean().default(false),
    'is-threat': z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => ['true', 'false', 'yes', 'no', '1', '0'].includes(v), 'must be true or false')
      .transform((v) => ['true', 'yes', '1'].includes(v))
      .optional(),
    stance: z.string().trim().min(1).optional(),
    categories: z.string().optional(),
    severity: z.string().trim().min(1).optional(),
    targets: z.array(z.string()).default([]),
    reason: z.string().trim().min(1, 'a reason is required'),
    json: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    const correcting = o['is-threat'] !== undefined || o.stance !== undefined || o.categories !== undefined || o.severity !== undefined || o.targets.length > 0;
    if (o.confirm && correcting) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'confirms the assessment as it stands; it cannot be combined with --is-threat, --stance, --categories, --severity or --targets' });
    if (!o.confirm && o['is-threat'] === undefined) ctx.addIssue({ code: 'custom', path: ['is-threat'], message: 'give --confirm, or a correction with --is-threat true|false and --stance' });
    else if (!o.confirm && o.stance === undefined) ctx.addIssue({ code: 'custom', path: ['stance'], message: 'a correction needs --stance (original, reporting, quoting, counter, negated, unknown)' });
  });

/**
 * Writes `produce`'s output to `file` atomically: into a temporary file beside it, flushed, then
 * renamed over it, so a reader never sees half an export and a failure leaves the old file.
 */
async function writeAtomically(file: string, produce: (write: (s: string) => Promise<void>) => Promise<number>): Promise<number> {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  let buffered: string[] = [];
  let size = 0;
  const flush = async (): Promise<void> => {
    if (buffered.length === 0) return;
    await fh.write(buffered.join(''));
    buffered = [];
    size = 0;
  };
  try {
    const n = await produce(async (s) => {
      buffered.push(s);
      size += s.length;
      if (size > 1 << 20) await flush();
    });
    await flush();
    await fh.sync();
    await fh.close();
    await rename(tmp, target);
    return n;
  } catch (error) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/** Runs a review, naming a bad field as its flag (`categories.0` → `--categories`). */
async function asFlags<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const field = error instanceof ValidationError ? error.location.field : undefined;
    if (error instanceof ValidationError && field) {
      throw new ValidationError(error.message, { ...error.location, field: `--${field.replace(/\.\d+$/, '').replace(/_/g, '-')}` });
    }
    throw error;
  }
}

async function exportLabels(db: Db, io: Io, out: string | undefined): Promise<void> {
  if (!out) {
    const n = await writeThreatLabelsJsonl(db, (line) => {
      io.stdout.write(line);
    });
    io.stderr.write(`exported ${n} label${n === 1 ? '' : 's'}\n`);
    return;
  }
  const n = await writeAtomically(out, (write) => writeThreatLabelsJsonl(db, write));
  io.stderr.write(`exported ${n} label${n === 1 ? '' : 's'} to ${out}\n`);
}

/** `rasad threat show|review|labels export|measure`: analysts read, confirm and correct threat assessments. */
export function registerThreat(program: Command, io: Io): void {
  const threat = program.command('threat').description('threat assessments: show, review (confirm or correct), export labels, measure the stage');
  const home = (cmd: Command) => cmd.optsWithGlobals<{ home?: string }>().home;

  threat
    .command('show')
    .description("an item's stored assessment: score, stance and its reasons, categories with evidence spans and rules, targets, labels")
    .argument('<key>', 'item key, e.g. telegram:channel/123 or x:123')
    .option('--json', 'machine-readable on stdout')
    .action(async (key: string, raw: unknown, cmd: Command) => {
      const o = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await threatReviewService({ db: ctx.db, clock: ctx.clock }).review(key);
        const view = r.threat ? presentThreat(r.threat) : null;
        const labels = r.labels.map(presentThreatLabel);
        const second = r.secondOpinion ? presentSecondOpinion(r.secondOpinion) : null;
        if (o.json) {
          return writeJson(io, { key: r.item.key, id: r.item.id, language: r.item.language, script: r.item.script, platform: r.item.platform, text: r.item.text, threat: view, labels, second_opinion: second });
        }
        const lines = [`${r.item.key}  [${r.item.language ?? '?'}]`, '', r.item.text, '', ...threatLines(view), ...secondOpinionLines(second), '', 'labels (newest first):', ...labelLines(labels)];
        io.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  threat
    .command('review')
    .description('confirm the assessment (--confirm) or correct it (--is-threat, --stance, …); --reason is required')
    .argument('<key>', 'item key')
    .option('--confirm', 'the assessment is right as it stands')
    .option('--is-threat <bool>', 'correction: true or false')
    .option('--stance <stance>', 'correction: original, reporting, quoting, counter, negated or unknown')
    .option('--categories <list>', 'correction: comma-separated (threat, incitement, support_offer, claim, recruitment, glorification); none when --is-threat false')
    .option('--severity <severity>', 'correction: none, low, medium, high or critical')
    .option('--targets <names>', 'correction: comma-separated target names (repeatable)', collect, [])
    .requiredOption('--reason <text>', 'why (kept with the label and in the audit log)')
    .option('--json', 'the new label on stdout')
    .action(async (key: string, raw: unknown, cmd: Command) => {
      // Keyed by flag name, so a usage error names the flag as typed (`--is-threat`).
      const { isThreat, ...rest } = raw as { isThreat?: unknown };
      const o = reviewSchema.parse({ ...rest, 'is-threat': isThreat });
      await withContext(io, home(cmd), async (ctx) => {
        const service = threatReviewService({ db: ctx.db, clock: ctx.clock });
        const analyst = editorName(io.env);
        const saved = await asFlags(() =>
          o.confirm
            ? service.confirm(key, o.reason, analyst)
            : service.correct(
              key,
              {
                is_threat: o['is-threat'],
                stance: o.stance,
                categories: csv(o.categories),
                ...(o.severity !== undefined ? { severity: o.severity } : {}),
                targets: o.targets.flatMap((t) => csv(t)),
              },
              o.reason,
              analyst,
            ),
        );
        const label = presentThreatLabel(saved.label);
        if (o.json) return writeJson(io, { key: saved.item.key, ...label });
        io.stdout.write(`${saved.item.key}: label ${label.id} saved\n${labelLines([label]).join('\n')}\n`);
      });
    });

  const labels = threat.command('labels').description('analysts’ labels as training and measurement data');
  labels
    .command('export')
    .description('the latest label of every labelled item as JSON lines (key order): {"key","text","language","source","label","assessed","stage_version","analyst","reason","created_at"}')
    .option('--out <file>', 'write to this file atomically (temporary file, then rename) instead of stdout')
    .action(async (raw: { out?: string }, cmd: Command) => {
      const o = z.object({ out: z.string().trim().min(1).optional() }).parse(raw);
      await withContext(io, home(cmd), (ctx) => exportLabels(ctx.db, io, o.out));
    });

  threat
    .command('second-opinion')
    .description('asks the openai-compatible engine (RASAD_TRANSLATE_URL/MODEL/KEY) for its own assessment of stored posts; stored beside the rules, never instead; disagreements are listed for review')
    .option('--min-score <n>', 'only posts the rules scored at least this high (0: every post)', '1')
    .option('--limit <n>', 'at most this many posts per run', '200')
    .option('--json', 'summary on stdout as JSON')
    .action(async (raw: unknown, cmd: Command) => {
      const { minScore, ...rest } = raw as { minScore?: unknown };
      const o = secondOpinionSchema.parse({ ...rest, 'min-score': minScore });
      await withContext(io, home(cmd), async (ctx) => {
        const t = ctx.config.translation;
        if (t.engine !== 'openai-compatible') {
          throw new ConfigError(['a second opinion needs RASAD_TRANSLATE_ENGINE=openai-compatible with RASAD_TRANSLATE_URL and RASAD_TRANSLATE_MODEL (the same engine as translation)']);
        }
        const engine = openAiCompatibleSecondOpinion({ url: t.url, model: t.model, key: t.key, timeoutMs: t.timeoutMs });
        const bar = progressBar(io, 'asking');
        const summary = await runSecondOpinions({ db: ctx.db, engine, clock: ctx.clock }, { minScore: o['min-score'], limit: o.limit, onProgress: (d, total) => bar.update(d, total) }).finally(() => bar.stop());
        if (o.json) return writeJson(io, summary);
        const lines = [`asked ${summary.asked}: ${summary.agreed} agree with the rules, ${summary.disagreed.length} disagree (to review), ${summary.failed.length} failed`];
        for (const d of summary.disagreed) lines.push(`  ${d.key}: ${d.disagreements.join('; ')}`);
        for (const f of summary.failed) lines.push(`  failed ${f.key}: ${f.error}`);
        io.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  threat
    .command('measure')
    .description("re-runs the threat stage on every labelled item and compares it with the item's latest label")
    .option('--json', 'machine-readable figures and disagreements on stdout')
    .action(async (raw: unknown, cmd: Command) => {
      const o = jsonSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const m = await measureThreatLabels(ctx.db);
        if (o.json) return writeJson(io, m);
        io.stdout.write(`${measurementLines(m).join('\n')}\n`);
      });
    });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { severities, stances, threatCategories } from '../../analyze/threat/taxonomy.js';
import type { AppContext } from '../../app/context.js';
import { presentSecondOpinion, presentThreat, presentThreatLabel, secondOpinionViewSchema, threatLabelViewSchema, threatViewSchema } from '../../app/threat.presenter.js';
import { threatReviewService } from '../../app/threat-review.service.js';
import { ValidationError } from '../../core/errors.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const paramsSchema = z.object({ key: z.string().min(3).max(2000).describe('Item key (URL-encoded) or item id') });

/** Who is reviewing, until the workbench has logins: this header, else `analyst`. */
export const ANALYST_HEADER = 'x-rasad-analyst';

/** The analyst named in the header: percent-encoded UTF-8 (header values are Latin-1), else as sent. */
export function analystOf(header: string | undefined): string {
  let name = header ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: a plain Latin-1 name
  }
  return name.trim() || 'analyst';
}

const reviewBodySchema = z
  .object({
    verdict: z.enum(['confirm', 'correct']).describe('`confirm` keeps the stored assessment as the label; `correct` gives what it should be'),
    reason: z.string().max(4000).describe('Why (required, non-empty)'),
    is_threat: z.boolean().optional().describe('Correction only'),
    stance: z.enum(stances).optional().describe('Correction only'),
    categories: z.array(z.enum(threatCategories)).max(12).optional().describe('Correction only: at least one when is_threat, none otherwise'),
    severity: z.enum(severities).optional().describe('Correction only'),
    targets: z.array(z.string().max(300)).max(50).optional().describe('Correction only: target names, e.g. "United States"'),
  })
  .strict();

const threatResponseSchema = z.object({
  key: z.string(),
  threat: threatViewSchema.nullable(),
  labels: z.array(threatLabelViewSchema).describe('Newest first'),
  second_opinion: secondOpinionViewSchema.nullable().describe('The openai-compatible engine\'s own assessment, when asked (`rasad threat second-opinion`); shown beside the rules, never instead'),
});

/** An item's threat assessment and the analysts' review of it: thin handlers over the review service. */
export function registerThreatRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const review = () => threatReviewService({ db: ctx.db, clock: ctx.clock });

  api.get(
    '/items/:key/threat',
    {
      schema: {
        description: "An item's stored threat assessment (evidence spans, rules, reasons, targets) and its review labels.",
        params: paramsSchema,
        response: { 200: threatResponseSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const r = await review().review(req.params.key);
      return {
        key: r.item.key,
        threat: r.threat ? presentThreat(r.threat) : null,
        labels: r.labels.map(presentThreatLabel),
        second_opinion: r.secondOpinion ? presentSecondOpinion(r.secondOpinion) : null,
      };
    },
  );

  api.post(
    '/items/:key/threat-review',
    {
      schema: {
        description: `Confirms or corrects an item's threat assessment; the analyst comes from the \`${ANALYST_HEADER}\` header (percent-encoded UTF-8; default \`analyst\`). Returns the new label.`,
        params: paramsSchema,
        headers: z.object({ [ANALYST_HEADER]: z.string().max(200).optional() }).loose(),
        body: reviewBodySchema,
        response: { 201: threatLabelViewSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const { verdict, reason, ...correction } = req.body;
      const extra = Object.keys(correction)[0];
      if (verdict === 'confirm' && extra !== undefined) throw new ValidationError('a confirmation takes no correction fields (use verdict correct)', { field: extra });
      const analyst = analystOf(req.headers[ANALYST_HEADER]);
      const service = review();
      const saved = verdict === 'confirm' ? await service.confirm(req.params.key, reason, analyst) : await service.correct(req.params.key, correction, reason, analyst);
      return reply.code(201).send(presentThreatLabel(saved.label));
    },
  );
}

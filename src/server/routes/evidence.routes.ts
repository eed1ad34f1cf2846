import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { timestampRetry } from '../../app/evidence.service.js';
import { toIso } from '../../core/clock.js';
import { NotFoundError } from '../../core/errors.js';
import { capturesOfItems, getCapture, type CaptureRecord } from '../../store/capture.repository.js';
import { appendCustody } from '../../store/custody.repository.js';
import { getItemByKey } from '../../store/item.repository.js';
import { itemVersions } from '../../store/item-version.repository.js';
import { livenessHistory } from '../../store/liveness.repository.js';
import { withTransaction } from '../../store/transaction.js';
import { ANALYST_HEADER, analystOf } from './threat.routes.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/**
 * What a preserved copy may do in the analyst's browser: nothing active. `sandbox` gives it an
 * opaque origin with no scripts, forms or popups; `default-src 'none'` stops every request (to the
 * platform, its CDN, trackers), except images and styles inlined in the copy itself.
 */
export const CAPTURE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

export const captureViewSchema = z.object({
  id: z.string(),
  role: z.string().describe('page (what the item was read from), media, article, check (a liveness re-check)'),
  url: z.string().nullable().describe('The URL the item links this capture to'),
  sha256: z.string().describe('SHA-256 of the bytes as received'),
  size: z.number().describe('Bytes as received'),
  media_type: z.string(),
  origin: z.string().describe('Where the bytes came from: the URL fetched, `file://…` for imports, `mtproto://…`'),
  method: z.string().describe('`import:<format>`, `fetch:<connector>`, `media`, `check`…'),
  captured_at: z.string(),
  http_status: z.number().nullable(),
  warc: z.object({ file: z.string(), offset: z.number(), length: z.number().nullable() }).nullable().describe('The WARC record holding the exchange'),
  timestamp: z.object({ at: z.string().nullable(), tsa: z.string().nullable() }).nullable().describe('RFC 3161 trusted timestamp; null when there is none'),
  timestamp_retry: z
    .object({ attempts: z.number(), next_at: z.string().nullable(), error: z.string().nullable() })
    .nullable()
    .describe('For a capture without a timestamp: failed requests so far, when the authority is asked again (null: given up) and the last error; null when none failed'),
  phash: z.string().nullable().describe('Perceptual hash of an image (16 hex digits)'),
});

export const evidenceViewSchema = z.object({
  key: z.string(),
  liveness: z.object({
    state: z.string().describe('unknown (imports), live, suspected, gone, restored'),
    reason: z.string().nullable().describe('Reason code of the verdict behind the state (`tg_post_not_found`…)'),
    checked_at: z.string().nullable(),
    gone_at: z.string().nullable(),
    history: z
      .array(
        z.object({
          checked_at: z.string(),
          verdict: z.string().describe('live, gone, throttled, unreachable'),
          reason: z.string(),
          http_status: z.number().nullable(),
          capture_id: z.string().nullable().describe('The preserved answer of the platform'),
        }),
      )
      .describe('Every re-check, oldest first'),
  }),
  captures: z.array(captureViewSchema).describe('Oldest first'),
  versions: z
    .array(z.object({ version: z.number(), text: z.string(), title: z.string().nullable(), edited_at: z.string().nullable(), seen_at: z.string() }))
    .describe('Edits seen after collection, oldest first (version 1 is the original text of the item)'),
});

type CaptureView = z.infer<typeof captureViewSchema>;

function warcOf(c: CaptureRecord): CaptureView['warc'] {
  if (c.warcFile && c.warcOffset != null) return { file: c.warcFile, offset: c.warcOffset, length: c.warcLength ?? null };
  // Older captures only have `<file>#<offset>`.
  const m = c.warcRef ? /^(.+)#(\d+)$/.exec(c.warcRef) : null;
  return m?.[1] && m[2] ? { file: m[1], offset: Number(m[2]), length: null } : null;
}

function captureView(link: { role: string; url: string | null; capture: CaptureRecord }): CaptureView {
  const c = link.capture;
  return {
    id: c.id,
    role: link.role,
    url: link.url,
    sha256: c.sha256,
    size: c.sizeBytes,
    media_type: c.mediaType,
    origin: c.origin,
    method: c.method,
    captured_at: c.capturedAt,
    http_status: c.httpStatus ?? null,
    warc: warcOf(c),
    timestamp: c.timestampToken || c.timestampAt ? { at: c.timestampAt ?? null, tsa: c.timestampTsa ?? null } : null,
    timestamp_retry: timestampRetry(c),
    phash: c.phash ?? null,
  };
}

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(?:\s*;[\x20-\x7e]*)?$/i;

/** The media type to serve a capture as: the recorded one when it is well formed, else opaque bytes. */
export function servedType(mediaType: string): string {
  const t = mediaType.trim();
  return MEDIA_TYPE.test(t) ? t : 'application/octet-stream';
}

/** Text and images are shown in the browser (under the sandbox CSP); anything else is downloaded. */
export function dispositionOf(type: string, id: string): string {
  const base = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base.startsWith('text/') || base.startsWith('image/')) return 'inline';
  return `attachment; filename="rasad-capture-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.bin"`;
}

/** An item's evidence (liveness, captures, edits) and the preserved bytes themselves, each access logged. */
export function registerEvidenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/items/:key/evidence',
    {
      schema: {
        description:
          "An item's evidence: its liveness (state, reason and every re-check), the captures behind it (hash, size, WARC record, trusted timestamp; view one at `/api/captures/{id}/content`) and the edits seen after collection.",
        params: z.object({ key: z.string().min(3).max(2000).describe('Item key (URL-encoded)') }),
        response: { 200: evidenceViewSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const item = await getItemByKey(ctx.db, req.params.key);
      if (!item) throw new NotFoundError(`no item with key ${req.params.key}`);
      // The liveness columns are not part of the item as the list reads it.
      const state = await ctx.db.kysely
        .selectFrom('items')
        .select(['liveness', 'livenessReason', 'livenessCheckedAt', 'goneAt'])
        .where('id', '=', item.id)
        .executeTakeFirst();
      const [history, links, versions] = await Promise.all([livenessHistory(ctx.db, 'item', item.id), capturesOfItems(ctx.db, [item.id]), itemVersions(ctx.db, item.id)]);
      return {
        key: item.key,
        liveness: {
          state: state?.liveness ?? 'unknown',
          reason: state?.livenessReason ?? null,
          checked_at: state?.livenessCheckedAt ?? null,
          gone_at: state?.goneAt ?? null,
          history: history.map((h) => ({ checked_at: h.checkedAt, verdict: h.verdict, reason: h.reason, http_status: h.httpStatus, capture_id: h.captureId })),
        },
        captures: links
          .map(captureView)
          .sort((a, b) => (a.captured_at < b.captured_at ? -1 : a.captured_at > b.captured_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        versions: versions.map((v) => ({ version: v.version, text: v.text, title: v.title, edited_at: v.editedAt, seen_at: v.seenAt })),
      };
    },
  );

  api.get(
    '/captures/:id/content',
    {
      // A HEAD would log an access without serving anything.
      exposeHeadRoute: false,
      schema: {
        description: `The preserved bytes of a capture (decoded when the server compressed them), served so that viewing is safe and sends nothing anywhere: \`Content-Security-Policy: ${CAPTURE_CSP}\`, \`nosniff\`, no referrer, not cached; text and images inline, anything else as a download. Every access is appended to the custody log (action \`access\`), the actor from the \`${ANALYST_HEADER}\` header, else \`web\`.`,
        params: z.object({ id: z.string().min(1).max(200).describe('Capture id') }),
        headers: z.object({ [ANALYST_HEADER]: z.string().max(200).optional() }).loose(),
        response: { 200: z.unknown().describe('The preserved bytes, as their recorded media type'), 404: errorSchema },
      },
    },
    async (req, reply) => {
      const capture = await getCapture(ctx.db, req.params.id);
      if (!capture) throw new NotFoundError(`no capture ${req.params.id}`);
      const decoded = capture.meta?.decodedStorageKey;
      const key = typeof decoded === 'string' && decoded !== '' ? decoded : capture.storageKey;
      let bytes: Uint8Array;
      try {
        bytes = await ctx.blobs.get(key);
      } catch {
        throw new NotFoundError(`the bytes of capture ${capture.id} are not in the evidence store (${key})`);
      }
      const header = req.headers[ANALYST_HEADER];
      const actor = typeof header === 'string' && header.trim() !== '' ? analystOf(header) : 'web';
      await withTransaction(ctx.db, (tx) =>
        appendCustody(tx, [{ at: toIso(ctx.clock.now()), action: 'access', subjectType: 'capture', subjectId: capture.id, actor, details: { via: 'api' } }]),
      );
      const type = servedType(capture.mediaType);
      return reply
        .header('Content-Security-Policy', CAPTURE_CSP)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Referrer-Policy', 'no-referrer')
        .header('Cross-Origin-Resource-Policy', 'same-origin')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', dispositionOf(type, capture.id))
        .type(type)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}

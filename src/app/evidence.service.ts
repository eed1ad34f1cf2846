import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { toIso } from '../core/clock.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { writeBundle, verifyBundle, type BundleCapture, type BundleVerification } from '../preserve/evidence-bundle.js';
import { capturesOfItems, type CaptureRecord } from '../store/capture.repository.js';
import { appendCustody, custodyOfSubjects, recentCustody } from '../store/custody.repository.js';
import { getEvent, membersOfEvents } from '../store/event.repository.js';
import { itemVersions } from '../store/item-version.repository.js';
import { getItemByKey, getItemsByIds, type StoredItem } from '../store/item.repository.js';
import { livenessOfItems } from '../store/liveness.repository.js';
import { withTransaction } from '../store/transaction.js';
import { warcDir } from './collect.service.js';
import type { AppContext } from './context.js';
import { packageVersion } from './package-root.js';

export interface ExportSummary {
  dir: string;
  subject: { type: 'item' | 'event'; id: string };
  items: number;
  captures: number;
  timestamps: number;
  files: number;
  bytes: number;
  manifest_sha256: string;
}

/** Items of an item key or an event id (an event's members, in time order). */
async function subjectItems(ctx: AppContext, ref: string): Promise<{ type: 'item' | 'event'; id: string; title: string | null; items: StoredItem[] }> {
  const item = await getItemByKey(ctx.db, ref);
  if (item) return { type: 'item', id: item.key, title: item.title ?? null, items: [item] };
  const event = await getEvent(ctx.db, ref);
  if (event) {
    const members = await membersOfEvents(ctx.db, [event.id]);
    const items = await getItemsByIds(ctx.db, members.map((m) => m.itemId));
    items.sort((a, b) => (a.publishedAt ?? a.collectedAt).localeCompare(b.publishedAt ?? b.collectedAt));
    return { type: 'event', id: event.id, title: event.title, items };
  }
  throw new NotFoundError(`no item key or event id ${ref}`);
}

/**
 * Writes the evidence bundle of an item or an event into `dir`: every capture behind its items
 * (page, media, articles, checks) with its bytes, WARC records, time-stamp token and custody entries,
 * and records the export in the custody log.
 */
export async function exportEvidence(ctx: AppContext, ref: string, dir: string, analyst: string): Promise<ExportSummary> {
  const subject = await subjectItems(ctx, ref);
  const ids = subject.items.map((i) => i.id);
  const links = await capturesOfItems(ctx.db, ids);
  const keyOf = new Map(subject.items.map((i) => [i.id, i.key]));
  const byCapture = new Map<string, { capture: (typeof links)[number]['capture']; supports: Array<{ key: string; role: string }> }>();
  for (const l of links) {
    const entry = byCapture.get(l.capture.id) ?? { capture: l.capture, supports: [] };
    entry.supports.push({ key: keyOf.get(l.itemId) ?? l.itemId, role: l.role });
    byCapture.set(l.capture.id, entry);
  }
  const captures: BundleCapture[] = [];
  for (const { capture: c, supports } of [...byCapture.values()].sort((a, b) => a.capture.capturedAt.localeCompare(b.capture.capturedAt))) {
    const meta = c.meta ?? {};
    const decodedKey = typeof meta.decodedStorageKey === 'string' ? meta.decodedStorageKey : null;
    const records = Array.isArray(meta.warcRecords)
      ? (meta.warcRecords as Array<{ type: string; offset: number; length: number }>)
      : c.warcOffset != null && c.warcLength != null
        ? [{ type: 'response', offset: c.warcOffset, length: c.warcLength }]
        : [];
    captures.push({
      id: c.id,
      sha256: c.sha256,
      sizeBytes: c.sizeBytes,
      mediaType: c.mediaType,
      origin: c.origin,
      method: c.method,
      capturedAt: c.capturedAt,
      httpStatus: c.httpStatus ?? null,
      phash: c.phash ?? null,
      supports,
      bytes: await ctx.blobs.get(c.storageKey),
      decoded: decodedKey ? await ctx.blobs.get(decodedKey) : null,
      warc: c.warcFile && records.length > 0 ? { file: path.join(warcDir(ctx.config.home), c.warcFile), records } : null,
      timestamp: c.timestampToken && c.timestampAt ? { token: new Uint8Array(Buffer.from(c.timestampToken, 'base64')), at: c.timestampAt, tsa: c.timestampTsa ?? '' } : null,
    });
  }
  const liveness = await livenessOfItems(ctx.db, ids);
  const custody = await custodyOfSubjects(ctx.db, [
    ...captures.map((c) => ({ subjectType: 'capture', subjectId: c.id })),
    ...subject.items.map((i) => ({ subjectType: 'item', subjectId: i.key })),
    ...(subject.type === 'event' ? [{ subjectType: 'event', subjectId: subject.id }] : []),
  ]);
  const head = (await recentCustody(ctx.db, 1))[0];
  const items = [];
  for (const i of subject.items) {
    const l = liveness.get(i.id);
    items.push({
      key: i.key,
      url: i.url ?? null,
      source: `${i.sourceKind}:${i.sourceHandle}`,
      publishedAt: i.publishedAt ?? null,
      collectedAt: i.collectedAt,
      text: i.text,
      liveness: l?.liveness ?? 'unknown',
      livenessReason: l?.reason ?? null,
      goneAt: l?.goneAt ?? null,
      versions: (await itemVersions(ctx.db, i.id)).map((v) => ({ version: v.version, text: v.text, editedAt: v.editedAt, seenAt: v.seenAt })),
    });
  }
  const certFile = ctx.config.collect.tsaCert;
  const tsaCerts = certFile ? [{ name: path.basename(certFile), pem: new Uint8Array(await readFile(certFile)) }] : [];
  const createdAt = toIso(ctx.clock.now());
  const written = await writeBundle(dir, {
    subject: { type: subject.type, id: subject.id, title: subject.title },
    createdAt,
    software: `rasad/${packageVersion()}`,
    items,
    captures,
    custody,
    custodyHead: head ? { seq: head.seq, hash: head.hash } : null,
    tsaCerts,
  }).catch((error: unknown) => {
    throw new ValidationError(error instanceof Error ? error.message : String(error), { file: dir });
  });
  await withTransaction(ctx.db, (tx) =>
    appendCustody(tx, [
      {
        at: createdAt,
        action: 'export',
        subjectType: subject.type,
        subjectId: subject.id,
        actor: analyst,
        details: { dir: path.resolve(dir), manifestSha256: written.manifestSha256, captures: captures.map((c) => c.id) },
      },
    ]),
  );
  return {
    dir: path.resolve(dir),
    subject: { type: subject.type, id: subject.id },
    items: items.length,
    captures: captures.length,
    timestamps: captures.filter((c) => c.timestamp).length,
    files: written.files,
    bytes: written.bytes,
    manifest_sha256: written.manifestSha256,
  };
}

/** Verifies a bundle folder (no database needed); trusts RASAD_TSA_CERT when given. */
export async function verifyEvidence(dir: string, tsaCert: string | null): Promise<BundleVerification> {
  const trustedCerts = tsaCert ? [new Uint8Array(await readFile(tsaCert))] : [];
  return verifyBundle(dir, { trustedCerts });
}

/** The retry state of a capture whose time-stamp request failed, or null. */
export function timestampRetry(c: CaptureRecord): { attempts: number; next_at: string | null; error: string | null } | null {
  if (c.timestampToken || !c.timestampAttempts) return null;
  return { attempts: c.timestampAttempts, next_at: c.timestampNextAt ?? null, error: c.timestampError ?? null };
}

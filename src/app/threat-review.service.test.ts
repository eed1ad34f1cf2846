import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNewItem } from '../../test/support/factories.js';
import { type DialectName, freshDatabase } from '../../test/support/databases.js';
import { AR_OFFER_TEXT, arOfferAssessment, EN_REPORT_TEXT, enReportAssessment } from '../../test/support/threat-fixtures.js';
import { threatRecord } from '../analyze/threat.stage.js';
import type { Clock } from '../core/clock.js';
import { DomainError, NotFoundError, ValidationError } from '../core/errors.js';
import { saveThreat } from '../store/analysis.repository.js';
import { auditTrail } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import { insertItems } from '../store/item.repository.js';
import { upsertSource } from '../store/source.repository.js';
import { labelsOfItem } from '../store/threat-label.repository.js';
import { THREAT_AUDIT, threatReviewService } from './threat-review.service.js';

const NOW = '2026-11-23T10:00:00.000Z';

/** A clock that moves one second per reading, so labels have distinct times. */
function tickingClock(start: string): Clock {
  let t = Date.parse(start);
  return { now: () => new Date((t += 1000)) };
}

/** The ValidationError a promise rejects with. */
async function validationError(p: Promise<unknown>): Promise<ValidationError> {
  const error: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  return error;
}

describe.each<DialectName>(['sqlite', 'postgres'])('threat review on %s', (dialect) => {
  let db: Db;
  const keys = { offer: '', report: '', bare: '' };
  const itemIds = { offer: '', report: '', bare: '' };
  let service: ReturnType<typeof threatReviewService>;

  beforeEach(async () => {
    db = (await freshDatabase(dialect)).db;
    const sourceId = await upsertSource(db, { kind: 'telegram', handle: 'testchannel', title: 'Test channel' }, NOW);
    const offer = buildNewItem(sourceId, { nativeId: 'rv-1', text: AR_OFFER_TEXT }, { language: 'ar', script: 'Arab' });
    const report = buildNewItem(sourceId, { nativeId: 'rv-2', text: EN_REPORT_TEXT }, { language: 'en', script: 'Latn' });
    const bare = buildNewItem(sourceId, { nativeId: 'rv-3', text: 'Imported without analysis.' });
    await insertItems(db, [offer, report, bare]);
    await saveThreat(db, threatRecord(offer.id, arOfferAssessment(), NOW));
    await saveThreat(db, threatRecord(report.id, enReportAssessment(), NOW));
    Object.assign(keys, { offer: offer.draft.key, report: report.draft.key, bare: bare.draft.key });
    Object.assign(itemIds, { offer: offer.id, report: report.id, bare: bare.id });
    service = threatReviewService({ db, clock: tickingClock(NOW) });
  });
  afterEach(async () => {
    await db.close();
  });

  it('confirms an assessment: the label copies it, keeps a snapshot of it and is audited', async () => {
    const { item, label } = await service.confirm(keys.offer, '  Offer of training against the US.  ', 'analyst-a');
    expect(item.key).toBe(keys.offer);
    expect(label).toMatchObject({
      verdict: 'confirm',
      isThreat: true,
      stance: 'original',
      categories: ['support_offer'],
      severity: 'high',
      targets: ['United States'],
      reason: 'Offer of training against the US.',
      analyst: 'analyst-a',
      stageVersion: expect.stringMatching(/^threat@\d+$/) as unknown,
    });
    expect(label.assessed).toEqual(arOfferAssessment());
    expect(await labelsOfItem(db, itemIds.offer)).toEqual([label]);

    const [entry] = await auditTrail(db, { subjectType: THREAT_AUDIT.subjectType, subjectId: itemIds.offer });
    expect(entry).toMatchObject({ actor: 'analyst-a', action: 'threat_confirm', reason: 'Offer of training against the US.', at: label.createdAt });
    expect(entry?.before).toMatchObject({ score: 73, is_threat: true, categories: ['support_offer'] });
    expect(entry?.after).toMatchObject({ id: label.id, verdict: 'confirm', is_threat: true });
  });

  it('corrects an assessment, by item key or id, and lists labels newest first', async () => {
    await service.confirm(keys.report, 'a news report', 'analyst-a');
    const { label } = await service.correct(
      itemIds.report,
      { is_threat: false, stance: 'quoting', severity: 'low', targets: ['US Embassy in Baghdad', 'US Embassy in Baghdad'] },
      'it quotes the commander',
      'analyst-b',
    );
    expect(label).toMatchObject({ verdict: 'correct', isThreat: false, stance: 'quoting', categories: [], severity: 'low', targets: ['US Embassy in Baghdad'] });
    expect((label.assessed as { stance: string }).stance).toBe('reporting');
    const review = await service.review(keys.report);
    expect(review.labels.map((l) => [l.verdict, l.analyst])).toEqual([
      ['correct', 'analyst-b'],
      ['confirm', 'analyst-a'],
    ]);
    expect(review.threat?.stance).toBe('reporting');
    const trail = await auditTrail(db, { subjectType: THREAT_AUDIT.subjectType, subjectId: itemIds.report });
    expect(trail.map((e) => e.action)).toEqual(['threat_correct', 'threat_confirm']);
  });

  it('holds corrections to the taxonomy and names the bad field', async () => {
    const bad = async (correction: unknown) => validationError(service.correct(keys.offer, correction, 'why', 'analyst-a'));
    expect((await bad({ is_threat: true, stance: 'original', categories: [] })).oneLine()).toBe('categories: is_threat true needs at least one category');
    expect((await bad({ is_threat: false, stance: 'reporting', categories: ['threat'] })).location.field).toBe('categories');
    expect((await bad({ is_threat: true, stance: 'reporting', categories: ['threat'] })).location.field).toBe('stance');
    expect((await bad({ is_threat: true, stance: 'original', categories: ['violence'] })).location.field).toBe('categories.0');
    expect((await bad({ is_threat: 'yes', stance: 'original', categories: ['threat'] })).location.field).toBe('is_threat');
    expect((await bad({ is_threat: false, stance: 'original', severity: 'critical' })).location.field).toBe('severity');
    expect((await bad({ is_threat: false, stance: 'original', score: 3 })).message).toMatch(/score/);
    expect((await validationError(service.correct(keys.offer, { is_threat: false, stance: 'counter' }, '   ', 'analyst-a'))).oneLine()).toBe('reason: a reason is required');
    expect((await validationError(service.confirm(keys.offer, 'why', ' '))).location.field).toBe('analyst');
    expect(await labelsOfItem(db, itemIds.offer)).toEqual([]);
    expect(await auditTrail(db, { subjectType: THREAT_AUDIT.subjectType, subjectId: itemIds.offer })).toEqual([]);
  });

  it('refuses unknown items, and a confirmation of an item never assessed', async () => {
    await expect(service.confirm('x:0', 'why', 'analyst-a')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.review('x:0')).rejects.toBeInstanceOf(NotFoundError);
    const refused: unknown = await service.confirm(keys.bare, 'why', 'analyst-a').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('conflict');
    // …but an analyst may still say what it is.
    const { label } = await service.correct(keys.bare, { is_threat: false, stance: 'unknown' }, 'harmless', 'analyst-a');
    expect(label).toMatchObject({ assessed: null, stageVersion: null });
  });
});

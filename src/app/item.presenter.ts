import { z } from 'zod';
import type { ItemMention } from '../store/actor-query.repository.js';
import type { StoredItem } from '../store/item.repository.js';
import type { TranslationRecord } from '../store/translation.repository.js';
import { findGlossTerms, type GlossHit } from '../text/glossary.js';
import { romanize } from '../text/transliterate.js';
import { TRANSLATION_MENTION, type ThreatRecord } from '../store/analysis.repository.js';
import type { ThreatLabelRecord } from '../store/threat-label.repository.js';
import { presentSecondOpinion, presentThreat, presentThreatLabel, secondOpinionViewSchema, threatLabelViewSchema, threatViewSchema } from './threat.presenter.js';
import type { StoredSecondOpinion } from '../analyze/threat-second-opinion.runner.js';

/** The public JSON shape of an item (HTTP API), snake_case, whitelisted fields. */
/** An actor named in a text: spans are UTF-16 offsets into that text. */
const mentionViewSchema = z.object({
  actor_id: z.string(),
  canonical: z.string(),
  matched: z.string(),
  start: z.number(),
  end: z.number(),
  score: z.number(),
});

export const itemViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  platform: z.string(),
  kind: z.string(),
  source: z.object({ id: z.string(), kind: z.string(), handle: z.string(), title: z.string().nullable() }),
  url: z.string().nullable(),
  title: z.string().nullable(),
  author: z.object({ name: z.string().nullable(), handle: z.string().nullable() }).nullable(),
  published_at: z.string().nullable(),
  edited_at: z.string().nullable(),
  collected_at: z.string(),
  text: z.string(),
  normalized: z.string(),
  language: z.string().nullable(),
  language_confidence: z.number().nullable(),
  script: z.string().nullable(),
  media: z.array(
    z.object({
      type: z.string(),
      url: z.string().nullable(),
      fileName: z.string().nullable(),
      missing: z.string().nullable(),
      width: z.number().nullable(),
      height: z.number().nullable(),
    }),
  ),
  links: z.array(z.string()),
  hashtags: z.array(z.string()),
  forwarded_from: z.object({ name: z.string().nullable(), handle: z.string().nullable() }).nullable(),
  reply_to: z.string().nullable(),
  quotes: z.string().nullable(),
  reposts: z.string().nullable(),
  metrics: z.record(z.string(), z.number()),
  capture_id: z.string().nullable(),
  /** Whether the post is still there: unknown (imported), live, suspected, gone, restored. */
  liveness: z.string(),
  liveness_reason: z.string().nullable(),
  gone_at: z.string().nullable(),
  glosses: z.array(
    z.object({
      start: z.number(),
      end: z.number(),
      text: z.string(),
      romanized: z.string(),
      id: z.string(),
      lang: z.string(),
      gloss: z.string(),
      category: z.string(),
    }),
  ),
  mentions: z.array(mentionViewSchema),
  translation: z
    .object({
      text: z.string(),
      engine: z.string(),
      model: z.string().nullable(),
      source_lang: z.string(),
      target_lang: z.string(),
      created_at: z.string(),
      /** Actors named in the translation (spans into the translated text). */
      mentions: z.array(mentionViewSchema),
    })
    .nullable(),
  /** The threat stage's assessment, or null when the item has none yet. */
  threat: threatViewSchema.nullable(),
  /** Analysts' confirmations and corrections of the assessment, newest first. */
  threat_labels: z.array(threatLabelViewSchema),
  /** The engine's own assessment beside the rules' (never instead), when one was asked. */
  threat_second_opinion: secondOpinionViewSchema.nullable(),
  /** The event the item belongs to (every report of one happening), or null when it stands alone. */
  event: z.object({ id: z.string(), title: z.string(), members: z.number(), first: z.boolean() }).nullable(),
});
export type ItemView = z.infer<typeof itemViewSchema>;

/** An item's threat assessment and review labels (newest first), as stored. */
export interface ItemThreat {
  assessment?: ThreatRecord | undefined;
  labels?: readonly ThreatLabelRecord[] | undefined;
  secondOpinion?: StoredSecondOpinion | null;
  event?: { id: string; title: string; members: number; first: boolean } | null;
}

/**
 * Presents a stored item for output; `mentions` are the item's actor mentions (CLI.md shape),
 * fetched for a whole page at once with mentionsOfItems (item-views.ts loads everything).
 */
export function presentItem(item: StoredItem, translation?: TranslationRecord, mentions: readonly ItemMention[] = [], threat: ItemThreat = {}): ItemView {
  return {
    id: item.id,
    key: item.key,
    platform: item.platform,
    kind: item.kind,
    source: { id: item.sourceId, kind: item.sourceKind, handle: item.sourceHandle, title: item.sourceTitle },
    url: item.url ?? null,
    title: item.title ?? null,
    author: item.author ? { name: item.author.name ?? null, handle: item.author.handle ?? null } : null,
    published_at: item.publishedAt ?? null,
    edited_at: item.editedAt ?? null,
    collected_at: item.collectedAt,
    text: item.text,
    normalized: item.normalized,
    language: item.language,
    language_confidence: item.languageConfidence,
    script: item.script,
    media: item.media.map((m) => ({
      type: m.type,
      url: m.url ?? null,
      fileName: m.fileName ?? null,
      missing: m.missing ?? null,
      width: m.width ?? null,
      height: m.height ?? null,
    })),
    links: item.links,
    hashtags: item.hashtags,
    forwarded_from: item.forwardedFrom ? { name: item.forwardedFrom.name ?? null, handle: item.forwardedFrom.handle ?? null } : null,
    reply_to: item.replyTo ?? null,
    quotes: item.quotes ?? null,
    reposts: item.reposts ?? null,
    metrics: item.metrics,
    capture_id: item.captureId,
    liveness: item.liveness,
    liveness_reason: item.livenessReason,
    gone_at: item.goneAt,
    glosses: glossesFor(item.text, item.language),
    mentions: mentions.filter((m) => !isTranslationMention(m)).map(presentMention),
    translation: translation ? presentTranslation(translation, mentions.filter(isTranslationMention)) : null,
    threat: threat.assessment ? presentThreat(threat.assessment) : null,
    threat_labels: (threat.labels ?? []).map(presentThreatLabel),
    threat_second_opinion: threat.secondOpinion ? presentSecondOpinion(threat.secondOpinion) : null,
    event: threat.event ?? null,
  };
}

/** A stored mention as output: spans are UTF-16 offsets into the original text. */
export function presentMention(m: ItemMention): ItemView['mentions'][number] {
  return { actor_id: m.actorId, canonical: m.canonicalName, matched: m.matchedText, start: m.spanStart, end: m.spanEnd, score: m.score };
}

const GLOSSED = new Set(['ar', 'fa', 'ur', 'ps']);

/** English glosses of known militancy terms in a text of a glossed language (computed on read: ~10 µs). */
export function glossesFor(text: string, language: string | null): Array<GlossHit & { romanized: string }> {
  if (!language || !GLOSSED.has(language)) return [];
  // Posts mark only some vowels (case endings); romanizing from bare letters reads better than
  // from partial marks.
  return findGlossTerms(text, { languages: [language] }).map((g) => ({ ...g, romanized: romanize(g.text.replace(/[\u064b-\u0652\u0670\u0640]/g, '')) }));
}

/** A stored translation with its provenance, as output. */
export function presentTranslation(t: TranslationRecord, mentions: readonly ItemMention[] = []): NonNullable<ItemView['translation']> {
  return {
    text: t.translatedText,
    engine: t.engine,
    model: t.model || null,
    source_lang: t.sourceLang,
    target_lang: t.targetLang,
    created_at: t.createdAt,
    mentions: mentions.map(presentMention),
  };
}

/** Whether a stored mention was found in the translation rather than the original text. */
export function isTranslationMention(m: ItemMention): boolean {
  return m.method.startsWith(TRANSLATION_MENTION);
}

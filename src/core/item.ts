import { z } from 'zod';

/** Platforms an item key can start with (`<platform>:<native id>`). */
export const platformSchema = z.enum(['telegram', 'x', 'rss', 'web', 'jsonl']);
export type Platform = z.infer<typeof platformSchema>;

/** What an item is on its platform. */
export const itemKindSchema = z.enum(['post', 'repost', 'quote', 'reply', 'article', 'entry', 'service']);
export type ItemKind = z.infer<typeof itemKindSchema>;

/** Kinds of source Rasad watches or imports from. */
export const sourceKindSchema = z.enum(['telegram', 'x', 'rss', 'web', 'import']);
export type SourceKind = z.infer<typeof sourceKindSchema>;

const isoDate = z.iso.datetime({ offset: true });

/** The source an imported item came from, as its parser sees it. */
export const sourceRefSchema = z.object({
  kind: sourceKindSchema,
  handle: z.string().min(1),
  title: z.string().nullish(),
  url: z.string().nullish(),
  language: z.string().nullish(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

export const personRefSchema = z.object({
  name: z.string().nullish(),
  handle: z.string().nullish(),
  id: z.string().nullish(),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export const mediaSchema = z.object({
  type: z.string(),
  url: z.string().nullish(),
  fileName: z.string().nullish(),
  mimeType: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  durationSeconds: z.number().nullish(),
  sizeBytes: z.number().nullish(),
  /** Why the file is absent from an export ("File not included…"), kept verbatim. */
  missing: z.string().nullish(),
});
export type Media = z.infer<typeof mediaSchema>;

/**
 * One post, tweet, feed entry or article as a parser produces it, before storage. `text` is the
 * original text exactly as published: nothing downstream may alter it.
 */
export const itemDraftSchema = z.object({
  key: z.string().min(3).regex(/^[a-z]+:.+/, 'must look like <platform>:<native id>'),
  platform: platformSchema,
  nativeId: z.string().min(1),
  kind: itemKindSchema,
  source: sourceRefSchema,
  url: z.string().nullish(),
  title: z.string().nullish(),
  author: personRefSchema.nullish(),
  publishedAt: isoDate.nullish(),
  editedAt: isoDate.nullish(),
  text: z.string(),
  /** Language the platform declared, if any (X `lang`, feed `<language>`, html `lang`). */
  langHint: z.string().nullish(),
  forwardedFrom: personRefSchema.extend({ key: z.string().nullish(), publishedAt: isoDate.nullish() }).nullish(),
  replyTo: z.string().nullish(),
  quotes: z.string().nullish(),
  reposts: z.string().nullish(),
  media: z.array(mediaSchema).default([]),
  links: z.array(z.string()).default([]),
  hashtags: z.array(z.string()).default([]),
  metrics: z.record(z.string(), z.number()).default({}),
  /** Platform-specific facts worth keeping (withheld, edit history, service action, entities). */
  extra: z.record(z.string(), z.unknown()).default({}),
  /** Where in the captured file this item was read from (`messages[3]`, `line 2`). */
  locator: z.string().nullish(),
});
export type ItemDraft = z.infer<typeof itemDraftSchema>;
export type ItemDraftInput = z.input<typeof itemDraftSchema>;

/** An item as stored, with what the pipeline added. */
export interface Item extends ItemDraft {
  id: string;
  sourceId: string;
  collectedAt: string;
  normalized: string;
  language: string | null;
  languageConfidence: number | null;
  script: string | null;
  captureId: string | null;
}

import { itemIdForKey } from '../../src/core/ids.js';
import { itemDraftSchema, type ItemDraftInput } from '../../src/core/item.js';
import type { NewItem } from '../../src/store/item.repository.js';
import { searchForms } from '../../src/analyze/reindex.js';
import { NORMALIZE_VERSION } from '../../src/text/normalize.js';

let counter = 0;

/** A valid item draft with overrides (each call gets a new native id). */
export function buildDraft(overrides: Partial<ItemDraftInput> = {}): ReturnType<typeof itemDraftSchema.parse> {
  counter++;
  const nativeId = overrides.nativeId ?? String(1000 + counter);
  return itemDraftSchema.parse({
    key: `telegram:testchannel/${nativeId}`,
    platform: 'telegram',
    nativeId,
    kind: 'post',
    source: { kind: 'telegram', handle: 'testchannel', title: 'Test channel' },
    publishedAt: '2021-01-13T07:42:17.000Z',
    text: 'a test post',
    ...overrides,
  });
}

/** A NewItem ready for insertItems, computed the way the import path computes it. */
export function buildNewItem(sourceId: string, overrides: Partial<ItemDraftInput> = {}, extra: Partial<NewItem> = {}): NewItem {
  const draft = buildDraft(overrides);
  return {
    id: itemIdForKey(draft.key),
    sourceId,
    draft,
    collectedAt: '2026-01-01T00:00:00.000Z',
    ...searchForms(draft.text, draft.title),
    normalizeVersion: NORMALIZE_VERSION,
    language: null,
    languageConfidence: null,
    script: null,
    captureId: null,
    ...extra,
  };
}

import { deterministicId } from '../core/ids.js';
import type { Stage } from '../core/stage.js';
import { type MentionRecord, TRANSLATION_MENTION } from '../store/analysis.repository.js';
import { MENTION_FINDER_VERSION } from './match/mention-finder.js';
import type { FoundMention, MentionFinder } from './match/resolve-types.js';

/** What the actors stage stores: the mentions found in the item's original text. */
export interface ActorsResult {
  mentions: FoundMention[];
}

/**
 * The actors stage: registry actors named in an item's text, with UTF-16 spans into the
 * original text. Pure given the finder (built once over the registry by the caller).
 */
export const actorsStage = {
  name: 'actors',
  version: MENTION_FINDER_VERSION,
  run(input: { text: string }, ctx: { finder: MentionFinder }): ActorsResult {
    return { mentions: ctx.finder.find(input.text) };
  },
} satisfies Stage<{ text: string }, ActorsResult, { finder: MentionFinder }>;

/**
 * The stored rows of an item's mentions (ids stable per item, text, span and actor); mentions
 * found in the translation carry the `translation:` method prefix.
 */
export function mentionRows(itemId: string, mentions: FoundMention[], inTranslation = false): MentionRecord[] {
  const prefix = inTranslation ? TRANSLATION_MENTION : '';
  return mentions.map((m) => ({
    id: deterministicId('rasad:mention', `${itemId}:${prefix}${m.start}:${m.end}:${m.actorId}`),
    itemId,
    actorId: m.actorId,
    matchedText: m.matched,
    spanStart: m.start,
    spanEnd: m.end,
    score: m.score,
    method: `${prefix}${m.method}`,
    stageVersion: `${actorsStage.name}@${actorsStage.version}`,
  }));
}

/** CLI.md's `mentions` shape. */
export function presentMentions(mentions: FoundMention[]): Array<Record<string, unknown>> {
  return mentions.map((m) => ({ actor_id: m.actorId, canonical: m.canonical, matched: m.matched, start: m.start, end: m.end, score: m.score }));
}

import { type Clock, toIso } from '../core/clock.js';
import { deterministicId } from '../core/ids.js';
import { type ActorRecord, getActor, saveActor, saveAffiliation } from '../store/actor.repository.js';
import { appendAudit } from '../store/audit.repository.js';
import type { Db } from '../store/database.js';
import { withTransaction } from '../store/transaction.js';
import { normalize } from '../text/normalize.js';
import type { ActorDraft } from './actor-draft.js';
import type { ParsedActorList } from './actor-lists.js';

/** The summary of `rasad actors import --json`. */
export interface ActorImportSummary {
  actors: number;
  aliases: number;
  designations: number;
  affiliations: number;
  skipped: number;
  files: string[];
}

/** The registry id of a list entry: the same entry re-imported updates, never duplicates. */
export function actorIdFor(list: string, reference: string): string {
  return deterministicId('rasad:actor', `${list}:${reference}`);
}

// Low-quality aliases (UN "Low", OFAC aliases found only in remarks) count for less in matching.
const LOW_QUALITY_CONFIDENCE = 0.5;

/** An actor draft as a registry record: aliases deduplicated and normalized, designations parsed. */
export function toActorRecord(draft: ActorDraft): ActorRecord {
  const id = actorIdFor(draft.list, draft.reference);
  const sources = (draft.extra.aliasSources ?? {}) as Record<string, string>;
  const seen = new Set<string>();
  const aliases: ActorRecord['aliases'] = [];
  for (const a of [{ name: draft.canonicalName, kind: 'primary', quality: null, script: null }, ...draft.aliases]) {
    if (seen.has(a.name)) continue;
    seen.add(a.name);
    aliases.push({
      id: deterministicId('rasad:alias', `${id}:${a.name}`),
      alias: a.name,
      normalized: normalize(a.name),
      script: a.script,
      kind: a.kind,
      source: sources[a.name] ?? `${draft.list}:${draft.reference}`,
      confidence: a.quality === 'low' ? LOW_QUALITY_CONFIDENCE : 1,
    });
  }
  // An entry of Rasad's own actor file is designated `rasad:<id>` (the analysts' registry, which
  // matching prefers among records of one person) besides the list references it declares.
  const designations =
    draft.list === 'rasad'
      ? [
          { list: 'rasad', reference: draft.reference, listedOn: null },
          ...((draft.extra.designations ?? []) as string[]).flatMap((d) => {
            const colon = d.indexOf(':');
            return colon > 0 ? [{ list: d.slice(0, colon), reference: d.slice(colon + 1), listedOn: null }] : [];
          }),
        ]
      : [{ list: draft.list, reference: draft.reference, listedOn: draft.listedOn }];
  const kind = draft.kind === 'person' || draft.kind === 'group' ? draft.kind : 'organization';
  return { id, kind, canonicalName: draft.canonicalName, description: draft.remarks, aliases, designations };
}

/**
 * Stores parsed lists in the registry, one transaction per list: an entry keeps the list's
 * primary name as canonical and the list reference as a designation; re-importing updates it.
 * The same person on two lists stays two records until an analyst merges them. Each list's
 * import is one audit entry (by `user`, default `system`) in the same transaction.
 */
export async function storeActorLists(deps: { db: Db; clock: Clock; user?: string }, lists: ParsedActorList[]): Promise<ActorImportSummary> {
  const summary: ActorImportSummary = { actors: 0, aliases: 0, designations: 0, affiliations: 0, skipped: 0, files: [] };
  const now = toIso(deps.clock.now());
  for (const list of lists) {
    await withTransaction(deps.db, async (tx) => {
      const counts = { actors: 0, aliases: 0, designations: 0, affiliations: 0, skipped: list.result.skipped.length };
      for (const draft of list.result.actors) {
        const record = toActorRecord(draft);
        await saveActor(tx, record, now);
        counts.actors++;
        counts.aliases += record.aliases.length;
        counts.designations += record.designations.length;
      }
      for (const a of list.affiliations) {
        const personId = actorIdFor('rasad', a.person);
        const groupId = actorIdFor('rasad', a.group);
        // An affiliation may name an actor of another file: link it only once both exist.
        if (!(await getActor(tx, personId)) || !(await getActor(tx, groupId))) {
          counts.skipped++;
          continue;
        }
        await saveAffiliation(tx, { personId, groupId, role: a.role, source: list.files[0] ?? null });
        counts.affiliations++;
      }
      const listName = list.result.actors[0]?.list ?? 'unknown';
      await appendAudit(tx, {
        at: now,
        actor: deps.user ?? 'system',
        action: 'import',
        subjectType: 'actor_list',
        subjectId: `${listName}:${list.files.join(',')}`,
        reason: null,
        before: null,
        after: counts,
      });
      summary.actors += counts.actors;
      summary.aliases += counts.aliases;
      summary.designations += counts.designations;
      summary.affiliations += counts.affiliations;
      summary.skipped += counts.skipped;
    });
    summary.files.push(...list.files);
  }
  return summary;
}

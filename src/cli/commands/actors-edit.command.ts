import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { aliasKindSchema } from '../../actors/actor-draft.js';
import { refreshMentions } from '../../actors/mentions.runner.js';
import { findMergeSuggestions, type MergeSuggestion, type SuggestedActor } from '../../actors/merge-suggestions.js';
import {
  type ActorDetails,
  actorDetails,
  actorHistory,
  addAlias,
  affiliate,
  createActor,
  dismissPair,
  editActor,
  mergeActors,
  type RegistryEditDeps,
  removeAlias,
  unaffiliate,
  unmergeActor,
} from '../../actors/registry-edit.service.js';
import type { AppContext } from '../../app/context.js';
import type { AuditEntry } from '../../store/audit.repository.js';
import { type Io, writeJson } from '../io.js';
import { withContext } from '../with-context.js';

/** Who is editing, for the audit log: `RASAD_USER`, else the OS user name. */
export function editorName(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.RASAD_USER?.trim();
  if (fromEnv) return fromEnv;
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    // no passwd entry for this uid (some containers)
    return 'unknown';
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const kindSchema = z.enum(['person', 'group', 'organization']);
const reasonSchema = z.string().trim().min(1, 'a reason is required');
const optionalReason = z.string().trim().min(1).optional();
const limitSchema = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const addSchema = z.object({
  kind: kindSchema,
  name: z.string().trim().min(1),
  alias: z.array(z.string().trim().min(1)).default([]),
  note: z.string().optional(),
  description: z.string().optional(),
  designation: z.array(z.string().trim().min(1)).default([]),
  reason: optionalReason,
  json: z.boolean().default(false),
});
const aliasSchema = z.object({
  kind: aliasKindSchema.default('aka'),
  source: z.string().trim().min(1).optional(),
  confidence: z.coerce.number().min(0).max(1).optional(),
  reason: optionalReason,
  json: z.boolean().default(false),
});
const editSchema = z.object({
  name: z.string().trim().min(1).optional(),
  description: z.string().optional(),
  note: z.string().optional(),
  reason: optionalReason,
  json: z.boolean().default(false),
});
const affiliateSchema = z.object({ role: z.string().trim().min(1).optional(), source: z.string().trim().min(1).optional(), reason: optionalReason, json: z.boolean().default(false) });
const reasonOnlySchema = z.object({ reason: reasonSchema, json: z.boolean().default(false) });
const suggestSchema = z.object({ limit: limitSchema(20), minScore: z.coerce.number().min(0).max(1).default(0), json: z.boolean().default(false) });
const listSchema = z.object({ limit: limitSchema(100), json: z.boolean().default(false) });
const jsonSchema = z.object({ json: z.boolean().default(false) });

/** The CLI JSON shape of an actor record (`actors show --json`). */
function cliActor(d: ActorDetails): Record<string, unknown> {
  return {
    id: d.actor.id,
    kind: d.actor.kind,
    canonical: d.actor.canonicalName,
    description: d.actor.description,
    notes: d.actor.notes,
    created_at: d.actor.createdAt,
    updated_at: d.actor.updatedAt,
    merged_into: d.mergedInto ? { id: d.mergedInto.id, canonical: d.mergedInto.canonicalName } : null,
    survivor: d.survivor ? { id: d.survivor.id, canonical: d.survivor.canonicalName } : null,
    merged_from: d.mergedFrom.map((m) => ({ id: m.id, kind: m.kind, canonical: m.canonicalName })),
    designations: d.designations,
    aliases: d.aliases.map((a) => ({ alias: a.alias, normalized: a.normalized, script: a.script, kind: a.kind, source: a.source, confidence: a.confidence })),
    affiliations: d.affiliations.map((f) => ({
      relation: f.relation,
      actor_id: f.otherId,
      canonical: f.otherCanonicalName,
      kind: f.otherKind,
      role: f.role,
      source: f.source,
    })),
  };
}

function printActor(io: Io, d: ActorDetails): void {
  const w = (s: string): unknown => io.stdout.write(`${s}\n`);
  w(`${d.actor.canonicalName}  [${d.actor.kind}]  ${d.actor.id}`);
  if (d.mergedInto) w(`  merged into: ${d.mergedInto.canonicalName} (${d.mergedInto.id})${d.survivor && d.survivor.id !== d.mergedInto.id ? `, now part of ${d.survivor.canonicalName} (${d.survivor.id})` : ''}`);
  if (d.actor.description) w(`  description: ${d.actor.description}`);
  if (d.actor.notes) w(`  notes: ${d.actor.notes}`);
  w(`  designations: ${d.designations.length > 0 ? d.designations.join(', ') : '(none)'}`);
  w(`  aliases (${d.aliases.length}):`);
  for (const a of d.aliases) w(`    ${(a.script ?? '-').padEnd(4)}  ${a.kind.padEnd(12)}  ${a.alias}${a.confidence < 1 ? `  (confidence ${a.confidence})` : ''}${a.source ? `  — ${a.source}` : ''}`);
  if (d.affiliations.length > 0) {
    w('  affiliations:');
    for (const f of d.affiliations) {
      const relation = f.relation === 'member_of' ? 'member of' : 'member';
      w(`    ${relation}: ${f.otherCanonicalName} (${f.otherId})${f.role ? `, ${f.role}` : ''}`);
    }
  }
  if (d.mergedFrom.length > 0) {
    w('  merged from:');
    for (const m of d.mergedFrom) w(`    ${m.canonicalName} (${m.id})`);
  }
}

async function showActor(io: Io, ctx: AppContext, ref: string, json: boolean): Promise<void> {
  const details = await actorDetails(ctx.db, ref);
  if (json) writeJson(io, cliActor(details));
  else printActor(io, details);
}

function cliSide(a: SuggestedActor): Record<string, unknown> {
  return { id: a.id, kind: a.kind, canonical: a.canonical, designations: a.designations, aliases: a.aliases };
}

function cliSuggestion(s: MergeSuggestion): Record<string, unknown> {
  return {
    score: s.score,
    keep: cliSide(s.keep),
    merge: cliSide(s.merge),
    reasons: s.reasons.map((r) => ({ how: r.how, alias_a: r.aliasA, alias_b: r.aliasB, key: r.key, weight: r.weight })),
    caveats: s.caveats,
  };
}

function cliAudit(e: AuditEntry): Record<string, unknown> {
  return { id: e.id, at: e.at, user: e.actor, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, reason: e.reason, before: e.before, after: e.after };
}

const HOW: Record<MergeSuggestion['reasons'][number]['how'], string> = {
  same_alias: 'same alias',
  same_skeleton: 'same consonant skeleton',
  same_tokens_reordered: 'same name, other word order',
  same_designation: 'same list entry',
};

const sideLabel = (a: SuggestedActor): string => `${a.canonical} [${a.designations.slice(0, 3).join(', ') || a.kind}${a.designations.length > 3 ? ', …' : ''}]`;

/** `rasad actors add|show|alias|edit|affiliate|unaffiliate|suggest-merges|merge|unmerge|dismiss|history`. */
export function registerActorEdits(actors: Command, io: Io): void {
  const home = (cmd: Command): string | undefined => cmd.optsWithGlobals<{ home?: string }>().home;
  const deps = (ctx: AppContext): RegistryEditDeps => ({ db: ctx.db, clock: ctx.clock, user: editorName(io.env), newId: randomUUID });
  const done = (s: string): unknown => io.stdout.write(`${s}\n`);
  // Who is behind which name changed: find mentions again in what is already stored, as after an import.
  const refresh = (ctx: AppContext): Promise<{ items: number; mentions: number }> => refreshMentions({ db: ctx.db, clock: ctx.clock });

  actors
    .command('add')
    .description("create an analyst's actor (its name is also its primary alias)")
    .requiredOption('--kind <kind>', 'person | group | organization')
    .requiredOption('--name <name>', 'canonical name')
    .option('--alias <name>', 'another name (repeatable)', collect, [])
    .option('--designation <list:reference>', 'a designation such as us-state:FTO (repeatable)', collect, [])
    .option('--description <text>', 'what the actor is')
    .option('--note <text>', "analyst's notes")
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'the new actor as `actors show --json` prints it')
    .action(async (raw: unknown, cmd: Command) => {
      const o = addSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const record = await createActor(
          deps(ctx),
          { kind: o.kind, canonicalName: o.name, aliases: o.alias.map((name) => ({ name })), description: o.description ?? null, notes: o.note ?? null, designations: o.designation },
          o.reason ?? null,
        );
        await refresh(ctx);
        if (o.json) return showActor(io, ctx, record.id, true);
        done(`added ${record.kind} ${record.canonicalName} (${record.id}) with ${record.aliases.length} alias(es)`);
      });
    });

  actors
    .command('show')
    .description('one actor: aliases, designations, affiliations, merges')
    .argument('<ref>', 'actor id or designation (ofac:11462, un:QDi.001, rasad:kh)')
    .option('--json', 'machine-readable actor on stdout')
    .action(async (ref: string, raw: unknown, cmd: Command) => {
      const o = jsonSchema.parse(raw);
      await withContext(io, home(cmd), (ctx) => showActor(io, ctx, ref, o.json));
    });

  const alias = actors.command('alias').description("add or remove an actor's alias");
  alias
    .command('add')
    .description('add an alias (normalized like imported ones; script detected from the text)')
    .argument('<ref>', 'actor id or designation')
    .argument('<alias>', 'the name')
    .option('--kind <kind>', aliasKindSchema.options.join(' | '), 'aka')
    .option('--source <source>', 'where the alias is attested (default analyst:<user>)')
    .option('--confidence <x>', 'in [0, 1] (default 1)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'the actor afterwards, as `actors show --json`')
    .action(async (ref: string, name: string, raw: unknown, cmd: Command) => {
      const o = aliasSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await addAlias(deps(ctx), ref, { name, kind: o.kind, ...(o.source ? { source: o.source } : {}), ...(o.confidence !== undefined ? { confidence: o.confidence } : {}) }, o.reason ?? null);
        await refresh(ctx);
        if (o.json) return showActor(io, ctx, r.actor.id, true);
        done(`added alias ${r.alias.alias} (${r.alias.kind}, ${r.alias.script ?? 'no script'}) to ${r.actor.canonicalName} (${r.actor.id})`);
      });
    });
  alias
    .command('remove')
    .description('remove an alias (given exactly, or by its normalized form)')
    .argument('<ref>', 'actor id or designation')
    .argument('<alias>', 'the name')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'the actor afterwards, as `actors show --json`')
    .action(async (ref: string, name: string, raw: unknown, cmd: Command) => {
      const o = aliasSchema.pick({ reason: true, json: true }).parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await removeAlias(deps(ctx), ref, name, o.reason ?? null);
        await refresh(ctx);
        if (o.json) return showActor(io, ctx, r.actor.id, true);
        done(`removed alias ${r.alias.alias} from ${r.actor.canonicalName} (${r.actor.id})`);
      });
    });

  actors
    .command('edit')
    .description("rename an actor or change its description or notes")
    .argument('<ref>', 'actor id or designation')
    .option('--name <name>', 'new canonical name (also kept as an alias)')
    .option('--description <text>', 'new description ("" clears it)')
    .option('--note <text>', 'new notes ("" clears them)')
    .option('--reason <text>', 'why, for the audit log')
    .option('--json', 'the actor afterwards, as `actors show --json`')
    .action(async (ref: string, raw: unknown, cmd: Command) => {
      const o = editSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const orNull = (s: string | undefined): string | null | undefined => (s === undefined ? undefined : s.trim() === '' ? null : s);
        const changes = {
          ...(o.name !== undefined ? { canonicalName: o.name } : {}),
          ...(o.description !== undefined ? { description: orNull(o.description) } : {}),
          ...(o.note !== undefined ? { notes: orNull(o.note) } : {}),
        };
        const r = await editActor(deps(ctx), ref, changes, o.reason ?? null);
        if (changes.canonicalName !== undefined) await refresh(ctx);
        if (o.json) return showActor(io, ctx, r.id, true);
        done(`updated ${r.canonicalName} (${r.id})`);
      });
    });

  actors
    .command('affiliate')
    .description('record that a person belongs to a group or organization')
    .argument('<person-ref>', 'the person: actor id or designation')
    .argument('<group-ref>', 'the group or organization')
    .option('--role <role>', 'e.g. founder, commander, spokesman')
    .option('--source <source>', 'where the link is attested (default analyst:<user>)')
    .option('--reason <text>', 'why, for the audit log')
    .action(async (personRef: string, groupRef: string, raw: unknown, cmd: Command) => {
      const o = affiliateSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await affiliate(deps(ctx), personRef, groupRef, { role: o.role ?? null, source: o.source ?? null }, o.reason ?? null);
        await refresh(ctx);
        done(`${r.person.canonicalName} is affiliated with ${r.group.canonicalName}${r.role ? ` (${r.role})` : ''}`);
      });
    });

  actors
    .command('unaffiliate')
    .description('remove the link between a person and a group')
    .argument('<person-ref>', 'the person')
    .argument('<group-ref>', 'the group or organization')
    .option('--reason <text>', 'why, for the audit log')
    .action(async (personRef: string, groupRef: string, raw: unknown, cmd: Command) => {
      const o = affiliateSchema.pick({ reason: true }).parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await unaffiliate(deps(ctx), personRef, groupRef, o.reason ?? null);
        await refresh(ctx);
        done(`${r.person.canonicalName} is no longer affiliated with ${r.group.canonicalName}`);
      });
    });

  actors
    .command('suggest-merges')
    .description('pairs of actors that may be one (shared aliases, same name skeleton); never merged automatically')
    .option('--limit <n>', 'at most this many, best first', '20')
    .option('--min-score <x>', 'only suggestions scoring at least this', '0')
    .option('--json', 'machine-readable array on stdout')
    .action(async (raw: unknown, cmd: Command) => {
      const o = suggestSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const suggestions = await findMergeSuggestions(ctx.db, { limit: o.limit, minScore: o.minScore });
        if (o.json) return writeJson(io, suggestions.map(cliSuggestion));
        if (suggestions.length === 0) return done('no merge suggestions');
        for (const s of suggestions) {
          done(`${s.score.toFixed(3)}  keep   ${sideLabel(s.keep)}  ${s.keep.id}`);
          done(`       merge  ${sideLabel(s.merge)}  ${s.merge.id}`);
          for (const r of s.reasons) done(`       ${HOW[r.how]}: ${r.aliasA} = ${r.aliasB}  (${r.key})`);
          for (const c of s.caveats) done(`       but ${c}`);
          done(`       rasad actors merge ${s.keep.id} ${s.merge.id} --reason "…"   |   rasad actors dismiss ${s.keep.id} ${s.merge.id} --reason "…"`);
        }
      });
    });

  actors
    .command('merge')
    .description('merge one actor into another (undo with unmerge); nothing is deleted')
    .argument('<keep-ref>', 'the actor that stays')
    .argument('<merge-ref>', 'the actor merged into it')
    .requiredOption('--reason <text>', 'why they are one actor (audit log)')
    .option('--json', 'machine-readable result on stdout')
    .action(async (keepRef: string, mergeRef: string, raw: unknown, cmd: Command) => {
      const o = reasonOnlySchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await mergeActors(deps(ctx), keepRef, mergeRef, o.reason);
        const mentions = await refresh(ctx);
        if (o.json) {
          return writeJson(io, {
            action: 'merge',
            merged: { id: r.merged.id, canonical: r.merged.canonicalName },
            into: { id: r.survivor.id, canonical: r.survivor.canonicalName },
            requested_into: r.requested.id === r.survivor.id ? null : { id: r.requested.id, canonical: r.requested.canonicalName },
            mentions,
          });
        }
        const via = r.requested.id === r.survivor.id ? '' : ` (${r.requested.canonicalName} is itself merged into it)`;
        done(`merged ${r.merged.canonicalName} (${r.merged.id}) into ${r.survivor.canonicalName} (${r.survivor.id})${via}`);
      });
    });

  actors
    .command('unmerge')
    .description('undo a merge: the actor stands on its own again')
    .argument('<ref>', 'the merged actor')
    .requiredOption('--reason <text>', 'why (audit log)')
    .option('--json', 'machine-readable result on stdout')
    .action(async (ref: string, raw: unknown, cmd: Command) => {
      const o = reasonOnlySchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await unmergeActor(deps(ctx), ref, o.reason);
        const mentions = await refresh(ctx);
        if (o.json) return writeJson(io, { action: 'unmerge', actor: { id: r.actor.id, canonical: r.actor.canonicalName }, was_merged_into: r.was, mentions });
        done(`unmerged ${r.actor.canonicalName} (${r.actor.id}) from ${r.was}`);
      });
    });

  actors
    .command('dismiss')
    .description('mark a suggested pair as two different actors, so it is not suggested again')
    .argument('<ref-a>', 'one actor')
    .argument('<ref-b>', 'the other')
    .requiredOption('--reason <text>', 'why they are different (audit log)')
    .option('--json', 'machine-readable result on stdout')
    .action(async (refA: string, refB: string, raw: unknown, cmd: Command) => {
      const o = reasonOnlySchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const r = await dismissPair(deps(ctx), refA, refB, o.reason);
        if (o.json) return writeJson(io, { action: 'dismiss', actors: [r.a.id, r.b.id], reason: o.reason });
        done(`${r.a.canonicalName} (${r.a.id}) and ${r.b.canonicalName} (${r.b.id}) will not be suggested for merging again`);
      });
    });

  actors
    .command('history')
    .description("an actor's audit trail, newest first: edits, aliases, links, merges, dismissals")
    .argument('<ref>', 'actor id or designation')
    .option('--limit <n>', 'at most this many entries', '100')
    .option('--json', 'machine-readable array on stdout')
    .action(async (ref: string, raw: unknown, cmd: Command) => {
      const o = listSchema.parse(raw);
      await withContext(io, home(cmd), async (ctx) => {
        const { actor, entries } = await actorHistory(ctx.db, ref, o.limit);
        if (o.json) return writeJson(io, entries.map(cliAudit));
        if (entries.length === 0) return done(`no recorded changes to ${actor.canonicalName} (${actor.id})`);
        for (const e of entries) done(`${e.at}  ${e.actor}  ${e.action}  ${e.subjectType} ${e.subjectId}${e.reason ? `  — ${e.reason}` : ''}`);
      });
    });
}

import { z } from 'zod';

/** How an alias relates to the actor (designation lists use a.k.a./f.k.a./n.k.a. and quality). */
export const aliasKindSchema = z.enum([
  'primary',
  'aka',
  'fka',
  'nka',
  'native',
  'romanization',
  'acronym',
  'calque',
  'kunya',
  'nisba',
  'former_name',
  'weak',
]);
export type AliasKind = z.infer<typeof aliasKindSchema>;

/** One name of an actor as a list publishes it. */
export const aliasDraftSchema = z.object({
  name: z.string().min(1),
  kind: aliasKindSchema,
  /** The list's own quality mark (UN "Good"/"Low", OFAC "weak"); low-quality aliases are down-weighted. */
  quality: z.enum(['good', 'low']).nullable(),
  /** ISO 15924 script when known from the list (UN NAME_ORIGINAL_SCRIPT → Arab). */
  script: z.string().nullable(),
});
export type AliasDraft = z.infer<typeof aliasDraftSchema>;

/** An actor as a designation list (or Rasad's own actor file) describes it, before it is stored. */
export const actorDraftSchema = z.object({
  list: z.enum(['ofac', 'un', 'eu', 'rasad']),
  /** The list's reference: OFAC ent_num, UN reference number (QDe.001), EU list + record id. */
  reference: z.string().min(1),
  kind: z.enum(['person', 'group', 'organization', 'vessel', 'aircraft', 'other']),
  /** The list's primary name, exactly as published. */
  canonicalName: z.string().min(1),
  aliases: z.array(aliasDraftSchema),
  programs: z.array(z.string()),
  listedOn: z.string().nullable(),
  remarks: z.string().nullable(),
  countries: z.array(z.string()),
  /** Everything else worth keeping (birth dates, places, addresses, list-specific fields). */
  extra: z.record(z.string(), z.unknown()),
});
export type ActorDraft = z.infer<typeof actorDraftSchema>;

/** A parser's result: actors in list order and records it skipped, with why. */
export interface ActorListResult {
  actors: ActorDraft[];
  skipped: Array<{ locator: string; reason: string }>;
}

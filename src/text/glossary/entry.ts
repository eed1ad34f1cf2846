import { z } from 'zod';

/** Languages the glossary covers (ISO 639-1). */
export const glossaryLanguages = ['ar', 'fa', 'ur', 'ps'] as const;

/** What a term is about; README.md beside this file defines each category. */
export const glossaryCategories = [
  'martyrdom',
  'violence',
  'weapons',
  'threat',
  'support',
  'training',
  'recruitment',
  'claim',
  'target',
  'religious-political',
  'group-self-designation',
  'slur',
  'euphemism',
  'security',
] as const;

/** One glossary entry: the written forms of a term in one language and its English gloss. */
export const glossaryEntrySchema = z.strictObject({
  id: z.string().regex(/^(ar|fa|ur|ps)\.[a-z0-9_]+$/, 'id must be "<lang>.<slug>" with a lower-case ASCII slug'),
  lang: z.enum(glossaryLanguages),
  category: z.enum(glossaryCategories),
  gloss: z.string().trim().min(1),
  forms: z.array(z.string().trim().min(1)).min(1),
  source: z.string().trim().min(1),
  note: z.string().trim().min(1).optional(),
});

export type GlossaryLanguage = (typeof glossaryLanguages)[number];
export type GlossaryCategory = (typeof glossaryCategories)[number];
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

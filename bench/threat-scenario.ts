// The seed scenario (../shared/scenarios/seed-kh-2021) as threat-bench cases: every item parsed by
// Rasad's own importers, keyed like truth.json, with its gold threat label.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { detectFormat, parserFor } from '../src/collect/imports/detect-format.js';
import type { ThreatCategory } from '../src/analyze/threat/taxonomy.js';
import type { ItemDraft } from '../src/core/item.js';

export const SCENARIO = join(import.meta.dirname, '..', '..', 'shared', 'scenarios', 'seed-kh-2021');

/** truth.json category names → Rasad's. */
const CATEGORY: Record<string, ThreatCategory | undefined> = {
  threat_against_target: 'threat',
  incitement: 'incitement',
  training_or_material_support: 'support_offer',
  claim_of_responsibility: 'claim',
  recruitment: 'recruitment',
  glorification: 'glorification',
};

const truthSchema = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      language: z.string().nullable(),
      threat: z.object({
        is_threat: z.boolean(),
        categories: z.array(z.string()),
        targets: z.array(z.string()),
        also_acceptable: z.array(z.string()).optional(),
      }),
    }),
  ),
});

/**
 * Every item of the scenario parsed by Rasad's own importers, with its truth.json key beside it:
 * truth keys are telegram:<channel id>/<msg> (ours: c<id>) and web:<file name> (ours: the canonical URL).
 */
export function* scenarioDrafts(): Generator<{ key: string; draft: ItemDraft }> {
  for (const dir of ['telegram', 'x', 'rss', 'web']) {
    for (const name of readdirSync(join(SCENARIO, dir))) {
      const bytes = new Uint8Array(readFileSync(join(SCENARIO, dir, name)));
      const format = detectFormat(name, bytes);
      if (!format) continue;
      for (const draft of parserFor(format)({ bytes, fileName: name }).items) {
        yield { key: dir === 'web' ? `web:${name}` : draft.key.replace(/^telegram:c(\d+)\//, 'telegram:$1/'), draft };
      }
    }
  }
}

export interface ScenarioCase {
  key: string;
  text: string;
  platform: string;
  langHint: string | null;
  lang: string;
  isThreat: boolean;
  categories: ThreatCategory[];
  acceptable: ThreatCategory[];
  /** reporting / counter_speech / negated, or '' for benign and threats. */
  stanceLabel: string;
  targets: string[];
}

const mapCategories = (labels: readonly string[]): ThreatCategory[] => labels.flatMap((l) => (CATEGORY[l] ? [CATEGORY[l]] : []));

/** Parses the scenario's files and joins them to truth.json; null when ../shared is absent. */
export function loadScenario(): ScenarioCase[] | null {
  if (!existsSync(join(SCENARIO, 'truth.json'))) return null;
  const truth = truthSchema.parse(JSON.parse(readFileSync(join(SCENARIO, 'truth.json'), 'utf8')));
  const texts = new Map([...scenarioDrafts()].map(({ key, draft: d }) => [key, { text: d.text, platform: d.platform, langHint: d.langHint ?? null }]));
  const out: ScenarioCase[] = [];
  for (const item of truth.items) {
    const got = texts.get(item.key);
    if (!got || got.text.trim().length === 0) continue; // service messages have no text
    const non = item.threat.categories.filter((c) => !CATEGORY[c]);
    out.push({
      key: item.key,
      ...got,
      lang: item.language ?? 'und',
      isThreat: item.threat.is_threat,
      categories: mapCategories(item.threat.categories),
      acceptable: mapCategories(item.threat.also_acceptable ?? []),
      stanceLabel: non[0] ?? '',
      targets: item.threat.targets,
    });
  }
  return out;
}

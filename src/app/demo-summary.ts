import type { ImportSummary } from '../collect/importer.js';
import type { SearchResult } from './search.service.js';
import type { StoredItem } from '../store/item.repository.js';
import type { SourceRecord } from '../store/source.repository.js';
import type { ThreatOverviewRow } from '../store/analysis.repository.js';
import type { LiveDemoFacts } from './demo-live.js';

/** What the demo summary shows. */
export interface DemoFacts {
  home: string;
  summary: ImportSummary;
  sources: SourceRecord[];
  counts: Array<{ sourceId: string; language: string | null; items: number }>;
  newest: StoredItem[];
  searches: Array<{ query: string; results: SearchResult[] }>;
  webUrl: string | null;
  /** What the starter registry added. */
  registry?: { actors: number; aliases: number; designations: number };
  /** Registry actors named in the imported items, most mentioned first. */
  mentioned?: Array<{ canonical: string; mentions: number }>;
  /** The highest threat assessments: threats first, then posts that report or quote one. */
  threats?: ThreatOverviewRow[];
  /** Events: every report of one happening, with its first item. */
  events?: Array<{ id: string; title: string; members: number; sources: number; languages: string[]; first: string | null; why: string | null }>;
  /** The live-collection part of the demo. */
  live?: LiveDemoFacts;
}

function liveLines(l: LiveDemoFacts): string[] {
  return [
    '',
    '## Live collection and evidence (a local stand-in for t.me)',
    '',
    `The demo runs offline, so Rasad served a synthetic channel's web preview itself at ${l.platformUrl} and watched \`${l.source}\` like any channel (in real use the collector reads https://t.me; \`RASAD_TELEGRAM_WEB_URL\` says where).`,
    '',
    `- First pass: ${l.first.items} new posts, ${l.first.captures} capture(s), each kept by SHA-256, as WARC records in \`evidence/warc/\` and in the hash-chained custody log before it was parsed.`,
    `- Second pass: ${l.second.items} new post(s), ${l.second.edits} edit(s) kept as a new version (the original text is never changed).`,
    `- \`${l.vanished.key}\` was deleted on the platform: after one check it was ${l.vanished.afterFirstCheck}, after a second consistent check ${l.vanished.afterSecondCheck} (the web UI's Vanished view lists it).`,
    `- Evidence bundle of \`${l.bundle.item}\`: ${l.bundle.captures} capture(s), ${l.bundle.files} files in \`${l.bundle.dir}\`; \`rasad evidence verify\` says ${l.bundle.ok ? `OK (${l.bundle.warcRecords} WARC records)` : `FAILED: ${l.bundle.problems.join('; ')}`}.`,
    `- Custody log: ${l.custody.entries} entries, chain ${l.custody.ok ? 'intact' : 'BROKEN'} (\`rasad evidence log\`).`,
  ];
}

const labelsOf = (categories: unknown[]): string =>
  categories
    .map((c) => (typeof c === 'object' && c !== null && 'label' in c ? String(c.label) : ''))
    .filter(Boolean)
    .join(', ');

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The Markdown summary `rasad demo` prints: items per source and language, newest posts, searches. */
export function demoSummaryMarkdown(f: DemoFacts): string {
  const languages = [...new Set(f.counts.map((c) => c.language ?? 'und'))].sort();
  const lines: string[] = [];
  lines.push('# Rasad demo', '');
  lines.push(`Home: \`${f.home}\``, '');
  lines.push(`Imported ${f.summary.imported} items from ${f.summary.files.filter((x) => x.status === 'ok').length} files (${f.summary.duplicates} duplicates, ${f.summary.failed} failed).`, '');
  lines.push('## Items per source and language', '');
  lines.push(`| source | ${languages.join(' | ')} | total |`, `|---|${languages.map(() => '---:').join('|')}|---:|`);
  const kindOf = new Map(f.sources.map((s) => [s.id, s.kind]));
  const kinds = [...new Set(f.sources.map((s) => s.kind))].sort();
  for (const kind of kinds) {
    const rows = f.counts.filter((c) => kindOf.get(c.sourceId) === kind);
    const perLang = languages.map((l) => rows.filter((c) => (c.language ?? 'und') === l).reduce((n, c) => n + c.items, 0));
    const sources = f.sources.filter((s) => s.kind === kind);
    const names = sources.map((s) => s.title ?? s.handle).slice(0, 3).join(', ');
    const label = `${kind} (${sources.length} source${sources.length === 1 ? '' : 's'}: ${names}${sources.length > 3 ? ', …' : ''})`;
    lines.push(`| ${cell(label)} | ${perLang.map((n) => (n ? String(n) : '')).join(' | ')} | ${perLang.reduce((a, b) => a + b, 0)} |`);
  }
  lines.push('', '## Newest posts', '');
  for (const i of f.newest) {
    const text = cell(i.title ? `${i.title} — ${i.text}` : i.text);
    lines.push(`- ${i.publishedAt ?? 'undated'} · \`${i.key}\` · ${i.language ?? '?'} · ${text.length > 110 ? `${text.slice(0, 110)}…` : text}`);
  }
  if (f.registry) {
    lines.push('', '## Actor registry', '');
    lines.push(`Starter registry loaded: ${f.registry.actors} actors, ${f.registry.aliases} aliases, ${f.registry.designations} designations (add the OFAC, UN and EU lists with \`rasad actors import\`).`);
    if (f.mentioned && f.mentioned.length > 0) {
      lines.push('', `Mentioned in the posts (any script, any spelling): ${f.mentioned.map((m) => `${m.canonical} (${m.mentions})`).join(', ')}.`);
      lines.push('Try `rasad actors resolve "Abu Ali al Askary"` or `rasad actors resolve "كتائب حزب الله"`.');
    }
  }
  if (f.threats && f.threats.length > 0) {
    lines.push('', '## Threat assessment', '');
    const own = f.threats.filter((t) => t.isThreat);
    const others = f.threats.filter((t) => !t.isThreat);
    lines.push(`${own.length} post(s) threaten, offer support, claim or glorify in their own voice; ${others.length} report, quote, counter or deny one (not flagged):`, '');
    for (const t of f.threats) {
      const what = t.isThreat ? labelsOf(t.categories) : `${t.stance} of ${labelsOf(t.reported)}`;
      lines.push(`- \`${t.key}\` · ${t.score} ${t.severity} · ${what}`);
    }
    lines.push('', `Every score shows its spans and rules: \`rasad threat show ${f.threats[0]?.key ?? '<key>'}\`.`);
  }
  if (f.events && f.events.length > 0) {
    lines.push('', '## Events: one happening, every report of it', '');
    for (const e of f.events) {
      lines.push(`- \`${e.id}\` · ${e.members} items from ${e.sources} independent source(s) in ${e.languages.join(', ') || '—'} · ${cell(e.title)}`);
      if (e.first) lines.push(`  - first: \`${e.first}\` — ${cell(e.why ?? '')}`);
    }
    lines.push('', `The timeline, with each member's relation and why: \`rasad events show ${f.events[0]?.id ?? '<id>'}\`.`);
  }
  if (f.live) lines.push(...liveLines(f.live));
  lines.push('', '## Search in any script', '');
  for (const s of f.searches) {
    lines.push(`- \`rasad search "${s.query}"\` → ${s.results.length} result(s)${s.results[0] ? `, best: \`${s.results[0].item.key}\`` : ''}`);
  }
  lines.push('');
  lines.push(f.webUrl ? `Web UI: ${f.webUrl}` : `Web UI: run \`npx rasad serve --home ${f.home}\` (or \`npx rasad demo --serve\`), then open http://127.0.0.1:8787/`);
  lines.push('');
  return lines.join('\n');
}

import type { ImportSummary } from '../collect/importer.js';
import type { SearchResult } from './search.service.js';
import type { StoredItem } from '../store/item.repository.js';
import type { SourceRecord } from '../store/source.repository.js';

/** What the demo summary shows. */
export interface DemoFacts {
  home: string;
  summary: ImportSummary;
  sources: SourceRecord[];
  counts: Array<{ sourceId: string; language: string | null; items: number }>;
  newest: StoredItem[];
  searches: Array<{ query: string; results: SearchResult[] }>;
  webUrl: string | null;
}

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
  for (const s of f.sources) {
    const row = languages.map((l) => String(f.counts.find((c) => c.sourceId === s.id && (c.language ?? 'und') === l)?.items ?? ''));
    lines.push(`| ${cell(`${s.kind}: ${s.title ?? s.handle}`)} | ${row.join(' | ')} | ${s.items} |`);
  }
  lines.push('', '## Newest posts', '');
  for (const i of f.newest) {
    const text = cell(i.title ? `${i.title} — ${i.text}` : i.text);
    lines.push(`- ${i.publishedAt ?? 'undated'} · \`${i.key}\` · ${i.language ?? '?'} · ${text.length > 110 ? `${text.slice(0, 110)}…` : text}`);
  }
  lines.push('', '## Search in any script', '');
  for (const s of f.searches) {
    lines.push(`- \`rasad search "${s.query}"\` → ${s.results.length} result(s)${s.results[0] ? `, best: \`${s.results[0].item.key}\`` : ''}`);
  }
  lines.push('');
  lines.push(f.webUrl ? `Web UI: ${f.webUrl}` : `Web UI: run \`npx rasad serve --home ${f.home}\` (or \`npx rasad demo --serve\`), then open http://127.0.0.1:8787/`);
  lines.push('');
  return lines.join('\n');
}

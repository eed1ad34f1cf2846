import type { ReactNode } from 'react';
import { evidenceTitle, type EvidenceMark } from './threat-view.js';

/**
 * `run` (which starts at `start` in the item text) with the threat evidence inside it marked.
 * Marks are inline and carry no `dir`, so the text's bidi is unchanged; the title names the rule
 * of each mark and the English gloss of Arabic-script evidence.
 */
export function evidenceRuns(run: string, start: number, marks: readonly EvidenceMark[]): ReactNode {
  const end = start + run.length;
  const parts: ReactNode[] = [];
  let cut = start;
  for (const m of marks) {
    if (m.end <= cut || m.start >= end) continue;
    if (m.start > cut) parts.push(run.slice(cut - start, m.start - start));
    const stop = Math.min(m.end, end);
    const reportedOnly = m.notes.every((n) => n.reported);
    parts.push(
      <mark
        key={`${m.start}:${cut}`}
        className={'threat-evidence' + (reportedOnly ? ' is-reported' : '')}
        data-testid="threat-evidence"
        data-rule={m.notes[0]?.rule}
        data-category={m.notes[0]?.label}
        title={evidenceTitle(m.notes)}
      >
        {run.slice(Math.max(m.start, cut) - start, stop - start)}
      </mark>,
    );
    cut = stop;
  }
  if (parts.length === 0) return run;
  if (cut < end) parts.push(run.slice(cut - start));
  return parts;
}

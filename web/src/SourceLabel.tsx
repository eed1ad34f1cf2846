import type { SourceRef } from './api.js';
import { sourceKindLabel, sourceLabel, withAt } from './text.js';

interface Props {
  source: SourceRef;
}

/** Source kind tag plus title (or handle); the handle is in the tooltip. */
export function SourceLabel({ source }: Props) {
  const kind = sourceKindLabel(source.kind);
  const name = sourceLabel(source);
  return (
    <span className="source" title={`${kind.name} source ${source.handle ? withAt(source.handle) : ''} (${source.id})`}>
      <abbr className={`source-kind source-kind-${source.kind}`} title={kind.name}>
        {kind.short}
      </abbr>
      <bdi className="source-name">{name || 'unknown source'}</bdi>
    </span>
  );
}

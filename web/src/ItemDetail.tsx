import { useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { errorMessage, fetchItem, isAbortError } from './api.js';
import type { ItemView } from './api.js';
import { formatScore } from './ActorMentions.js';
import { ActorLink } from './ActorNav.js';
import { EvidencePanel } from './EvidencePanel.js';
import { ItemText } from './ItemText.js';
import { KindBadges } from './KindBadges.js';
import { LanguageBadge } from './LanguageBadge.js';
import { LinkList } from './LinkList.js';
import { MediaList } from './MediaList.js';
import { PersonName } from './PersonName.js';
import { SourceLabel } from './SourceLabel.js';
import { ThreatPanel } from './ThreatPanel.js';
import { evidenceMarks } from './threat-view.js';
import { formatCount, formatUtc, personLabel, plural, safeHttpUrl, sourceKindLabel, textDirection, textProps, withAt } from './text.js';

interface Props {
  itemKey: string;
  /** The item as already loaded in the list, shown while the fresh copy loads. */
  initial: ItemView | undefined;
  hrefFor: (key: string) => string;
  onOpen: (key: string) => void;
  onClose: () => void;
}

type State = { status: 'loading' } | { status: 'ready'; item: ItemView } | { status: 'error'; message: string };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Empty() {
  return <span className="muted">—</span>;
}

function Time({ iso }: { iso: string | null }) {
  if (!iso) return <Empty />;
  return (
    <>
      <time dateTime={iso}>{formatUtc(iso, true)}</time> <code className="muted">{iso}</code>
    </>
  );
}

/** Side panel (modal dialog) with every field of one item, its metrics and the raw JSON. */
export function ItemDetail({ itemKey, initial, hrefFor, onOpen, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [copied, setCopied] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const closing = useRef(false);

  // Esc, the Close button and a backdrop click all end here; only the first one counts.
  const requestClose = () => {
    if (closing.current) return;
    closing.current = true;
    onClose();
  };

  const opener = useRef<HTMLElement | null>(null);

  // Open as a modal (focus moves in, the page behind is inert). The panel is closed by removing
  // it, so hand focus back to whatever opened it.
  useEffect(() => {
    const el = dialog.current;
    opener.current ??= document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (el && !el.open) el.showModal();
    return () => {
      const back = opener.current;
      if (back?.isConnected) back.focus();
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    setCopied(false);
    fetchItem(itemKey, controller.signal).then(
      (item) => setState({ status: 'ready', item }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [itemKey, attempt]);

  const item = state.status === 'ready' ? state.item : initial;
  const evidence = useMemo(() => (item ? evidenceMarks(item.text, item.threat) : []), [item]);

  const related = (key: string | null) => {
    if (!key) return <Empty />;
    const open = (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      onOpen(key);
    };
    return (
      <a href={hrefFor(key)} onClick={open} title="Open this item (if it is in the archive)">
        <code>{key}</code>
      </a>
    );
  };

  const copyKey = () => {
    navigator.clipboard.writeText(itemKey).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <dialog
      ref={dialog}
      className="detail"
      aria-labelledby="detail-heading"
      onClose={requestClose}
      onCancel={(event) => {
        // Esc: close through the route, so the URL and history stay in step.
        event.preventDefault();
        requestClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (event.target === event.currentTarget) requestClose();
      }}
    >
      <div className="detail-inner">
        <header className="detail-head">
          <h2 id="detail-heading">Item details</h2>
          <button type="button" className="btn" onClick={requestClose} autoFocus>
            Close <kbd>Esc</kbd>
          </button>
        </header>

        <div className="detail-key">
          <code>{itemKey}</code>
          <button type="button" className="btn btn-small" onClick={copyKey}>
            {copied ? 'Copied' : 'Copy key'}
          </button>
        </div>

        {state.status === 'loading' && (
          <p className="status" role="status">
            Loading item…
          </p>
        )}
        {state.status === 'error' && (
          <div className="error" role="alert">
            <strong>Could not load this item.</strong> {state.message}{' '}
            <button type="button" className="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
              Retry
            </button>
          </div>
        )}

        {item && (
          <>
            <div className="detail-summary">
              <SourceLabel source={item.source} />
              <KindBadges item={item} />
              <LanguageBadge language={item.language} confidence={item.language_confidence} script={item.script} />
            </div>
            {item.title && (
              <h3 className="card-title" {...textProps(item.language, item.script)}>
                {item.title}
              </h3>
            )}
            <ItemText item={item} lines={0} testId="detail-text" full evidence={evidence} />
            <MediaList media={item.media} />
            {state.status === 'ready' && <ThreatPanel key={item.key} item={item} />}
            {state.status === 'ready' && <EvidencePanel key={`evidence:${item.key}`} item={item} />}

            <dl className="fields">
              <Field label="Key">
                <code>{item.key}</code>
              </Field>
              <Field label="ID">{item.id ? <code>{item.id}</code> : <Empty />}</Field>
              <Field label="Platform">{item.platform || <Empty />}</Field>
              <Field label="Kind">{item.kind}</Field>
              <Field label="Source">
                {sourceKindLabel(item.source.kind).name} · <bdi>{item.source.title ?? '(no title)'}</bdi> ·{' '}
                <bdi>{item.source.handle ? withAt(item.source.handle) : '(no handle)'}</bdi> · <code>{item.source.id}</code>
              </Field>
              <Field label="Author">{item.author ? <PersonName person={item.author} /> : <Empty />}</Field>
              <Field label="Published">
                <Time iso={item.published_at} />
              </Field>
              <Field label="Edited">
                <Time iso={item.edited_at} />
              </Field>
              <Field label="Collected">
                <Time iso={item.collected_at} />
              </Field>
              <Field label="Capture">{item.capture_id ? <code>{item.capture_id}</code> : <Empty />}</Field>
              <Field label="Language">
                {item.language ?? <Empty />}
                {item.language_confidence !== null && (
                  <span className="muted"> (confidence {item.language_confidence.toFixed(3)})</span>
                )}
              </Field>
              <Field label="Translation">
                {item.translation ? (
                  <span data-testid="detail-translation-provenance">
                    {item.translation.source_lang || '?'} → {item.translation.target_lang || '?'} · engine{' '}
                    <code>{item.translation.engine}</code> · model{' '}
                    {item.translation.model ? <code>{item.translation.model}</code> : <span className="muted">(none)</span>} ·{' '}
                    <Time iso={item.translation.created_at || null} />
                  </span>
                ) : (
                  <span className="muted">None (no translation engine configured, or not translated yet)</span>
                )}
              </Field>
              <Field label="Mentions">
                {item.mentions.length > 0 ? (
                  <ul className="plain-list" data-testid="detail-mentions">
                    {[...item.mentions]
                      .sort((x, y) => x.start - y.start)
                      .map((m) => (
                        <li key={`${m.actor_id}:${m.start}`}>
                          <ActorLink id={m.actor_id}>
                            <bdi>{m.canonical}</bdi>
                          </ActorLink>{' '}
                          · “<bdi>{m.matched || item.text.slice(m.start, m.end)}</bdi>” · score {formatScore(m.score)} ·{' '}
                          <span className="muted">
                            {m.start}–{m.end}
                          </span>
                        </li>
                      ))}
                  </ul>
                ) : (
                  <Empty />
                )}
              </Field>
              <Field label="Glossed terms">
                {item.glosses.length > 0 ? plural(item.glosses.length, 'occurrence', 'occurrences') : <Empty />}
              </Field>
              <Field label="Script">{item.script ?? <Empty />}</Field>
              <Field label="Direction">{textDirection(item.language, item.script)}</Field>
              <Field label="Original URL">
                {safeHttpUrl(item.url) ? (
                  <a href={safeHttpUrl(item.url) ?? undefined} target="_blank" rel="noreferrer noopener" referrerPolicy="no-referrer" dir="ltr">
                    {item.url}
                  </a>
                ) : item.url ? (
                  <code>{item.url}</code>
                ) : (
                  <Empty />
                )}
              </Field>
              <Field label="Forwarded from">
                {item.forwarded_from ? (
                  <>
                    {personLabel(item.forwarded_from) ? <PersonName person={item.forwarded_from} /> : '(unnamed)'}
                    {item.forwarded_from.published_at && <> · {formatUtc(item.forwarded_from.published_at)}</>}
                    {item.forwarded_from.key && <> · {related(item.forwarded_from.key)}</>}
                  </>
                ) : (
                  <Empty />
                )}
              </Field>
              <Field label="Reply to">{related(item.reply_to)}</Field>
              <Field label="Quotes">{related(item.quotes)}</Field>
              <Field label="Reposts">{related(item.reposts)}</Field>
              <Field label="Hashtags">
                {item.hashtags.length > 0 ? (
                  <span className="hashtags">
                    {item.hashtags.map((t, i) => (
                      <bdi key={`${i}:${t}`} className="hashtag">
                        #{t.replace(/^#/, '')}
                      </bdi>
                    ))}
                  </span>
                ) : (
                  <Empty />
                )}
              </Field>
              <Field label="Links">{item.links.length > 0 ? <LinkList links={item.links} /> : <Empty />}</Field>
              <Field label="Media">
                {item.media.length > 0 ? (
                  <ul className="plain-list">
                    {item.media.map((m, i) => (
                      <li key={i}>
                        <strong>{m.type}</strong>
                        {m.fileName && (
                          <>
                            {' '}
                            · <code>{m.fileName}</code>
                          </>
                        )}
                        {m.mimeType && <> · {m.mimeType}</>}
                        {m.width && m.height ? <> · {`${m.width}×${m.height}`}</> : null}
                        {m.missing && (
                          <span className="warn">
                            {' '}
                            · not included in export{typeof m.missing === 'string' ? ` (${m.missing})` : ''}
                          </span>
                        )}
                        {m.url && (
                          <>
                            {' '}
                            · <code>{m.url}</code>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Empty />
                )}
              </Field>
              <Field label="Metrics">
                {Object.keys(item.metrics).length > 0 ? (
                  <table className="metrics">
                    <tbody>
                      {Object.entries(item.metrics).map(([name, value]) => (
                        <tr key={name}>
                          <th scope="row">{name}</th>
                          <td>{formatCount(value)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : (
                  <Empty />
                )}
              </Field>
            </dl>

            <details className="raw">
              <summary>Raw JSON</summary>
              <pre dir="ltr">{JSON.stringify(item.raw, null, 2)}</pre>
            </details>
          </>
        )}
      </div>
    </dialog>
  );
}

import { useId } from 'react';
import type { ItemView, TranslationView } from './api.js';
import { MentionList } from './ActorMentions.js';
import { ClampedText } from './ClampedText.js';
import { GlossaryList } from './Gloss.js';
import { formatUtcCompact, languageDirection, langAttribute } from './text.js';
import type { EvidenceMark } from './threat-view.js';

interface Props {
  item: ItemView;
  /** Clamp each column to about this many lines (0 = never). */
  lines: number;
  /** Test id of the original text element (`item-text`, `detail-text`). */
  testId: string;
  /** Detail panel: glossary one term per line. */
  full?: boolean;
  /** Threat evidence to mark in the original (the detail panel). */
  evidence?: EvidenceMark[];
}

function code(language: string | null | undefined): string | null {
  if (!language || language === 'und') return null;
  return language.toUpperCase();
}

/** `openai-compatible mock-mt-1, 13 Jan 2021 10:00 UTC` */
export function provenanceLine(t: TranslationView): string {
  const who = t.model ? `${t.engine} ${t.model}` : t.engine;
  const when = formatUtcCompact(t.created_at);
  return when ? `${who}, ${when}` : who;
}

/**
 * An item's text: the original alone, or the original and its machine translation side by side
 * (stacked on narrow screens), original first in reading order; then the actors mentioned and
 * the glossary of key terms.
 */
export function ItemText({ item, lines, testId, full = false, evidence }: Props) {
  const t = item.translation;
  const originalId = useId();
  const translationId = useId();

  const original = (
    <ClampedText
      text={item.text}
      language={item.language}
      script={item.script}
      lines={lines}
      testId={testId}
      glosses={item.glosses}
      mentions={item.mentions}
      {...(evidence ? { evidence } : {})}
    />
  );
  const glossary = (
    <>
      <MentionList mentions={item.mentions} />
      <GlossaryList
        glosses={item.glosses}
        text={item.text}
        language={item.language}
        script={item.script}
        translated={t !== null}
        full={full}
      />
    </>
  );

  if (t === null) {
    return (
      <>
        {original}
        {glossary}
      </>
    );
  }

  const sourceCode = code(item.language) ?? code(t.source_lang);
  const targetCode = code(t.target_lang);
  const targetLang = langAttribute(t.target_lang) ?? null;

  return (
    <>
      <div className="bilingual" data-testid="bilingual">
        <div className="text-col text-col-original" role="group" aria-labelledby={originalId}>
          <p className="text-col-label" id={originalId} title="The text as published">
            Original{sourceCode ? ` · ${sourceCode}` : ''}
          </p>
          {original}
        </div>
        <div className="text-col text-col-translation" role="group" aria-labelledby={translationId}>
          <p
            className="text-col-label"
            id={translationId}
            title={`Machine translation${sourceCode ? ' from ' + sourceCode : ''}${targetCode ? ' to ' + targetCode : ''}`}
          >
            Translation{targetCode ? ` · ${targetCode}` : ''}
            <span className="provenance-sep"> — </span>
            <small className="provenance" data-testid="translation-provenance" title={t.created_at || undefined}>
              {provenanceLine(t)}
            </small>
          </p>
          <ClampedText
            text={t.text}
            language={targetLang}
            script={null}
            dir={languageDirection(t.target_lang)}
            lines={lines}
            testId="translation-text"
            className="translation-text"
          />
        </div>
      </div>
      {glossary}
    </>
  );
}

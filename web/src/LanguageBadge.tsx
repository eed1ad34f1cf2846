import { textDirection } from './text.js';

interface Props {
  language: string | null;
  confidence: number | null;
  script?: string | null;
}

/** The detected language, upper-case; confidence and script in the tooltip. */
export function LanguageBadge({ language, confidence, script = null }: Props) {
  const undetermined = language === null || language === '' || language === 'und';
  const label = language ? language.toUpperCase() : '—';
  const parts: string[] = [];
  if (language === null || language === '') parts.push('Language not detected');
  else if (language === 'und') parts.push('Language undetermined (und)');
  else parts.push(`Language: ${language}`);
  if (confidence !== null) {
    parts.push(confidence <= 1 ? `confidence ${(confidence * 100).toFixed(1)}%` : `confidence ${confidence}`);
  }
  if (script) parts.push(`script ${script}`);
  if (textDirection(language, script) === 'rtl') parts.push('right-to-left');
  const title = parts.join(' · ');
  return (
    <span
      className={'badge lang-badge' + (undetermined ? ' lang-und' : '')}
      data-testid="lang-badge"
      title={title}
    >
      {label}
    </span>
  );
}

import { useState } from 'react';

interface Props {
  src: string;
  label: string;
  width: number | null;
  height: number | null;
}

/**
 * An image from monitored content, blurred (24px) until the analyst asks to see it, and hidden
 * again on request. Never sends a Referer.
 */
export function SensitiveImage({ src, label, width, height }: Props) {
  const [revealed, setRevealed] = useState(false);
  const [failed, setFailed] = useState(false);

  if (failed) {
    return <span className="media-failed">Image could not be loaded ({label})</span>;
  }

  const ratio = width && height ? `${width} / ${height}` : undefined;
  const img = (
    <img
      className={'media-img' + (revealed ? ' revealed' : '')}
      src={src}
      alt={revealed ? label : ''}
      referrerPolicy="no-referrer"
      loading="lazy"
      decoding="async"
      draggable={false}
      style={ratio ? { aspectRatio: ratio } : undefined}
      onError={() => setFailed(true)}
    />
  );

  if (!revealed) {
    return (
      <button
        type="button"
        className="media-frame media-hidden"
        onClick={() => setRevealed(true)}
        aria-label={`Sensitive media — click to reveal (${label})`}
      >
        {img}
        <span className="media-veil" aria-hidden="true">
          <span className="media-veil-text">Sensitive media — click to reveal</span>
        </span>
      </button>
    );
  }

  return (
    <span className="media-frame">
      {img}
      <button type="button" className="btn btn-small media-hide" onClick={() => setRevealed(false)}>
        Hide
      </button>
    </span>
  );
}

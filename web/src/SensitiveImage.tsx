import { useState } from 'react';

interface Props {
  src: string;
  /** Hosted elsewhere (platform CDN, the actor's site): not fetched until the analyst asks. */
  external: boolean;
  host: string;
  label: string;
  width: number | null;
  height: number | null;
}

/**
 * An image from monitored content, blurred (24px) until the analyst asks to see it, and hidden
 * again on request. Never sends a Referer. An image on another host is not requested at all
 * until the analyst clicks "load": fetching it would tell that host (a platform CDN or the
 * actor's own server) that someone is looking.
 */
export function SensitiveImage({ src, external, host, label, width, height }: Props) {
  const [load, setLoad] = useState(!external);
  const [revealed, setRevealed] = useState(false);
  const [failed, setFailed] = useState(false);

  if (!load) {
    return (
      <button
        type="button"
        className="media-frame media-hidden media-external"
        onClick={() => setLoad(true)}
        title={src}
        aria-label={`External image on ${host} (${label}) — click to load it blurred`}
      >
        <span className="media-veil media-veil-static" aria-hidden="true">
          <span className="media-veil-text">
            External image on <bdi>{host}</bdi>
            <br />
            Click to load (blurred)
          </span>
        </span>
      </button>
    );
  }

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
        autoFocus={external}
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

import type { MediaView } from './api.js';
import { SensitiveImage } from './SensitiveImage.js';
import { isImageMedia, mediaSource, safeHttpUrl } from './text.js';

interface Props {
  media: MediaView[];
}

function describe(m: MediaView): string {
  const parts = [m.type];
  if (m.width && m.height) parts.push(`${m.width}×${m.height}`);
  return parts.join(' ');
}

/** One chip per attachment; images (when a URL exists) behind a blur, external ones not even fetched until asked. */
export function MediaList({ media }: Props) {
  if (media.length === 0) return null;
  return (
    <div className="media">
      <ul className="chips" aria-label="Media">
        {media.map((m, i) => {
          const external = safeHttpUrl(m.url);
          const title = [m.fileName, m.mimeType, typeof m.missing === 'string' ? m.missing : null]
            .filter((v): v is string => Boolean(v))
            .join(' · ');
          return (
            <li key={i} className={'chip media-chip' + (m.missing ? ' chip-missing' : '')} title={title || undefined}>
              <span className="media-type">{describe(m)}</span>
              {m.missing && <span className="media-missing"> — not included in export</span>}
              {!m.missing && external && !isImageMedia(m.type, m.mimeType, m.url) && (
                <>
                  {' '}
                  <a href={external} target="_blank" rel="noreferrer noopener" referrerPolicy="no-referrer">
                    open ↗
                  </a>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <div className="media-images">
        {media.map((m, i) => {
          const source = mediaSource(m.url);
          if (!source || !isImageMedia(m.type, m.mimeType, m.url)) return null;
          return (
            <SensitiveImage
              key={i}
              src={source.src}
              external={source.external}
              host={source.host}
              label={m.fileName ?? m.type}
              width={m.width}
              height={m.height}
            />
          );
        })}
      </div>
    </div>
  );
}

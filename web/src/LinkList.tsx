import { safeHttpUrl } from './text.js';

interface Props {
  links: string[];
}

function display(url: string): string {
  try {
    const u = new URL(url);
    const rest = decodeURI(u.pathname + u.search).replace(/\/$/, '');
    const shown = u.hostname.replace(/^www\./, '') + rest;
    return shown.length > 80 ? shown.slice(0, 77) + '…' : shown;
  } catch {
    return url;
  }
}

/** Links found in the item. Only http(s) URLs are clickable; they open without a Referer. */
export function LinkList({ links }: Props) {
  if (links.length === 0) return null;
  return (
    <ul className="links" aria-label="Links">
      {links.map((link, i) => {
        const href = safeHttpUrl(link);
        return (
          <li key={`${i}:${link}`}>
            {href ? (
              <a href={href} target="_blank" rel="noreferrer noopener" referrerPolicy="no-referrer" title={link} dir="ltr">
                {display(href)}
              </a>
            ) : (
              <span title={link} dir="ltr">
                {link}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

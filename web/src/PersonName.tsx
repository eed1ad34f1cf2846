import { withAt } from './text.js';

interface Props {
  person: { name: string | null; handle: string | null };
}

/**
 * A display name and @handle, each isolated so an Arabic name next to a Latin handle keeps its
 * own direction (no "(handle@)" bidi scrambling).
 */
export function PersonName({ person }: Props) {
  const handle = person.handle ? withAt(person.handle) : null;
  return (
    <>
      {person.name && <bdi className="person-name">{person.name}</bdi>}
      {person.name && handle && ' '}
      {handle && (
        <bdi className="person-handle" dir="ltr">
          {handle}
        </bdi>
      )}
    </>
  );
}

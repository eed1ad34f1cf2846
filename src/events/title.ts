// An event's title: the first item's headline (feeds and pages have one), else its translation's
// or its own first substantial line, cut at a word boundary.

const MAX = 120;
const MIN_WORDS = 4;
const INVOCATION = /^\s*(بسم|باسمه|بسمه|به نام خدا|بنام خدا|in the name of god|in the name of allah)/iu;

function firstLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l.length > 0);
  // an invocation ("بسمه تعالى", "بسم الله الرحمن الرحيم"), a short dateline or a hashtag row is not a title
  const real = lines.find((l) => !INVOCATION.test(l) && l.replace(/[#@]\S+/g, '').trim().split(' ').length >= MIN_WORDS);
  return real ?? lines[0] ?? '';
}

function cut(s: string): string {
  if (s.length <= MAX) return s;
  const head = s.slice(0, MAX);
  const space = head.lastIndexOf(' ');
  return `${(space > MAX / 2 ? head.slice(0, space) : head).replace(/[\s,;:،]+$/, '')}…`;
}

/** The title of an event from its first item. */
export function eventTitle(first: { title: string | null; text: string; translation: string | null }): string {
  if (first.title && first.title.trim().length > 0) return cut(first.title.trim());
  const source = first.translation && first.translation.trim().length > 0 ? first.translation : first.text;
  return cut(firstLine(source.replace(/^\s*RT\s+@\w+:\s*/, ''))) || '(untitled)';
}

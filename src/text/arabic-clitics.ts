// Arabic-script proclitics (the conjunctions و and ف, the article ال, the prepositions ب، ل، ك):
// the readings of a word without them, for matching words however they are attached.

function isArabicScript(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/**
 * Readings of an Arabic-script word without its proclitics, longest first: وبالسلاح → بالسلاح,
 * السلاح, سلاح. Only strips when at least three letters remain, so short function words stay.
 */
export function cliticVariants(word: string): string[] {
  if (!isArabicScript(word) || word.length < 4) return [word];
  const out = [word];
  const add = (w: string): void => {
    if (w.length >= 3 && !out.includes(w)) out.push(w);
  };
  const bases = [word];
  if ((word[0] === 'و' || word[0] === 'ف') && word.length >= 4) bases.push(word.slice(1));
  for (const b of bases) {
    add(b);
    if (b.startsWith('بال') || b.startsWith('كال') || b.startsWith('فال')) {
      add(`ال${b.slice(3)}`);
      add(b.slice(3));
    } else if (b.startsWith('لل')) {
      add(`ال${b.slice(2)}`);
      add(b.slice(2));
    } else if (b.startsWith('ال')) add(b.slice(2));
    else if ((b[0] === 'ب' || b[0] === 'ل') && b.length >= 4) add(b.slice(1));
  }
  return out;
}

/** The shortest reading of each word of a folded text (والتدريب لحركات → تدريب حركات). */
export function withoutClitics(text: string): string {
  return text
    .split(' ')
    .map((w) => cliticVariants(w).at(-1) ?? w)
    .join(' ');
}

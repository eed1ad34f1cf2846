/** One line of a text file with its 1-based number. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Lines of a text, lazily, without the `\n`/`\r\n` terminator. Slicing one line at a time instead
 * of `split` keeps memory flat on files with hundreds of thousands of lines.
 */
export function* eachLine(text: string, startLine = 1): Generator<NumberedLine> {
  let line = startLine;
  let from = 0;
  while (from < text.length) {
    let end = text.indexOf('\n', from);
    if (end === -1) end = text.length;
    const stop = end > from && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    yield { text: text.slice(from, stop), line };
    from = end + 1;
    line++;
  }
}

/**
 * An error line that fits the terminal: a long list of the names it knows (`known: a b c ...`) is
 * cut to what fits and says how many more there are and where they are listed. The rest of the line
 * (the place, the message) is never cut: a file name or argument is the user's to see whole, so a
 * line without such a list may still pass the width.
 */
export function fitErrorLine(line: string, width: number): string {
  if (line.length <= width) return line;
  const at = line.lastIndexOf('known: ');
  if (at < 0) return line;
  const head = line.slice(0, at + 'known: '.length);
  const names = line
    .slice(head.length)
    .split(' ')
    .filter((n) => n !== '');
  for (let keep = names.length - 1; keep >= 1; keep--) {
    const text = `${head}${names.slice(0, keep).join(' ')} +${names.length - keep} (tifcheck list)`;
    if (text.length <= width) return text;
  }
  return `${head}see tifcheck list`;
}

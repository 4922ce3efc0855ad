/**
 * Lines fitted to the terminal: a longer line breaks at a space, or inside a list of flags after
 * a `|`, and goes on indented under its start (a step's notes under the step). A command to copy
 * (`npx tifcheck ...`, a `fix: --edit '...'`) breaks only between its arguments, with a shell's
 * ` \` at the end of each line, so that it still runs when pasted; an argument longer than the
 * line stays whole.
 */
export function fitLines(lines: readonly string[], width: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= width) {
      out.push(line);
      continue;
    }
    if (/^\s*(npx tifcheck |fix: --edit )/.test(line)) {
      out.push(...commandLines(line, width));
      continue;
    }
    const lead = /^\S{0,2}\s*/.exec(line)?.[0].length ?? 0;
    // A step's own line goes on under its IRQs column, clear of the notes below it.
    const irqs = /^.{2} *\d+ \S+ +IRQs /.test(line) ? line.indexOf('IRQs') : -1;
    const indent = ' '.repeat(irqs > 0 && irqs <= width / 2 ? irqs : Math.min(lead + 2, 12));
    // Pieces with what joins each to the one before: the spaces between them, or nothing after a `|`.
    const parts = line.slice(lead).split(/( +)/);
    const pieces = parts.flatMap((part, i) =>
      i % 2 === 1
        ? []
        : part.split(/(?<=\|)/).map((t, j) => ({ t, join: j === 0 ? (parts[i - 1] ?? '') : '' })),
    );
    let cur = line.slice(0, lead);
    let fresh = true;
    for (const { t, join } of pieces) {
      if (t === '') continue;
      const next = fresh ? `${cur}${t}` : `${cur}${join}${t}`;
      if (!fresh && next.length > width) {
        out.push(cur);
        // A piece too long for the step's column starts nearer the margin.
        const near = ' '.repeat(Math.min(lead + 2, 12));
        cur = `${indent.length + t.length > width ? near : indent}${t}`;
      } else cur = next;
      fresh = false;
    }
    out.push(cur);
  }
  return out;
}

/** A command broken between its arguments (never inside quotes), each line but the last ending in ` \`. */
function commandLines(line: string, width: number): string[] {
  const lead = /^\s*/.exec(line)?.[0] ?? '';
  const words = line.slice(lead.length).match(/(?:'[^']*'|[^\s'])+/g) ?? [];
  // An option stays with its value: `--edit 'X'`, `--path P`.
  const args: string[] = [];
  for (const w of words) {
    const last = args.at(-1);
    if (last !== undefined && /^--\S+$/.test(last) && !w.startsWith('--'))
      args[args.length - 1] = `${last} ${w}`;
    else args.push(w);
  }
  const indent = `${lead}    `;
  const out: string[] = [];
  let cur = lead;
  for (const a of args) {
    const next = cur.trim() === '' ? `${cur}${a}` : `${cur} ${a}`;
    // A break helps only where the argument then fits its own line.
    if (cur.trim() !== '' && next.length + 2 > width && indent.length + a.length + 2 <= width) {
      out.push(`${cur} \\`);
      cur = `${indent}${a}`;
    } else cur = next;
  }
  out.push(cur);
  return out;
}

import { fail, type Where } from '../errors.js';

/**
 * One line as the preprocessor sees it: backslash-newlines spliced, comments replaced by a space.
 * `whereAt(i)` gives the original line and column of character i.
 */
export interface LogicalLine {
  readonly text: string;
  readonly whereAt: (i: number) => Where;
}

/**
 * Translation phases 2 and 3 of C on a header text: splice continued lines, then replace each
 * comment by one space (a block comment may join lines, as in C). String and character literals
 * end at the end of a line, so a stray apostrophe in skipped code cannot swallow the file.
 */
export function logicalLines(source: string, file: string): LogicalLine[] {
  // A lone CR ends a line too (old Mac files): one character for one, so offsets stay right.
  const text = source.replace(/\r(?!\n)/g, '\n');
  conflictMarkers(text, file);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const whereOfOffset = (offset: number): Where => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { kind: 'file', file, line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };

  // Phase 2: the spliced characters, each with its original offset.
  const chars: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') {
      const skip = text.startsWith('\r\n', i + 1) ? 3 : text.charAt(i + 1) === '\n' ? 2 : 0;
      if (skip > 0) {
        i += skip - 1;
        continue;
      }
    }
    if (c === '\r' && text.charAt(i + 1) === '\n') continue;
    chars.push(c);
    origin.push(i);
  }

  // Phase 3: comments out, split at the newlines that remain.
  const lines: LogicalLine[] = [];
  let buf = '';
  let map: number[] = [];
  const endLine = (): void => {
    const m = map;
    const fallback = m.length > 0 ? (m[m.length - 1] ?? 0) : 0;
    lines.push({ text: buf, whereAt: (i) => whereOfOffset(m[i] ?? fallback) });
    buf = '';
    map = [];
  };
  let quote: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const o = origin[i] ?? 0;
    if (c === '\n') {
      quote = undefined;
      endLine();
      continue;
    }
    if (quote !== undefined) {
      buf += c;
      map.push(o);
      if (c === '\\' && i + 1 < chars.length && chars[i + 1] !== '\n') {
        buf += chars[++i];
        map.push(origin[i] ?? o);
      } else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '/' && chars[i + 1] === '*') {
      const start = o;
      let j = i + 2;
      while (j < chars.length && !(chars[j] === '*' && chars[j + 1] === '/')) j++;
      if (j >= chars.length) fail('unterminated-comment', 'comment is never closed', whereOfOffset(start));
      buf += ' ';
      map.push(start);
      i = j + 1;
      continue;
    }
    if (c === '/' && chars[i + 1] === '/') {
      while (i + 1 < chars.length && chars[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    buf += c;
    map.push(o);
  }
  endLine();
  return lines;
}

/**
 * A merge conflict left in the file is an error at its first marker: read as C, the markers are
 * skipped code and the second side would be taken without a word.
 */
function conflictMarkers(text: string, file: string): void {
  const m = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)/m.exec(text);
  if (m === null) return;
  const line = text.slice(0, m.index).split('\n').length;
  fail('bad-directive', `merge conflict marker ${m[1]}: resolve the conflict first`, {
    kind: 'file',
    file,
    line,
    column: 1,
  });
}

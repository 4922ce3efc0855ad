/**
 * Where a JSON text first goes wrong, for an error line that names the place (JSON.parse's own
 * messages differ between Node versions and do not always carry a position).
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const fail = (message: string): never => {
    throw { offset: i, message };
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail(`unexpected ${describe(text.charAt(i))}`);
    i += word.length;
  };
  const string = () => {
    i++;
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charAt(i) === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      i++;
    }
    if (i >= text.length) fail('string is never closed');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (m === null) fail(`unexpected ${describe(text.charAt(i))}`);
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nested too deeply');
    ws();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (c === '{') {
          if (text.charAt(i) !== '"') fail(`expected a quoted key, found ${describe(text.charAt(i))}`);
          string();
          ws();
          if (text.charAt(i) !== ':') fail(`expected ':', found ${describe(text.charAt(i))}`);
          i++;
        }
        value(depth + 1);
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === close) {
          i++;
          return;
        }
        fail(`expected ',' or '${close}', found ${describe(text.charAt(i))}`);
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(text.charAt(i))} after the value`);
    return undefined;
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; message: string };
    throw e;
  }
}

function describe(c: string): string {
  return c === '' ? 'the end of the file' : `'${c}'`;
}

/**
 * An error line with its control characters shown, not sent: a NUL, an ESC (a terminal escape
 * sequence), a CR or a newline from a file or an argument would otherwise reach the terminal.
 */
export function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 10 ? '\\n' : code === 13 ? '\\r' : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}

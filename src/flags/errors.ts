/**
 * Typed input errors and the Result shape used by every function that reads untrusted input
 * (header text, edits, expressions, command-line values). The CLI turns an InputError into one
 * line and exit status 2; nothing below the CLI prints or exits.
 */

/** Where a piece of bad input sits: a place in a file, or a command-line argument. */
export type Where =
  | { readonly kind: 'file'; readonly file: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'argument'; readonly argument: string; readonly column?: number };

export type InputErrorCode =
  | 'unreadable-file'
  | 'unwritable-file'
  | 'unterminated-comment'
  | 'unterminated-conditional'
  | 'unbalanced-conditional'
  | 'bad-directive'
  | 'bad-condition'
  | 'active-error-directive'
  | 'syntax'
  | 'unsupported'
  | 'undefined-name'
  | 'bit-out-of-range'
  | 'duplicate-bit'
  | 'duplicate-name'
  | 'redefinition'
  | 'cycle'
  | 'constant-out-of-range'
  | 'word-mismatch'
  | 'unknown-mask'
  | 'unknown-flag'
  | 'unknown-kernel'
  | 'unknown-property'
  | 'unknown-path'
  | 'no-masks'
  | 'bad-edit'
  | 'bad-argument'
  | 'bad-report'
  | 'bad-property';

export interface InputError {
  readonly kind: 'input-error';
  readonly code: InputErrorCode;
  readonly message: string;
  readonly where?: Where;
}

export type Result<T, E = InputError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export function inputError(code: InputErrorCode, message: string, where?: Where): InputError {
  return where === undefined
    ? { kind: 'input-error', code, message }
    : { kind: 'input-error', code, message, where };
}

/**
 * Thrown only inside a parser or reader to unwind to its public entry point, which catches it and
 * returns it as a Result. Never escapes the flags layer's public functions.
 */
export class InputErrorSignal extends Error {
  constructor(readonly error: InputError) {
    super(error.message);
  }
}

export function fail(code: InputErrorCode, message: string, where?: Where): never {
  throw new InputErrorSignal(inputError(code, message, where));
}

/** Runs a throwing reader and turns its signal into a Result; any other exception is a bug and propagates. */
export function capture<T>(body: () => T): Result<T> {
  try {
    return ok(body());
  } catch (e) {
    if (e instanceof InputErrorSignal) return err(e.error);
    throw e;
  }
}

/** For built-in data that must be valid: a failure here is a bug in tifcheck, not bad input. */
export function unwrap<T>(result: Result<T>, what: string): T {
  if (result.ok) return result.value;
  throw new Error(`built-in ${what} is invalid: ${formatInputError(result.error)}`);
}

export function formatWhere(where: Where): string {
  if (where.kind === 'argument') {
    const col = where.column === undefined ? '' : ` (column ${where.column})`;
    return `argument '${where.argument}'${col}`;
  }
  let s = where.file;
  if (where.line !== undefined) s += `:${where.line}`;
  if (where.line !== undefined && where.column !== undefined) s += `:${where.column}`;
  return s;
}

/** The one line the CLI prints for bad input. */
export function formatInputError(e: InputError): string {
  return e.where === undefined ? e.message : `${formatWhere(e.where)}: ${e.message}`;
}

import { formatInputError, type InputError, type Result } from '../flags/errors.js';

/**
 * What the library throws for bad input (an unknown kernel, a malformed header, an edit naming no
 * mask): the message the command line would print, and the structured error behind it.
 */
export class TifcheckError extends Error {
  override readonly name = 'TifcheckError';
  constructor(readonly error: InputError) {
    super(formatInputError(error));
  }
}

/** The value, or a TifcheckError: a library call either answers or says what was wrong. */
export function orThrow<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new TifcheckError(r.error);
}

import type { Where } from '../errors.js';
import type { Span } from './directive.js';

/** A macro as the header leaves it defined. */
export interface Macro {
  readonly name: string;
  /** Present for a function-like macro. */
  readonly params?: readonly string[];
  readonly body: Span;
  readonly where: Where;
}

export type Macros = ReadonlyMap<string, Macro>;

import { fail, formatWhere, type Where } from '../errors.js';
import { type Directive, readDirective } from './directive.js';
import { evaluateInteger } from './integerExpr.js';
import type { LogicalLine } from './logicalLines.js';
import type { Macro, Macros } from './macros.js';

/** What the reader assumes is defined, name to value text. */
export type Configuration = ReadonlyMap<string, string>;

export interface Preprocessed {
  /** The macros defined at the end of the file, in the order they were (last) defined. */
  readonly macros: Macros;
  /** Files the header includes; their definitions are not seen. */
  readonly includes: readonly string[];
}

interface Frame {
  readonly where: Where;
  readonly parentActive: boolean;
  active: boolean;
  taken: boolean;
  sawElse: boolean;
}

const CONFIG_WHERE: Where = { kind: 'file', file: '<configuration>' };

/**
 * Runs the conditional directives of a header under one configuration and collects the macros it
 * leaves defined. C code outside directives is skipped, not parsed.
 */
export function preprocess(lines: readonly LogicalLine[], config: Configuration): Preprocessed {
  const macros = new Map<string, Macro>();
  for (const [name, value] of config) {
    macros.set(name, { name, body: { text: value, whereAt: () => CONFIG_WHERE }, where: CONFIG_WHERE });
  }
  const includes: string[] = [];
  const stack: Frame[] = [];
  const active = (): boolean => stack.every((f) => f.active);

  const test = (d: Directive): boolean => {
    switch (d.kind) {
      case 'if':
      case 'elif':
        return evaluateInteger(d.condition, macros, 'zero') !== 0n;
      case 'ifdef':
      case 'elifdef':
        return macros.has(d.name);
      case 'ifndef':
      case 'elifndef':
        return !macros.has(d.name);
      default:
        return false;
    }
  };

  for (const line of lines) {
    const d = readDirective(line);
    if (d === undefined) continue;
    const top = stack[stack.length - 1];
    switch (d.kind) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const parentActive = active();
        const on = parentActive && test(d);
        stack.push({ where: d.where, parentActive, active: on, taken: on, sawElse: false });
        break;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        if (top === undefined) fail('unbalanced-conditional', `#${d.kind} without #if`, d.where);
        if (top.sawElse) fail('unbalanced-conditional', `#${d.kind} after #else`, d.where);
        // A skipped group's #elif is not evaluated, as in C.
        const on = top.parentActive && !top.taken && test(d);
        top.active = on;
        top.taken ||= on;
        break;
      }
      case 'else':
        if (top === undefined) fail('unbalanced-conditional', '#else without #if', d.where);
        if (top.sawElse) fail('unbalanced-conditional', 'second #else for one #if', d.where);
        top.sawElse = true;
        top.active = top.parentActive && !top.taken;
        top.taken = true;
        break;
      case 'endif':
        if (top === undefined) fail('unbalanced-conditional', '#endif without #if', d.where);
        stack.pop();
        break;
      default:
        if (active()) applyActive(d);
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined)
    fail('unterminated-conditional', 'this conditional is never closed by #endif', open.where);
  return { macros, includes };

  function applyActive(d: Directive): void {
    switch (d.kind) {
      case 'define': {
        // As a C compiler warns: a second definition must say the same, or it is an error that
        // names both places (the reader would otherwise take the last one without a word).
        const before = macros.get(d.name);
        if (before !== undefined && before.where !== CONFIG_WHERE && !sameMacro(before, d))
          fail(
            'redefinition',
            `${d.name} is defined again with a different value; first defined at ${formatWhere(before.where)}`,
            d.where,
          );
        macros.delete(d.name);
        macros.set(
          d.name,
          d.params === undefined
            ? { name: d.name, body: d.body, where: d.where }
            : { name: d.name, params: d.params, body: d.body, where: d.where },
        );
        return;
      }
      case 'undef':
        macros.delete(d.name);
        return;
      case 'error':
        fail('active-error-directive', `#error is active for x86-64: ${d.message}`, d.where);
        return;
      case 'malformed':
        fail('bad-directive', d.message, d.where);
        return;
      case 'other':
        if (d.name === 'include' || d.name === 'include_next') includes.push(d.rest);
        return;
      default:
        return;
    }
  }
}

/** Two definitions of one macro that say the same, spacing aside (C's rule for a redefinition). */
function sameMacro(
  a: Macro,
  b: { readonly params?: readonly string[]; readonly body: { readonly text: string } },
): boolean {
  const norm = (t: string): string => t.replace(/\s+/g, ' ').trim();
  return norm(a.body.text) === norm(b.body.text) && (a.params ?? []).join(',') === (b.params ?? []).join(',');
}

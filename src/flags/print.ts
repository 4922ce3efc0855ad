import type { Expr } from './expr.js';
import { WORDS } from './words.js';

const UNARY = 1;

/** C text for an expression, spelled as the kernel spells it; it parses back to an equal value. */
export function printExpr(e: Expr): string {
  return go(e, 0);

  function go(x: Expr, context: number): string {
    switch (x.kind) {
      case 'const':
        return x.value > 9 ? `0x${x.value.toString(16).toUpperCase().padStart(8, '0')}` : String(x.value);
      case 'flag':
        return `${WORDS[x.word].valuePrefix}${x.name}`;
      case 'bit':
        return `${WORDS[x.word].bitPrefix}${x.name}`;
      case 'ref':
        return x.name;
      case 'not':
        return `~${go(x.arg, UNARY)}`;
      case 'binary': {
        // Chains of one associative operator stay flat; any other nesting gets parentheses, as a
        // kernel developer would write it (`(0x0000FFFF & ~_TIF_SECCOMP) | ...`).
        const side = (y: Expr): string =>
          y.kind === 'binary' && (y.op !== x.op || x.op === '<<') ? `(${go(y, 0)})` : go(y, 0);
        const text = `${side(x.left)} ${x.op} ${side(x.right)}`;
        return context > 0 ? `(${text})` : text;
      }
    }
  }
}

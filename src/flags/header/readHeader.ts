import { capture, fail, type Result, type Where } from '../errors.js';
import type { Expr } from '../expr.js';
import { type FlagTable, makeFlagTable } from '../flagTable.js';
import { evaluateMasks, type MaskDef, type MaskSet } from '../maskSet.js';
import { type Meaning, parseExpr, type Scope } from '../resolve.js';
import { evaluateInteger } from './integerExpr.js';
import { type LogicalLine, logicalLines } from './logicalLines.js';
import type { Macro } from './macros.js';
import { type Configuration, preprocess } from './preprocess.js';

/** What a real `thread_info.h` says, as the x86-64 build sees it. */
export interface HeaderModel {
  readonly file: string;
  readonly tables: { readonly flags: FlagTable };
  /** Every `_TIF_*` macro that is not simply one flag's `1 << TIF_X`, in definition order. */
  readonly masks: MaskSet;
  readonly values: ReadonlyMap<string, number>;
  readonly flagWhere: ReadonlyMap<string, Where>;
  /** Things the reader could not see, said rather than guessed. */
  readonly notes: readonly string[];
}

/**
 * The x86-64 configuration: 64-bit defined, 32-bit not, inside the kernel. `__ASSEMBLY__` (spelled
 * `__ASSEMBLER__` from 6.16) is read both ways; see `readHeader`.
 */
export const X86_64: Configuration = new Map([
  ['__KERNEL__', '1'],
  ['CONFIG_X86_64', '1'],
  ['CONFIG_64BIT', '1'],
  ['__x86_64__', '1'],
  ['__LP64__', '1'],
  // 7.1's interrupt-side exit mask (irq-entry-common.h): def_bool y on x86-64 with high-resolution
  // timers, as the built-in v7.1 models it.
  ['CONFIG_HRTIMER_REARM_DEFERRED', '1'],
]);

const ASSEMBLY: Configuration = new Map([...X86_64, ['__ASSEMBLY__', '1'], ['__ASSEMBLER__', '1']]);

const FLAG_BIT = /^TIF_[A-Za-z0-9_]+$/;
const FLAG_VALUE = /^_TIF_[A-Za-z0-9_]+$/;

/**
 * Reads the flags and masks of a header text. The text is preprocessed twice, with and without
 * `__ASSEMBLY__`; a name defined in only one pass is taken from it, and a flag or mask defined
 * differently in the two is an error. Nothing is ever evaluated by a JavaScript engine.
 */
export function readHeader(text: string, file: string): Result<HeaderModel> {
  return readHeaderFiles({ text, file });
}

/** A file of a kernel tree, as `readHeaderFiles` reads it. */
export interface HeaderFile {
  readonly text: string;
  readonly file: string;
}

/**
 * What a kernel tree's headers say together. `main` is arch/x86/include/asm/thread_info.h; an
 * `#include` of one of `included` (by the name the directive writes, `asm-generic/...`) is read in
 * its place, as cpp would, so that its definitions see the macros defined before it; `after` are
 * read after it (the entry code's headers), and from them only the masks named by `extraMasks`
 * are taken (`EXIT_TO_USER_MODE_WORK`, ...), with the flags and masks they name.
 */
export function readHeaderFiles(
  main: HeaderFile,
  tree: {
    readonly included?: ReadonlyMap<string, HeaderFile>;
    readonly after?: readonly HeaderFile[];
    readonly extraMasks?: (name: string) => boolean;
  } = {},
): Result<HeaderModel> {
  const file = main.file;
  return capture(() => {
    const lines = [
      ...withIncludes(logicalLines(main.text, main.file), tree.included ?? new Map()),
      ...(tree.after ?? []).flatMap((f) => logicalLines(f.text, f.file)),
    ];
    const inC = preprocess(lines, X86_64);
    const inAsm = preprocess(lines, ASSEMBLY);
    const merged = mergePasses(inC.macros, inAsm.macros);
    const objectMacro = (name: string): Macro | undefined => {
      const m = merged.get(name);
      if (m !== undefined && 'conflict' in m) {
        fail('bad-directive', `${name} is defined differently with and without __ASSEMBLY__`, m.conflict);
      }
      return m !== undefined && m.params === undefined ? m : undefined;
    };

    const flags = readFlags(
      [...merged.keys()].filter((n) => FLAG_BIT.test(n)).flatMap((n) => objectMacro(n) ?? []),
      merged,
    );
    const table = flags.table;
    const functionMacro = (n: string) => {
      const m = merged.get(n);
      return m !== undefined && !('conflict' in m) && m.params !== undefined
        ? { params: m.params, body: m.body.text, where: m.where }
        : undefined;
    };
    const bitScope: Scope = {
      functionMacro,
      lookup: (n) =>
        FLAG_BIT.test(n) && table.bitOf.has(n.slice(4))
          ? { kind: 'bit', word: 'flags', name: n.slice(4) }
          : undefined,
    };
    const isFlagValue = (m: Macro): boolean => {
      const name = m.name.slice(5);
      if (!table.bitOf.has(name) || m.body.text.trim() === '') return false;
      const e = capture(() => parseExpr(m.body, bitScope));
      return e.ok && isSingleBit(e.value, name);
    };

    const maskMacros = [...merged.keys()]
      .filter((n) => FLAG_VALUE.test(n) || tree.extraMasks?.(n) === true)
      .flatMap((n) => objectMacro(n) ?? [])
      .filter((m) => !isFlagValue(m));
    const maskNames = new Set(maskMacros.map((m) => m.name));
    const scope: Scope = {
      functionMacro,
      lookup(n): Meaning | undefined {
        if (FLAG_BIT.test(n) && table.bitOf.has(n.slice(4)))
          return { kind: 'bit', word: 'flags', name: n.slice(4) };
        if (maskNames.has(n)) return { kind: 'mask', name: n };
        if (FLAG_VALUE.test(n) && table.bitOf.has(n.slice(5)) && objectMacro(n) !== undefined) {
          return { kind: 'flag', word: 'flags', name: n.slice(5) };
        }
        const m = objectMacro(n);
        return m === undefined ? undefined : { kind: 'macro', name: n, source: m.body };
      },
    };

    const masks = new Map<string, MaskDef>();
    for (const m of maskMacros) {
      if (m.body.text.trim() === '') fail('syntax', `${m.name} is defined empty`, m.where);
      const expr = parseExpr(m.body, scope);
      masks.set(m.name, { name: m.name, word: 'flags', expr, where: m.where });
    }
    if (masks.size === 0) fail('no-masks', 'the header defines no _TIF_ masks', { kind: 'file', file });
    const values = evaluateMasks(masks, { flags: table });
    if (!values.ok) fail(values.error.code, values.error.message, values.error.where);

    const notes = [...new Set([...inC.includes, ...inAsm.includes])]
      .filter((inc) => /thread_info/i.test(inc))
      .map(
        (inc) =>
          `the header includes ${inc}; tifcheck reads one file, so flags or masks defined there are not seen`,
      );
    return { file, tables: { flags: table }, masks, values: values.value, flagWhere: flags.where, notes };
  });
}

/** The logical lines of a file, each `#include` of a file we have replaced by that file's lines. */
function withIncludes(
  lines: readonly LogicalLine[],
  included: ReadonlyMap<string, HeaderFile>,
  depth = 0,
): LogicalLine[] {
  if (included.size === 0 || depth > 8) return [...lines];
  return lines.flatMap((line) => {
    const m = /^\s*#\s*include\s*[<"]([^>"]+)[>"]/.exec(line.text);
    const f = m?.[1] === undefined ? undefined : included.get(m[1]);
    return f === undefined ? [line] : withIncludes(logicalLines(f.text, f.file), included, depth + 1);
  });
}

/** A name the two passes define differently; an error only if a flag or mask needs it. */
interface Conflict {
  readonly conflict: Where;
}

function mergePasses(
  a: ReadonlyMap<string, Macro>,
  b: ReadonlyMap<string, Macro>,
): Map<string, Macro | Conflict> {
  const out = new Map<string, Macro | Conflict>();
  for (const [name, m] of a) out.set(name, m);
  for (const [name, m] of b) {
    const other = a.get(name);
    if (other === undefined) out.set(name, m);
    else if (!sameDefinition(other, m)) out.set(name, { conflict: other.where });
  }
  // Definition order in the file, whichever pass a name came from.
  const place = (x: Macro | Conflict): [number, number] => {
    const w = 'conflict' in x ? x.conflict : x.where;
    return w.kind === 'file' ? [w.line ?? 0, w.column ?? 0] : [0, 0];
  };
  return new Map(
    [...out].sort(([, x], [, y]) => {
      const [lx, cx] = place(x);
      const [ly, cy] = place(y);
      return lx - ly || cx - cy;
    }),
  );
}

function sameDefinition(x: Macro, y: Macro): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return norm(x.body.text) === norm(y.body.text) && (x.params ?? []).join(',') === (y.params ?? []).join(',');
}

function readFlags(
  bitMacros: readonly Macro[],
  all: ReadonlyMap<string, Macro | Conflict>,
): { table: FlagTable; where: Map<string, Where> } {
  const macros = new Map<string, Macro>();
  for (const [n, m] of all) if (!('conflict' in m)) macros.set(n, m);
  const where = new Map<string, Where>();
  const entries = bitMacros
    .filter((m) => m.body.text.trim() !== '')
    .map((m) => {
      where.set(m.name.slice(4), m.where);
      const v = evaluateInteger(m.body, macros, 'error');
      if (v < 0n || v > 31n)
        fail('bit-out-of-range', `${m.name} is bit ${v}; a flag's bit must be 0..31`, m.where);
      return { name: m.name, bit: Number(v) };
    });
  const table = makeFlagTable('flags', entries, (raw) => where.get(raw.slice(4)));
  if (!table.ok) fail(table.error.code, table.error.message, table.error.where);
  return { table: table.value, where };
}

function isSingleBit(e: Expr, name: string): boolean {
  return (
    e.kind === 'binary' &&
    e.op === '<<' &&
    e.left.kind === 'const' &&
    e.left.value === 1 &&
    e.right.kind === 'bit' &&
    e.right.name === name
  );
}

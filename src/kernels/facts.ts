import { decompose } from '../flags/decompose.js';
import { printExpr } from '../flags/print.js';
import type { WordId } from '../flags/words.js';
import type { Cite } from './cite.js';
import type { Kernel } from './kernel.js';

/**
 * What a fact is about:
 * - `bits`: a flag word's bit numbers;
 * - `mask`: a mask's expression, hence its value;
 * - `flow`: a decision a path makes or a handler's effect (a test, the order of calls, who clears
 *   a flag): the control flow the machines follow for this kernel;
 * - `environment`: what the model assumes of the rest of the kernel (which flags are modes, which
 *   are work, who else sets what, and when).
 */
export type FactKind = 'bits' | 'mask' | 'flow' | 'environment';

export interface Fact {
  readonly kind: FactKind;
  /** What the fact is about: `ti->flags`, `_TIF_WORK_MASK`, `exitPaths`, `setter signal_wake_up`. */
  readonly name: string;
  /** The fact itself, where it is a value: bit numbers, a mask's expression and value. */
  readonly value?: string;
  readonly cite: Cite;
}

/**
 * The behaviour cites that are about the kernel's surroundings rather than its control flow; every
 * other cite of a behaviour or a syscall entry is `flow`.
 */
const ENVIRONMENT: ReadonlySet<string> = new Set(['sticky', 'returnWork', 'neverSet', 'auditSyscall']);

/** Every fact the model uses for a kernel, with where it was read, in a stable order. */
export function kernelFacts(k: Kernel): Fact[] {
  const out: Fact[] = [];
  for (const [word, table] of Object.entries(k.tables) as [WordId, NonNullable<Kernel['tables'][WordId]>][]) {
    const cite = k.wordCites[word];
    if (cite === undefined) continue;
    out.push({
      kind: 'bits',
      name: word === 'flags' ? 'ti->flags' : 'ti->syscall_work',
      value: table.flags.map((f) => `${f.name}=${f.bit}`).join(' '),
      cite,
    });
  }
  for (const [name, def] of k.masks) {
    const info = k.maskInfo.get(name);
    const value = k.values.get(name) ?? 0;
    const table = k.tables[def.word];
    const named = table === undefined ? '' : ` (${decompose(value, table).flags.join('|') || '0'})`;
    if (info === undefined) continue;
    out.push({
      kind: 'mask',
      name,
      value: `${printExpr(def.expr)} = 0x${value.toString(16).padStart(8, '0')}${named}`,
      cite: info.cite,
    });
  }
  for (const [name, cite] of Object.entries(k.behaviour.cites))
    out.push({ kind: ENVIRONMENT.has(name) ? 'environment' : 'flow', name, cite });
  for (const [name, cite] of Object.entries(k.behaviour.syscallEntry?.cites ?? {}))
    out.push({ kind: 'flow', name: `syscall entry: ${name}`, cite });
  for (const s of k.behaviour.setters)
    out.push({ kind: 'environment', name: `setter ${s.id}`, value: s.what, cite: s.cite });
  if (k.cite !== undefined) out.push({ kind: 'flow', name: `derived from ${k.parent ?? '?'}`, cite: k.cite });
  return out;
}

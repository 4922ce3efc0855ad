/** The properties implemented so far (DESIGN.md); an id is never reused for another statement. */
export const PROPERTY_IDS = [
  'exit-terminates',
  'exit-work-delivered',
  'exit-final-check-irqs-off',
  'exit-trace-once',
  'exit-full-frame',
  'mask-dead-bits',
  'entry-work-once',
  'audit-balanced',
  'ptregs-full-frame',
  'two-phase-equivalent',
  'sysret-safe',
  'exit-work-after-entry',
  'flag-operand',
  'rseq-exit-atomic',
  'slice-grant-defers-resched',
] as const;

export type PropertyId = (typeof PROPERTY_IDS)[number];

export function isPropertyId(s: string): s is PropertyId {
  return (PROPERTY_IDS as readonly string[]).includes(s);
}

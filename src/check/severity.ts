import type { PropertyId } from './propertyId.js';

/**
 * How serious a violation is, by what the property speaks of:
 * - `bug`: the kernel hangs, crashes, loses work or returns to user mode wrongly;
 * - `divergence`: it behaves differently from a reference design (the single-phase entry);
 * - `lint`: the masks are untidy in a way that does no harm today.
 */
export const SEVERITIES = ['bug', 'divergence', 'lint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY: Readonly<Record<PropertyId, Severity>> = {
  'exit-terminates': 'bug',
  'exit-work-delivered': 'bug',
  'exit-final-check-irqs-off': 'bug',
  'exit-trace-once': 'bug',
  'exit-full-frame': 'bug',
  'mask-dead-bits': 'lint',
  'entry-work-once': 'bug',
  'audit-balanced': 'bug',
  'ptregs-full-frame': 'bug',
  'two-phase-equivalent': 'divergence',
  'sysret-safe': 'bug',
  'exit-work-after-entry': 'bug',
  'flag-operand': 'lint',
  'rseq-exit-atomic': 'bug',
  'slice-grant-defers-resched': 'bug',
};

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** Whether a violation of `id` reaches the threshold (`--fail-on`): bug is the most serious. */
export function reaches(id: PropertyId, threshold: Severity): boolean {
  return reachesSeverity(SEVERITY[id], threshold);
}

/** The same for a class itself (a user's property carries its own). */
export function reachesSeverity(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

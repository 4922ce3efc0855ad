/**
 * Where a fact about a kernel comes from. Every flag table, mask and handler effect carries one, and
 * says how sure it is: read in a kernel file of that version, recalled from kernel history, inferred
 * from files that were read, or reproduced from a seed thread.
 */
export type Evidence = 'source' | 'recollection' | 'inference' | 'seed';

export interface Cite {
  /** Version and file, or seed file, plus a few words where needed. */
  readonly ref: string;
  readonly evidence: Evidence;
}

export const readIn = (ref: string): Cite => ({ ref, evidence: 'source' });
export const recalled = (ref: string): Cite => ({ ref, evidence: 'recollection' });
export const inferred = (ref: string): Cite => ({ ref, evidence: 'inference' });
export const fromSeed = (ref: string): Cite => ({ ref, evidence: 'seed' });

const MARK: Record<Evidence, string> = {
  source: 'read in source',
  recollection: 'recollection, unverified',
  inference: 'inference',
  seed: 'from a seed thread',
};

export function formatCite(c: Cite): string {
  return `${c.ref} [${MARK[c.evidence]}]`;
}

import { seedsNamed } from './seeds.js';
import { TREES, type TreeId, treeRef } from './trees.js';

/**
 * Where a fact about a kernel comes from. Every flag table, mask and handler effect carries one, and
 * says how sure it is: read in a kernel file (`readAt`: which tree, which file), recalled from
 * kernel history, inferred from files that were read, or reproduced from a seed thread.
 */
export type Evidence = 'source' | 'recollection' | 'inference' | 'seed';

export interface Cite {
  /** What the fact is and what was read, in a few words. */
  readonly ref: string;
  readonly evidence: Evidence;
  /** A fact read in a kernel tree: which tree, and the file's path in it. */
  readonly at?: { readonly tree: TreeId; readonly path: string };
}

/** Read in a tree of trees.ts, in the file at `path`. */
export const readAt = (tree: TreeId, path: string, ref: string): Cite => ({
  ref,
  evidence: 'source',
  at: { tree, path },
});
/** Read in source, but not said where: for the model's own general facts (the Intel SDM, say). */
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

/** `ref [read in repo@commit:path]`, or the evidence's word where no tree is named. */
export function formatCite(c: Cite): string {
  if (c.at === undefined) return `${seedsNamed(c.ref)} [${MARK[c.evidence]}]`;
  return `${seedsNamed(c.ref)} [read in ${TREES[c.at.tree].release}, ${treeRef(c.at.tree)}:${c.at.path}]`;
}

/**
 * A fact read in one tree, used for a state whose own file could not be read: an inference, which
 * says where it was read and why it stands for this state.
 */
export function takenFrom(c: Cite, why: string): Cite {
  if (c.at === undefined) return c;
  return inferred(`${TREES[c.at.tree].release}'s ${c.at.path}, ${why}: ${c.ref}`);
}

import { describe, expect, it } from 'vitest';
import { formatCite } from './cite.js';
import { kernelFacts } from './facts.js';
import { KERNEL_IDS } from './kernelId.js';
import { getKernel } from './registry.js';
import { TREES } from './trees.js';

/**
 * Issue 16's rule: an id `vX.Y` or `vX.Y-rcN` is that tag, so every fact the model uses for it about
 * the code (bit numbers, mask values, the decisions its paths make) is read in that release's own
 * tree, or inferred with the reason said; never recalled, and never read in another release's tree.
 * The environment (who else sets what) may rest on kernel-facts.md: it is not the kernel's code.
 */
const RELEASE_ID = /^v(\d+\.\d+(?:-rc\d+)?)$/;
const releaseOf = (id: string): string | undefined => RELEASE_ID.exec(id)?.[1];

/** 3.14.1 stands for 3.14, 4.4.1 for 4.4: a stable tree of the release, with its entry code. */
const sameRelease = (tree: string, release: string): boolean =>
  tree === release || (!release.includes('-rc') && tree.startsWith(`${release}.`));

describe('provenance of the release-named kernels', () => {
  const released = KERNEL_IDS.filter((id) => releaseOf(id) !== undefined);

  it('should name eleven or more releases', () => {
    expect(released.length).toBeGreaterThanOrEqual(11);
  });

  for (const id of released) {
    it(`should read every bit, mask and flow fact of ${id} in ${id}'s own tree, or say it was inferred`, () => {
      const release = releaseOf(id) ?? '';
      const bad = kernelFacts(getKernel(id))
        .filter((f) => f.kind !== 'environment')
        .filter((f) => {
          const c = f.cite;
          if (c.evidence === 'inference' || c.evidence === 'seed') return false;
          if (c.evidence === 'recollection') return true;
          return c.at === undefined || !sameRelease(TREES[c.at.tree].release, release);
        })
        .map((f) => `${f.kind} ${f.name}: ${formatCite(f.cite)}`);
      expect(bad).toEqual([]);
    });
  }

  it('should let a commit-named state cite the commit and the release it was built on', () => {
    const facts = kernelFacts(getKernel('v4.3-pre-c5c46f59e4e7'));
    const loop = facts.find((f) => f.name === 'EXIT_TO_USERMODE_LOOP_FLAGS');
    expect(loop?.cite.at?.tree).toBe('torvalds-c5c46f59e4e7');
    expect(facts.some((f) => f.cite.at?.tree === 'linux-4.3')).toBe(true);
  });
});

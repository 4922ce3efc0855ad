import { describe, expect, it } from 'vitest';
import { getKernel } from '../kernels/registry.js';
import { MODEL_TWINS, modelDifferences } from './modelTwins.js';

describe('model twins', () => {
  for (const [id, twin] of Object.entries(MODEL_TWINS)) {
    it(`should find ${id}'s model to be ${twin}'s up to citations and bit numbers`, () => {
      expect(modelDifferences(getKernel(id as never), getKernel(twin))).toEqual([]);
    });
  }

  it('should tell apart kernels whose flow or masks differ', () => {
    expect(modelDifferences(getKernel('v6.19'), getKernel('v6.18'))).toEqual(
      expect.arrayContaining(['behaviour', 'flag names', 'masks']),
    );
    expect(modelDifferences(getKernel('v5.11'), getKernel('v6.14'))).toContain('behaviour');
  });
});

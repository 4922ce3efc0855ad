import { describe, expect, it } from 'vitest';
import { seedsNamed } from './seeds.js';

/** Output names a seed by its thread, which a reader can find; the file names open nowhere. */
describe('seedsNamed', () => {
  it('should turn a seed file into its thread, and name a numbered seed once', () => {
    expect(seedsNamed('003_22c8ab191e039a08.txt: the solitary UPROBE')).toBe(
      'LKML "[RFC] de-asmify the x86-64 system call slowpath" (Jan 2014): the solitary UPROBE',
    );
    expect(seedsNamed("Seed 002's boot failure, as seed 002 says")).toBe(
      'Seed 002\'s (LKML "[PATCH 07/12] x86/entry/64: Always run ptregs-using syscalls on the slow path" (Dec 2015)) boot failure, as seed 002 says',
    );
    expect(seedsNamed('seed 009 is not one')).toBe('seed 009 is not one');
  });
});

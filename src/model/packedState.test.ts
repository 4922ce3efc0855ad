import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { getKernel } from '../kernels/registry.js';
import { makeContext } from './context.js';
import { contextOfKernel } from './fromKernel.js';
import { hashWords, packState, STATE_WORDS, sameWords, unpackState } from './packedState.js';
import { applySetter, applySetterToWords } from './pending.js';
import { type ModelState, stateHash, stateKey } from './state.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const bits = (n: number) => fc.integer({ min: 0, max: 2 ** n - 1 });

/** Any state the packed form can hold, with labels of the real machines. */
const anyState: fc.Arbitrary<ModelState> = fc.record({
  label: fc.constantFrom('int_with_check', 'exit_to_user_mode_loop', 'sysret_check', 'do_syscall_64'),
  flags: u32,
  syscallWork: u32,
  mask: u32,
  work: u32,
  irqs: fc.boolean(),
  fullFrame: fc.boolean(),
  topOfStack: fc.boolean(),
  regsChanged: fc.boolean(),
  regs: bits(12),
  auditInSyscall: fc.boolean(),
  lastReadIrqsOff: fc.boolean(),
  owed: bits(3),
  done: bits(6),
  sampled: fc.boolean(),
  kind: bits(3),
  seccomp: bits(3),
  nrSkip: fc.boolean(),
  fastPath: fc.boolean(),
  entrySkipped: fc.boolean(),
  sliceGranted: fc.boolean(),
  entry: bits(14),
  entryFlags: u32,
  entryEvents: u32,
});

const packed = (s: ModelState): Int32Array => {
  const w = new Int32Array(STATE_WORDS);
  packState(s, w, 0);
  return w;
};

describe('packState', () => {
  test.prop([anyState])('should unpack to the state it packed', (s) => {
    expect(unpackState(packed(s), 0)).toEqual(s);
  });

  test.prop([anyState, anyState])(
    'should give equal words, keys and hashes exactly to equal states',
    (a, b) => {
      const same = JSON.stringify(a) === JSON.stringify(b);
      expect(sameWords(packed(a), 0, packed(b), 0)).toBe(same);
      expect(stateKey(a) === stateKey(b)).toBe(same);
      if (same) expect(stateHash(a)).toBe(stateHash(b));
      expect(stateHash(a)).toBe(hashWords(packed(a), 0));
    },
  );

  it('should refuse a field that outgrows its bits rather than alias another state', () => {
    const s = unpackState(new Int32Array(STATE_WORDS), 0);
    expect(() => packed({ ...s, regs: 1 << 12 })).toThrow(/does not fit/);
    expect(() => packed({ ...s, entry: 1 << 14 })).toThrow(/does not fit/);
  });
});

describe('applySetterToWords', () => {
  // Every setter of a kernel with both words (ti->flags and syscall_work) and one without.
  for (const id of ['v3.13', 'v6.14'] as const) {
    const ctx = makeContext(contextOfKernel(getKernel(id)).input);
    test.prop([anyState, fc.constantFrom(...ctx.setters)])(
      `should do what applySetter does, on ${id}'s setters`,
      (s, cs) => {
        const w = packed(s);
        applySetterToWords(w, 0, cs);
        expect(unpackState(w, 0)).toEqual(applySetter(s, cs));
      },
    );
  }
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { unpackState } from './packedState.js';
import {
  countDone,
  countEntry,
  doneCount,
  type EntryWork,
  type ExitWork,
  entryCount,
  pastOnceBits,
} from './state.js';

const blank = unpackState(new Int32Array(8), 0);

describe('pastOnceBits', () => {
  // Any word the counters can reach: each counter bumped 0 to 3 times (it saturates at two).
  test.prop([fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 12 }), fc.subarray([0, 1, 2, 3, 4, 5])])(
    'should be set in an entry word exactly when one of its counters is past one',
    (bumps, ws) => {
      const entry = bumps.reduce((e, w) => countEntry(e, w as EntryWork), 0);
      const s = { ...blank, entry };
      const past = ws.some((w) => entryCount(s, w as EntryWork) > 1);
      expect((entry & pastOnceBits(ws)) !== 0).toBe(past);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 9 }), fc.subarray([0, 1, 2])])(
    'should be set in a done word exactly when one of its counters is past one',
    (bumps, ws) => {
      const done = bumps.reduce((d, w) => countDone(d, w as ExitWork), 0);
      const s = { ...blank, done };
      const past = ws.some((w) => doneCount(s, w as ExitWork) > 1);
      expect((done & pastOnceBits(ws)) !== 0).toBe(past);
    },
  );
});

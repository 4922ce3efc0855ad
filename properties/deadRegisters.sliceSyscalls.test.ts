import { describeGenericSyscalls } from './testing/deadRegisters.js';

/** Dead fields (deadRegisters.test.ts) on generic entry's whole syscalls, 7.0 and 7.1, with the slice extension: the full tier. */
describeGenericSyscalls('slice-syscalls', '7.0 and 7.1, with the slice extension');

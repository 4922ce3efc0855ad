import { describeGenericSyscalls } from './testing/deadRegisters.js';

/** Dead fields (deadRegisters.test.ts) on generic entry's whole syscalls, 5.11 to 6.19: the full tier. */
describeGenericSyscalls('generic-syscalls', '5.11 to 6.19');

import type { Behaviour, ExitModel } from '../../kernels/behaviour/types.js';
import type { PathId } from '../../kernels/pathId.js';
import { anyMachine, type Machine, pathMasks } from '../machine.js';
import { asmParanoidExit } from './asm3x/paranoidExit.js';
import { asmExceptionExit, asmInterruptExit } from './asm3x/retint.js';
import { asmSyscall } from './asm3x/syscall.js';
import { asmSyscallExit } from './asm3x/syscallExit.js';
import { c4xCompatSyscall } from './c4x/compatSyscall.js';
import { c4xExceptionExit, c4xInterruptExit } from './c4x/retint.js';
import { c4xSyscall } from './c4x/syscall.js';
import { genericCompatSyscall } from './generic/compatSyscall.js';
import { genericExceptionExit, genericInterruptExit } from './generic/irqentry.js';
import { genericSyscall } from './generic/syscall.js';

/** Every state machine, by family and path. */
export const MACHINES: Record<ExitModel, Partial<Record<PathId, Machine>>> = {
  'asm-3x': {
    'syscall-exit': anyMachine(asmSyscallExit),
    'interrupt-exit': anyMachine(asmInterruptExit),
    'exception-exit': anyMachine(asmExceptionExit),
    'paranoid-exit': anyMachine(asmParanoidExit),
    syscall: anyMachine(asmSyscall),
  },
  'c-4x': {
    syscall: anyMachine(c4xSyscall),
    'compat-syscall': anyMachine(c4xCompatSyscall),
    'interrupt-exit': anyMachine(c4xInterruptExit),
    'exception-exit': anyMachine(c4xExceptionExit),
  },
  generic: {
    syscall: anyMachine(genericSyscall),
    'compat-syscall': anyMachine(genericCompatSyscall),
    'interrupt-exit': anyMachine(genericInterruptExit),
    'exception-exit': anyMachine(genericExceptionExit),
  },
  none: {},
};

export function machineFor(family: ExitModel, path: PathId): Machine | undefined {
  return MACHINES[family][path];
}

/** The masks a path of a kernel tests (none for a path it does not model). */
export function masksOnPath(k: { readonly behaviour: Behaviour }, path: PathId): readonly string[] {
  const m = machineFor(k.behaviour.exitModel, path);
  return m === undefined ? [] : pathMasks(m, k.behaviour);
}

/** tifcheck's public library surface: one explicit list, no re-export of whole modules. */

export type { Io } from './cli/io.js';
export { main } from './cli/main.js';
export { VERSION } from './cli/version.js';
export type { Decomposition } from './flags/decompose.js';
export { decompose, recompose } from './flags/decompose.js';
export type { Edit } from './flags/edit.js';
export { applyEdits, parseEdit } from './flags/edit.js';
export type { InputError, Result, Where } from './flags/errors.js';
export { formatInputError } from './flags/errors.js';
export type { Expr } from './flags/expr.js';
export type { FlagTable } from './flags/flagTable.js';
export { makeFlagTable } from './flags/flagTable.js';
export { formatFlags, hex32 } from './flags/format.js';
export type { HeaderModel } from './flags/header/readHeader.js';
export { readHeader } from './flags/header/readHeader.js';
export type { MaskDef, MaskSet, Tables } from './flags/maskSet.js';
export { evaluateMasks } from './flags/maskSet.js';
export { printExpr } from './flags/print.js';
export type { Kernel } from './kernels/kernel.js';
export type { KernelId } from './kernels/kernelId.js';
export { KERNEL_IDS } from './kernels/kernelId.js';
export { allKernels, getKernel } from './kernels/registry.js';

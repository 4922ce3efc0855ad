/** tifcheck's public library surface: one explicit list, no re-export of whole modules. */

// The library for your own invariants (README, "Your own properties"): load a model, edit it,
// define a property, check it exhaustively or by fast-check, run one input, render the results.
export {
  type CheckOptions,
  check,
  defineProperty,
  eventsOf,
  flagsOf,
  type RunInput,
  runPath,
  violation,
} from './api/check.js';
export { TifcheckError } from './api/error.js';
export { edit, loadHeader, loadKernel, loadTree, type Model } from './api/load.js';
export { renderResults, resultsJson } from './api/render.js';
export type { Severity } from './check/severity.js';
export {
  UserPredicateError,
  type UserProperty,
  type UserPropertySpec,
  type UserResult,
} from './check/userProperty.js';
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
export type { PathId } from './kernels/pathId.js';
export { allKernels, getKernel } from './kernels/registry.js';
export type { ModelContext } from './model/context.js';
export type { Run, ScheduledEvent } from './model/run.js';
export type { ModelState } from './model/state.js';
export type { Branch, Returned, Stopped } from './model/transition.js';

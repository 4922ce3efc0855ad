import { KERNEL_IDS } from '../../kernels/kernelId.js';
import { KERNEL_SPECS } from '../../kernels/registry.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';

/** `tifcheck list`: one line per kernel (later also per path and property), `kind id description`. */
export function listCommand(io: Io): ExitCode {
  const width = Math.max(...KERNEL_IDS.map((id) => id.length));
  for (const id of KERNEL_IDS) io.stdout(`kernel   ${id.padEnd(width)}  ${KERNEL_SPECS[id].title}\n`);
  return EXIT.ok;
}

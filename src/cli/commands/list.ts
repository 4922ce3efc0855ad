import { PROPERTIES } from '../../../properties/registry.js';
import { PROPERTY_IDS } from '../../check/propertyId.js';
import { KERNEL_IDS, kernelIdKind } from '../../kernels/kernelId.js';
import { PATH_IDS, PATH_TITLES } from '../../kernels/pathId.js';
import { getKernel, KERNEL_SPECS } from '../../kernels/registry.js';
import { EXIT, type ExitCode } from '../exitCodes.js';
import type { Io } from '../io.js';

/**
 * `tifcheck list`: one line per kernel, path, property and environment event, each
 * `kind  id  description`, so that `grep` and `awk` can use it. A kernel's description starts with
 * what its id names (kernelIdKind).
 */
export function listCommand(io: Io): ExitCode {
  const rows: [string, string, string][] = [];
  for (const id of KERNEL_IDS) {
    const paths = getKernel(id).behaviour.paths;
    const what = { release: 'release', commit: 'state at a commit', proposal: 'proposal' }[kernelIdKind(id)];
    rows.push([
      'kernel',
      id,
      `${what}: ${KERNEL_SPECS[id].title}; paths: ${paths.length ? paths.join(' ') : 'none yet (masks only)'}`,
    ]);
  }
  for (const id of PATH_IDS) rows.push(['path', id, PATH_TITLES[id]]);
  for (const id of PROPERTY_IDS) rows.push(['property', id, PROPERTIES[id].statement]);
  const events = new Map<string, string>();
  for (const id of KERNEL_IDS) {
    for (const s of getKernel(id).behaviour.setters)
      if (s.during !== undefined && !events.has(s.id)) events.set(s.id, `${s.what} (${s.during})`);
  }
  for (const [id, what] of events) rows.push(['event', id, what]);
  rows.push([
    'event',
    'regs.<facts>',
    'what a tracer, a signal frame or the interrupted code left in pt_regs, where a return reads them (register-read): regs.syscall-like, regs.rip-non-canonical, regs.rip-kernel-half, regs.rcx-other, regs.r11-other, regs.cs32, regs.tf, regs.rf, or several joined by dots (regs.rcx-other.tf)',
  ]);
  const w = Math.max(...rows.map((r) => r[1].length));
  for (const [kind, id, text] of rows) io.stdout(`${kind.padEnd(9)}${id.padEnd(w + 2)}${text}\n`);
  return EXIT.ok;
}

import { main } from '../main.js';
import { nodeIo } from '../nodeIo.js';

/**
 * The command line on the real file system (and git), its output captured: for tests of what
 * memoryIo cannot stand for (FIFOs, devices, repositories). Never a terminal, so no progress line.
 */
export function runOnDisk(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const io = {
    ...nodeIo,
    stdout: (t: string) => {
      out += t;
    },
    stderr: (t: string) => {
      err += t;
    },
    isTTY: false,
  };
  return { code: main(argv, io), out, err };
}

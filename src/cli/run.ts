import { main } from './main.js';
import { nodeIo } from './nodeIo.js';

// A reader that stops early (`tifcheck list | head`) closes the pipe: the output it wanted has been
// written, so that is the end of the run, not an error to report with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

process.exitCode = main(process.argv.slice(2), nodeIo);

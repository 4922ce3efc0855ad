import { main } from './main.js';
import { nodeIo } from './nodeIo.js';

process.exitCode = main(process.argv.slice(2), nodeIo);

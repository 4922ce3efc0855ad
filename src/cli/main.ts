import { formatInputError, type Result } from '../flags/errors.js';
import { commandHelp } from './commandHelp.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { factsCommand } from './commands/facts.js';
import { historyCommand } from './commands/history.js';
import { listCommand } from './commands/list.js';
import { masksCommand } from './commands/masks.js';
import { replayCommand } from './commands/replay.js';
import { verifyCommand } from './commands/verify.js';
import { fitErrorLine } from './errorLine.js';
import { EXIT, type ExitCode } from './exitCodes.js';
import { HELP } from './help.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';
import { visible } from './visible.js';

/**
 * The whole command line. Returns the exit status; the one place an input error becomes a line on
 * stderr. An exception here is a bug in tifcheck: it is reported in one line, never as a trace.
 */
export function main(argv: readonly string[], io: Io): ExitCode {
  const [command, ...rest] = argv;
  try {
    const result = dispatch(command, rest, io);
    if (result.ok) return result.value;
    io.stderr(`${fitErrorLine(`tifcheck: ${visible(formatInputError(result.error))}`, io.columns ?? 80)}\n`);
    return EXIT.badInput;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`tifcheck: internal error (a bug in tifcheck, please report it): ${visible(message)}\n`);
    return EXIT.badInput;
  }
}

function dispatch(command: string | undefined, rest: readonly string[], io: Io): Result<ExitCode> {
  // `tifcheck COMMAND --help`: that command's options, from the table that parses them.
  if (command !== undefined && (rest.includes('--help') || rest.includes('-h'))) {
    const help = commandHelp(command);
    if (help !== undefined) {
      io.stdout(help);
      return { ok: true, value: EXIT.ok };
    }
  }
  switch (command) {
    case 'list':
      if (rest.length > 0) return usage(`list takes no arguments`, rest[0] ?? '');
      return { ok: true, value: listCommand(io) };
    case 'masks':
      return masksCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, io);
    case 'diff':
      return diffCommand(rest, io);
    case 'explain':
      return explainCommand(rest, io);
    case 'replay':
      return replayCommand(rest, io);
    case 'facts':
      return factsCommand(rest, io);
    case 'history':
      return historyCommand(rest, io);
    case undefined:
      // Help on stdout, and on stderr the line that says what was missing (exit 2).
      io.stdout(HELP);
      io.stderr(
        'tifcheck: give a command (list, masks, verify, diff, explain, replay, facts, history or help)\n',
      );
      return { ok: true, value: EXIT.badInput };
    case 'help':
    case '--help':
    case '-h':
      io.stdout(HELP);
      return { ok: true, value: EXIT.ok };
    case '--version':
      io.stdout(`tifcheck ${VERSION}\n`);
      return { ok: true, value: EXIT.ok };
    default:
      return usage(`unknown command; see tifcheck help`, command);
  }
}

function usage(message: string, argument: string): Result<never> {
  return {
    ok: false,
    error: { kind: 'input-error', code: 'bad-argument', message, where: { kind: 'argument', argument } },
  };
}

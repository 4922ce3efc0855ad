import { parseArgs } from 'node:util';
import { capture, fail } from '../flags/errors.js';

export type OptionSpec = Record<
  string,
  { readonly type: 'string' | 'boolean'; readonly multiple?: boolean; readonly short?: string }
>;

export interface Parsed {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/**
 * Parses one command's options strictly. An unknown option, a missing value or a stray word is bad
 * usage: one line naming the argument, exit status 2.
 */
export function parseOptions(command: string, args: readonly string[], options: OptionSpec, positionals = 0) {
  return capture((): Parsed => {
    let parsed: Parsed;
    try {
      parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals > 0 });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const code = (e as { code?: string }).code ?? '';
      const arg = (
        /'(-[^' ]+)/.exec(message)?.[1] ??
        /'([^']+)'/.exec(message)?.[1] ??
        args.join(' ')
      ).trim();
      const why =
        code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? `unknown option for ${command}`
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? message.includes('does not take an argument')
              ? `${arg} takes no value`
              : `${arg} needs a value`
            : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
              ? `${command} takes no such argument`
              : (message.split('\n')[0] ?? message);
      fail('bad-argument', why, { kind: 'argument', argument: arg });
    }
    // An option given twice would silently take the last; say so unless it may repeat.
    for (const [name, spec] of Object.entries(options)) {
      if (spec.multiple === true) continue;
      const given = args.filter((a) => a === `--${name}` || a.startsWith(`--${name}=`));
      if (given.length > 1)
        fail('bad-argument', `--${name} is given ${given.length} times; give it once`, {
          kind: 'argument',
          argument: `--${name}`,
        });
    }
    if (parsed.positionals.length > positionals) {
      const extra = parsed.positionals[positionals] ?? '';
      fail('bad-argument', `${command} takes no such argument`, { kind: 'argument', argument: extra });
    }
    return parsed;
  });
}

export function stringOption(p: Parsed, name: string): string | undefined {
  const v = p.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function stringsOption(p: Parsed, name: string): string[] {
  const v = p.values[name];
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : [];
}

export function flagOption(p: Parsed, name: string): boolean {
  return p.values[name] === true;
}

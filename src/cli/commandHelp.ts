import { wrap } from '../report/counterexampleText.js';
import type { OptionSpec } from './args.js';
import { SPEC as DIFF } from './commands/diff.js';
import { SPEC as EXPLAIN } from './commands/explain.js';
import { SPEC as FACTS } from './commands/facts.js';
import { SPEC as HISTORY } from './commands/history.js';
import { SPEC as MASKS } from './commands/masks.js';
import { SPEC as VERIFY } from './commands/verify.js';

/** What an option's value is called, and what the option does, in a line or two. */
interface OptionHelp {
  readonly arg?: string;
  readonly text: string;
}

/** Options that mean the same in every command that takes them. */
const COMMON: Readonly<Record<string, OptionHelp>> = {
  kernel: { arg: 'ID', text: 'a built-in kernel (tifcheck list)' },
  header: { arg: 'FILE', text: 'a thread_info.h, read as x86-64' },
  paths: { arg: 'ID', text: "the built-in kernel whose control flow a --header's masks drive" },
  tree: { arg: 'DIR', text: "a kernel tree: thread_info.h, the generic TIF header, the entry code's masks" },
  rev: { arg: 'REV', text: 'a git revision of the --tree (git show, no checkout)' },
  patch: { arg: 'FILE', text: 'a unified diff or mbox applied to the --tree in memory' },
  edit: { arg: 'EDIT', text: 'MASK+=FLAG, MASK-=FLAG or MASK=EXPR; repeat for more' },
  property: { arg: 'ID', text: 'only this property; repeat for more' },
  path: { arg: 'PATH', text: 'only this path; repeat for more' },
  json: { text: 'JSON (schemas/)' },
  jobs: { arg: 'N', text: 'worker threads (default: one per core); the output is the same' },
  'fail-on': { arg: 'CLASS', text: 'bug (default), divergence or lint: the least serious class that fails' },
  'flag-work': { arg: 'F=W', text: 'a new flag F is cleared by function W, or by none' },
  fred: { text: 'as on FRED hardware (6.9+): every return is ERETU' },
};

/** Per command: one line saying what it does, one example, and options that mean something else there. */
const COMMANDS: Readonly<
  Record<string, { spec: OptionSpec; usage: string; example: string; own?: Record<string, OptionHelp> }>
> = {
  masks: {
    spec: MASKS,
    usage: 'every mask of a kernel, header or tree: hex value, named flags, unnamed bits',
    example: 'tifcheck masks --kernel v3.13',
  },
  verify: {
    spec: VERIFY,
    usage: 'every property on every path, and the smallest mask edits that fix each violation',
    example: "tifcheck verify --kernel v3.13 --edit '_TIF_DO_NOTIFY_MASK+=UPROBE'",
    own: {
      exhaustive: { text: 'every initial input, however many flags' },
      runs: { arg: 'N', text: 'fast-check with N runs instead of the exhaustive search' },
      seed: { arg: 'S', text: "fast-check's seed" },
      raw: { text: 'also the bits no flag defines and flags never set' },
      events: { arg: 'all|none', text: 'none: initial inputs only, no interrupt or tracer action' },
      format: { arg: 'FMT', text: 'text (a mailing-list reply), md, json, tap or junit' },
      out: { arg: 'DIR', text: 'write a report per violation to DIR/<kernel>/<property>.{json,md}' },
      update: { text: 'replace reports in --out that differ' },
      'no-fixes': { text: 'skip the fix search' },
      properties: { arg: 'FILE', text: 'also your own properties: a module exporting `properties` (README)' },
    },
  },
  diff: {
    spec: DIFF,
    usage: 'what a change fixes, breaks and does differently; exit 1 only if it breaks something',
    example: 'tifcheck diff --base v3.13 --proposed v3.18 --path syscall-exit',
    own: {
      base: { arg: 'ID|FILE', text: 'the kernel or header as it is' },
      proposed: { arg: 'ID|FILE', text: 'the kernel or header as proposed' },
      format: { arg: 'FMT', text: 'text (a reply to the patch) or json' },
      fred: { arg: 'SIDE', text: 'base, proposed or both on FRED hardware' },
    },
  },
  explain: {
    spec: EXPLAIN,
    usage: 'one run, step by step, and the properties it breaks',
    example: 'tifcheck explain --kernel v3.13 --path syscall-exit --flags UPROBE',
    own: {
      path: { arg: 'PATH', text: 'the path to run' },
      flags: { arg: 'F1,F2', text: 'the flags set when the path begins' },
      events: {
        arg: 'E@N,...',
        text: 'events and the step each acts at (tifcheck list); a value pt_regs holds is regs.<facts>, facts joined by dots in this order: rip-non-canonical or rip-kernel-half, rcx-other, r11-other, cs32, tf, rf (or regs.syscall-like)',
      },
      syscall: { arg: 'KIND', text: 'for a whole syscall: which one' },
      seccomp: { arg: 'OUTCOME', text: "for a whole syscall with SECCOMP: the filter's answer" },
      'syscall-work': { arg: 'W1,W2', text: 'generic entry: the modes in ti->syscall_work' },
    },
  },
  facts: {
    spec: FACTS,
    usage: 'every fact the model uses for a kernel, and where it was read',
    example: 'tifcheck facts --kernel v4.6',
  },
  history: {
    spec: HISTORY,
    usage: 'every release tag of a kernel repository: which tag broke or fixed each property',
    example: 'tifcheck history --tree ~/linux --from v4.4 --to v4.8 --path syscall',
    own: {
      tree: { arg: 'DIR', text: 'a git repository of a kernel' },
      from: { arg: 'TAG', text: 'the first release tag' },
      to: { arg: 'TAG', text: 'the last release tag' },
    },
  },
};

const WIDTH = 80;

/** Help for one command, from the very option table that parses its arguments. */
export function commandHelp(command: string): string | undefined {
  const c = COMMANDS[command];
  if (c === undefined) return undefined;
  const rows = Object.entries(c.spec).map(([name, spec]) => {
    const h = c.own?.[name] ?? COMMON[name];
    const arg = h?.arg === undefined ? '' : ` ${h.arg}`;
    const more = spec.multiple === true ? '...' : '';
    return { left: `--${name}${arg}${more}`, text: h?.text ?? '' };
  });
  const w = Math.max(...rows.map((r) => r.left.length)) + 2;
  // Continuation lines line up under the text they continue.
  const wrapped = (first: string, text: string): string[] =>
    wrap(text, ' '.repeat(first.length), first, WIDTH).map((l) => l.trimEnd());
  const out = [...wrapped(`tifcheck ${command}: `, c.usage), '', 'options:'];
  for (const r of rows) out.push(...wrapped(`  ${r.left.padEnd(w)}`, r.text));
  out.push('', 'example:', `  ${c.example}`, '', 'tifcheck help: every command, the exit status');
  return `${out.join('\n')}\n`;
}

/** Every option of every command, for the test that none lacks its line. */
export function undescribedOptions(): string[] {
  return Object.entries(COMMANDS).flatMap(([command, c]) =>
    Object.keys(c.spec)
      .filter((name) => (c.own?.[name] ?? COMMON[name]) === undefined)
      .map((name) => `${command} --${name}`),
  );
}

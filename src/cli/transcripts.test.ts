import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERA3_HEADER, ERA6_HEADER } from '../flags/header/testing/headers.js';
import { main } from './main.js';
import { kernelHeader } from './testing/kernelHeader.js';
import { memoryIo } from './testing/memoryIo.js';

/**
 * Golden transcripts: each case is a command line, its output and its exit code, pinned in
 * src/cli/transcripts/<command>.md. Run with UPDATE_TRANSCRIPTS=1 to rewrite them after an
 * intended change, then read the diff.
 */
/** v3.13's pinned livelock report, as if it had been found with this edit applied. */
function pinnedLivelockWithEdit(edit: string): string {
  return readFileSync('counterexamples/v3.13/exit-terminates.json', 'utf8').replace(
    '"edits": []',
    `"edits": [${JSON.stringify(edit)}]`,
  );
}

/** v3.13's pinned livelock report with one change made to its data: untrusted input for replay. */
function pinnedLivelockWith(change: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(readFileSync('counterexamples/v3.13/exit-terminates.json', 'utf8'));
  change(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

type Doc = Record<string, unknown> & { violations: Record<string, Record<string, unknown>>[] };
const firstCounterexample = (d: Record<string, unknown>): Record<string, unknown> =>
  ((d as Doc).violations[0]?.counterexample ?? {}) as Record<string, unknown>;

/** Bad input that once gave a wrong answer, a hang or an internal error (issue 18). */
const BAD_FILES: Record<string, string> = {
  'redefined.h':
    '#define TIF_A 1\n#define TIF_UPROBE 12\n#define TIF_UPROBE 13\n#define _TIF_M ((1 << TIF_A) | (1 << TIF_UPROBE))\n',
  'same-twice.h':
    '#define TIF_A 1\n#define TIF_UPROBE 12\n#define TIF_UPROBE  12\n#define _TIF_M ((1 << TIF_A) | (1 << TIF_UPROBE))\n',
  'conflict.h':
    '#define TIF_A 1\n#define TIF_B 2\n#ifndef __ASSEMBLY__\n<<<<<<< HEAD\n#define _TIF_M (1 << TIF_A)\n=======\n#define _TIF_M (1 << TIF_B)\n>>>>>>> feature\n#endif\n',
  'own-bit.h':
    '#define BIT(nr) (1UL << (nr))\n#define TIF_A 1\n#define TIF_B 3\n#define _TIF_M (BIT(TIF_A) | BIT(TIF_B))\n',
  'odd-bit.h': '#define BIT(nr) (2 << (nr))\n#define TIF_A 1\n#define _TIF_M BIT(TIF_A)\n',
  'cr-only.h': '#define TIF_A 1\r#define TIF_B 2\r#define _TIF_M ((1 << TIF_A) | (1 << TIF_B))\r',
  'escape.h': '#define TIF_A 1\n#define _TIF_M (1 << TIF_\u001b[2JA)\n',
  'era44.h': kernelHeader('v4.4'),
  'null-trace.json': pinnedLivelockWith((d) => {
    firstCounterexample(d).trace = null;
  }),
  'null-violation.json': pinnedLivelockWith((d) => {
    d.violations = [null];
  }),
  'no-found-by.json': pinnedLivelockWith((d) => {
    delete firstCounterexample(d).foundBy;
  }),
  'null-flags.json': pinnedLivelockWith((d) => {
    firstCounterexample(d).flags = null;
  }),
  'work-five.json': pinnedLivelockWith((d) => {
    firstCounterexample(d).syscallWork = 5;
  }),
  'endless-runs.json': pinnedLivelockWith((d) => {
    firstCounterexample(d).foundBy = { fastCheck: { seed: 1, path: '0', shrinks: 0, runs: 1e12 } };
  }),
  'other-flow.json': pinnedLivelockWith((d) => {
    d.pathsFrom = 'v3.14';
  }),
  'lost-header.json': pinnedLivelockWith((d) => {
    d.kernel = 'gone.h';
  }),
};

const FILES: Record<string, string> = {
  'era3.h': ERA3_HEADER,
  'era6.h': ERA6_HEADER,
  'cycle.h':
    '#define TIF_A 1\n#define _TIF_A (1 << TIF_A)\n#define _TIF_P _TIF_Q\n#define _TIF_Q (_TIF_P | _TIF_A)\n',
  'undefined.h': '#define TIF_A 1\n#define _TIF_A (1 << TIF_A)\n#define _TIF_M (_TIF_A | \\\n\t_TIF_NOPE)\n',
  'bigbit.h': '#define TIF_A 1\n#define TIF_HUGE 40\n#define _TIF_M 1\n',
  'samebit.h': '#define TIF_A 7\n#define TIF_B 7\n#define _TIF_M 1\n',
  'comment.h': '#define TIF_A 1\n/* this comment\n   never ends\n#define _TIF_M 1\n',
  'openif.h': '#define TIF_A 1\n#ifndef __ASSEMBLY__\n#define _TIF_M 1\n',
  'nomasks.h': '#define TIF_A 1\n#define _TIF_A (1 << TIF_A)\n',
  'counterexamples/v3.14/mask-dead-bits.json': readFileSync(
    'counterexamples/v3.14/mask-dead-bits.json',
    'utf8',
  ),
  // The pinned livelock, stored as if found with the fix applied: replaying it finds nothing.
  'fixed-since.json': pinnedLivelockWithEdit('_TIF_DO_NOTIFY_MASK+=UPROBE'),
  // The pinned livelock with a stored edit that names no flag: untrusted input.
  'bad-edit.json': pinnedLivelockWithEdit('_TIF_DO_NOTIFY_MASK+=UPROBES'),
  'old-schema.json': '{ "schema": "tifcheck-counterexample/0", "kernel": "v3.13" }\n',
  'broken.json': '{ "schema": "tifcheck-counterexample/1",\n  "kernel": v3.13 }\n',
  ...BAD_FILES,
};

interface Case {
  readonly title: string;
  readonly argv: readonly string[];
}

const TRANSCRIPTS: Record<string, readonly Case[]> = {
  list: [
    { title: 'every built-in kernel', argv: ['list'] },
    { title: 'no arguments allowed', argv: ['list', 'v3.13'] },
  ],
  masks: [
    { title: 'the kernel of the 2014 analysis', argv: ['masks', '--kernel', 'v3.13'] },
    { title: 'the review clean-up, masks built from named flags', argv: ['masks', '--kernel', 'v3.13-viro'] },
    { title: 'generic entry, two flag words', argv: ['masks', '--kernel', 'v6.14', '--json'] },
    { title: 'a header, read as x86-64', argv: ['masks', '--header', 'era3.h'] },
    { title: 'a header as JSON', argv: ['masks', '--header', 'era6.h', '--json'] },
    { title: 'unknown kernel', argv: ['masks', '--kernel', 'v3.1'] },
    { title: 'a renamed kernel id', argv: ['masks', '--kernel', 'v4.3-rc1'] },
    { title: 'both sources', argv: ['masks', '--kernel', 'v3.13', '--header', 'era3.h'] },
    { title: 'unknown option', argv: ['masks', '--kernel', 'v3.13', '--verbose'] },
    { title: 'missing file', argv: ['masks', '--header', 'missing.h'] },
    { title: 'masks that refer to each other', argv: ['masks', '--header', 'cycle.h'] },
    { title: 'an undefined name on a continued line', argv: ['masks', '--header', 'undefined.h'] },
    { title: 'a bit number of 32 or more', argv: ['masks', '--header', 'bigbit.h'] },
    { title: 'two flags on one bit', argv: ['masks', '--header', 'samebit.h'] },
    { title: 'an unterminated comment', argv: ['masks', '--header', 'comment.h'] },
    { title: 'an unterminated #if', argv: ['masks', '--header', 'openif.h'] },
    { title: 'a header without masks', argv: ['masks', '--header', 'nomasks.h'] },
  ],
  verify: [
    {
      title: 'one path of the kernel of the 2014 analysis',
      argv: ['verify', '--kernel', 'v3.13', '--path', 'interrupt-exit'],
    },
    { title: 'the fix, as JSON', argv: ['verify', '--kernel', 'v3.18', '--path', 'paranoid-exit', '--json'] },
    {
      title: 'for a CI system: TAP, a lint below --fail-on as TODO',
      argv: ['verify', '--kernel', 'v3.13', '--path', 'interrupt-exit', '--no-fixes', '--format', 'tap'],
    },
    {
      title: 'for a CI system: JUnit XML, failures at --fail-on lint',
      argv: [
        'verify',
        '--kernel',
        'v3.16',
        '--path',
        'paranoid-exit',
        '--format',
        'junit',
        '--fail-on',
        'lint',
      ],
    },
    {
      title: 'fast-check instead of the exhaustive search',
      argv: [
        'verify',
        '--kernel',
        'v3.13',
        '--path',
        'syscall-exit',
        '--property',
        'exit-terminates',
        '--runs',
        '100',
      ],
    },
    {
      title: 'the flags alone, without events (the question SPIN answers for the 2014 loop)',
      argv: [
        'verify',
        '--kernel',
        'v3.13',
        '--path',
        'syscall-exit',
        '--property',
        'exit-terminates',
        '--events',
        'none',
      ],
    },
    {
      title: 'an events choice that does not exist',
      argv: ['verify', '--kernel', 'v3.13', '--events', 'some'],
    },
    { title: 'a --jobs that is not a number', argv: ['verify', '--kernel', 'v3.13', '--jobs', 'two'] },
    {
      title: 'a header with the control flow of v3.13',
      argv: ['verify', '--header', 'era3.h', '--paths', 'v3.13', '--path', 'paranoid-exit'],
    },
    {
      title: "a 6.x header: the exit loop's mask is not in thread_info.h, so it comes from the kernel",
      argv: ['verify', '--header', 'era6.h', '--path', 'interrupt-exit'],
    },
    {
      title: 'a path the kernel does not model yet',
      argv: ['verify', '--kernel', 'v4.4', '--path', 'syscall-exit'],
    },
    {
      title: 'plain text for a mailing-list reply',
      argv: [
        'verify',
        '--kernel',
        'v3.13',
        '--path',
        'syscall-exit',
        '--property',
        'exit-terminates',
        '--format',
        'text',
      ],
    },
    { title: 'an unknown format', argv: ['verify', '--kernel', 'v3.13', '--format', 'html'] },
    { title: 'an unknown property', argv: ['verify', '--kernel', 'v3.13', '--property', 'exit-terminate'] },
    { title: 'an unknown path', argv: ['verify', '--kernel', 'v3.13', '--path', 'syscal-exit'] },
    { title: 'no runs', argv: ['verify', '--kernel', 'v3.13', '--runs', '0'] },
    { title: 'both engines at once', argv: ['verify', '--kernel', 'v3.13', '--runs', '10', '--exhaustive'] },
    { title: 'an edit without a kernel', argv: ['verify', '--edit', 'WORK_MASK-=UPROBE'] },
    {
      title: 'an edit naming an unknown flag',
      argv: ['verify', '--kernel', 'v3.13', '--edit', 'DO_NOTIFY_MASK+=UPROBES'],
    },
    {
      title: 'a malformed edit expression',
      argv: ['verify', '--kernel', 'v3.13', '--edit', 'WORK_MASK=(_TIF_UPROBE |'],
    },
    { title: 'a missing header', argv: ['verify', '--header', 'missing.h'] },
    {
      title: 'generic entry: a mask edit that loses the single-step trap, and the fix it finds',
      argv: [
        'verify',
        '--kernel',
        'v5.11',
        '--edit',
        'SYSCALL_WORK_EXIT-=SYSCALL_WORK_SYSCALL_EXIT_TRAP',
        '--path',
        'syscall',
        '--property',
        'exit-trace-once',
      ],
    },
  ],
  explain: [
    {
      title: 'the solitary UPROBE at syscall exit',
      argv: ['explain', '--kernel', 'v3.13', '--path', 'syscall-exit', '--flags', 'UPROBE'],
    },
    {
      title: 'the uprobe_deny_signal race on an exception exit',
      argv: [
        'explain',
        '--kernel',
        'v3.13',
        '--path',
        'exception-exit',
        '--flags',
        'NOTIFY_RESUME,SIGPENDING',
        '--events',
        'uprobe_deny_signal@2',
      ],
    },
    {
      title: 'with an edit that fixes it',
      argv: [
        'explain',
        '--kernel',
        'v3.13',
        '--edit',
        '_TIF_DO_NOTIFY_MASK+=_TIF_UPROBE',
        '--path',
        'syscall-exit',
        '--flags',
        'TIF_UPROBE',
      ],
    },
    {
      title: 'an unknown flag',
      argv: ['explain', '--kernel', 'v3.13', '--path', 'syscall-exit', '--flags', 'UPROBES'],
    },
    {
      title: 'a malformed event',
      argv: ['explain', '--kernel', 'v3.13', '--path', 'syscall-exit', '--events', 'signal_wake_up'],
    },
    {
      title: 'an unknown event',
      argv: ['explain', '--kernel', 'v3.13', '--path', 'syscall-exit', '--events', 'sigwake@3'],
    },
    { title: 'no path', argv: ['explain', '--kernel', 'v3.13', '--flags', 'UPROBE'] },
    {
      title: "generic entry: rr's report on 5.11-rc1, PTRACE_SINGLESTEP at the syscall-entry stop",
      argv: [
        'explain',
        '--kernel',
        'v5.11-rc1',
        '--path',
        'syscall',
        '--syscall-work',
        'SYSCALL_TRACE',
        '--events',
        'PTRACE_SINGLESTEP@3',
      ],
    },
    {
      title: 'a syscall_work flag given as a ti->flags one',
      argv: ['explain', '--kernel', 'v5.11', '--path', 'syscall', '--flags', 'SYSCALL_TRACE'],
    },
    {
      title: 'the compat return: a signal moves RIP off the landing pad, so do_fast_syscall_32 chooses IRET',
      argv: ['explain', '--kernel', 'v4.4', '--path', 'compat-syscall', '--flags', 'SIGPENDING'],
    },
    {
      title: 'syscall_work on a kernel without the word',
      argv: ['explain', '--kernel', 'v4.4', '--path', 'syscall', '--syscall-work', 'SYSCALL_TRACE'],
    },
  ],
  diff: [
    {
      title: 'the 2014 claim: SYSCALL_EMU in _TIF_ALLWORK_MASK changes nothing (whole syscall)',
      argv: ['diff', '--base', 'v3.13', '--edit', 'ALLWORK_MASK-=SYSCALL_EMU', '--path', 'syscall'],
    },
    {
      title: 'the real fix: 3.16 against 3.18',
      argv: ['diff', '--base', 'v3.16', '--proposed', 'v3.18', '--path', 'interrupt-exit'],
    },
    {
      title: 'an edit that breaks a property, and the edit that repairs it',
      argv: ['diff', '--base', 'v3.14', '--edit', '_TIF_WORK_MASK-=NEED_RESCHED', '--path', 'paranoid-exit'],
    },
    {
      title: 'the same as JSON',
      argv: [
        'diff',
        '--base',
        'v3.14',
        '--edit',
        '_TIF_WORK_MASK-=NEED_RESCHED',
        '--path',
        'paranoid-exit',
        '--json',
      ],
    },
    {
      title: 'a header against a built-in kernel',
      argv: ['diff', '--base', 'era3.h', '--proposed', 'v3.13', '--path', 'paranoid-exit'],
    },
    { title: 'no base', argv: ['diff', '--proposed', 'v3.14'] },
    { title: 'nothing proposed', argv: ['diff', '--base', 'v3.13'] },
    { title: 'an unknown kernel', argv: ['diff', '--base', 'v3.1', '--proposed', 'v3.14'] },
    { title: 'a missing header', argv: ['diff', '--base', 'v3.13', '--proposed', 'missing.h'] },
    {
      title: 'an edit naming an unknown mask',
      argv: ['diff', '--base', 'v3.13', '--edit', 'NOPE_MASK+=UPROBE'],
    },
    {
      title: 'a malformed edit expression',
      argv: ['diff', '--base', 'v3.13', '--edit', 'WORK_MASK=(_TIF_UPROBE |'],
    },
    { title: 'a header that defines no masks', argv: ['diff', '--base', 'nomasks.h', '--proposed', 'v3.13'] },
  ],
  replay: [
    { title: 'a pinned counterexample', argv: ['replay', 'counterexamples/v3.14/mask-dead-bits.json'] },
    { title: 'a report the current model no longer reproduces', argv: ['replay', 'fixed-since.json'] },
    { title: 'a report whose stored edit names an unknown flag', argv: ['replay', 'bad-edit.json'] },
    { title: 'a report of another schema version', argv: ['replay', 'old-schema.json'] },
    { title: 'a file that is not JSON', argv: ['replay', 'broken.json'] },
    { title: 'no file', argv: ['replay'] },
    {
      title: 'several reports: one line each, the worst status',
      argv: ['replay', 'counterexamples/v3.14/mask-dead-bits.json', 'fixed-since.json', 'broken.json'],
    },
  ],
  facts: [
    {
      title: 'where each fact of the first C exit loop was read',
      argv: ['facts', '--kernel', 'v4.3-pre-c5c46f59e4e7'],
    },
    { title: 'as JSON', argv: ['facts', '--kernel', 'v4.6', '--json'] },
    { title: 'no kernel', argv: ['facts'] },
    { title: 'a header has no provenance to list', argv: ['facts', '--header', 'era3.h'] },
  ],
  'bad-input': [
    { title: 'a flag defined twice with different bits', argv: ['masks', '--header', 'redefined.h'] },
    { title: 'a flag defined twice alike, as C allows', argv: ['masks', '--header', 'same-twice.h'] },
    { title: 'merge conflict markers inside an #if', argv: ['masks', '--header', 'conflict.h'] },
    { title: "the header's own BIT(), the kernel's meaning", argv: ['masks', '--header', 'own-bit.h'] },
    { title: "the header's own BIT(), another meaning", argv: ['masks', '--header', 'odd-bit.h'] },
    { title: 'CR-only line endings', argv: ['masks', '--header', 'cr-only.h'] },
    { title: 'a terminal escape in a header', argv: ['masks', '--header', 'escape.h'] },
    {
      title: 'a terminal escape and a NUL in an argument',
      argv: ['masks', '--kernel', 'v3.13\u001b[2J\u0000'],
    },
    { title: 'an option given twice', argv: ['verify', '--kernel', 'v3.13', '--kernel', 'v3.14'] },
    { title: 'an empty --out', argv: ['verify', '--kernel', 'v3.13', '--out', ''] },
    {
      title: 'a 4.4 header: the kernels it cannot tell apart are named, and the earliest release used',
      argv: ['verify', '--header', 'era44.h', '--path', 'interrupt-exit', '--no-fixes'],
    },
    { title: 'replay: a null trace', argv: ['replay', 'null-trace.json'] },
    { title: 'replay: a null violation', argv: ['replay', 'null-violation.json'] },
    { title: 'replay: no foundBy', argv: ['replay', 'no-found-by.json'] },
    { title: 'replay: null flags', argv: ['replay', 'null-flags.json'] },
    { title: 'replay: syscallWork not a list', argv: ['replay', 'work-five.json'] },
    { title: 'replay: a search of 1e12 runs', argv: ['replay', 'endless-runs.json'] },
    { title: "replay: a kernel with another's control flow", argv: ['replay', 'other-flow.json'] },
    { title: 'replay: a header that is gone', argv: ['replay', 'lost-header.json'] },
  ],
  usage: [
    { title: 'no command', argv: [] },
    { title: 'unknown command', argv: ['frobnicate'] },
    { title: 'version', argv: ['--version'] },
    { title: "one command's options", argv: ['diff', '--help'] },
  ],
};

/** An argument as a shell would need it: bare, single-quoted, or $'...' when it holds control bytes. */
function quote(a: string): string {
  if (/^[\w./=+,:-]+$/.test(a)) return a;
  const control = [...a].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);
  if (!control) return `'${a.replace(/'/g, `'\\''`)}'`;
  const escaped = [...a].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 32 || code === 127) return `\\x${code.toString(16).padStart(2, '0')}`;
    return c === "'" || c === '\\' ? `\\${c}` : c;
  });
  return `$'${escaped.join('')}'`;
}

function render(command: string, cases: readonly Case[]): string {
  const parts = [`# tifcheck ${command}\n\nGolden transcripts, checked by src/cli/transcripts.test.ts.\n`];
  for (const c of cases) {
    const cap = memoryIo(FILES);
    const code = main(c.argv, cap.io);
    const stderr = cap
      .errText()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `stderr| ${l}\n`)
      .join('');
    parts.push(
      `## ${c.title}\n\n\`\`\`console\n$ tifcheck ${c.argv.map(quote).join(' ')}\n${cap.out()}${stderr}\`\`\`\n\nExit code: ${code}\n`,
    );
  }
  return parts.join('\n');
}

describe('tifcheck transcripts', () => {
  for (const [command, cases] of Object.entries(TRANSCRIPTS)) {
    it(`should print exactly the pinned transcript for ${command}`, () => {
      const path = new URL(`./transcripts/${command}.md`, import.meta.url);
      const actual = render(command, cases);
      // `internal error:` is for true bugs: no input here, however bad, may reach it.
      expect(actual).not.toContain('internal error');
      if (process.env.UPDATE_TRANSCRIPTS === '1') writeFileSync(path, actual);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from './main.js';
import { kernelTree } from './testing/kernelTree.js';
import { memoryIo } from './testing/memoryIo.js';
import { runOnDisk } from './testing/runOnDisk.js';

/**
 * Issue 19, items 3 to 5: a kernel tree (or a git revision of one) as input, a patch applied to it
 * in memory, and the history of the verdicts over a repository's release tags. Every tree here is
 * written by the tests (kernelTree prints a model's facts; the 6.18 and 7.1 files below are our own
 * text of the facts in ../shared/kernel-facts-modern.md), never kernel text.
 */

const run = (files: Record<string, string>, ...argv: string[]) => {
  const cap = memoryIo(files);
  // A wide terminal: these tests read whole lines of the summary.
  const code = main(argv, { ...cap.io, columns: 1000 });
  return { code, out: cap.out(), err: cap.errText() };
};

/** The generic TIF bits of 6.18 as x86 configures them, and x86's own bits from 16. */
const GENERIC_TIF = `/* test: generic TIF bits */
#define TIF_NOTIFY_RESUME 0
#define TIF_SIGPENDING 1
#define TIF_NOTIFY_SIGNAL 2
#define TIF_MEMDIE 3
#define TIF_NEED_RESCHED 4
#ifdef HAVE_TIF_NEED_RESCHED_LAZY
# define TIF_NEED_RESCHED_LAZY 5
#endif
#ifdef HAVE_TIF_POLLING_NRFLAG
# define TIF_POLLING_NRFLAG 6
#endif
#define TIF_USER_RETURN_NOTIFY 7
#define TIF_UPROBE 8
#define TIF_PATCH_PENDING 9
#ifdef HAVE_TIF_RESTORE_SIGMASK
# define TIF_RESTORE_SIGMASK 10
#endif
#ifdef WITH_RSEQ
# define TIF_RSEQ 11
# define _TIF_RSEQ BIT(TIF_RSEQ)
#endif
#ifdef WITH_HRTIMER_REARM
# define TIF_HRTIMER_REARM 12
# define _TIF_HRTIMER_REARM BIT(TIF_HRTIMER_REARM)
#endif
#define _TIF_NOTIFY_RESUME BIT(TIF_NOTIFY_RESUME)
#define _TIF_SIGPENDING BIT(TIF_SIGPENDING)
#define _TIF_NOTIFY_SIGNAL BIT(TIF_NOTIFY_SIGNAL)
#define _TIF_NEED_RESCHED BIT(TIF_NEED_RESCHED)
#define _TIF_NEED_RESCHED_LAZY BIT(TIF_NEED_RESCHED_LAZY)
#define _TIF_USER_RETURN_NOTIFY BIT(TIF_USER_RETURN_NOTIFY)
#define _TIF_UPROBE BIT(TIF_UPROBE)
#define _TIF_PATCH_PENDING BIT(TIF_PATCH_PENDING)
`;

function modernTree(dir: string, release: '6.18' | '7.1'): Record<string, string> {
  const later = release === '7.1' ? '#define WITH_RSEQ\n#define WITH_HRTIMER_REARM\n' : '';
  const work =
    '_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | _TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY | _TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL';
  const masks =
    release === '7.1'
      ? `#define EXIT_TO_USER_MODE_WORK_SYSCALL (${work} | _TIF_RSEQ | ARCH_EXIT_TO_USER_MODE_WORK)\n#define EXIT_TO_USER_MODE_WORK_IRQ (EXIT_TO_USER_MODE_WORK_SYSCALL | _TIF_HRTIMER_REARM)\n`
      : `#define EXIT_TO_USER_MODE_WORK (${work} | ARCH_EXIT_TO_USER_MODE_WORK)\n`;
  const [major, minor] = release.split('.');
  return {
    [`${dir}/Makefile`]: `VERSION = ${major}\nPATCHLEVEL = ${minor}\nSUBLEVEL = 0\nEXTRAVERSION =\n`,
    [`${dir}/include/asm-generic/thread_info_tif.h`]: GENERIC_TIF,
    [`${dir}/arch/x86/include/asm/thread_info.h`]: `/* test: x86 thread_info.h, ${release} */
#define HAVE_TIF_NEED_RESCHED_LAZY
#define HAVE_TIF_POLLING_NRFLAG
#define HAVE_TIF_SINGLESTEP
${later}#include <asm-generic/thread_info_tif.h>
#define TIF_SSBD 16
#define TIF_SINGLESTEP 25
#define TIF_BLOCKSTEP 26
#define _TIF_SSBD BIT(TIF_SSBD)
#define _TIF_SINGLESTEP BIT(TIF_SINGLESTEP)
#define _TIF_WORK_CTXSW (_TIF_SSBD | _TIF_SINGLESTEP)
`,
    [`${dir}/include/linux/irq-entry-common.h`]: `/* test: the exit masks */
#ifndef ARCH_EXIT_TO_USER_MODE_WORK
# define ARCH_EXIT_TO_USER_MODE_WORK (0)
#endif
${masks}`,
  };
}

describe('--tree', () => {
  it('should read a 4.4-style tree with the old numbering and the entry code masks', () => {
    const r = run(kernelTree('v4.4', 't'), 'masks', '--tree', 't', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { flags: Record<string, number>; masks: Record<string, { hex: string }> };
    expect(j.flags.SIGPENDING).toBe(2);
    expect(j.masks.EXIT_TO_USERMODE_LOOP_FLAGS?.hex).toBe('0x0000180e');
    const text = run(kernelTree('v4.4', 't'), 'masks', '--tree', 't').out;
    expect(text).toContain('control flow of v4.4, the newest modelled release not newer');
    expect(text).toContain('from t/arch/x86/entry/common.c:3');
  });

  it("should read 6.18's generic numbering through the header thread_info.h includes", () => {
    const r = run(modernTree('t', '6.18'), 'masks', '--tree', 't', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      flags: Record<string, number>;
      masks: Record<string, { flags: string[] }>;
    };
    expect(j.flags).toMatchObject({
      NOTIFY_RESUME: 0,
      SIGPENDING: 1,
      NEED_RESCHED: 4,
      NEED_RESCHED_LAZY: 5,
      UPROBE: 8,
    });
    expect(j.flags.RESTORE_SIGMASK).toBeUndefined();
    expect(j.masks.EXIT_TO_USER_MODE_WORK?.flags).toContain('NEED_RESCHED_LAZY');
    const v = run(modernTree('t', '6.18'), 'verify', '--tree', 't', '--path', 'interrupt-exit', '--no-fixes');
    expect(v.out).toContain('control flow of v6.18, the newest modelled release not newer');
    expect(v.code).toBe(0);
  });

  it("should read both of 7.1's exit masks, the interrupt one with HRTIMER_REARM", () => {
    const r = run(modernTree('t', '7.1'), 'masks', '--tree', 't', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { masks: Record<string, { flags: string[] }> };
    expect(j.masks.EXIT_TO_USER_MODE_WORK_SYSCALL?.flags).toContain('RSEQ');
    expect(j.masks.EXIT_TO_USER_MODE_WORK_SYSCALL?.flags).not.toContain('HRTIMER_REARM');
    expect(j.masks.EXIT_TO_USER_MODE_WORK_IRQ?.flags).toContain('HRTIMER_REARM');
  });

  it('should refuse a directory that is not a kernel tree, naming the file', () => {
    const r = run({ 'x/README': 'hi' }, 'masks', '--tree', 'x');
    expect(r.code).toBe(2);
    expect(r.err).toBe('tifcheck: x/Makefile: no top-level Makefile: not a kernel tree\n');
  });
});

describe('diff --tree --patch', () => {
  const tree = kernelTree('v4.4', 't');
  const file = 'arch/x86/entry/common.c';
  const before = tree[`t/${file}`] ?? '';
  const after = before.replace('_TIF_SIGPENDING | ', '');
  const mbox = `From 0000 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x86/entry: drop SIGPENDING from the loop\n\n---\n${createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after)}`;

  it('should report the property a patch breaks, with its counterexample, and exit 1', () => {
    const r = run(
      { ...tree, 'p.mbox': mbox },
      'diff',
      '--tree',
      't',
      '--patch',
      'p.mbox',
      '--path',
      'interrupt-exit',
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain('EXIT_TO_USERMODE_LOOP_FLAGS: 0x0000180e -> 0x0000180a  (-SIGPENDING)');
    expect(r.out).toMatch(
      /BROKEN {4}exit-work-delivered \(bug\) on interrupt-exit\n {12}from SIGPENDING, no events/,
    );
    expect(r.out).toContain(
      'npx tifcheck explain --tree t --patch p.mbox --path interrupt-exit --flags SIGPENDING',
    );
  });

  it('should refuse a patch whose hunk does not apply, naming the patch, the hunk and the file', () => {
    const stale = mbox.replace('_TIF_NOTIFY_RESUME | _TIF_UPROBE', '_TIF_NOTIFY_RESUME | _TIF_UPROBES');
    const r = run({ ...tree, 'p.mbox': stale }, 'diff', '--tree', 't', '--patch', 'p.mbox');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /^tifcheck: p\.mbox: hunk @@ -\d+,\d+ \+\d+,\d+ @@ does not apply to arch\/x86\/entry\/common\.c\n$/,
    );
  });
});

describe('--rev and history, on a git repository of our own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tifcheck-git-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'pipe' });
  const write = (files: Record<string, string>) => {
    for (const [p, text] of Object.entries(files)) {
      const full = join(dir, p.replace(/^t\//, ''));
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  };
  const tree = kernelTree('v4.4', 't');
  const loop = 't/arch/x86/entry/common.c';
  git('init', '-q');
  write(tree);
  git('add', '-A');
  git('commit', '-q', '-m', 'good');
  git('tag', 'v4.4');
  write({ [loop]: (tree[loop] ?? '').replace('_TIF_SIGPENDING | ', '') });
  git('commit', '-q', '-am', 'drop SIGPENDING');
  git('tag', 'v4.4.1');
  write(tree);
  git('commit', '-q', '-am', 'put it back');
  git('tag', 'v4.4.2');
  write({ [loop]: 'garbage (' });
  git('commit', '-q', '-am', 'the working tree is broken; the tags are not');

  const cli = runOnDisk;

  it('should read a revision without touching the working tree', () => {
    const r = cli('verify', '--tree', dir, '--rev', 'v4.4.1', '--path', 'interrupt-exit', '--no-fixes');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`tifcheck verify: ${dir}@v4.4.1`);
    const bad = cli('masks', '--tree', dir, '--rev', 'v9.9');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('no revision v9.9 in this repository');
  });

  it('should say which tag broke a property and which fixed it', () => {
    const r = cli('history', '--tree', dir, '--path', 'interrupt-exit');
    expect(r.code).toBe(0);
    expect(r.out).toContain('BROKEN in v4.4.1 (after v4.4): exit-work-delivered (bug) on interrupt-exit');
    expect(r.out).toMatch(/BROKEN in v4\.4\.1.*\n {4}from SIGPENDING, no events/);
    expect(r.out).toContain('fixed  in v4.4.2 (after v4.4.1): exit-work-delivered (bug) on interrupt-exit');
    const j = JSON.parse(
      cli('history', '--tree', dir, '--path', 'interrupt-exit', '--from', 'v4.4.1', '--json').out,
    );
    expect(j.tags.map((t: { tag: string }) => t.tag)).toEqual(['v4.4.1', 'v4.4.2']);
  });
});

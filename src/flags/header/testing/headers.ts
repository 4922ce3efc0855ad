/**
 * A header written for tifcheck's tests, laid out the way x86 thread_info.h files of the 3.x era
 * are (flags with trailing comments, `_TIF_X (1 << TIF_X)`, masks over continued lines, 32/64-bit
 * branches, C code the reader must skip). It is not kernel text: only the flag names and bit
 * numbers, which are facts, match v3.13.
 */
export const ERA3_HEADER = String.raw`/* tifcheck test header: flag bits and work masks, 3.x layout */
#ifndef TIFCHECK_TEST_TI_H
#define TIFCHECK_TEST_TI_H

#include <asm/page.h>

#ifndef __ASSEMBLY__
struct tifcheck_ti {
	unsigned long word;	/* "quotes" and 'ticks' in a comment */
	const char *msg;
};
static const char *tifcheck_msg = "a string with /* no comment */ inside";
static const char tick = '"';
#endif /* !__ASSEMBLY__ */

/*
 * A define inside a comment is not a define:
 * #define TIF_NOT_A_FLAG 9
 */
#define TIF_SYSCALL_TRACE	0	/* syscall stops for a tracer */
#define TIF_NOTIFY_RESUME	1	// callback on the way out
#define TIF_SIGPENDING		2
#define TIF_NEED_RESCHED	3
#define TIF_SINGLESTEP		4
#define TIF_SYSCALL_EMU		6
#define TIF_SYSCALL_AUDIT	7
#define TIF_SECCOMP		8
#define TIF_MCE_NOTIFY		10
#define TIF_USER_RETURN_NOTIFY	11
#define TIF_UPROBE		12
#ifdef CONFIG_X86_32
# define TIF_ONLY_ON_32		13
#endif
#if defined(CONFIG_X86_64) && !defined(CONFIG_TIFCHECK_NEVER)
# define TIF_NOHZ		19
#elif defined(CONFIG_X86_32)
# define TIF_NOHZ		14
#else
# define TIF_NOHZ		15
#endif
#define TIF_SYSCALL_TRACEPOINT	28

#define _TIF_SYSCALL_TRACE	(1 << TIF_SYSCALL_TRACE)
#define _TIF_NOTIFY_RESUME	(1 << TIF_NOTIFY_RESUME)
#define _TIF_SIGPENDING		(1 << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	(1 << TIF_NEED_RESCHED)
#define _TIF_SINGLESTEP		(1 << TIF_SINGLESTEP)
#define _TIF_SYSCALL_EMU	(1 << TIF_SYSCALL_EMU)
#define _TIF_SYSCALL_AUDIT	(1 << TIF_SYSCALL_AUDIT)
#define _TIF_SECCOMP		(1 << TIF_SECCOMP)
#define _TIF_MCE_NOTIFY		(1 << TIF_MCE_NOTIFY)
#define _TIF_USER_RETURN_NOTIFY	(1 << TIF_USER_RETURN_NOTIFY)
#define _TIF_UPROBE		(1 << TIF_UPROBE)
#define _TIF_NOHZ		(1UL << TIF_NOHZ)
#define _TIF_SYSCALL_TRACEPOINT	(1 << TIF_SYSCALL_TRACEPOINT)

/* tested once on the way in */
#define _TIF_WORK_SYSCALL_ENTRY	\
	(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT |	\
	 _TIF_SECCOMP | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT |	\
	 _TIF_NOHZ)

/* tested on interrupt and exception return */
#define _TIF_WORK_MASK							\
	(0x0000FFFF &							\
	 ~(_TIF_SYSCALL_TRACE|_TIF_SYSCALL_AUDIT|			\
	   _TIF_SINGLESTEP|_TIF_SECCOMP|_TIF_SYSCALL_EMU))

/* tested on every return to user space */
#define _TIF_ALLWORK_MASK						\
	((0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT |	\
	 /* a comment between continued lines */ _TIF_NOHZ)

#ifdef CONFIG_X86_64
#define _TIF_DO_NOTIFY_MASK						\
	(_TIF_SIGPENDING | _TIF_MCE_NOTIFY | _TIF_NOTIFY_RESUME |	\
	 _TIF_USER_RETURN_NOTIFY)
#else
#define _TIF_DO_NOTIFY_MASK 0
#endif

#define TIFCHECK_LOW_HALF 0x0000FFFF
#define _TIF_VIA_HELPER (TIFCHECK_LOW_HALF & _TIF_DO_NOTIFY_MASK)
#define TIFCHECK_GET_TI(reg) movq %gs:0, reg

#endif /* TIFCHECK_TEST_TI_H */
`;

/**
 * A header in the 6.x manner: BIT() forms, `__ASSEMBLER__` spelling, masks defined on one side of
 * an assembly test only, `IS_ENABLED()` and arithmetic in `#if`, a dead `#if 0` block.
 */
export const ERA6_HEADER = String.raw`#ifndef TIFCHECK_TEST_TI6_H
#define TIFCHECK_TEST_TI6_H
#define TIF_NOTIFY_RESUME	1
#define TIF_SIGPENDING		2
#define TIF_NEED_RESCHED	3
#define TIF_NEED_RESCHED_LAZY	4
#define TIF_UPROBE		12
#define TIF_PATCH_PENDING	13
#define TIF_NOTIFY_SIGNAL	17

#define _TIF_NOTIFY_RESUME	BIT(TIF_NOTIFY_RESUME)
#define _TIF_SIGPENDING		BIT(TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	BIT(TIF_NEED_RESCHED)
#define _TIF_NEED_RESCHED_LAZY	BIT(TIF_NEED_RESCHED_LAZY)
#define _TIF_UPROBE		BIT(TIF_UPROBE)
#define _TIF_PATCH_PENDING	BIT(TIF_PATCH_PENDING)
#define _TIF_NOTIFY_SIGNAL	BIT(TIF_NOTIFY_SIGNAL)

#ifdef __ASSEMBLER__
#define _TIF_ASM_ONLY		(_TIF_SIGPENDING)
#else
#define _TIF_C_ONLY		(_TIF_NOTIFY_RESUME | _TIF_UPROBE)
#endif

#if IS_ENABLED(CONFIG_X86_64)
#define _TIF_EXIT_WORK (_TIF_SIGPENDING | _TIF_NOTIFY_RESUME | _TIF_UPROBE | \
			_TIF_NEED_RESCHED | _TIF_NEED_RESCHED_LAZY | \
			_TIF_PATCH_PENDING | _TIF_NOTIFY_SIGNAL)
#endif

#if 0
#define _TIF_DEAD_CODE (_TIF_NOPE)
#endif

#if (TIFCHECK_LEVEL + 1) * 2 > 4 || defined TIFCHECK_ALSO
#define _TIF_NEVER 1
#elif !defined(CONFIG_X86_32) && (0x10 >> 4) == 1
#define _TIF_ELIF_TAKEN _TIF_SIGPENDING
#endif
#endif
`;

/**
 * The most common mask patch there is, written for issue 17's tests: a 3.x-layout header (v3.13's
 * bits) that adds a new flag, TIF_FOO at bit 23, to _TIF_WORK_MASK and _TIF_ALLWORK_MASK, and to
 * _TIF_DO_NOTIFY_MASK only when `doNotify` (without it, the 2014 UPROBE livelock again). With
 * `uprobeFixed` the tree is one with 3.18's fix, UPROBE in _TIF_DO_NOTIFY_MASK, so that the only
 * livelock left is the new flag's.
 */
export function newFlagHeader(doNotify: boolean, uprobeFixed = false): string {
  const foo = `${uprobeFixed ? ' | _TIF_UPROBE' : ''}${doNotify ? ' | _TIF_FOO' : ''}`;
  return String.raw`/* tifcheck test header: a new work flag, TIF_FOO */
#define TIF_SYSCALL_TRACE	0
#define TIF_NOTIFY_RESUME	1
#define TIF_SIGPENDING		2
#define TIF_NEED_RESCHED	3
#define TIF_SINGLESTEP		4
#define TIF_SYSCALL_EMU		6
#define TIF_SYSCALL_AUDIT	7
#define TIF_SECCOMP		8
#define TIF_MCE_NOTIFY		10
#define TIF_USER_RETURN_NOTIFY	11
#define TIF_UPROBE		12
#define TIF_NOHZ		19
#define TIF_FOO			23	/* new: work to do on the way out */
#define TIF_SYSCALL_TRACEPOINT	28

#define _TIF_SYSCALL_TRACE	(1 << TIF_SYSCALL_TRACE)
#define _TIF_NOTIFY_RESUME	(1 << TIF_NOTIFY_RESUME)
#define _TIF_SIGPENDING		(1 << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED	(1 << TIF_NEED_RESCHED)
#define _TIF_SINGLESTEP		(1 << TIF_SINGLESTEP)
#define _TIF_SYSCALL_EMU	(1 << TIF_SYSCALL_EMU)
#define _TIF_SYSCALL_AUDIT	(1 << TIF_SYSCALL_AUDIT)
#define _TIF_SECCOMP		(1 << TIF_SECCOMP)
#define _TIF_MCE_NOTIFY		(1 << TIF_MCE_NOTIFY)
#define _TIF_USER_RETURN_NOTIFY	(1 << TIF_USER_RETURN_NOTIFY)
#define _TIF_UPROBE		(1 << TIF_UPROBE)
#define _TIF_NOHZ		(1 << TIF_NOHZ)
#define _TIF_FOO		(1 << TIF_FOO)
#define _TIF_SYSCALL_TRACEPOINT	(1 << TIF_SYSCALL_TRACEPOINT)

#define _TIF_WORK_SYSCALL_ENTRY	(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_EMU | _TIF_SYSCALL_AUDIT | \
	_TIF_SECCOMP | _TIF_SINGLESTEP | _TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ)
#define _TIF_WORK_SYSCALL_EXIT	(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | _TIF_SINGLESTEP | \
	_TIF_SYSCALL_TRACEPOINT | _TIF_NOHZ)
#define _TIF_WORK_MASK	((0x0000FFFF & ~(_TIF_SYSCALL_TRACE | _TIF_SYSCALL_AUDIT | \
	_TIF_SINGLESTEP | _TIF_SECCOMP | _TIF_SYSCALL_EMU)) | _TIF_FOO)
#define _TIF_ALLWORK_MASK	((0x0000FFFF & ~_TIF_SECCOMP) | _TIF_SYSCALL_TRACEPOINT | \
	_TIF_NOHZ | _TIF_FOO)
#define _TIF_DO_NOTIFY_MASK	(_TIF_SIGPENDING | _TIF_MCE_NOTIFY | _TIF_NOTIFY_RESUME | \
	_TIF_USER_RETURN_NOTIFY${foo})
`;
}

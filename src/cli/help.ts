/** The usage text (DESIGN.md's command-line contract); exit codes are part of it because scripts depend on them. */
export const HELP = `tifcheck: verify the x86-64 TIF masks and the kernel's entry/exit work loops

usage:
  tifcheck list            kernels, paths, properties and events, one per line
  tifcheck masks   SOURCE [--json]
                           every mask: hex value, named flags, unnamed bits
  tifcheck verify  [SOURCE] [--edit EDIT]... [--property ID]... [--path PATH]...
                   [--exhaustive | --runs N] [--seed S] [--raw]
                   [--events all|none] [--format FMT | --json] [--out DIR]
                   [--update] [--no-fixes] [--jobs N] [--fail-on CLASS]
                   [--flag-work F=W]... [--fred] [--properties FILE]...
                           every property on every path, and the smallest mask
                           edits that fix each violation; with no SOURCE, every
                           built-in kernel as a table
  tifcheck diff    (--base ID|FILE | TREE)
                   (--proposed ID|FILE | --edit EDIT... | --patch FILE)
                   [--path PATH]... [--format text|json | --json] [--jobs N]
                   [--fail-on CLASS] [--flag-work F=W]... [--fred SIDE]
                           what a change fixes, breaks and does differently
  tifcheck explain SOURCE --path PATH --flags F1,F2,... [--events E@N,...]
                   [--syscall KIND] [--seccomp OUTCOME] [--syscall-work W1,...]
                           one run, step by step (the last three: a whole
                           syscall; --syscall-work: generic entry's modes)
  tifcheck replay  FILE.json...
                           re-run stored counterexamples
  tifcheck facts   --kernel ID [--json]
                           every fact the model uses for a kernel, and where it
                           was read (tree, commit, file), inferred or recalled
  tifcheck history --tree DIR [--from TAG] [--to TAG] [--path PATH]...
                   [--property ID]... [--json]
                           every release tag of a kernel repository: which tag
                           broke each property, which fixed it
  tifcheck help            this text; tifcheck COMMAND --help: its options

SOURCE is --kernel ID, --header FILE [--paths ID], or TREE. FMT is text, md,
json, tap or junit; CLASS bug, divergence or lint; SIDE base, proposed or both.

TREE is --tree DIR [--rev REV] [--patch FILE]: a kernel tree's thread_info.h
(with the generic TIF header it includes, 6.18+) and the exit masks of its entry
code, with the control flow of the newest modelled release not newer than its
Makefile; --rev reads a git revision of it (git show, no checkout); --patch
applies a unified diff or mbox (one patch or a series) in memory. diff --tree
DIR --patch FILE compares the tree with the tree patched.
--events none searches the initial flag sets only: no interrupt, no tracer
request, no choice of register values. --jobs N verifies paths in N threads (by
default one per core); the output is the same for any N.
--format text prints a reply for a mailing list (72 columns, no markup), one per
violation: what breaks and where, the kernel and the tree it was read in, the
smallest input, whether a real task gets there, the run, the smallest fix as the
mask's #define before and after, and the command that shows it again; diff
--format text leads with what the change breaks and fixes. Without --format,
verify prints its verdict table and one paragraph per violation. --format tap or
junit gives one result per property and path for a CI system (a violation below
--fail-on: TAP TODO, JUnit pass).
EDIT is MASK+=FLAG, MASK-=FLAG or MASK=EXPR (C syntax over flags and masks). A
header is read as the x86-64 build sees it: CONFIG_X86_64 defined, CONFIG_X86_32
not, __ASSEMBLY__ either way. Flag and mask names are accepted with or without
the _TIF_ / TIF_ prefix.
A flag in a header that no built-in kernel has (a patch's new TIF_FOO) is
checked as pending work: set before the path or whenever IRQs are on, cleared by
the era's notify-resume work where that runs with it pending. --flag-work
FOO=FUNCTION names the function that clears it instead, FOO=none says nothing
does; verify, diff and explain take it.
--fred checks a kernel as it runs on FRED hardware (CONFIG_X86_FRED, 6.9+;
v6.14 on): every return to user mode is ERETU, whatever the SYSRET tests say, so
sysret-safe does not apply; diff --fred SIDE puts one side (or both) on FRED.
Each property has a class: bug (the kernel hangs, crashes, loses work or returns
wrongly), divergence (it differs from a reference design: two-phase-equivalent)
or lint (mask-dead-bits). --fail-on CLASS sets the least serious class that
fails a run; by default, bug.

exit status:
  0  verify: no property of the --fail-on class or above is violated; diff:
     the proposal breaks nothing of that class that held on the base; replay:
     it reproduces exactly
  1  verify: such a property is violated; diff: the proposal breaks one (or a
     path only it models violates one); replay: the outcome changed
  2  bad input or usage: one line names the file:line:col or the argument
`;

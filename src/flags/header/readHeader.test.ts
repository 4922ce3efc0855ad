import { describe, expect, it } from 'vitest';
import { formatInputError } from '../errors.js';
import { hex32 } from '../format.js';
import { readHeader } from './readHeader.js';
import { ERA3_HEADER, ERA6_HEADER } from './testing/headers.js';

const read = (text: string) => readHeader(text, 'thread_info.h');
const values = (text: string): Record<string, string> => {
  const h = read(text);
  if (!h.ok) throw new Error(formatInputError(h.error));
  return Object.fromEntries([...h.value.values].map(([n, v]) => [n, hex32(v)]));
};
const failure = (text: string): string => {
  const h = read(text);
  if (h.ok) throw new Error('expected the header to be rejected');
  return formatInputError(h.error);
};

describe('readHeader', () => {
  it('should read a 3.x-style header as x86-64 sees it', () => {
    const h = read(ERA3_HEADER);
    if (!h.ok) throw new Error(formatInputError(h.error));
    expect(Object.fromEntries(h.value.tables.flags.flags.map((f) => [f.name, f.bit]))).toEqual({
      SYSCALL_TRACE: 0,
      NOTIFY_RESUME: 1,
      SIGPENDING: 2,
      NEED_RESCHED: 3,
      SINGLESTEP: 4,
      SYSCALL_EMU: 6,
      SYSCALL_AUDIT: 7,
      SECCOMP: 8,
      MCE_NOTIFY: 10,
      USER_RETURN_NOTIFY: 11,
      UPROBE: 12,
      NOHZ: 19,
      SYSCALL_TRACEPOINT: 28,
    });
    // Hand values: the same arithmetic as v3.13 (see src/kernels/maskValues.test.ts).
    expect(values(ERA3_HEADER)).toEqual({
      _TIF_WORK_SYSCALL_ENTRY: '0x100801d1',
      _TIF_WORK_MASK: '0x0000fe2e',
      _TIF_ALLWORK_MASK: '0x1008feff',
      _TIF_DO_NOTIFY_MASK: '0x00000c06',
      _TIF_VIA_HELPER: '0x00000c06',
    });
    expect(h.value.masks.get('_TIF_WORK_MASK')?.where).toEqual({
      kind: 'file',
      file: 'thread_info.h',
      line: 64,
      column: 9,
    });
  });

  it('should read BIT() forms, both sides of __ASSEMBLER__, IS_ENABLED and #elif arithmetic', () => {
    expect(values(ERA6_HEADER)).toEqual({
      _TIF_ASM_ONLY: '0x00000004',
      _TIF_C_ONLY: '0x00001002',
      _TIF_EXIT_WORK: '0x0002301e',
      _TIF_ELIF_TAKEN: '0x00000004',
    });
  });

  it('should read CRLF line ends and a backslash-CRLF continuation', () => {
    const text =
      '#define TIF_A 1\r\n#define _TIF_A (1 << TIF_A)\r\n#define _TIF_M \\\r\n  (_TIF_A | 0x10)\r\n';
    expect(values(text)).toEqual({ _TIF_M: '0x00000012' });
  });

  it('should keep a mask that references another as a reference', () => {
    const h = read(
      '#define TIF_A 1\n#define _TIF_A (1<<TIF_A)\n#define _TIF_B_MASK _TIF_A\n#define _TIF_C_MASK (_TIF_B_MASK | 4)\n',
    );
    expect(h.ok && h.value.masks.get('_TIF_C_MASK')?.expr).toEqual({
      kind: 'binary',
      op: '|',
      left: { kind: 'ref', name: '_TIF_B_MASK' },
      right: { kind: 'const', value: 4 },
    });
  });

  it('should name the place of each kind of bad input', () => {
    const flagA = '#define TIF_A 1\n#define _TIF_A (1 << TIF_A)\n';
    expect(failure(`${flagA}#define _TIF_M (_TIF_M | _TIF_A)\n`)).toBe(
      'thread_info.h:3:9: mask _TIF_M refers to itself: _TIF_M -> _TIF_M',
    );
    expect(failure(`${flagA}#define _TIF_P _TIF_Q\n#define _TIF_Q (_TIF_P | _TIF_A)\n`)).toBe(
      'thread_info.h:3:9: mask _TIF_P refers to itself: _TIF_P -> _TIF_Q -> _TIF_P',
    );
    expect(failure(`${flagA}#define _TIF_M (_TIF_A |\\\n   _TIF_NOPE)\n`)).toBe(
      'thread_info.h:4:4: undefined name _TIF_NOPE',
    );
    expect(failure('#define TIF_BIG  32\n#define _TIF_M 1\n')).toBe(
      "thread_info.h:1:9: TIF_BIG is bit 32; a flag's bit must be 0..31",
    );
    expect(failure('#define TIF_A 3\n#define TIF_B 3\n#define _TIF_M 1\n')).toBe(
      'thread_info.h:2:9: flags A and B are both bit 3',
    );
    expect(failure('#define TIF_A 1\n  /* never closed\n#define _TIF_M 1\n')).toBe(
      'thread_info.h:2:3: comment is never closed',
    );
    expect(failure('#define TIF_A 1\n#ifdef CONFIG_X86_64\n#define _TIF_M 1\n')).toBe(
      'thread_info.h:2:1: this conditional is never closed by #endif',
    );
    expect(failure('#define _TIF_M 1\n#else\n')).toBe('thread_info.h:2:1: #else without #if');
    expect(failure('#define _TIF_M 1\n  #endif\n')).toBe('thread_info.h:2:3: #endif without #if');
    expect(failure('#if 1\n#else\n#elif 1\n#endif\n')).toBe('thread_info.h:3:1: #elif after #else');
    expect(failure('#ifdef CONFIG_X86_64\n#error no 64-bit here\n#endif\n')).toBe(
      'thread_info.h:2:1: #error is active for x86-64: no 64-bit here',
    );
    expect(failure('#define TIF_A 1\n')).toBe('thread_info.h: the header defines no _TIF_ masks');
    expect(failure('#ifdef __ASSEMBLY__\n#define _TIF_M 1\n#else\n#define _TIF_M 2\n#endif\n')).toBe(
      'thread_info.h:4:9: _TIF_M is defined differently with and without __ASSEMBLY__',
    );
    expect(failure('#if FOO(1)\n#endif\n#define _TIF_M 1\n')).toBe(
      'thread_info.h:1:5: cannot evaluate the macro call FOO(...) here',
    );
    expect(failure('#define _TIF_M (1 + 2)\n')).toBe(
      "thread_info.h:1:19: operator '+' is not part of a mask expression (only | & ~ << and parentheses)",
    );
  });

  it('should refuse a macro chain that would expand exponentially', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `#define H${i + 1} (H${i} | H${i})`).join('\n');
    expect(failure(`#define H0 1\n${chain}\n#define _TIF_M H40\n`)).toMatch(
      /^thread_info.h:\d+:\d+: macro expansion exceeds/,
    );
  });

  it('should say which included file it did not read', () => {
    const h = read(
      '#include <asm-generic/thread_info_tif.h>\n#define TIF_A 16\n#define _TIF_A BIT(TIF_A)\n#define _TIF_M _TIF_A\n',
    );
    expect(h.ok && h.value.notes).toEqual([
      'the header includes <asm-generic/thread_info_tif.h>; tifcheck reads one file, so flags or masks defined there are not seen',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { getKernel } from '../kernels/registry.js';
import { applyEdit, parseEdit } from './edit.js';
import { capture, formatInputError, type Where } from './errors.js';
import { parseRawExpr } from './rawExpr.js';

const at =
  (text: string) =>
  (pos: number): Where => ({ kind: 'argument', argument: text, column: pos + 1 });
const rawError = (text: string) => {
  const r = capture(() => parseRawExpr(text, at(text)));
  if (r.ok) throw new Error(`expected ${text} to fail`);
  return r.error;
};

describe('parseRawExpr', () => {
  it('should name the column of a stray token', () => {
    const e = rawError('_TIF_A | | _TIF_B');
    expect(e.code).toBe('syntax');
    expect(e.where).toEqual({ kind: 'argument', argument: '_TIF_A | | _TIF_B', column: 10 });
  });

  it('should say which C operator is not part of the mask algebra', () => {
    const e = rawError('_TIF_A + _TIF_B');
    expect(e.code).toBe('unsupported');
    expect(e.message).toContain("'+'");
    expect(e.where).toMatchObject({ column: 8 });
  });

  it('should reject an unclosed parenthesis, an empty text and a bad literal', () => {
    expect(rawError('(_TIF_A | _TIF_B').message).toContain("expected ')'");
    expect(rawError('   ').message).toBe('empty expression');
    expect(rawError('0x12G4').message).toContain('malformed integer literal');
  });

  it('should refuse nesting deep enough to exhaust the stack, with a position', () => {
    const deep = `${'('.repeat(100_000)}1${')'.repeat(100_000)}`;
    expect(rawError(deep).code).toBe('unsupported');
    expect(rawError(`${'~'.repeat(100_000)}1`).code).toBe('unsupported');
  });

  it('should accept the spellings real headers use', () => {
    for (const text of [
      '(1 << TIF_X)',
      'BIT(TIF_X)',
      '(1UL << TIF_X)',
      '0x0000FFFF & ~(_TIF_A|_TIF_B)',
      '((unsigned long)1 << 3)',
    ]) {
      expect(capture(() => parseRawExpr(text, at(text))).ok).toBe(true);
    }
  });
});

describe('parseEdit and applyEdit', () => {
  const v313 = getKernel('v3.13');
  const applyText = (text: string) => {
    const e = parseEdit(text);
    return e.ok ? applyEdit(v313.masks, v313.tables, e.value) : e;
  };
  const failure = (text: string): string => {
    const r = applyText(text);
    if (r.ok) throw new Error(`expected ${text} to fail`);
    return formatInputError(r.error);
  };

  it('should accept names with or without the _TIF_ and TIF_ prefixes', () => {
    for (const text of [
      '_TIF_DO_NOTIFY_MASK+=_TIF_UPROBE',
      'DO_NOTIFY_MASK+=UPROBE',
      'TIF_DO_NOTIFY_MASK += TIF_UPROBE',
    ]) {
      const r = applyText(text);
      expect(r.ok).toBe(true);
    }
  });

  it('should name an unknown mask or flag, with a suggestion', () => {
    expect(failure('DO_NOTIFY_MASK+=UPROBES')).toBe(
      "argument 'DO_NOTIFY_MASK+=UPROBES': unknown flag UPROBES in ti->flags; did you mean UPROBE?",
    );
    expect(failure('DONOTIFY_MASK+=UPROBE')).toContain(
      'unknown mask DONOTIFY_MASK; did you mean _TIF_DO_NOTIFY_MASK',
    );
  });

  it('should give the column of a bad name inside MASK=EXPR', () => {
    expect(failure('WORK_MASK=_TIF_SIGPENDING | _TIF_NOPE')).toBe(
      "argument 'WORK_MASK=_TIF_SIGPENDING | _TIF_NOPE' (column 29): undefined name _TIF_NOPE (did you mean NOHZ?)",
    );
  });

  it('should refuse a bit number where a flag is meant', () => {
    expect(failure('WORK_MASK=TIF_UPROBE')).toContain(
      'TIF_UPROBE is a bit number, not a mask; write _TIF_UPROBE or UPROBE',
    );
  });

  it('should read the edited mask inside its own new expression as its old value', () => {
    const r = applyText('DO_NOTIFY_MASK = DO_NOTIFY_MASK | UPROBE');
    expect(r.ok).toBe(true);
  });

  it('should reject an edit that makes two masks refer to each other', () => {
    // In v3.13-viro ALLWORK is built from WORK, so WORK built from ALLWORK closes a loop.
    const viro = getKernel('v3.13-viro');
    const e = parseEdit('_TIF_WORK_MASK = _TIF_ALLWORK_MASK');
    const r = e.ok ? applyEdit(viro.masks, viro.tables, e.value) : e;
    expect(r.ok ? '' : formatInputError(r.error)).toBe(
      "argument '_TIF_WORK_MASK = _TIF_ALLWORK_MASK': mask _TIF_WORK_MASK refers to itself: _TIF_WORK_MASK -> _TIF_ALLWORK_MASK -> _TIF_WORK_MASK",
    );
  });

  it('should reject a malformed edit in one line', () => {
    const e = parseEdit('WORK_MASK');
    expect(e.ok ? '' : formatInputError(e.error)).toBe(
      "argument 'WORK_MASK' (column 1): an edit is MASK+=FLAG, MASK-=FLAG or MASK=EXPR",
    );
    const f = parseEdit('WORK_MASK+=A|B');
    expect(f.ok ? '' : f.error.message).toBe('after += give one flag name');
  });
});

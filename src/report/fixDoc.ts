import type { FixSearch } from '../check/fixes.js';
import type { Place } from '../check/result.js';
import { editSubject, type Subject } from '../check/subject.js';
import type { Expr } from '../flags/expr.js';
import { printExpr } from '../flags/print.js';
import { isKernelId } from '../kernels/kernelId.js';
import { getKernel } from '../kernels/registry.js';
import type { DefinitionChange, FixDoc } from './counterexampleDoc.js';

const placeName = (p: Place): string => `${p.property} on ${p.path ?? 'masks'}`;

/** The file that defines a mask: the header's line, or the file a built-in kernel's cite names. */
function maskFile(subject: Subject, mask: string): string | undefined {
  // A built-in kernel's masks are read from its spec, whose `where` is not a file of the tree.
  if (isKernelId(subject.kernel)) return getKernel(subject.kernel).maskInfo.get(mask)?.cite.at?.path;
  const where = subject.masks.get(mask)?.where;
  if (where?.kind !== 'file') return undefined;
  return where.line === undefined ? where.file : `${where.file}:${where.line}`;
}

/** The body of a #define: an operator expression in parentheses, as a macro needs. */
const defineBody = (e: Expr): string => (e.kind === 'binary' ? `(${printExpr(e)})` : printExpr(e));

/** What the edits change in C: each mask whose definition they change, before and after. */
export function definitionChanges(subject: Subject, edits: readonly string[]): DefinitionChange[] {
  const after = editSubject(subject, edits);
  if (!after.ok) return [];
  const out: DefinitionChange[] = [];
  for (const [name, def] of subject.masks) {
    const next = after.value.masks.get(name);
    if (next === undefined) continue;
    const before = defineBody(def.expr);
    const now = defineBody(next.expr);
    if (before === now) continue;
    const file = maskFile(subject, name);
    out.push({ mask: name, ...(file === undefined ? {} : { file }), before, after: now });
  }
  return out;
}

/** Why a fix search found nothing, in words: the verify table and the reports say it alike. */
export function noFixText(f: FixSearch, r: Place): string {
  return (
    f.none ??
    `no one or two single-flag edits of the masks ${r.path ?? 'it'} tests make it hold without breaking a property that holds (${f.tried} tried, ${f.verified} verified)`
  );
}

/** The fix search of one violation as the reports carry it. */
export function fixFields(
  subject: Subject,
  f: FixSearch | undefined,
  r: Place,
): { fixes?: readonly FixDoc[]; noFix?: string } {
  if (f === undefined) return {};
  if (f.fixes.length === 0) return { noFix: noFixText(f, r) };
  return {
    fixes: f.fixes.map((x) => ({
      edits: x.edits,
      definitions: definitionChanges(subject, x.edits),
      alsoFixes: x.fixes.filter((p) => p.property !== r.property || p.path !== r.path).map(placeName),
    })),
  };
}

/** Name lookups shared by edits and the command line: mask spellings and did-you-mean hints. */

/**
 * The kernel spelling of a mask the user named: exact, or with the `_TIF_` prefix the user left off
 * (`ALLWORK_MASK` is `_TIF_ALLWORK_MASK`).
 */
export function findMaskName(known: Iterable<string>, name: string): string | undefined {
  const names = [...known];
  const candidates = [name, `_TIF_${name}`, name.startsWith('TIF_') ? `_${name}` : undefined];
  return candidates.find((c) => c !== undefined && names.includes(c));
}

/** Up to three known names close to `name`, for "did you mean" in an error. */
export function closeNames(known: Iterable<string>, name: string): string[] {
  const target = bare(name);
  return [...known]
    .map((k) => ({ k, d: distance(bare(k), target) }))
    .filter(
      ({ k, d }) =>
        d <= Math.max(2, Math.floor(target.length / 4)) || (target.length > 2 && bare(k).includes(target)),
    )
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
}

export function didYouMean(known: Iterable<string>, name: string): string | undefined {
  const close = closeNames(known, name);
  return close.length === 0 ? undefined : `did you mean ${close.join(', ')}?`;
}

// Prefixes say nothing about which name was meant.
function bare(name: string): string {
  return name.toUpperCase().replace(/^_?TIF_/, '');
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] ?? 0;
      row[j] = Math.min(up + 1, (row[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] ?? 0;
}

import { formatCite } from '../kernels/cite.js';
import type { Fact, FactKind } from '../kernels/facts.js';
import type { Kernel } from '../kernels/kernel.js';
import { seedsNamed } from '../kernels/seeds.js';
import { TREES } from '../kernels/trees.js';

/** The version of `tifcheck facts --json`. */
export const FACTS_SCHEMA = 'tifcheck-facts/1';

const EVIDENCE_WORD = {
  source: 'read in source',
  inference: 'inferred',
  recollection: 'recalled',
  seed: 'from a seed',
} as const;

/** Every fact, one block each: kind, what, value; then where it comes from, indented. */
export function factsText(k: Kernel, facts: readonly Fact[]): string {
  const out = [`tifcheck facts: kernel ${k.id} -- ${k.title}`, ''];
  const trees = [...new Set(facts.flatMap((f) => (f.cite.at === undefined ? [] : [f.cite.at.tree])))];
  if (trees.length > 0) {
    out.push('read in:');
    for (const id of trees) {
      const t = TREES[id];
      out.push(`  ${t.release}: ${t.repo}@${t.commit}${'note' in t ? ` (${t.note})` : ''}`);
    }
    out.push('');
  }
  const width = Math.max(...facts.map((f) => f.kind.length));
  for (const f of facts) {
    out.push(`${f.kind.padEnd(width)}  ${f.name}${f.value === undefined ? '' : `  ${f.value}`}`);
    out.push(`${' '.repeat(width + 2)}${formatCite(f.cite)}`);
  }
  const count = (e: keyof typeof EVIDENCE_WORD) => facts.filter((f) => f.cite.evidence === e).length;
  const named = facts.filter((f) => f.cite.at !== undefined).length;
  out.push(
    '',
    `${facts.length} facts: ${count('source')} ${EVIDENCE_WORD.source} (${named} naming the tree and file), ${count('inference')} inferred, ${count('recollection')} recalled, ${count('seed')} from a seed`,
  );
  return `${out.join('\n')}\n`;
}

export function factsJson(k: Kernel, facts: readonly Fact[]): unknown {
  return {
    schema: FACTS_SCHEMA,
    kernel: k.id,
    title: k.title,
    facts: facts.map((f) => ({
      kind: f.kind satisfies FactKind,
      name: f.name,
      ...(f.value === undefined ? {} : { value: f.value }),
      evidence: f.cite.evidence,
      ref: seedsNamed(f.cite.ref),
      ...(f.cite.at === undefined
        ? {}
        : {
            tree: { id: f.cite.at.tree, ...TREES[f.cite.at.tree] },
            path: f.cite.at.path,
          }),
    })),
  };
}

/**
 * The flag words a kernel tests. Until 5.10 all work lives in `ti->flags`; generic entry (5.11)
 * moved syscall work into a second word, `ti->syscall_work`, with its own bit numbers
 * (kernel-facts.md §1.2). Each word has its own spelling of a flag's value and bit number.
 */

export type WordId = 'flags' | 'syscall_work';

export interface WordSpelling {
  /** Prefix of the macro whose value is the flag's mask (`_TIF_UPROBE`). */
  readonly valuePrefix: string;
  /** Prefix of the macro whose value is the flag's bit number (`TIF_UPROBE`). */
  readonly bitPrefix: string;
  /** How the kernel names the C variable, for messages. */
  readonly field: string;
}

export const WORDS: Record<WordId, WordSpelling> = {
  flags: { valuePrefix: '_TIF_', bitPrefix: 'TIF_', field: 'ti->flags' },
  syscall_work: { valuePrefix: 'SYSCALL_WORK_', bitPrefix: 'SYSCALL_WORK_BIT_', field: 'ti->syscall_work' },
};

export const WORD_IDS: readonly WordId[] = ['flags', 'syscall_work'];

/**
 * A flag name as tifcheck prints it: without prefix (`UPROBE`). Accepts `_TIF_UPROBE`,
 * `TIF_UPROBE` or `UPROBE` (and the syscall_work spellings for that word).
 */
export function bareFlagName(name: string, word: WordId = 'flags'): string {
  const w = WORDS[word];
  if (name.startsWith(w.bitPrefix)) return name.slice(w.bitPrefix.length);
  if (name.startsWith(w.valuePrefix)) return name.slice(w.valuePrefix.length);
  return name;
}

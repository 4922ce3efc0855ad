/**
 * The mailing-list threads the project grew from (../shared/seeds), by the number their files begin
 * with. Output names a thread by its subject and date, which anyone can look up in the list
 * archives; the file names are this project's and open nowhere else.
 */
export interface Seed {
  readonly subject: string;
  readonly when: string;
}

export const SEEDS: Readonly<Record<string, Seed>> = {
  '000': { subject: '[PATCH v4 0/5] x86: two-phase syscall tracing and seccomp fastpath', when: 'Jul 2014' },
  '001': { subject: '[RFC 00/30] x86: Rewrite all syscall entries except native 64-bit', when: 'Sep 2015' },
  '002': {
    subject: '[PATCH 07/12] x86/entry/64: Always run ptregs-using syscalls on the slow path',
    when: 'Dec 2015',
  },
  '003': { subject: '[RFC] de-asmify the x86-64 system call slowpath', when: 'Jan 2014' },
};

/** The thread as a reader finds it: `LKML "subject" (Jan 2014)`. */
export function seedThread(id: string): string {
  const s = SEEDS[id];
  return s === undefined ? `seed ${id}` : `LKML "${s.subject}" (${s.when})`;
}

/**
 * Text for output: a seed's file name (`003_22c8ab191e039a08.txt`) becomes its thread, and so does
 * the first `seed 003` of the text; later mentions stay short.
 */
export function seedsNamed(text: string): string {
  const named = new Set<string>();
  return text
    .replace(/\b(\d{3})_[0-9a-f]{16}\.txt\b/g, (_, id: string) => {
      named.add(id);
      return seedThread(id);
    })
    .replace(/\b([Ss]eeds?) (\d{3})('s)?\b/g, (whole, word: string, id: string, own?: string) => {
      if (named.has(id) || SEEDS[id] === undefined) return whole;
      named.add(id);
      return `${word} ${id}${own ?? ''} (${seedThread(id)})`;
    });
}

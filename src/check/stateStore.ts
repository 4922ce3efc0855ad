import { copyWords, hashWords, STATE_WORDS, sameWords } from '../model/packedState.js';

/**
 * The explorer's states, packed (model/packedState.ts) one after another in a growing Int32Array,
 * with an open-addressing table from a state's words to its id. No object per state: the search
 * keeps hundreds of thousands of them, and as objects they were a fifth of its time in the
 * garbage collector (v6.14's whole syscall, node --cpu-prof).
 */
export class StateStore {
  private words = new Int32Array(STATE_WORDS * 1024);
  /** Pairs of (hash, id + 1), so that a probe reads one cache line; id + 1 = 0 is an empty slot. */
  private slots = new Int32Array(2 << 16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The words of every state; state `id` starts at `id * STATE_WORDS`. Valid until the next add. */
  get all(): Int32Array {
    return this.words;
  }

  /** The id of the state packed at `at` of `w`, or -1. */
  find(w: Int32Array, at: number, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = (slots[2 * i + 1] as number) - 1;
      if (id < 0) return -1;
      if (slots[2 * i] === h && sameWords(this.words, id * STATE_WORDS, w, at)) return id;
    }
  }

  /** Stores the state packed at `at` of `w` (not yet present, see `find`) and returns its id. */
  add(w: Int32Array, at: number, h: number = hashWords(w, at)): number {
    const id = this.count;
    if ((id + 1) * STATE_WORDS > this.words.length) {
      const bigger = new Int32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    copyWords(w, at, this.words, id * STATE_WORDS);
    if ((id + 1) * 4 > this.slots.length) this.grow();
    this.place(h, id);
    this.count++;
    return id;
  }

  private place(h: number, id: number): void {
    const slots = this.slots;
    const mask = (slots.length >>> 1) - 1;
    let i = h & mask;
    while ((slots[2 * i + 1] as number) !== 0) i = (i + 1) & mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = id + 1;
  }

  /** Twice the slots once half are used. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const id = (old[i + 1] as number) - 1;
      if (id >= 0) this.place(old[i] as number, id);
    }
  }
}

import { type ModelState, sameState, stateHash } from '../model/state.js';

/**
 * State -> id, for the explorer: open addressing over a 32-bit hash of the state's fields, with
 * the states themselves as the keys. Replaces a Map of string keys, whose building and hashing
 * was a quarter of the search (bench: v3.13 syscall-exit).
 */
export class StateIndex {
  private slots = new Int32Array(1 << 16).fill(-1);
  private hashes = new Int32Array(1 << 16);
  private used = 0;

  constructor(private readonly states: readonly ModelState[]) {}

  /** The id of a state equal to `s`, or -1. */
  get(s: ModelState, h: number = stateHash(s)): number {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i] as number;
      if (id < 0) return -1;
      if (this.hashes[i] === h && sameState(this.states[id] as ModelState, s)) return id;
    }
  }

  /** Records that `s` (not yet present) has id `id`. */
  set(s: ModelState, id: number, h: number = stateHash(s)): void {
    if ((this.used + 1) * 2 > this.slots.length) this.grow();
    this.place(h, id);
    this.used++;
  }

  private place(h: number, id: number): void {
    const mask = this.slots.length - 1;
    let i = h & mask;
    while ((this.slots[i] as number) >= 0) i = (i + 1) & mask;
    this.slots[i] = id;
    this.hashes[i] = h;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.hashes = new Int32Array(oldSlots.length * 2);
    for (let i = 0; i < oldSlots.length; i++) {
      const id = oldSlots[i] as number;
      if (id >= 0) this.place(oldHashes[i] as number, id);
    }
  }
}

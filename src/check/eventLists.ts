import type { FiredEvent } from '../model/transition.js';

/**
 * The explorer's edge labels: each distinct list of event ids once, by index, so that an edge is
 * one number in a typed array rather than an array per state. Index 0 is the empty list.
 */
export class EventLists {
  private readonly lists: (readonly string[])[] = [[]];
  private readonly byKey = new Map<string, number>([['', 0]]);

  /** The list at `index`. */
  get(index: number): readonly string[] {
    return this.lists[index] ?? [];
  }

  private readonly singles = new Map<string, number>();

  /** The index of a list of one event (the explorer asks for every IRQ event's edge). */
  of1(id: string): number {
    let i = this.singles.get(id);
    if (i === undefined) {
      i = this.intern([id]);
      this.singles.set(id, i);
    }
    return i;
  }

  /** The index of the ids of `events`, in order. */
  ofEvents(events: readonly FiredEvent[]): number {
    return events.length === 1
      ? this.of1((events[0] as FiredEvent).id)
      : this.intern(events.map((e) => e.id));
  }

  private intern(ids: readonly string[]): number {
    // Event ids never hold a newline.
    const key = ids.join('\n');
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.lists.length;
      this.lists.push(ids);
      this.byKey.set(key, i);
    }
    return i;
  }
}

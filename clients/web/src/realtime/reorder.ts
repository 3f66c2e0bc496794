/**
 * Reorder hands over what each sender numbered 1, 2, 3, … in that order, exactly once, however
 * it arrives: a signal that overtook an earlier one waits until the gap is filled, and one seen
 * again (a listener replaying a snapshot, a retried send) is dropped.
 */
export class Reorder<T> {
  private readonly next = new Map<string, number>();
  private readonly waiting = new Map<string, Map<number, T>>();

  /** Accepts item number seq from sender and returns the items now due, in order. */
  push(sender: string, seq: number, item: T): T[] {
    const next = this.next.get(sender) ?? 1;
    if (seq < next) return [];
    let held = this.waiting.get(sender);
    if (!held) this.waiting.set(sender, (held = new Map()));
    held.set(seq, item);
    const due: T[] = [];
    let n = next;
    for (let it = held.get(n); it !== undefined; it = held.get(n)) {
      due.push(it);
      held.delete(n);
      n++;
    }
    this.next.set(sender, n);
    return due;
  }

  /** How many items wait for an earlier one, per sender (a gap that never fills shows here). */
  pending(sender: string): number {
    return this.waiting.get(sender)?.size ?? 0;
  }
}

/**
 * Reorder hands over what each sender numbered 1, 2, 3, … in that order, exactly once, however
 * it arrives: a signal that overtook an earlier one waits until the gap is filled, and one seen
 * again (a listener replaying a snapshot, a retried send) is dropped. A gap open for gapMs is
 * given up on (skipGap): the sender's send of that number failed, and it never comes.
 */
export class Reorder<T> {
  private readonly next = new Map<string, number>();
  private readonly waiting = new Map<string, Map<number, T>>();
  /** When each sender's current gap opened: the first item held behind it arrived. */
  private readonly gapSince = new Map<string, number>();

  // 30 s: the connect timeout; by then the connection a missing signal belonged to has failed anyway
  constructor(readonly gapMs = 30_000) {}

  /** Accepts item number seq from sender at now and returns the items now due, in order. */
  push(sender: string, seq: number, item: T, now = Date.now()): T[] {
    if (seq < (this.next.get(sender) ?? 1)) return [];
    let held = this.waiting.get(sender);
    if (!held) this.waiting.set(sender, (held = new Map()));
    held.set(seq, item);
    return this.drain(sender, now);
  }

  /**
   * Gives up on the items missing before those sender's gap holds, if it has been open gapMs by
   * now, and returns the items then due, in order; a missing one that arrives later is dropped.
   */
  skipGap(sender: string, now = Date.now()): T[] {
    const since = this.gapSince.get(sender);
    const held = this.waiting.get(sender);
    if (since === undefined || !held?.size || now - since < this.gapMs) return [];
    this.next.set(sender, Math.min(...held.keys()));
    return this.drain(sender, now);
  }

  /** How many items wait for an earlier one, per sender (a gap that never fills shows here). */
  pending(sender: string): number {
    return this.waiting.get(sender)?.size ?? 0;
  }

  private drain(sender: string, now: number): T[] {
    const held = this.waiting.get(sender)!;
    const due: T[] = [];
    let n = this.next.get(sender) ?? 1;
    for (let it = held.get(n); it !== undefined; it = held.get(n)) {
      due.push(it);
      held.delete(n);
      n++;
    }
    this.next.set(sender, n);
    if (held.size === 0) this.gapSince.delete(sender);
    else if (due.length > 0 || !this.gapSince.has(sender)) this.gapSince.set(sender, now); // a new gap
    return due;
  }
}

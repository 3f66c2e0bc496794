// Signalling through OpenPlay (docs/realtime.md): a signal goes to another participant of the
// room with POST /openplay/v1/rooms/{roomId}/signals, numbered per recipient so that a retry is
// idempotent and the recipient can apply them in order; it arrives through a Firestore listener on
// the player's own players/{playerId}/signals, and can be read over HTTP (read) should that
// listener stall.
import { collection, onSnapshot, query, where, type Firestore } from "firebase/firestore";
import type { Api } from "../api";
import type { Page } from "../games";
import { playerDocId } from "../paths";
import { Reorder } from "./reorder";

export type SignalType = "offer" | "answer" | "candidate" | "bye";

export interface Signal {
  id: string;
  roomId: string;
  from: string;
  to: string;
  type: SignalType;
  seq: number;
  payload: string;
}

export class Signaller {
  private readonly sent = new Map<string, number>();
  private readonly reorder = new Reorder<Signal>();
  /** Per sender, the timer that gives up on a gap in their numbering (Reorder.skipGap). */
  private readonly gapTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private unsubscribe?: () => void;
  private closed = false;
  /** Where the next HTTP read starts: the position after the signals read so far (SignalsList's token). */
  private pageToken = "";
  private reading?: Promise<void>;

  constructor(
    private readonly api: Api,
    private readonly roomId: string,
    private readonly deliver: (s: Signal) => void,
  ) {}

  /** Listens to the signals sent to playerId in this room, handing each over once, in order per sender. */
  listen(db: Firestore, playerId: string, onError: (err: Error) => void): void {
    const q = query(collection(db, "players", playerDocId(playerId), "signals"), where("roomId", "==", this.roomId));
    this.unsubscribe = onSnapshot(q, (snap) => {
      for (const change of snap.docChanges()) {
        if (change.type === "added") this.accept(change.doc.data() as Signal);
      }
    }, onError);
  }

  /** Hands over a signal however it arrived (the listener, or an HTTP read). */
  accept(s: Signal): void {
    for (const due of this.reorder.push(s.from, s.seq, s)) this.deliver(due);
    this.watchGap(s.from);
  }

  /**
   * Reads the signals sent to the player in this room over HTTP, from where the last read ended,
   * and hands over those the listener has not. A Firestore listener can stall for a while (its
   * stream reconnecting) and hold an offer or an answer until the connection waiting for it
   * fails; the room reads while a connection is being set up (docs/realtime.md). One read at a
   * time: a call during a read gets that read.
   */
  read(): Promise<void> {
    this.reading ??= this.readPages().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readPages(): Promise<void> {
    for (;;) {
      const token = this.pageToken ? `&pageToken=${encodeURIComponent(this.pageToken)}` : "";
      const page = await this.api.call<Page<Signal>>("GET",
        `/openplay/v1/rooms/${encodeURIComponent(this.roomId)}/signals?maxResults=100${token}`, undefined, { retries: 2 });
      if (this.closed) return;
      for (const s of page.items ?? []) this.accept(s);
      const moved = page.nextPageToken !== undefined && page.nextPageToken !== this.pageToken;
      if (moved) this.pageToken = page.nextPageToken!;
      if (!moved || !page.items?.length) return; // nothing newer
    }
  }

  /**
   * While signals from sender wait behind a missing one, checks back after the reorder's gapMs: a
   * send that failed leaves its number missing for good, and everything the sender signals after
   * it (a new offer, say) would wait forever.
   */
  private watchGap(sender: string): void {
    if (this.closed || this.gapTimers.has(sender) || this.reorder.pending(sender) === 0) return;
    this.gapTimers.set(sender, setTimeout(() => {
      this.gapTimers.delete(sender);
      for (const due of this.reorder.skipGap(sender)) this.deliver(due);
      this.watchGap(sender);
    }, this.reorder.gapMs));
  }

  /** Sends a signal to the participant `to`. Its number is taken now, so signals keep the order of the calls. */
  send(to: string, type: SignalType, payload: string): Promise<void> {
    const seq = (this.sent.get(to) ?? 0) + 1;
    this.sent.set(to, seq);
    return this.api.call("POST", `/openplay/v1/rooms/${encodeURIComponent(this.roomId)}/signals`,
      { kind: "openplay#signalRequest", to, type, seq, payload }, { retries: 5 });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const timer of this.gapTimers.values()) clearTimeout(timer);
    this.gapTimers.clear();
  }
}

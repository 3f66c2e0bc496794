// The player's inbox as a live stream: a Firestore listener on players/{player}/inbox ({player}
// is the player's document ID, paths.ts), which security rules let the player read
// (docs/notifications.md). Invitations, turns and room changes arrive here a moment after the
// call that caused them.
import { collection, getDocs, limit, onSnapshot, orderBy, query, type Firestore, type Query } from "firebase/firestore";
import { playerDocId } from "./paths";
import type { Notification } from "./types";

export type NotificationListener = (n: Notification) => void;

/** How many of the newest notifications the listener watches; older ones are history. */
const WINDOW = 25;

/** How long a listener Firestore stopped (an error) waits before listening again. */
const RESTART_MS = 5000;

export class Inbox {
  private readonly listeners = new Set<NotificationListener>();
  private readonly seen = new Set<string>();
  private unsubscribe?: () => void;
  private restart?: ReturnType<typeof setTimeout>;
  private listening?: Promise<void>;

  constructor(private readonly db: Firestore, private readonly playerId: string) {}

  /**
   * Resolves once the listener has its first snapshot: from then on every new notification is
   * reported, so a game that then reads its invitations (rooms.list, matches.list) misses none.
   */
  get ready(): Promise<void> {
    this.start();
    return this.listening!;
  }

  /** The newest notifications in the inbox (up to the listener's window), newest first, read once. */
  async recent(): Promise<Notification[]> {
    return (await getDocs(this.newest())).docs.map((d) => d.data() as Notification);
  }

  private newest(): Query {
    return query(collection(this.db, "players", playerDocId(this.playerId), "inbox"), orderBy("deliveredAt", "desc"), limit(WINDOW));
  }

  /**
   * Calls listener with every notification delivered from now on (the ones already in the inbox
   * are skipped; read them with the inbox API). Returns a function that stops it.
   */
  subscribe(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  private start(): void {
    if (this.unsubscribe) return;
    let listening!: () => void;
    this.listening = new Promise((resolve) => (listening = resolve));
    this.listen(true, listening);
  }

  /**
   * Listens to the inbox; initial: the first snapshot is history, not reported. When Firestore
   * stops the listener (an error), it listens again after RESTART_MS and reports what arrived
   * meanwhile (within the window); ready resolves with the first snapshot that comes.
   */
  private listen(initial: boolean, ready: () => void): void {
    const unsubscribe = onSnapshot(this.newest(), (snap) => {
      for (const change of snap.docChanges()) {
        const n = change.doc.data() as Notification;
        if (change.type !== "added" || this.seen.has(n.id)) continue;
        this.seen.add(n.id);
        if (!initial) for (const l of this.listeners) l(n);
      }
      initial = false;
      ready();
    }, (err) => {
      console.error(`openplay: the inbox listener stopped; listening again in ${RESTART_MS / 1000} s:`, err);
      this.restart = setTimeout(() => {
        if (this.unsubscribe === unsubscribe) this.listen(initial, ready);
      }, RESTART_MS);
    });
    this.unsubscribe = unsubscribe;
  }

  private stop(): void {
    clearTimeout(this.restart);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listening = undefined;
  }
}

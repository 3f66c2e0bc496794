// The player's inbox as a live stream: a Firestore listener on players/{player}/inbox ({player}
// is the player's document ID, paths.ts), which security rules let the player read
// (docs/notifications.md). Invitations, turns and room changes arrive here a moment after the
// call that caused them.
import {
  collection, getDocs, getDocsFromServer, limit, onSnapshot, orderBy, query, startAfter, where,
  type Firestore, type Query, type QueryConstraint, type QueryDocumentSnapshot, type Timestamp,
} from "firebase/firestore";
import { playerDocId } from "./paths";
import type { Notification } from "./types";

export type NotificationListener = (n: Notification) => void;

/** How many of the newest notifications the listener watches; older ones are history. */
const WINDOW = 25;

/** How long a listener Firestore stopped (an error) waits before listening again. */
const RESTART_MS = 5000;

/** How many notifications a read of those a full window pushed out asks for at a time. */
const CATCH_UP_PAGE = 100;

export class Inbox {
  private readonly listeners = new Set<NotificationListener>();
  private readonly seen = new Set<string>();
  private unsubscribe?: () => void;
  private restart?: ReturnType<typeof setTimeout>;
  private listening?: Promise<void>;
  /** The reports of the snapshots so far, one after another (a snapshot may have to read first). */
  private reporting: Promise<void> = Promise.resolve();
  /**
   * When the newest notification the listener found on starting was delivered: anything older is
   * history, even when it slides into the window later (a newer one expired).
   */
  private since?: Timestamp;

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
    return query(this.inbox(), orderBy("deliveredAt", "desc"), limit(WINDOW));
  }

  private inbox() {
    return collection(this.db, "players", playerDocId(this.playerId), "inbox");
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
   * meanwhile; ready resolves with the first snapshot that comes.
   *
   * The listener watches only the newest WINDOW notifications. When more arrive at once than the
   * window holds (a burst, or what came while the connection was away: Firestore then sends the
   * window as it is now), the oldest of them never show in it. So a full window whose oldest
   * notification is new is followed by a read of those before it, down to one already seen, and
   * everything is reported oldest first.
   */
  private listen(initial: boolean, ready: () => void): void {
    const unsubscribe = onSnapshot(this.newest(), (snap) => {
      const added = snap.docChanges().filter((c) => c.type === "added").map((c) => c.doc).reverse(); // oldest first
      if (initial) {
        for (const d of added) this.seen.add(idOf(d));
        const newest = snap.docs[0] ? deliveredAt(snap.docs[0]) : undefined;
        if (newest && (!this.since || newest.valueOf() > this.since.valueOf())) this.since = newest;
        initial = false;
        ready();
        return;
      }
      const window = snap.docs;
      this.reporting = this.reporting.then(async () => {
        const oldest = window.at(-1);
        const full = window.length === WINDOW && oldest !== undefined && !this.seen.has(idOf(oldest)) && this.isNew(oldest);
        this.report(full ? await this.readBefore(oldest) : []);
        this.report(added.filter((d) => this.isNew(d)));
      }).catch((err) => console.error("openplay: could not report notifications:", err));
      ready();
    }, (err) => {
      console.error(`openplay: the inbox listener stopped; listening again in ${RESTART_MS / 1000} s:`, err);
      this.restart = setTimeout(() => {
        if (this.unsubscribe === unsubscribe) this.listen(initial, ready);
      }, RESTART_MS);
    });
    this.unsubscribe = unsubscribe;
  }

  /** Whether d was delivered after the listener started (see since). */
  private isNew(d: QueryDocumentSnapshot): boolean {
    const at = deliveredAt(d);
    return !this.since || !at || at.valueOf() > this.since.valueOf();
  }

  /** Reports each notification not reported yet, in the order given; a listener that throws stops no other. */
  private report(docs: QueryDocumentSnapshot[]): void {
    for (const d of docs) {
      const n = d.data() as Notification;
      if (this.seen.has(n.id)) continue;
      this.seen.add(n.id);
      for (const l of this.listeners) {
        try {
          l(n);
        } catch (err) {
          console.error("openplay: an inbox listener threw:", err);
        }
      }
    }
  }

  /**
   * The notifications delivered before doc, after the listener started and after the newest one
   * already seen, oldest first: those a full window may have pushed out. A failed read is logged,
   * and they are lost to the stream (the inbox API still lists them).
   */
  private async readBefore(doc: QueryDocumentSnapshot): Promise<QueryDocumentSnapshot[]> {
    const missed: QueryDocumentSnapshot[] = [];
    const after: QueryConstraint[] = this.since ? [where("deliveredAt", ">", this.since)] : [];
    try {
      for (let last = doc; ;) {
        const page = await getDocsFromServer(query(this.inbox(), ...after, orderBy("deliveredAt", "desc"), startAfter(last), limit(CATCH_UP_PAGE)));
        const known = page.docs.findIndex((d) => this.seen.has(idOf(d)));
        missed.push(...(known < 0 ? page.docs : page.docs.slice(0, known)));
        if (known >= 0 || page.docs.length < CATCH_UP_PAGE) break;
        last = page.docs[page.docs.length - 1];
      }
    } catch (err) {
      console.error("openplay: could not read the notifications that came all at once; some may not be reported:", err);
    }
    return missed.reverse();
  }

  private stop(): void {
    clearTimeout(this.restart);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listening = undefined;
  }
}

const idOf = (d: QueryDocumentSnapshot): string => (d.data() as Notification).id;
const deliveredAt = (d: QueryDocumentSnapshot): Timestamp | undefined => d.get("deliveredAt") as Timestamp | undefined;

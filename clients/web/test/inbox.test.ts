import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The inbox's Firestore listener, played by the test: each onSnapshot call is one listener.
const listeners: Array<{ next: (snap: unknown) => void; error: (err: Error) => void; stopped: boolean }> = [];
// The pages the catch-up reads get (notification IDs, newest first), and how many reads there were.
let pages: string[][] = [];
let reads = 0;
vi.mock("firebase/firestore", () => ({
  collection: () => ({}),
  query: () => ({}),
  orderBy: () => ({}),
  limit: () => ({}),
  startAfter: () => ({}),
  where: () => ({}),
  getDocs: async () => ({ docs: [] }),
  getDocsFromServer: async () => {
    reads++;
    const page = pages.shift();
    if (!page) throw new Error("offline");
    return { docs: page.map(doc) };
  },
  onSnapshot: (_q: unknown, next: (snap: unknown) => void, error: (err: Error) => void) => {
    const l = { next, error, stopped: false };
    listeners.push(l);
    return () => void (l.stopped = true);
  },
}));

const { Inbox } = await import("../src/inbox");
import type { Firestore } from "firebase/firestore";

/** When a notification was delivered, as a string that sorts like a Timestamp's valueOf: history ("h…", "old") before new ones ("n1", "n2", …). */
const at = (id: string) => (id.startsWith("n") ? "1" + id.slice(1).padStart(6, "0") : "0" + id);
const doc = (id: string) => ({ data: () => ({ id, type: "MATCH_TURN", deliveredAt: at(id) }), get: (field: string) => (field === "deliveredAt" ? at(id) : undefined) });

/** A snapshot of the listener's window, ids newest first; those in added (all by default) are new to it. */
const snapshot = (ids: string[], added = ids) => ({
  docs: ids.map(doc),
  docChanges: () => added.map((id) => ({ type: "added", doc: doc(id) })),
});

/** n notification IDs, from prefix+from upwards, newest first. */
const newestFirst = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${from + n - 1 - i}`);

/** Lets the inbox's reports, which wait on its reads, run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("Inbox", () => {
  beforeEach(() => {
    listeners.length = 0;
    pages = [];
    reads = 0;
    vi.useFakeTimers();
    vi.spyOn(console, "error").mockImplementation(() => {}); // the listener's errors are the tests' own
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("listens again after Firestore stopped its listener, and reports what arrived meanwhile once", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    listeners[0].next(snapshot(["old"])); // history
    await inbox.ready;
    listeners[0].next(snapshot(["n1", "old"], ["n1"]));
    listeners[0].error(new Error("unavailable"));
    expect(listeners).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(listeners).toHaveLength(2);
    listeners[1].next(snapshot(["n2", "n1", "old"])); // its first snapshot: n2 came while nobody listened
    await settle();
    expect(heard).toEqual(["n1", "n2"]);
    expect(reads, "a window that is not full needs no read").toBe(0);
  });

  it("resolves ready with the first snapshot that comes, after an error before any", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    let ready = false;
    void inbox.ready.then(() => (ready = true));
    listeners[0].error(new Error("unavailable"));
    vi.advanceTimersByTime(5000);
    listeners[1].next(snapshot(["old"]));
    await Promise.resolve();
    expect(ready).toBe(true);
    expect(heard, "the first snapshot is history").toEqual([]);
  });

  it("reads the notifications a full window pushed out, and reports them all oldest first", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    listeners[0].next(snapshot(["h2", "h1"])); // history
    await inbox.ready;
    // 130 arrive at once (the connection was away): the window shows the newest 25; the 105
    // before them come in two pages, the second ending at a notification already seen.
    pages = [newestFirst("n", 6, 100), [...newestFirst("n", 1, 5), "h2", "h1"]];
    listeners[0].next(snapshot(newestFirst("n", 106, 25)));
    await settle();
    expect(reads).toBe(2);
    expect(heard).toEqual(Array.from({ length: 130 }, (_, i) => `n${i + 1}`));

    listeners[0].next(snapshot(newestFirst("n", 107, 25), ["n131"]));
    await settle();
    expect(reads, "a full window whose oldest was seen needs no read").toBe(2);
    expect(heard.at(-1)).toBe("n131");
  });

  it("reports the window when the read of what it pushed out fails", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    listeners[0].next(snapshot(["h1"]));
    await inbox.ready;
    listeners[0].next(snapshot(newestFirst("n", 10, 25))); // no page: the read fails
    await settle();
    expect(reads).toBe(1);
    expect(heard).toEqual(Array.from({ length: 25 }, (_, i) => `n${i + 10}`));
    expect(console.error).toHaveBeenCalled();
  });

  it("does not report history that slides into the window, nor read for it", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    const history = Array.from({ length: 26 }, (_, i) => `h${String(25 - i).padStart(2, "0")}`); // h25 … h00, newest first
    listeners[0].next(snapshot(history.slice(0, 25)));
    await inbox.ready;
    listeners[0].next(snapshot(history.slice(1), ["h00"])); // h25 expired: h00 comes into the window
    await settle();
    expect(heard).toEqual([]);
    expect(reads).toBe(0);
  });

  it("goes on reporting to every listener when one throws", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe(() => {
      throw new Error("the game's bug");
    });
    inbox.subscribe((n) => heard.push(n.id));
    listeners[0].next(snapshot(["h1"]));
    await inbox.ready;
    listeners[0].next(snapshot(["n1", "h1"], ["n1"]));
    await settle();
    listeners[0].next(snapshot(["n2", "n1", "h1"], ["n2"]));
    await settle();
    expect(heard).toEqual(["n1", "n2"]);
  });

  it("does not listen again once nobody is subscribed", () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const stop = inbox.subscribe(() => {});
    listeners[0].error(new Error("unavailable"));
    stop();
    vi.advanceTimersByTime(60_000);
    expect(listeners).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The inbox's Firestore listener, played by the test: each onSnapshot call is one listener.
const listeners: Array<{ next: (snap: unknown) => void; error: (err: Error) => void; stopped: boolean }> = [];
vi.mock("firebase/firestore", () => ({
  collection: () => ({}),
  query: () => ({}),
  orderBy: () => ({}),
  limit: () => ({}),
  getDocs: async () => ({ docs: [] }),
  onSnapshot: (_q: unknown, next: (snap: unknown) => void, error: (err: Error) => void) => {
    const l = { next, error, stopped: false };
    listeners.push(l);
    return () => void (l.stopped = true);
  },
}));

const { Inbox } = await import("../src/inbox");
import type { Firestore } from "firebase/firestore";

const snapshot = (...ids: string[]) => ({
  docChanges: () => ids.map((id) => ({ type: "added", doc: { data: () => ({ id, type: "MATCH_TURN" }) } })),
});

describe("Inbox", () => {
  beforeEach(() => {
    listeners.length = 0;
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
    listeners[0].next(snapshot("old")); // history
    await inbox.ready;
    listeners[0].next(snapshot("n1"));
    listeners[0].error(new Error("unavailable"));
    expect(listeners).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    expect(listeners).toHaveLength(2);
    listeners[1].next(snapshot("old", "n1", "n2")); // its first snapshot: n2 came while nobody listened
    expect(heard).toEqual(["n1", "n2"]);
  });

  it("resolves ready with the first snapshot that comes, after an error before any", async () => {
    const inbox = new Inbox({} as Firestore, "ana");
    const heard: string[] = [];
    inbox.subscribe((n) => heard.push(n.id));
    let ready = false;
    void inbox.ready.then(() => (ready = true));
    listeners[0].error(new Error("unavailable"));
    vi.advanceTimersByTime(5000);
    listeners[1].next(snapshot("old"));
    await Promise.resolve();
    expect(ready).toBe(true);
    expect(heard, "the first snapshot is history").toEqual([]);
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

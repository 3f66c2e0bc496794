import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Api } from "../src/api";
import { Signaller, type Signal } from "../src/realtime/signalling";

const signal = (seq: number, type: Signal["type"] = "candidate"): Signal =>
  ({ id: `r~p_2~${seq}`, roomId: "r", from: "p_2", to: "p_1", type, seq, payload: "" });

describe("Signaller", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("hands over what waits behind a signal that never comes once the gap has been open 30 s", () => {
    const got: number[] = [];
    const s = new Signaller(new Api("", async () => "t"), "r", (sig) => got.push(sig.seq));
    s.accept(signal(1, "offer"));
    s.accept(signal(3)); // 2 was never sent: its send failed
    s.accept(signal(4));
    vi.advanceTimersByTime(29_999);
    expect(got).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(got).toEqual([1, 3, 4]);
    s.accept(signal(2));
    s.accept(signal(5, "offer"));
    expect(got).toEqual([1, 3, 4, 5]);
  });

  it("stops watching gaps once closed", () => {
    const got: number[] = [];
    const s = new Signaller(new Api("", async () => "t"), "r", (sig) => got.push(sig.seq));
    s.accept(signal(2));
    s.close();
    vi.advanceTimersByTime(60_000);
    expect(got).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reads over HTTP from where the last read ended, handing over only what the listener has not", async () => {
    vi.useRealTimers();
    const urls: string[] = [];
    const pages = [
      { items: [signal(1, "offer"), signal(2)], nextPageToken: "t2" },
      { nextPageToken: "t2" }, // nothing newer: the read ends
      { items: [signal(2), signal(3)], nextPageToken: "t3" },
      { nextPageToken: "t3" },
    ];
    const f = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ kind: "openplay#signalList", ...pages.shift() }), { status: 200 });
    }) as unknown as typeof fetch;
    const got: number[] = [];
    const s = new Signaller(new Api("", async () => "t", f), "r 1", (sig) => got.push(sig.seq));
    await Promise.all([s.read(), s.read()]); // one read at a time: the second call shares the first
    expect(got).toEqual([1, 2]);
    s.accept(signal(3)); // the listener catches up
    await s.read();
    expect(got).toEqual([1, 2, 3]); // the read's 2 and 3 were handed over already
    expect(urls).toEqual([
      "/openplay/v1/rooms/r%201/signals?maxResults=100&prettyPrint=false",
      "/openplay/v1/rooms/r%201/signals?maxResults=100&pageToken=t2&prettyPrint=false",
      "/openplay/v1/rooms/r%201/signals?maxResults=100&pageToken=t2&prettyPrint=false",
      "/openplay/v1/rooms/r%201/signals?maxResults=100&pageToken=t3&prettyPrint=false",
    ]);
  });
});

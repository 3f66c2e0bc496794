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
});

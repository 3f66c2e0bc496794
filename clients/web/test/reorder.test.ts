import { describe, expect, it } from "vitest";
import { Reorder } from "../src/realtime/reorder";

describe("Reorder", () => {
  it("hands over in order what arrives in order", () => {
    const r = new Reorder<string>();
    expect(r.push("p_1", 1, "offer")).toEqual(["offer"]);
    expect(r.push("p_1", 2, "c1")).toEqual(["c1"]);
  });

  it("holds what overtook an earlier item until the gap fills", () => {
    const r = new Reorder<string>();
    expect(r.push("p_1", 3, "c2")).toEqual([]);
    expect(r.push("p_1", 2, "c1")).toEqual([]);
    expect(r.pending("p_1")).toBe(2);
    expect(r.push("p_1", 1, "offer")).toEqual(["offer", "c1", "c2"]);
    expect(r.pending("p_1")).toBe(0);
  });

  it("drops what it has seen", () => {
    const r = new Reorder<string>();
    r.push("p_1", 1, "offer");
    expect(r.push("p_1", 1, "offer")).toEqual([]);
    r.push("p_1", 3, "c2");
    expect(r.push("p_1", 3, "c2")).toEqual([]);
    expect(r.pending("p_1")).toBe(1);
  });

  it("keeps each sender's numbering apart", () => {
    const r = new Reorder<string>();
    expect(r.push("p_2", 2, "b2")).toEqual([]);
    expect(r.push("p_3", 1, "c1")).toEqual(["c1"]);
    expect(r.push("p_2", 1, "b1")).toEqual(["b1", "b2"]);
  });

  it("gives up on a gap open for gapMs, and drops the missing item if it comes after all", () => {
    const r = new Reorder<string>(10_000);
    r.push("p_1", 1, "offer", 0);
    expect(r.push("p_1", 3, "c2", 1000)).toEqual([]);
    expect(r.push("p_1", 4, "c3", 5000)).toEqual([]);
    expect(r.skipGap("p_1", 10_999)).toEqual([]);
    expect(r.skipGap("p_1", 11_000)).toEqual(["c2", "c3"]);
    expect(r.pending("p_1")).toBe(0);
    expect(r.push("p_1", 2, "c1", 12_000)).toEqual([]);
    expect(r.push("p_1", 5, "offer again", 12_000)).toEqual(["offer again"]);
  });

  it("times a gap from when it opened, not from an earlier one that filled", () => {
    const r = new Reorder<string>(10_000);
    r.push("p_1", 2, "b", 0);
    expect(r.push("p_1", 1, "a", 100)).toEqual(["a", "b"]);
    r.push("p_1", 4, "d", 20_000);
    expect(r.skipGap("p_1", 29_999)).toEqual([]);
    expect(r.skipGap("p_1", 30_000)).toEqual(["d"]);
  });
});

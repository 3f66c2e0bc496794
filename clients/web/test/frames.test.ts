import { describe, expect, it } from "vitest";
import { ACK, DATA, decodeFrame, encodeFrame, UNRELIABLE } from "../src/realtime/frames";

const buf = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe("frames", () => {
  it.each([
    { type: DATA, token: 4_000_000_000, payload: new Uint8Array([1, 2, 3]) },
    { type: ACK, token: 7 },
    { type: UNRELIABLE, payload: new Uint8Array([9]) },
    { type: DATA, token: 1, payload: new Uint8Array() },
  ] as const)("round-trips %o", (frame) => {
    expect(decodeFrame(buf(encodeFrame(frame)))).toEqual(frame);
  });

  it("refuses what is not a frame", () => {
    expect(decodeFrame(new Uint8Array([DATA, 0, 0]).buffer)).toBeUndefined();
    expect(decodeFrame(new Uint8Array([ACK, 0, 0, 0, 1, 5]).buffer)).toBeUndefined();
    expect(decodeFrame(new Uint8Array([42]).buffer)).toBeUndefined();
    expect(decodeFrame(new ArrayBuffer(0))).toBeUndefined();
  });
});

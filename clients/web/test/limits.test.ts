import { describe, expect, it } from "vitest";
import { checkMessageSize, MAX_RELIABLE_MESSAGE_LEN, MAX_UNRELIABLE_MESSAGE_LEN, MessageTooLargeError } from "../src/realtime/limits";

describe("message limits", () => {
  it("are Play Games' limits", () => {
    expect(MAX_RELIABLE_MESSAGE_LEN).toBe(1400);
    expect(MAX_UNRELIABLE_MESSAGE_LEN).toBe(1168);
  });

  it("accept a message of exactly the limit", () => {
    expect(() => checkMessageSize(new Uint8Array(1400), true)).not.toThrow();
    expect(() => checkMessageSize(new Uint8Array(1168), false)).not.toThrow();
  });

  it("refuse one byte more, naming the limit", () => {
    expect(() => checkMessageSize(new Uint8Array(1401), true)).toThrow(MessageTooLargeError);
    expect(() => checkMessageSize(new Uint8Array(1401), true)).toThrow("a reliable message holds at most 1400 bytes, this one has 1401");
    expect(() => checkMessageSize(new Uint8Array(1169), false)).toThrow("an unreliable message holds at most 1168 bytes, this one has 1169");
  });
});

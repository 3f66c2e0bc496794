// Play Games' real-time message limits, kept so a game ported from it behaves the same.

/** The largest reliable message, in bytes (Play Games' Multiplayer.MAX_RELIABLE_MESSAGE_LEN). */
export const MAX_RELIABLE_MESSAGE_LEN = 1400;
/** The largest unreliable message, in bytes (Play Games' Multiplayer.MAX_UNRELIABLE_MESSAGE_LEN). */
export const MAX_UNRELIABLE_MESSAGE_LEN = 1168;
/** The most participants a room holds. */
export const MAX_PARTICIPANTS = 8;

/** A message larger than its limit: it is not sent. */
export class MessageTooLargeError extends RangeError {
  constructor(readonly size: number, readonly limit: number, reliable: boolean) {
    super(`${reliable ? "a reliable" : "an unreliable"} message holds at most ${limit} bytes, this one has ${size}`);
    this.name = "MessageTooLargeError";
  }
}

/** Checks a message against its limit, throwing MessageTooLargeError above it. */
export function checkMessageSize(data: Uint8Array, reliable: boolean): void {
  const limit = reliable ? MAX_RELIABLE_MESSAGE_LEN : MAX_UNRELIABLE_MESSAGE_LEN;
  if (data.byteLength > limit) throw new MessageTooLargeError(data.byteLength, limit, reliable);
}

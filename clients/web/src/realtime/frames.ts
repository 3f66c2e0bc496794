// What travels on a peer's data channels: a one-byte frame type, then for reliable data the token
// the sender acknowledges it by (so sendReliableMessage's callback reports delivery, as in Play
// Games), then the game's bytes.

export const DATA = 0; // reliable data: [DATA, token u32 big-endian, payload]
export const ACK = 1; // the receiver got reliable data: [ACK, token u32]
export const UNRELIABLE = 2; // unreliable data: [UNRELIABLE, payload]

export type Frame =
  | { type: typeof DATA; token: number; payload: Uint8Array }
  | { type: typeof ACK; token: number }
  | { type: typeof UNRELIABLE; payload: Uint8Array };

export function encodeFrame(f: Frame): Uint8Array<ArrayBuffer> {
  const header = f.type === UNRELIABLE ? 1 : 5;
  const payload = f.type === ACK ? new Uint8Array() : f.payload;
  const out = new Uint8Array(header + payload.byteLength);
  out[0] = f.type;
  if (f.type !== UNRELIABLE) new DataView(out.buffer).setUint32(1, f.token);
  out.set(payload, header);
  return out;
}

/** Decodes a frame; a malformed one (a peer speaking another protocol) is undefined. */
export function decodeFrame(data: ArrayBuffer): Frame | undefined {
  const bytes = new Uint8Array(data);
  const view = new DataView(data);
  switch (bytes[0]) {
    case DATA:
      return bytes.byteLength >= 5 ? { type: DATA, token: view.getUint32(1), payload: bytes.slice(5) } : undefined;
    case ACK:
      return bytes.byteLength === 5 ? { type: ACK, token: view.getUint32(1) } : undefined;
    case UNRELIABLE:
      return bytes.byteLength >= 1 ? { type: UNRELIABLE, payload: bytes.slice(1) } : undefined;
  }
  return undefined;
}

// One participant's WebRTC connection to another: a reliable ordered data channel and an
// unreliable unordered one, both negotiated up front (ids 0 and 1), so neither side waits for the
// other to announce them.
import { decodeFrame, encodeFrame, type Frame } from "./frames";
import type { Signal, SignalType } from "./signalling";

export interface PeerEvents {
  signal(type: SignalType, payload: string): Promise<void>;
  open(): void;
  /** The connection failed before it opened (reason for reportStatus), or closed after. */
  failed(reason: string): void;
  closed(): void;
  frame(frame: Frame): void;
}

export type PeerState = "connecting" | "open" | "failed" | "closed";

export class Peer {
  readonly pc: RTCPeerConnection;
  private readonly reliable: RTCDataChannel;
  private readonly unreliable: RTCDataChannel;
  private readonly startedAt = performance.now();
  private openedAt?: number;
  private state: PeerState = "connecting";
  /** Candidates found before the offer or answer was sent wait, so they are numbered after it. */
  private pendingCandidates: string[] | undefined = [];
  private work: Promise<void> = Promise.resolve();
  /** Whether an offer was handed to this connection (see tookOffer). */
  private offered = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly participantId: string,
    private readonly events: PeerEvents,
    connectTimeoutMs: number,
  ) {
    this.pc = new RTCPeerConnection(); // its ICE servers come with setConfiguration (Room)
    this.reliable = this.pc.createDataChannel("reliable", { negotiated: true, id: 0, ordered: true });
    this.unreliable = this.pc.createDataChannel("unreliable", { negotiated: true, id: 1, ordered: false, maxRetransmits: 0 });
    for (const ch of [this.reliable, this.unreliable]) {
      ch.binaryType = "arraybuffer";
      ch.onopen = () => this.checkOpen();
      ch.onclose = () => this.end();
      ch.onmessage = (e) => {
        const frame = decodeFrame(e.data as ArrayBuffer);
        if (frame) this.events.frame(frame);
      };
    }
    this.pc.onicecandidate = (e) => {
      if (!e.candidate) return;
      const c = JSON.stringify(e.candidate.toJSON());
      if (this.pendingCandidates) this.pendingCandidates.push(c);
      else void this.events.signal("candidate", c).catch(() => this.fail("a candidate could not be sent"));
    };
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === "failed") this.state === "open" ? this.end() : this.fail("ICE failed");
    };
    this.timer = setTimeout(() => this.fail(`not connected within ${connectTimeoutMs} ms`), connectTimeoutMs);
  }

  /** How long the connection took to open, once it has. */
  get setupMillis(): number | undefined {
    return this.openedAt === undefined ? undefined : Math.round(this.openedAt - this.startedAt);
  }

  get isOpen(): boolean {
    return this.state === "open";
  }

  /**
   * Whether this connection was handed an offer. The peer offers once per connection, so a
   * second offer means it started over (its side failed or closed first): the room then answers
   * it with a new connection.
   */
  get tookOffer(): boolean {
    return this.offered;
  }

  /** Makes everything the peer does from now on (offering, applying signals) wait for step. */
  waitFor(step: Promise<void>): void {
    this.serially(() => step);
  }

  /** The side that offers: in each pair, the participant who joined later (see Room). */
  offer(): void {
    this.serially(async () => {
      await this.pc.setLocalDescription(await this.pc.createOffer());
      await this.sendDescription("offer");
    });
  }

  /** Applies a signal from this peer; signals are applied one at a time, in the order given. */
  handle(s: Signal): void {
    if (s.type === "offer") this.offered = true;
    this.serially(async () => {
      switch (s.type) {
        case "offer":
          await this.pc.setRemoteDescription(JSON.parse(s.payload));
          await this.pc.setLocalDescription(await this.pc.createAnswer());
          await this.sendDescription("answer");
          break;
        case "answer":
          await this.pc.setRemoteDescription(JSON.parse(s.payload));
          break;
        case "candidate":
          // One that does not fit (sent for a connection the peer gave up, before its new offer)
          // is not worth failing this one: a connection that cannot form fails at its timeout.
          await this.pc.addIceCandidate(JSON.parse(s.payload)).catch(() => undefined);
          break;
      } // a bye is the room's: the peer is leaving it
    });
  }

  /** Sends a frame; false if the channel is not open. */
  send(frame: Frame, reliable: boolean): boolean {
    const ch = reliable ? this.reliable : this.unreliable;
    if (this.state !== "open" || ch.readyState !== "open") return false;
    ch.send(encodeFrame(frame));
    return true;
  }

  /** Closes the connection without telling anyone (the room says bye itself). */
  close(): void {
    clearTimeout(this.timer);
    this.state = "closed";
    this.pc.close();
  }

  private async sendDescription(type: "offer" | "answer"): Promise<void> {
    const sending = this.events.signal(type, JSON.stringify(this.pc.localDescription));
    const held = this.pendingCandidates ?? [];
    this.pendingCandidates = undefined;
    await Promise.all([sending, ...held.map((c) => this.events.signal("candidate", c))]);
  }

  private serially(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch((err) => this.fail(String(err)));
  }

  private checkOpen(): void {
    if (this.state !== "connecting" || this.reliable.readyState !== "open" || this.unreliable.readyState !== "open") return;
    clearTimeout(this.timer);
    this.openedAt = performance.now();
    this.state = "open";
    this.events.open();
  }

  private fail(reason: string): void {
    if (this.state !== "connecting") return;
    clearTimeout(this.timer);
    this.state = "failed";
    this.pc.close();
    this.events.failed(reason);
  }

  private end(): void {
    if (this.state === "connecting") return this.fail("closed before it opened");
    if (this.state !== "open") return;
    this.state = "closed";
    this.pc.close();
    this.events.closed();
  }
}

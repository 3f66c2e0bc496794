// A real-time room as a Play Games developer knows it: the room's joined participants connect in
// a WebRTC mesh (signalled through OpenPlay), each connection is reported with rooms.reportStatus
// so the room becomes ROOM_ACTIVE exactly when every peer is connected, and messages go peer to
// peer. See docs/realtime.md.
import type { Firestore } from "firebase/firestore";
import { OpenPlayError, type Api } from "../api";
import type { PeerStatusUpdate, Rooms } from "../games";
import type { Inbox } from "../inbox";
import type { AutoMatchingCriteria, Notification, Room, RoomParticipant, RoomStatusResource } from "../types";
import { ACK, DATA, UNRELIABLE, type Frame } from "./frames";
import { checkMessageSize } from "./limits";
import { Peer } from "./peer";
import { Signaller, type Signal } from "./signalling";
import {
  REAL_TIME_MESSAGE_FAILED,
  STATUS_OK,
  STATUS_PARTICIPANT_NOT_CONNECTED,
  STATUS_REAL_TIME_CONNECTION_FAILED,
  STATUS_REAL_TIME_MESSAGE_SEND_FAILED,
  STATUS_REAL_TIME_ROOM_NOT_JOINED,
} from "./status_codes";

/** A message a peer sent (Play Games' RealTimeMessage). */
export interface RealTimeMessage {
  senderParticipantId: string;
  messageData: Uint8Array;
  isReliable: boolean;
}

/** Reports the fate of a reliable message: STATUS_OK once the recipient has it. */
export type ReliableMessageSentCallback = (statusCode: number, tokenId: number, recipientParticipantId: string) => void;

/**
 * The callbacks of Play Games' RoomUpdateListener, RoomStatusUpdateListener and
 * RealTimeMessageReceivedListener, all optional.
 */
export interface RoomListener {
  onRoomCreated?(statusCode: number, room: Room): void;
  onJoinedRoom?(statusCode: number, room: Room): void;
  /**
   * The player left the room: STATUS_OK after leave() or as the page went away (pagehide), or
   * STATUS_REAL_TIME_ROOM_NOT_JOINED when the server took them out (a timer ran out, the room was
   * deleted) and the room object stopped.
   */
  onLeftRoom?(statusCode: number, roomId: string): void;
  /**
   * The matcher moved the player out of the room they were waiting in into another
   * (ROOM_AUTO_MATCHED): the room object now follows that room, with a new participant ID, and
   * connects to its players. An OpenPlay addition; Play Games had no matcher to move players.
   */
  onRoomMoved?(room: Room, fromRoomId: string): void;
  /** Every peer is connected (STATUS_OK and the room is ROOM_ACTIVE), or the mesh could not form. */
  onRoomConnected?(statusCode: number, room: Room): void;
  onRoomConnecting?(room: Room): void;
  onRoomAutoMatching?(room: Room): void;
  onPeerInvitedToRoom?(room: Room, participantIds: string[]): void;
  onPeerDeclined?(room: Room, participantIds: string[]): void;
  onPeerJoined?(room: Room, participantIds: string[]): void;
  onPeerLeft?(room: Room, participantIds: string[]): void;
  onConnectedToRoom?(room: Room): void;
  onDisconnectedFromRoom?(room: Room): void;
  onPeersConnected?(room: Room, participantIds: string[]): void;
  onPeersDisconnected?(room: Room, participantIds: string[]): void;
  onP2PConnected?(participantId: string): void;
  onP2PDisconnected?(participantId: string): void;
  onRealTimeMessageReceived?(message: RealTimeMessage): void;
}

/** What a room needs from the client that made it. */
export interface RoomContext {
  api: Api;
  rooms: Rooms;
  db: Firestore;
  inbox: Inbox;
  playerId: string;
}

/** Play Games' RoomConfig: whom to invite or how to auto-match, and who listens. */
export interface RoomConfig {
  invitedPlayerIds?: string[];
  autoMatchingCriteria?: AutoMatchingCriteria;
  variant?: number;
  /** Makes creating the room idempotent: a createRoom retried with the same one gets the same room (default: a new one per call). */
  requestId?: string;
  listener: RoomListener;
  /** How long a peer connection may take to open before it counts as failed (default 30 s). */
  connectTimeoutMs?: number;
}

const number = (participantId: string) => Number(participantId.replace(/^p_/, ""));

/** How long a peer status waits for others to be reported with it. */
const REPORT_BATCH_MS = 50;

/** How long reports a failed reportStatus could not deliver wait to be sent again (at least). */
const REPORT_RETRY_MS = 2000;

/**
 * How often an unsettled room (see unsettled) tells OpenPlay the player is still there, with a
 * report: once another player reports its connection to this one failed, the server takes out a
 * player who does not report within the application's timeouts.unreachable (30 s by default, 20
 * s at least): they went away without a word.
 */
const STILL_HERE_MS = 10_000;

/**
 * How long a connection that closed without a goodbye waits, before it is reported failed, for
 * the goodbye (it may come after the close) or the player leaving, which are not failures.
 */
const LOST_GRACE_MS = 5000;

/**
 * How long a new connection to a peer waits after one failed: 5 s, doubling with each failure in
 * a row up to a minute. Without it a connection that fails at once (the browser refuses to
 * negotiate) would be made again on every read of the room, each failure a reportStatus call.
 */
const RECONNECT_MS = 5000;
const MAX_RECONNECT_MS = 60_000;

/**
 * How long a player who said goodbye has to leave the room before their connection is reported
 * failed (their leave may have failed, and the server would count them in for good).
 */
const LEAVE_GRACE_MS = 15_000;

/** How long leave() waits for its goodbyes to be sent before it closes the connections. */
const BYE_WAIT_MS = 1000;

/** Room statuses a room the matcher moves a player into can have: it is still waiting or filling. */
const MOVE_TARGETS: ReadonlySet<string> = new Set(["ROOM_AUTO_MATCHING", "ROOM_INVITING", "ROOM_CONNECTING"]);

/**
 * How often a room that is not yet active, or has a connection being set up, reads itself (should
 * a notification be slow: a peer that went away without a goodbye shows as left), and then its
 * signals over HTTP while a connection is being set up (should the signals listener stall).
 */
const REFRESH_MS = 5000;

/**
 * How long a player the room no longer counts as joined waits for a ROOM_AUTO_MATCHED (the
 * matcher moved them) before the room stops: a refresh may see the move before the notification
 * arrives.
 */
const MOVE_GRACE_MS = 15_000;

export class RealTimeRoom {
  private readonly peers = new Map<string, Peer>();
  private readonly connected = new Set<string>();
  /** Participants who said bye: they are leaving the room, and are not connected to again. */
  private readonly departed = new Set<string>();
  /** Per peer whose connections failed in a row: how many, and when to try again (RECONNECT_MS). */
  private readonly failures = new Map<string, { count: number; retryAt: number }>();
  private readonly pendingAcks = new Map<number, { to: string; callback?: ReliableMessageSentCallback }>();
  private signaller: Signaller;
  private readonly stopInbox: () => void;
  private readonly refresher: ReturnType<typeof setInterval>;
  private readonly pendingReports = new Map<string, PeerStatusUpdate>();
  private reportTimer?: ReturnType<typeof setTimeout>;
  /** When the last reportStatus call was made (see STILL_HERE_MS). */
  private lastReportAt = performance.now();
  private nextToken = 1;
  /** The ICE servers and when their TURN credentials expire, as last asked for (see iceServers). */
  private ice?: Promise<{ iceServers: RTCIceServer[]; expiresAt: string }>;
  private announcedConnected = false;
  /** Whether the room was announced connected with STATUS_OK (ROOM_ACTIVE). */
  private active = false;
  private meshFailed = false;
  private left = false;
  private removedTimer?: ReturnType<typeof setTimeout>;
  /** The moves being followed, one after another (follow). */
  private following: Promise<void> = Promise.resolve();
  /** The room the last move asked to be followed goes to, until it is followed or given up. */
  private moveTarget?: string;
  /** The server counts the player out: their leave went through, or it took them out itself. */
  private out = false;
  /** Per peer, the number of the newest status report made for it (see flushReports). */
  private readonly reportNumbers = new Map<string, number>();
  private reportNumber = 0;
  private me: string;

  /** Creates a room (rooms.create) and connects its players as they join. */
  static async create(ctx: RoomContext, config: RoomConfig): Promise<RealTimeRoom> {
    let room: Room;
    try {
      room = await ctx.rooms.create(config);
    } catch (err) {
      config.listener.onRoomCreated?.(STATUS_REAL_TIME_CONNECTION_FAILED, undefined as unknown as Room);
      throw err;
    }
    const r = new RealTimeRoom(ctx, room, config);
    config.listener.onRoomCreated?.(STATUS_OK, room);
    r.apply(room, true);
    return r;
  }

  /** Accepts an invitation (rooms.join) and connects to the players already in. */
  static async join(ctx: RoomContext, roomId: string, config: Omit<RoomConfig, "invitedPlayerIds" | "autoMatchingCriteria" | "variant">): Promise<RealTimeRoom> {
    const room = await ctx.rooms.join(roomId);
    const r = new RealTimeRoom(ctx, room, config);
    config.listener.onJoinedRoom?.(STATUS_OK, room);
    r.apply(room, true);
    return r;
  }

  private constructor(private readonly ctx: RoomContext, private room: Room, private readonly config: RoomConfig) {
    const me = room.participants.find((p) => p.player?.playerId === ctx.playerId);
    if (!me) throw new Error(`openplay: player ${ctx.playerId} is not in room ${room.roomId}`);
    this.me = me.id;
    void this.iceServers().catch(() => undefined); // asked for now, so the first peer need not wait; a failure is asked again
    this.signaller = this.signalling(room.roomId);
    this.stopInbox = ctx.inbox.subscribe((n) => {
      if (n.roomId === this.room.roomId && n.type === "ROOM_STATUS") void this.refresh();
      if (n.roomId && n.roomId !== this.room.roomId && n.type === "ROOM_AUTO_MATCHED") void this.follow(n.roomId);
    });
    globalThis.addEventListener?.("pagehide", this.pageHidden);
    this.refresher = setInterval(() => void this.tick(), REFRESH_MS);
  }

  get roomId(): string {
    return this.room.roomId;
  }

  /** The player's participant ID in the room (a new one if the matcher moved them). */
  get myParticipantId(): string {
    return this.me;
  }

  /** The room as last read. */
  get current(): Room {
    return this.room;
  }

  /** The participants this client has an open connection to. */
  connectedParticipantIds(): string[] {
    return [...this.connected];
  }

  /**
   * Sends data reliably and in order to one participant. Returns the message's token, which the
   * callback reports with STATUS_OK once the recipient has it, or REAL_TIME_MESSAGE_FAILED if it
   * cannot be sent. Throws MessageTooLargeError above MAX_RELIABLE_MESSAGE_LEN.
   */
  sendReliableMessage(data: Uint8Array, recipientParticipantId: string, callback?: ReliableMessageSentCallback): number {
    checkMessageSize(data, true);
    const token = this.nextToken++;
    const peer = this.peers.get(recipientParticipantId);
    if (this.left || !peer?.send({ type: DATA, token, payload: data }, true)) return REAL_TIME_MESSAGE_FAILED;
    this.pendingAcks.set(token, { to: recipientParticipantId, callback });
    return token;
  }

  /** Sends data to one participant without guarantee of delivery or order. */
  sendUnreliableMessage(data: Uint8Array, recipientParticipantId: string): number {
    return this.sendUnreliableMessages(data, [recipientParticipantId]);
  }

  /** Sends data unreliably to each of the participants given. */
  sendUnreliableMessages(data: Uint8Array, recipientParticipantIds: string[]): number {
    checkMessageSize(data, false);
    if (this.left) return STATUS_REAL_TIME_ROOM_NOT_JOINED;
    let status = STATUS_OK;
    for (const id of recipientParticipantIds) {
      if (!this.peers.get(id)?.send({ type: UNRELIABLE, payload: data }, false)) status = STATUS_PARTICIPANT_NOT_CONNECTED;
    }
    return status;
  }

  /** Sends data unreliably to every connected participant. */
  sendUnreliableMessageToOthers(data: Uint8Array): number {
    return this.sendUnreliableMessages(data, this.connectedParticipantIds());
  }

  /**
   * Leaves the room: says bye to the peers, closes them and calls rooms.leave, with
   * REALTIME_PEER_CONNECTION_FAILURE if the mesh could not form (unless a reason is given).
   */
  async leave(reason = this.meshFailed && !this.active ? "REALTIME_PEER_CONNECTION_FAILURE" : "PLAYER_LEFT"): Promise<void> {
    if (this.left) return;
    if (this.removedTimer) await this.findMove(); // moved a moment ago: leave the room they are in
    await this.following;
    if (this.left) return;
    const joined = this.removedTimer === undefined; // else the server no longer counts them in the room
    this.stop();
    // Goodbyes before closing: a peer still connecting that saw its channels close first would
    // count a failed connection.
    const byes = Promise.all([...this.peers.keys()].map((id) => this.signaller.send(id, "bye", "").catch(() => undefined)));
    await Promise.race([byes, new Promise((resolve) => setTimeout(resolve, BYE_WAIT_MS))]);
    this.closeConnections();
    if (joined) {
      try {
        await this.ctx.rooms.leave(this.room.roomId, reason);
      } catch (err) {
        // A retry whose first attempt left (its answer lost) is refused as not joined: that is a leave too.
        if (!(await this.isOut())) {
          this.config.listener.onLeftRoom?.(STATUS_REAL_TIME_CONNECTION_FAILED, this.room.roomId);
          throw err; // still joined: a page going away tries again (pageHidden)
        }
      }
    }
    this.markOut();
    this.config.listener.onLeftRoom?.(STATUS_OK, this.room.roomId);
  }

  /** Closes every connection and the signals, failing the reliable messages not yet acknowledged. */
  private closeConnections(): void {
    for (const p of this.peers.values()) p.close();
    this.peers.clear();
    this.connected.clear();
    this.failPendingAcks(() => true);
    this.signaller.close();
  }

  /** The player is out of the room for the server: a page going away has nothing left to leave. */
  private markOut(): void {
    this.out = true;
    globalThis.removeEventListener?.("pagehide", this.pageHidden);
  }

  /** Whether the server no longer counts the player joined in the room (false if it cannot tell). */
  private async isOut(): Promise<boolean> {
    try {
      return !this.joinedIn(await this.ctx.rooms.get(this.room.roomId));
    } catch {
      return false;
    }
  }

  /**
   * The page is going away (a closed tab, a navigation; a page kept in the back/forward cache
   * comes back with the room left): the player leaves at once, or the others would go on counting
   * them in and trying to connect to them. The leave is a keepalive request the browser sends
   * after the page is gone; nothing here can wait, so there are no goodbyes (the others see the
   * channels close, then the leave). It also goes to a room a move is taking the player to, and
   * is sent even when a leave() is under way, which may not get its call out in time: a leave of
   * a room the player is not in is refused, and changes nothing.
   */
  private readonly pageHidden = (): void => {
    if (this.out) return;
    if (!this.left) {
      this.stop();
      this.closeConnections();
      this.config.listener.onLeftRoom?.(STATUS_OK, this.room.roomId);
    }
    for (const id of new Set([this.room.roomId, this.moveTarget ?? this.room.roomId])) this.ctx.rooms.leaveNow(id, "PLAYER_LEFT");
    this.markOut();
  };

  /** Stops the room's timers and its inbox subscription: the room takes no more changes. */
  private stop(): void {
    this.left = true;
    clearInterval(this.refresher);
    clearTimeout(this.reportTimer);
    clearTimeout(this.removedTimer);
    this.stopInbox();
  }

  /**
   * The ICE servers for a new connection: those last asked for while their TURN credentials are
   * good for another 30 s, else asked for again (so is a failed ask).
   */
  private iceServers(): Promise<RTCIceServer[]> {
    const ask = () => {
      const p = this.ctx.api.call<{ iceServers: RTCIceServer[]; expiresAt: string }>("GET", "/openplay/v1/iceServers", undefined, { retries: 3 });
      p.catch(() => { if (this.ice === p) this.ice = undefined; });
      return p;
    };
    this.ice ??= ask();
    return this.ice.then((r) => {
      if (Date.parse(r.expiresAt) - Date.now() > 30_000) return r.iceServers;
      this.ice = ask();
      return this.ice.then((fresh) => fresh.iceServers);
    });
  }

  private signalling(roomId: string): Signaller {
    const s = new Signaller(this.ctx.api, roomId, (signal) => this.onSignal(signal));
    s.listen(this.ctx.db, this.ctx.playerId, (err) => console.error("openplay: the signals listener stopped:", err));
    return s;
  }

  /**
   * Follows the player into roomId, named by a ROOM_AUTO_MATCHED, after any move already being
   * followed: a player moved twice ends in the last room.
   */
  private follow(roomId: string): Promise<void> {
    this.moveTarget = roomId;
    this.following = this.following.then(() => this.followNow(roomId))
      .catch((err) => console.error("openplay: following the move to room", roomId, "failed:", err))
      .finally(() => { if (this.moveTarget === roomId) this.moveTarget = undefined; });
    return this.following;
  }

  /**
   * Moves this room object into roomId if the player is joined there, that room is still filling,
   * and they are no longer in this one: its peers, signals and reports start afresh there.
   */
  private async followNow(roomId: string): Promise<void> {
    if (this.left || roomId === this.room.roomId) return;
    let next: Room, was: Room;
    try {
      [next, was] = await Promise.all([this.ctx.rooms.get(roomId), this.ctx.rooms.get(this.room.roomId)]);
    } catch (err) {
      console.warn("openplay: could not follow the move to room", roomId, err); // the next refresh looks again
      return;
    }
    const me = this.joinedIn(next);
    if (this.left || !me || !MOVE_TARGETS.has(next.status) || this.joinedIn(was) || was.roomId !== this.room.roomId) return;
    for (const id of [...this.peers.keys()]) this.dropPeer(id);
    this.signaller.close();
    this.signaller = this.signalling(roomId);
    this.pendingReports.clear();
    this.reportNumbers.clear();
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    clearTimeout(this.removedTimer);
    this.removedTimer = undefined;
    this.meshFailed = this.announcedConnected = this.active = false;
    this.departed.clear();
    this.failures.clear();
    this.me = me.id;
    this.room = { ...next, participants: [] }; // so that apply tells the listener of every player there
    this.config.listener.onRoomMoved?.(next, was.roomId);
    this.apply(next, true);
  }

  /**
   * The server no longer counts the player in the room. Unless a ROOM_AUTO_MATCHED moves them
   * meanwhile (or came before this room listened: the inbox is read), the room stops after
   * MOVE_GRACE_MS and the listener hears it.
   */
  private removed(): void {
    void this.findMove();
    this.removedTimer ??= setTimeout(() => void this.giveUp(), MOVE_GRACE_MS);
  }

  /** Follows the newest ROOM_AUTO_MATCHED in the inbox that names another room, if any. */
  private async findMove(): Promise<void> {
    let recent: Notification[];
    try {
      recent = await this.ctx.inbox.recent();
    } catch (err) {
      console.warn("openplay: could not read the inbox", err);
      return;
    }
    const move = recent.find((n) => n.type === "ROOM_AUTO_MATCHED" && n.roomId && n.roomId !== this.room.roomId);
    if (move?.roomId) await this.follow(move.roomId);
  }

  /** Stops the room if, once the moves under way are followed, the player is still not in it. */
  private async giveUp(): Promise<void> {
    await this.following;
    this.removedTimer = undefined;
    if (this.left || this.isJoined()) return;
    this.stop();
    this.markOut();
    for (const id of [...this.peers.keys()]) this.dropPeer(id); // onDisconnectedFromRoom, if they were connected
    this.signaller.close();
    this.config.listener.onLeftRoom?.(STATUS_REAL_TIME_ROOM_NOT_JOINED, this.room.roomId);
  }

  /** Whether the room, as last read, counts the player joined. */
  private isJoined(): boolean {
    return this.room.status !== "ROOM_DELETED" && this.room.participants.find((p) => p.id === this.me)?.status === "PARTICIPANT_JOINED";
  }

  /** The player's participant in r if r counts them joined. */
  private joinedIn(r: Room): RoomParticipant | undefined {
    return r.participants.find((p) => p.player?.playerId === this.ctx.playerId && p.status === "PARTICIPANT_JOINED");
  }

  private async refresh(): Promise<void> {
    if (this.left) return;
    try {
      this.apply(await this.ctx.rooms.get(this.room.roomId));
    } catch (err) {
      console.warn("openplay: could not read room", this.room.roomId, err);
    }
  }

  /**
   * Every REFRESH_MS: reads the room while it is not active or unsettled, then the signals while a
   * connection is being set up (one the read just made too), then says the player is still here
   * if unsettled and STILL_HERE_MS went by since the last report (ticks are REFRESH_MS apart, so
   * it is due half a tick early).
   */
  private async tick(): Promise<void> {
    const stillHereDue = performance.now() - this.lastReportAt >= STILL_HERE_MS - REFRESH_MS / 2;
    const connecting = () => [...this.peers.values()].some((p) => !p.isOpen);
    if (this.room.status !== "ROOM_ACTIVE" || this.unsettled()) await this.refresh();
    if (!this.left && connecting()) await this.readSignals();
    if (!this.left && stillHereDue && this.unsettled() && this.isJoined()) await this.sayStillHere();
  }

  /**
   * Whether a connection of the player's is not open (being set up, or waiting to be tried
   * again), or has lost its peer for now (ICE disconnected), or the room is connecting: another
   * player may then report this one failed, and the server waits for this one to say it is still
   * here. Never for a player alone in the room.
   */
  private unsettled(): boolean {
    const others = this.room.participants.filter((p) => p.id !== this.me && p.status === "PARTICIPANT_JOINED");
    return others.length > 0 && (this.room.status === "ROOM_CONNECTING" ||
      others.some((p) => !this.connected.has(p.id) || this.peers.get(p.id)?.pc.connectionState === "disconnected"));
  }

  /** An empty report: the player is still here (see STILL_HERE_MS). */
  private async sayStillHere(): Promise<void> {
    this.lastReportAt = performance.now();
    try {
      this.apply(await this.ctx.rooms.reportStatus(this.room.roomId, []));
    } catch (err) {
      console.warn("openplay: reportStatus failed", err);
    }
  }

  /** Reads the signals over HTTP (see Signaller.read); a failed read waits for the next tick. */
  private async readSignals(): Promise<void> {
    const signaller = this.signaller;
    try {
      await signaller.read();
    } catch (err) {
      if (signaller === this.signaller && !this.left) console.warn("openplay: could not read the signals of room", this.room.roomId, err);
    }
  }

  /** Takes a newer view of the room (a Room, or the RoomStatus reportStatus answers) and tells the listener what changed. */
  private apply(next: Room | RoomStatusResource, initial = false): void {
    if (this.left || next.roomId !== this.room.roomId) return; // the room the matcher moved the player out of
    const version = "roomStatusVersion" in next ? next.roomStatusVersion : next.statusVersion;
    if (version < this.room.roomStatusVersion) return; // an answer that was overtaken by a newer one
    const before = new Map(this.room.participants.map((p) => [p.id, p.status]));
    const statusBefore = initial ? undefined : this.room.status;
    this.room = { ...this.room, status: next.status, roomStatusVersion: version, participants: next.participants };
    const l = this.config.listener;
    const changed = (status: RoomParticipant["status"]) =>
      this.room.participants.filter((p) => p.id !== this.myParticipantId && p.status === status && before.get(p.id) !== status).map((p) => p.id);
    const invited = changed("PARTICIPANT_INVITED"), joined = changed("PARTICIPANT_JOINED");
    const declined = changed("PARTICIPANT_DECLINED"), gone = changed("PARTICIPANT_LEFT");
    if (invited.length) l.onPeerInvitedToRoom?.(this.room, invited);
    if (declined.length) l.onPeerDeclined?.(this.room, declined);
    if (joined.length) l.onPeerJoined?.(this.room, joined);
    if (gone.length) l.onPeerLeft?.(this.room, gone);
    for (const id of gone) this.dropPeer(id);
    if (!this.isJoined()) {
      this.removed();
      return;
    }
    clearTimeout(this.removedTimer); // counted in again (a read overtaken by a newer one)
    this.removedTimer = undefined;
    for (const p of this.room.participants) {
      if (p.id !== this.myParticipantId && p.status === "PARTICIPANT_JOINED") this.ensurePeer(p.id);
    }
    if (this.room.status !== statusBefore) {
      // Once connected, a lost connection shows in the peer callbacks, not as the room connecting again.
      if (this.room.status === "ROOM_CONNECTING" && !this.announcedConnected) l.onRoomConnecting?.(this.room);
      if (this.room.status === "ROOM_AUTO_MATCHING") l.onRoomAutoMatching?.(this.room);
    }
    if (this.room.status === "ROOM_ACTIVE" && !this.announcedConnected) {
      this.announcedConnected = this.active = true;
      l.onRoomConnected?.(STATUS_OK, this.room);
    }
  }

  /** The connection to a peer, made unless it failed too recently; answering a signal, it is made anyway (the peer is trying now). */
  private ensurePeer(id: string, answering = false): Peer | undefined {
    const existing = this.peers.get(id);
    if (existing || this.left || this.departed.has(id)) return existing;
    if (!answering && performance.now() < (this.failures.get(id)?.retryAt ?? 0)) return undefined;
    const peer = new Peer(id, {
      signal: (type, payload) => this.signaller.send(id, type, payload),
      open: () => this.peerOpened(peer),
      failed: (reason) => this.peerFailed(peer, reason),
      closed: () => this.peerClosed(peer),
      frame: (f) => this.onFrame(id, f),
    }, this.config.connectTimeoutMs ?? 30_000);
    this.peers.set(id, peer);
    peer.waitFor(this.configure(peer)); // what it does next (its offer, or the answer to one) waits for the servers
    // In each pair the participant who joined later offers; the other answers what arrives.
    if (number(this.myParticipantId) > number(id)) peer.offer();
    return peer;
  }

  /**
   * Gives a new peer the ICE servers. Without them (OpenPlay unreachable) it goes on with direct
   * connections only, and fails like any other if those do not open.
   */
  private async configure(peer: Peer): Promise<void> {
    let servers: RTCIceServer[];
    try {
      servers = await this.iceServers();
    } catch (err) {
      console.warn("openplay: no ICE servers; connecting directly only:", err);
      return;
    }
    if (this.peers.get(peer.participantId) === peer) peer.pc.setConfiguration({ iceServers: servers });
  }

  private onSignal(s: Signal): void {
    if (s.type === "bye") {
      // The peer is leaving the room (its rooms.leave follows): not a failed connection, even
      // one still being set up, and not one to make again when a refresh still shows it joined.
      this.departed.add(s.from);
      this.dropPeer(s.from);
      this.reportUnlessGone(s.from, LEAVE_GRACE_MS, "said goodbye but stayed in the room");
      return;
    }
    // A signal from a peer this client has not seen join yet: the server checked it is joined.
    const known = this.peers.has(s.from);
    if (!known) void this.refresh();
    // An offer starts a connection (a new one: the peer started over, perhaps before this side saw
    // the old one go); any other signal belongs to the connection there is, or to one given up.
    if (s.type === "offer" && this.peers.get(s.from)?.tookOffer) this.dropPeer(s.from);
    const peer = s.type === "offer" ? this.ensurePeer(s.from, true) : this.peers.get(s.from);
    peer?.handle(s);
  }

  private onFrame(from: string, f: Frame): void {
    switch (f.type) {
      case DATA:
        this.peers.get(from)?.send({ type: ACK, token: f.token }, true);
        this.config.listener.onRealTimeMessageReceived?.({ senderParticipantId: from, messageData: f.payload, isReliable: true });
        break;
      case ACK: {
        const pending = this.pendingAcks.get(f.token);
        if (pending?.to !== from) return;
        this.pendingAcks.delete(f.token);
        pending.callback?.(STATUS_OK, f.token, from);
        break;
      }
      case UNRELIABLE:
        this.config.listener.onRealTimeMessageReceived?.({ senderParticipantId: from, messageData: f.payload, isReliable: false });
        break;
    }
  }

  private peerOpened(peer: Peer): void {
    if (this.left || this.peers.get(peer.participantId) !== peer) return;
    this.failures.delete(peer.participantId);
    const l = this.config.listener;
    const firstPeer = this.connected.size === 0;
    this.connected.add(peer.participantId);
    l.onP2PConnected?.(peer.participantId);
    l.onPeersConnected?.(this.room, [peer.participantId]);
    if (firstPeer) l.onConnectedToRoom?.(this.room);
    this.report(peer.participantId, { status: "CONNECTION_ESTABLISHED", connectionSetupLatencyMillis: peer.setupMillis });
  }

  private peerFailed(peer: Peer, reason: string): void {
    if (this.left || this.peers.get(peer.participantId) !== peer) return;
    this.peers.delete(peer.participantId);
    this.meshFailed = true;
    const count = (this.failures.get(peer.participantId)?.count ?? 0) + 1;
    this.failures.set(peer.participantId, { count, retryAt: performance.now() + Math.min(RECONNECT_MS * 2 ** (count - 1), MAX_RECONNECT_MS) });
    console.warn(`openplay: the connection to ${peer.participantId} in room ${this.room.roomId} failed: ${reason}`);
    this.report(peer.participantId, { status: "CONNECTION_FAILED", error_reason: reason.slice(0, 200) });
    if (!this.announcedConnected) {
      this.announcedConnected = true;
      this.config.listener.onRoomConnected?.(STATUS_REAL_TIME_CONNECTION_FAILED, this.room);
    }
  }

  /**
   * An open connection closed. Unless the peer said goodbye or left (the goodbye may come after
   * the close), it is reported failed: the peer may have gone without a word, and the server
   * takes them out if they do not say otherwise. A new connection to them is tried meanwhile.
   */
  private peerClosed(peer: Peer): void {
    const id = peer.participantId;
    if (this.left || this.peers.get(id) !== peer) return;
    this.dropPeer(id);
    void this.refresh();
    this.reportUnlessGone(id, LOST_GRACE_MS, "the connection closed", () => this.departed.has(id));
  }

  /**
   * Reports the connection to id failed after ms, unless by then it is open again, id is out of
   * the room as this client last read it, or excused says otherwise: then the server waits for
   * id to say they are still here, and takes them out if they do not.
   */
  private reportUnlessGone(id: string, ms: number, reason: string, excused = () => false): void {
    const roomId = this.room.roomId;
    setTimeout(() => {
      const stillJoined = this.room.participants.some((p) => p.id === id && p.status === "PARTICIPANT_JOINED");
      if (this.left || this.room.roomId !== roomId || this.connected.has(id) || !stillJoined || excused()) return;
      this.report(id, { status: "CONNECTION_FAILED", error_reason: reason });
    }, ms);
  }

  private dropPeer(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    peer.close();
    this.peers.delete(id);
    this.failPendingAcks((to) => to === id);
    if (!this.connected.delete(id)) return;
    const l = this.config.listener;
    l.onP2PDisconnected?.(id);
    l.onPeersDisconnected?.(this.room, [id]);
    if (this.connected.size === 0) l.onDisconnectedFromRoom?.(this.room);
  }

  private failPendingAcks(match: (to: string) => boolean): void {
    for (const [token, pending] of this.pendingAcks) {
      if (!match(pending.to)) continue;
      this.pendingAcks.delete(token);
      pending.callback?.(STATUS_REAL_TIME_MESSAGE_SEND_FAILED, token, pending.to);
    }
  }

  /**
   * Reports a peer's status. Reports made within REPORT_BATCH_MS go in one reportStatus call: in a
   * full room every player connects to seven peers at about the same time, and each call is a
   * transaction on the room document.
   */
  private report(participantId: string, update: Omit<PeerStatusUpdate, "participantId">): void {
    this.reportNumbers.set(participantId, ++this.reportNumber);
    this.pendingReports.set(participantId, { participantId, ...update });
    this.reportTimer ??= setTimeout(() => void this.flushReports(), REPORT_BATCH_MS);
  }

  private async flushReports(): Promise<void> {
    this.reportTimer = undefined;
    const updates = [...this.pendingReports.values()];
    this.pendingReports.clear();
    if (this.left || updates.length === 0) return;
    const roomId = this.room.roomId;
    const numbers = new Map(updates.map((u) => [u.participantId, this.reportNumbers.get(u.participantId)]));
    this.lastReportAt = performance.now();
    try {
      this.apply(await this.ctx.rooms.reportStatus(roomId, updates));
    } catch (err) {
      console.warn("openplay: reportStatus failed", err);
      if (!(err instanceof OpenPlayError && err.retryable) || this.left || this.room.roomId !== roomId) return;
      // Without this report the room would never go ROOM_ACTIVE: send it again, unless a newer
      // report for that peer was made since.
      const again = updates.filter((u) => this.reportNumbers.get(u.participantId) === numbers.get(u.participantId));
      for (const u of again) this.pendingReports.set(u.participantId, u);
      if (again.length) this.reportTimer ??= setTimeout(() => void this.flushReports(), Math.max(REPORT_RETRY_MS, err.retryAfterMs ?? 0));
    }
  }
}

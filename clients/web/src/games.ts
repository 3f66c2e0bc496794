// Thin, typed wrappers of the Play Games v1 REST methods OpenPlay serves (docs/api.md).
import type { Api } from "./api";
import type { AutoMatchingCriteria, ParticipantResult, Room, RoomStatusResource, TurnBasedMatch } from "./types";

const enc = encodeURIComponent;

/** One page of a Play Games list: its items and, when more follow, the token of the next page. */
export interface Page<T> {
  items?: T[];
  nextPageToken?: string;
}

/**
 * Every item of a paged list, page after page: list is a list method, such as
 * `(token) => client.matches.list(token)`. A page without items ends it, whatever its token.
 */
export async function listAll<T>(list: (pageToken?: string) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    if (!page.items?.length) break;
    all.push(...page.items);
    token = page.nextPageToken;
  } while (token);
  return all;
}

function criteria(kind: string, c?: AutoMatchingCriteria) {
  if (!c) return undefined;
  return {
    kind,
    minAutoMatchingPlayers: c.minAutoMatchingPlayers,
    maxAutoMatchingPlayers: c.maxAutoMatchingPlayers,
    exclusiveBitmask: c.exclusiveBitmask === undefined ? undefined : String(c.exclusiveBitmask),
  };
}

/** A random requestId: a retried create with the same one returns the same game. */
export function newRequestId(): string {
  const words = new Uint32Array(2);
  crypto.getRandomValues(words);
  return String((BigInt(words[0] & 0x1fffff) << 32n) | BigInt(words[1]));
}

export interface RoomCreate {
  invitedPlayerIds?: string[];
  autoMatchingCriteria?: AutoMatchingCriteria;
  variant?: number;
  requestId?: string;
}

/** Peer statuses a participant reports through rooms.reportStatus. */
export interface PeerStatusUpdate {
  participantId: string;
  status: "CONNECTION_ESTABLISHED" | "CONNECTION_FAILED";
  connectionSetupLatencyMillis?: number;
  error?: string;
  error_reason?: string;
}

const leavePath = (roomId: string) => `/games/v1/rooms/${enc(roomId)}/leave`;
const leaveRequest = (reason: string) => ({ kind: "games#roomLeaveRequest", reason });

export class Rooms {
  constructor(private readonly api: Api) {}

  create(req: RoomCreate): Promise<Room> {
    return this.api.call("POST", "/games/v1/rooms/create", {
      kind: "games#roomCreateRequest",
      invitedPlayerIds: req.invitedPlayerIds,
      autoMatchingCriteria: criteria("games#roomAutoMatchingCriteria", req.autoMatchingCriteria),
      variant: req.variant,
      requestId: req.requestId ?? newRequestId(),
    }, { retries: 3 });
  }
  get(roomId: string): Promise<Room> {
    return this.api.call("GET", `/games/v1/rooms/${enc(roomId)}`, undefined, { retries: 3 });
  }
  join(roomId: string): Promise<Room> {
    return this.api.call("POST", `/games/v1/rooms/${enc(roomId)}/join`, { kind: "games#roomJoinRequest" });
  }
  /** Leaves the room; sent again after an unavailable server (a retry of a leave that went through is a 409). */
  leave(roomId: string, reason: string): Promise<Room> {
    return this.api.call("POST", leavePath(roomId), leaveRequest(reason), { retries: 3 });
  }
  /** Leaves the room as the page goes away (pagehide), without waiting for the answer (see Api.send). */
  leaveNow(roomId: string, reason: string): boolean {
    return this.api.send("POST", leavePath(roomId), leaveRequest(reason));
  }
  decline(roomId: string): Promise<Room> {
    return this.api.call("POST", `/games/v1/rooms/${enc(roomId)}/decline`);
  }
  dismiss(roomId: string): Promise<void> {
    return this.api.call("POST", `/games/v1/rooms/${enc(roomId)}/dismiss`);
  }
  /** The caller's pending invitations, newest first. */
  list(pageToken?: string): Promise<Page<Room>> {
    return this.api.call("GET", `/games/v1/rooms${pageToken ? `?pageToken=${enc(pageToken)}` : ""}`, undefined, { retries: 3 });
  }
  /** Reports the caller's connections to peers. Reporting what the room already knows changes nothing, so a retry is safe. */
  reportStatus(roomId: string, updates: PeerStatusUpdate[]): Promise<RoomStatusResource> {
    return this.api.call("POST", `/games/v1/rooms/${enc(roomId)}/reportstatus`, {
      kind: "games#roomP2PStatuses",
      updates: updates.map((u) => ({ kind: "games#roomP2PStatus", ...u })),
    }, { retries: 5 });
  }
}

export interface MatchCreate {
  invitedPlayerIds?: string[];
  autoMatchingCriteria?: AutoMatchingCriteria;
  variant?: number;
  requestId?: string;
}

/** Match data travels as URL-safe base64; these turn a string (say, JSON) into it and back. */
export function encodeMatchData(text: string): string {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_");
}
export function decodeMatchData(data: string): string {
  const binary = atob(data.replaceAll("-", "+").replaceAll("_", "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export class Matches {
  constructor(private readonly api: Api) {}
  private readonly base = "/games/v1/turnbasedmatches";

  create(req: MatchCreate): Promise<TurnBasedMatch> {
    return this.api.call("POST", `${this.base}/create`, {
      kind: "games#turnBasedMatchCreateRequest",
      invitedPlayerIds: req.invitedPlayerIds,
      autoMatchingCriteria: criteria("games#turnBasedAutoMatchingCriteria", req.autoMatchingCriteria),
      variant: req.variant,
      requestId: req.requestId ?? newRequestId(),
    }, { retries: 3 });
  }
  get(matchId: string): Promise<TurnBasedMatch> {
    return this.api.call("GET", `${this.base}/${enc(matchId)}`, undefined, { retries: 3 });
  }
  join(matchId: string): Promise<TurnBasedMatch> {
    return this.api.call("PUT", `${this.base}/${enc(matchId)}/join`);
  }
  decline(matchId: string): Promise<TurnBasedMatch> {
    return this.api.call("PUT", `${this.base}/${enc(matchId)}/decline`);
  }
  dismiss(matchId: string): Promise<void> {
    return this.api.call("PUT", `${this.base}/${enc(matchId)}/dismiss`);
  }
  /** Plays a turn: data is the new match data (a string; encoded here), pendingParticipantId who plays next. */
  takeTurn(match: TurnBasedMatch, data: string, pendingParticipantId?: string, results?: ParticipantResult[]): Promise<TurnBasedMatch> {
    return this.api.call("PUT", `${this.base}/${enc(match.matchId)}/turn`, {
      kind: "games#turnBasedMatchTurn",
      matchVersion: match.matchVersion,
      data: { kind: "games#turnBasedMatchDataRequest", data: encodeMatchData(data) },
      pendingParticipantId,
      results: results?.map((r) => ({ kind: "games#participantResult", ...r })),
    });
  }
  /** Finishes the match with the final data (the pending player; the others pass their results only). */
  finish(match: TurnBasedMatch, results: ParticipantResult[], data?: string): Promise<TurnBasedMatch> {
    return this.api.call("PUT", `${this.base}/${enc(match.matchId)}/finish`, {
      kind: "games#turnBasedMatchResults",
      matchVersion: match.matchVersion,
      data: data === undefined ? undefined : { kind: "games#turnBasedMatchDataRequest", data: encodeMatchData(data) },
      results: results.map((r) => ({ kind: "games#participantResult", ...r })),
    });
  }
  /** Leaves out of turn; during the caller's turn the server refuses it (409): use leaveTurn. */
  leave(matchId: string): Promise<TurnBasedMatch> {
    return this.api.call("PUT", `${this.base}/${enc(matchId)}/leave`);
  }
  /**
   * Leaves during the caller's turn, passing it to pendingParticipantId (unset: to the first
   * auto-matched player waiting for a turn, or an open auto-match slot; the last player who can
   * play leaves it unset, and the match is canceled).
   */
  leaveTurn(match: TurnBasedMatch, pendingParticipantId?: string): Promise<TurnBasedMatch> {
    const next = pendingParticipantId === undefined ? "" : `&pendingParticipantId=${enc(pendingParticipantId)}`;
    return this.api.call("PUT", `${this.base}/${enc(match.matchId)}/leaveTurn?matchVersion=${match.matchVersion}${next}`);
  }
  cancel(matchId: string): Promise<void> {
    return this.api.call("PUT", `${this.base}/${enc(matchId)}/cancel`);
  }
  rematch(matchId: string, requestId = newRequestId()): Promise<{ previousMatch: TurnBasedMatch; rematch: TurnBasedMatch }> {
    return this.api.call("POST", `${this.base}/${enc(matchId)}/rematch?requestId=${enc(requestId)}`, undefined, { retries: 3 });
  }
  list(pageToken?: string): Promise<Page<TurnBasedMatch>> {
    return this.api.call("GET", `${this.base}${pageToken ? `?pageToken=${enc(pageToken)}` : ""}`, undefined, { retries: 3 });
  }
}

export class Events {
  constructor(private readonly api: Api) {}

  /** Records counts of the player's events over one period (eventId → how many times). */
  record(counts: Record<string, number>, periodStart: Date, periodEnd: Date, requestId = newRequestId()) {
    return this.api.call("POST", "/games/v1/events", {
      kind: "games#eventRecordRequest",
      requestId,
      currentTimeMillis: String(Date.now()),
      timePeriods: [{
        kind: "games#eventPeriodUpdate",
        timePeriod: { kind: "games#eventPeriodRange", periodStartMillis: String(periodStart.getTime()), periodEndMillis: String(periodEnd.getTime()) },
        updates: Object.entries(counts).map(([definitionId, n]) => ({ kind: "games#eventUpdateRequest", definitionId, updateCount: String(n) })),
      }],
    }, { retries: 3 });
  }
  listByPlayer(pageToken?: string) {
    return this.api.call("GET", `/games/v1/events${pageToken ? `?pageToken=${enc(pageToken)}` : ""}`, undefined, { retries: 3 });
  }
  listDefinitions(pageToken?: string) {
    return this.api.call("GET", `/games/v1/eventDefinitions${pageToken ? `?pageToken=${enc(pageToken)}` : ""}`, undefined, { retries: 3 });
  }
}

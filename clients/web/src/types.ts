// The Play Games v1 resources OpenPlay answers with (the fields a game reads), and OpenPlay's own.

export interface Player {
  playerId: string;
  displayName?: string;
  avatarImageUrl?: string;
}

export type RoomStatus = "ROOM_INVITING" | "ROOM_AUTO_MATCHING" | "ROOM_CONNECTING" | "ROOM_ACTIVE" | "ROOM_DELETED";
export type RoomParticipantStatus = "PARTICIPANT_INVITED" | "PARTICIPANT_JOINED" | "PARTICIPANT_DECLINED" | "PARTICIPANT_LEFT";

export interface RoomParticipant {
  id: string;
  status: RoomParticipantStatus;
  player?: Player;
  autoMatchedPlayer?: { displayName?: string; avatarImageUrl?: string };
  autoMatched?: boolean;
  connected?: boolean;
  leaveReason?: string;
}

export interface Room {
  kind: "games#room";
  roomId: string;
  status: RoomStatus;
  roomStatusVersion: number;
  variant?: number;
  description?: string;
  inviterId?: string;
  participants: RoomParticipant[];
}

export interface RoomStatusResource {
  kind: "games#roomStatus";
  roomId: string;
  status: RoomStatus;
  statusVersion: number;
  participants: RoomParticipant[];
}

export interface AutoMatchingCriteria {
  minAutoMatchingPlayers: number;
  maxAutoMatchingPlayers: number;
  /** Roles: players whose masks AND to non-zero are not matched together. */
  exclusiveBitmask?: number;
}

export type MatchStatus =
  | "MATCH_AUTO_MATCHING"
  | "MATCH_ACTIVE"
  | "MATCH_COMPLETE"
  | "MATCH_CANCELED"
  | "MATCH_EXPIRED"
  | "MATCH_DELETED";

export interface MatchParticipant {
  id: string;
  status: string;
  player?: Player;
  autoMatched?: boolean;
}

export interface ParticipantResult {
  participantId: string;
  result: "MATCH_RESULT_WIN" | "MATCH_RESULT_LOSS" | "MATCH_RESULT_TIE" | "MATCH_RESULT_NONE" | "MATCH_RESULT_DISCONNECT" | "MATCH_RESULT_DISAGREED";
  placing?: number;
}

export interface TurnBasedMatch {
  kind: "games#turnBasedMatch";
  matchId: string;
  status: MatchStatus;
  userMatchStatus: "USER_INVITED" | "USER_AWAITING_TURN" | "USER_TURN" | "USER_MATCH_COMPLETED";
  matchVersion: number;
  matchNumber: number;
  pendingParticipantId?: string;
  participants: MatchParticipant[];
  data?: { dataAvailable: boolean; data?: string };
  previousMatchData?: { dataAvailable: boolean; data?: string };
  results?: ParticipantResult[];
  rematchId?: string;
  description?: string;
}

export interface Notification {
  id: string;
  type: string;
  applicationId: string;
  roomId?: string;
  matchId?: string;
  version: string | number;
  text?: string;
  read?: boolean;
}

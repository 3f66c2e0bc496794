// @openplay/web: OpenPlay for browser games. See docs/realtime.md in the OpenPlay repository.
export { OpenPlay, type OpenPlayConfig } from "./client";
export { Api, OpenPlayError } from "./api";
export { Rooms, Matches, Events, encodeMatchData, decodeMatchData, newRequestId, listAll } from "./games";
export type { RoomCreate, MatchCreate, PeerStatusUpdate, Page } from "./games";
export { Inbox, type NotificationListener } from "./inbox";
export { playerDocId } from "./paths";
export { RealTimeRoom } from "./realtime/room";
export type { RealTimeMessage, ReliableMessageSentCallback, RoomConfig, RoomListener } from "./realtime/room";
export { MAX_RELIABLE_MESSAGE_LEN, MAX_UNRELIABLE_MESSAGE_LEN, MAX_PARTICIPANTS, MessageTooLargeError } from "./realtime/limits";
export * from "./realtime/status_codes";
export { Signaller, type Signal, type SignalType } from "./realtime/signalling";
export { Reorder } from "./realtime/reorder";
export type * from "./types";

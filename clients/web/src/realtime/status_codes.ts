// Play Games' status codes (GamesStatusCodes) for the callbacks of the real-time layer.
export const STATUS_OK = 0;
export const STATUS_INTERNAL_ERROR = 1;
export const STATUS_NETWORK_ERROR_OPERATION_FAILED = 6;
export const STATUS_REAL_TIME_CONNECTION_FAILED = 7000;
export const STATUS_REAL_TIME_MESSAGE_SEND_FAILED = 7001;
export const STATUS_PARTICIPANT_NOT_CONNECTED = 7003;
export const STATUS_REAL_TIME_ROOM_NOT_JOINED = 7004;
/** What sendReliableMessage returns when it cannot send (Play Games' REAL_TIME_MESSAGE_FAILED). */
export const REAL_TIME_MESSAGE_FAILED = -1;

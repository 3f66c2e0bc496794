// Paint party: 2–4 players share an 8×8 board. Each click paints a square in the player's colour
// and travels to every other player over the room's reliable data channels; OpenPlay only carries
// the signalling that connects them.
import * as openplay from "@openplay/web";
import { STATUS_OK, STATUS_REAL_TIME_ROOM_NOT_JOINED, listAll, type RealTimeMessage, type RealTimeRoom, type Room, type RoomListener } from "@openplay/web";
import { $, invitees, log, signIn } from "../common/setup";

const SIZE = 8;
const COLORS = ["#e4572e", "#29335c", "#17bebb", "#ffc914", "#76b041", "#a846a0", "#ff8c42", "#3a86ff"];
const colorOf = (participantId: string) => COLORS[(Number(participantId.replace("p_", "")) - 1) % COLORS.length];

/** Who painted each square (a participant ID). */
const board: Array<string | undefined> = Array(SIZE * SIZE).fill(undefined);
/** Every message received, in order, as text (the browser tests read it). */
const received: Array<{ from: string; text: string; reliable: boolean }> = [];
/** The room callbacks in the order they came (the browser tests read it). */
const events: string[] = [];
let room: RealTimeRoom | undefined;
/** When this player entered the current room and when it became active (Date.now(); the browser tests read them). */
const times: { entered?: number; connected?: number } = {};

const client = await signIn();
$("lobby").hidden = false;

function note(event: string, detail = ""): void {
  events.push(event);
  log(`${event} ${detail}`);
}

const listener: RoomListener = {
  onRoomCreated: (status, r) => note("onRoomCreated", `${status} ${r?.roomId ?? ""}`),
  onJoinedRoom: (status, r) => note("onJoinedRoom", `${status} ${r.roomId}`),
  onRoomConnecting: () => { note("onRoomConnecting"); render(); },
  onPeerInvitedToRoom: (_r, ids) => note("onPeerInvitedToRoom", ids.join(" ")),
  onPeerJoined: (_r, ids) => { note("onPeerJoined", ids.join(" ")); render(); },
  onPeerDeclined: (_r, ids) => note("onPeerDeclined", ids.join(" ")),
  onPeerLeft: (_r, ids) => { note("onPeerLeft", ids.join(" ")); render(); },
  onP2PConnected: (id) => {
    note("onP2PConnected", id);
    // A player who connects late has missed the paints so far: send them the board.
    room?.sendReliableMessage(new TextEncoder().encode(JSON.stringify({ board })), id);
    render();
  },
  onP2PDisconnected: (id) => { note("onP2PDisconnected", id); render(); },
  onRoomConnected: (status) => {
    times.connected = Date.now();
    note("onRoomConnected", status === STATUS_OK ? "every player is connected" : `failed (${status})`);
    if (status !== STATUS_OK) void leave(); // the mesh could not form: leave with REALTIME_PEER_CONNECTION_FAILURE
    render();
  },
  onLeftRoom: (status, roomId) => {
    note("onLeftRoom", `${status} ${roomId}`);
    if (status === STATUS_REAL_TIME_ROOM_NOT_JOINED) lobby(); // the server took the player out
  },
  onRoomMoved: (r, from) => {
    note("onRoomMoved", `${from} → ${r.roomId}`);
    board.fill(undefined); // a new room, new players
    render();
  },
  onRealTimeMessageReceived: (m: RealTimeMessage) => {
    const text = new TextDecoder().decode(m.messageData);
    received.push({ from: m.senderParticipantId, text, reliable: m.isReliable });
    const move = JSON.parse(text) as { paint?: number; board?: Array<string | null> };
    if (typeof move.paint === "number" && move.paint >= 0 && move.paint < board.length) {
      board[move.paint] = m.senderParticipantId;
      render();
    }
    if (Array.isArray(move.board) && move.board.length === board.length) {
      // A peer's board as this player connected: its squares fill those not painted here yet.
      move.board.forEach((who, i) => { if (typeof who === "string" && board[i] === undefined) board[i] = who; });
      render();
    }
  },
};

/** Paints square i in the player's colour here and on every connected peer. */
function paint(i: number): void {
  if (!room) return;
  board[i] = room.myParticipantId;
  const data = new TextEncoder().encode(JSON.stringify({ paint: i }));
  for (const id of room.connectedParticipantIds()) room.sendReliableMessage(data, id);
  render();
}

async function enter(make: () => Promise<RealTimeRoom>): Promise<void> {
  $("lobby").hidden = true;
  times.connected = undefined;
  try {
    room = await make();
  } catch (err) {
    note("error", err instanceof Error ? err.message : String(err));
    $("lobby").hidden = false;
    return;
  }
  times.entered = Date.now();
  $("game").hidden = false;
  render();
}

async function leave(): Promise<void> {
  const r = room;
  lobby();
  try {
    await r?.leave();
  } catch (err) {
    note("error", `leaving: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Back to the lobby, with a clean board. */
function lobby(): void {
  room = undefined;
  $("game").hidden = true;
  $("lobby").hidden = false;
  board.fill(undefined);
}

function render(): void {
  if (!room) return;
  const r: Room = room.current;
  $("roomId").textContent = r.roomId;
  $("status").textContent = `${r.status} · connected to ${room.connectedParticipantIds().length} of ${r.participants.filter((p) => p.status === "PARTICIPANT_JOINED").length - 1} peers`;
  $("legend").replaceChildren(...r.participants.map((p) => {
    const span = document.createElement("span");
    span.innerHTML = `<i class="swatch" style="background:${colorOf(p.id)}"></i>`;
    span.append(`${p.player?.displayName ?? p.autoMatchedPlayer?.displayName ?? p.id}${p.id === room!.myParticipantId ? " (you)" : ""} · ${p.status.replace("PARTICIPANT_", "").toLowerCase()}`);
    return span;
  }));
  const cells = $("board");
  if (cells.children.length === 0) {
    for (let i = 0; i < SIZE * SIZE; i++) {
      const b = document.createElement("button");
      b.addEventListener("click", () => paint(i));
      cells.append(b);
    }
  }
  board.forEach((who, i) => ((cells.children[i] as HTMLElement).style.background = who ? colorOf(who) : ""));
}

function showInvitation(roomId: string, text: string): void {
  const list = $("invitations");
  if (list.querySelector(`[data-room="${roomId}"]`)) return;
  if (list.firstElementChild?.textContent === "none yet") list.replaceChildren();
  const li = document.createElement("li");
  li.dataset.room = roomId;
  const join = document.createElement("button");
  join.textContent = "Join";
  join.addEventListener("click", () => { li.remove(); void enter(() => client.joinRoom(roomId, { listener })); });
  li.append(`${text} `, join);
  list.append(li);
}

$("create").addEventListener("click", () => void enter(() => client.createRoom({ invitedPlayerIds: invitees(), listener })));
$("quick").addEventListener("click", () => void enter(() => client.createRoom({ autoMatchingCriteria: { minAutoMatchingPlayers: 1, maxAutoMatchingPlayers: 1 }, listener })));
$("leave").addEventListener("click", () => void leave());
client.inbox.subscribe((n) => {
  if (n.type === "ROOM_INVITATION" && n.roomId) showInvitation(n.roomId, n.text ?? "An invitation");
});
await client.inbox.ready; // from here on the listener reports every invitation; the list has the older ones
for (const r of await listAll((token) => client.rooms.list(token))) showInvitation(r.roomId, r.description ?? "An invitation");

// For the browser tests and the curious: the game's state, from the console.
Object.assign(window, { openplay, sample: { client, get room() { return room; }, board, received, events, times, paint, leave } });

// Tic-tac-toe as a turn-based match: each move is a takeTurn that hands the turn to the other
// player, whose inbox listener hears of it at once; a won or drawn board is finished by both
// players, and either may start the rematch.
import { decodeMatchData, listAll, type Notification, type ParticipantResult, type TurnBasedMatch } from "@openplay/web";
import { $, invitees, log, signIn } from "../common/setup";

const LINES = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8], [0, 4, 8], [2, 4, 6]];
const EMPTY = " ".repeat(9);

let match: TurnBasedMatch | undefined;
/** The notifications heard, in order (the browser tests read it). */
const heard: string[] = [];

const client = await signIn();
$("lobby").hidden = false;

const me = () => match?.participants.find((p) => p.player?.playerId === client.playerId);
const other = () => match?.participants.find((p) => p.player?.playerId !== client.playerId);
/** The first participant plays X, the second O. */
const markOf = (participantId: string) => (match?.participants[0]?.id === participantId ? "X" : "O");
const cellsOf = (m: TurnBasedMatch) => (m.data?.data ? (JSON.parse(decodeMatchData(m.data.data)) as { cells: string }).cells : EMPTY);

function winner(cells: string): string | undefined {
  for (const [a, b, c] of LINES) if (cells[a] !== " " && cells[a] === cells[b] && cells[a] === cells[c]) return cells[a];
  return undefined;
}

/** Plays square i: a takeTurn to the other player, or finish when the move ends the game. */
async function move(i: number): Promise<void> {
  const m = match;
  const mine = me();
  if (!m || !mine || m.userMatchStatus !== "USER_TURN" || m.status !== "MATCH_ACTIVE" && m.status !== "MATCH_AUTO_MATCHING") return;
  const cells = cellsOf(m);
  if (cells[i] !== " ") return;
  const next = cells.slice(0, i) + markOf(mine.id) + cells.slice(i + 1);
  const data = JSON.stringify({ cells: next });
  const opponent = other();
  if (winner(next) || !next.includes(" ")) {
    const won = winner(next) !== undefined;
    const results: ParticipantResult[] = m.participants.map((p) => ({
      participantId: p.id,
      result: !won ? "MATCH_RESULT_TIE" : p.id === mine.id ? "MATCH_RESULT_WIN" : "MATCH_RESULT_LOSS",
      placing: !won ? 1 : p.id === mine.id ? 1 : 2,
    }));
    show(await client.matches.finish(m, results, data));
    log(won ? "you won" : "a draw");
    return;
  }
  show(await client.matches.takeTurn(m, data, opponent?.id));
}

/** Shows a match, and finishes it on this side when the other player has finished it. */
async function show(m: TurnBasedMatch): Promise<void> {
  if (match?.matchId === m.matchId && m.matchVersion < match.matchVersion) return; // a read overtaken by a newer one
  match = m;
  $("lobby").hidden = true;
  $("game").hidden = false;
  if (m.status === "MATCH_COMPLETE" && m.userMatchStatus === "USER_TURN" && m.results) {
    log("the game is over: confirming the result");
    match = await client.matches.finish(m, m.results);
  }
  render();
}

function render(): void {
  const m = match;
  if (!m) return;
  const cells = cellsOf(m);
  $("matchId").textContent = m.matchId;
  const mine = me();
  const result = m.results?.find((r) => r.participantId === mine?.id)?.result;
  $("status").textContent =
    m.status === "MATCH_COMPLETE" ? `game over: ${result?.replace("MATCH_RESULT_", "").toLowerCase() ?? "finished"}` :
    m.userMatchStatus === "USER_TURN" ? `your turn (you play ${mine ? markOf(mine.id) : "?"})` :
    m.userMatchStatus === "USER_INVITED" ? "you are invited" :
    `waiting for ${other()?.player?.displayName ?? "an opponent"}`;
  const board = $("board");
  if (board.children.length === 0) {
    for (let i = 0; i < 9; i++) {
      const b = document.createElement("button");
      b.addEventListener("click", () => void move(i).catch((err) => {
        log(String(err));
        if (match) void open(match.matchId).catch(report); // a stale matchVersion, or a turn whose answer was lost: read it again
      }));
      board.append(b);
    }
  }
  [...cells].forEach((c, i) => (board.children[i].textContent = c.trim()));
  $("rematch").hidden = !(m.status === "MATCH_COMPLETE" && !m.rematchId && m.userMatchStatus === "USER_MATCH_COMPLETED");
}

async function open(matchId: string): Promise<void> {
  let m = await client.matches.get(matchId);
  if (m.userMatchStatus === "USER_INVITED") m = await client.matches.join(matchId);
  await show(m);
}

function showInvitation(matchId: string, text: string): void {
  const list = $("invitations");
  if (list.querySelector(`[data-match="${matchId}"]`)) return;
  if (list.firstElementChild?.textContent === "none yet") list.replaceChildren();
  const li = document.createElement("li");
  li.dataset.match = matchId;
  const accept = document.createElement("button");
  accept.textContent = "Accept";
  accept.addEventListener("click", () => { li.remove(); void open(matchId).catch(report); });
  li.append(`${text} `, accept);
  list.append(li);
}

function onNotification(n: Notification): void {
  if (!n.matchId) return;
  heard.push(n.type);
  log(`${n.type}: ${n.text ?? ""}`);
  if (n.type === "MATCH_INVITATION" || n.type === "MATCH_REMATCH") {
    if (match?.matchId === n.matchId || match?.status === "MATCH_COMPLETE" || !match) showInvitation(n.matchId, n.text ?? "An invitation");
    return;
  }
  if (!match || match.matchId === n.matchId || n.type === "MATCH_AUTO_MATCHED") void open(n.matchId).catch(report);
}

/** Logs a call that failed (the message names the field and the rule). */
const report = (err: unknown) => log(String(err));
$("create").addEventListener("click", () => void client.matches.create({ invitedPlayerIds: invitees() }).then(show).catch(report));
$("quick").addEventListener("click", () => void client.matches.create({ autoMatchingCriteria: { minAutoMatchingPlayers: 1, maxAutoMatchingPlayers: 1 } }).then(show).catch(report));
$("rematch").addEventListener("click", () => void client.matches.rematch(match!.matchId).then((r) => show(r.rematch)).catch(report));
$("lobbyButton").addEventListener("click", () => { match = undefined; $("game").hidden = true; $("lobby").hidden = false; void lobby().catch(report); });
client.inbox.subscribe(onNotification);
await client.inbox.ready; // from here on the listener reports every invitation; the list has the older ones
await lobby();

/**
 * Lists the player's invitations and the games they are playing, so that a reload, or a
 * notification missed, never keeps them from a game where it is their turn.
 */
async function lobby(): Promise<void> {
  const items = await listAll((token) => client.matches.list(token));
  for (const m of items) {
    if (m.userMatchStatus === "USER_INVITED") showInvitation(m.matchId, m.description ?? "An invitation");
  }
  const playing = items.filter((m) => m.userMatchStatus === "USER_TURN" || m.userMatchStatus === "USER_AWAITING_TURN");
  $("games").replaceChildren(...playing.map((m) => {
    const li = document.createElement("li");
    li.dataset.match = m.matchId;
    const resume = document.createElement("button");
    resume.textContent = "Open";
    resume.addEventListener("click", () => void open(m.matchId).catch(report));
    li.append(`${m.description ?? m.matchId} · ${m.userMatchStatus === "USER_TURN" ? "your turn" : "their turn"} `, resume);
    return li;
  }));
  if (playing.length === 0) $("games").replaceChildren(Object.assign(document.createElement("li"), { textContent: "none yet" }));
}

// For the browser tests and the curious: the game's state, from the console.
Object.assign(window, { sample: { client, get match() { return match; }, heard, move } });

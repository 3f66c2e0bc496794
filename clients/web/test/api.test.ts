import { describe, expect, it } from "vitest";
import { Api, OpenPlayError } from "../src/api";
import { Matches, Rooms, decodeMatchData, encodeMatchData, listAll } from "../src/games";
import type { TurnBasedMatch } from "../src/types";

/** A fetch that answers from a script and records what it was asked. */
function scripted(...answers: Array<Response | Error>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const f = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    if (next instanceof Error) throw next;
    return next;
  }) as unknown as typeof fetch;
  return { f, calls };
}

const noSleep = async () => {};
const googleError = (status: number, message: string, location: string) =>
  new Response(JSON.stringify({ error: { code: status, message, errors: [{ domain: "global", location, message }] } }), { status });

describe("Api", () => {
  it("sends the token and JSON, and decodes the answer", async () => {
    const { f, calls } = scripted(new Response(JSON.stringify({ kind: "games#room", roomId: "r1" }), { status: 200 }));
    const api = new Api("http://h", async () => "tok", f, noSleep);
    expect(await api.call("POST", "/games/v1/rooms/create", { a: 1 })).toEqual({ kind: "games#room", roomId: "r1" });
    expect(calls[0].url).toBe("http://h/games/v1/rooms/create?prettyPrint=false");
    expect((calls[0].init?.headers as Record<string, string>).Authorization).toBe("Bearer tok");
    expect(calls[0].init?.body).toBe('{"a":1}');
  });

  it("turns Google's error shape into an OpenPlayError naming the field", async () => {
    const { f } = scripted(googleError(409, "to: participant \"p_3\" is PARTICIPANT_INVITED, not joined", "to"));
    const api = new Api("", async () => "tok", f, noSleep);
    const err = (await api.call("POST", "/openplay/v1/rooms/r/signals?x=1", {}).catch((e) => e)) as OpenPlayError;
    expect(err).toBeInstanceOf(OpenPlayError);
    expect(err.status).toBe(409);
    expect(err.location).toBe("to");
    expect(err.message).toContain("not joined");
    expect(err.retryable).toBe(false);
  });

  it("retries an idempotent call while the backend is unavailable, and no more than asked", async () => {
    const { f, calls } = scripted(googleError(503, "busy", ""), new TypeError("network down"), new Response("{}", { status: 200 }));
    const api = new Api("", async () => "tok", f, noSleep);
    expect(await api.call("GET", "/x", undefined, { retries: 2 })).toEqual({});
    expect(calls).toHaveLength(3);

    const once = scripted(googleError(503, "busy", ""), new Response("{}", { status: 200 }));
    await expect(new Api("", async () => "tok", once.f, noSleep).call("GET", "/x")).rejects.toMatchObject({ status: 503 });
    expect(once.calls).toHaveLength(1);

    const thrice = scripted(googleError(503, "busy", ""), googleError(503, "busy", ""), googleError(503, "busy", ""), new Response("{}", { status: 200 }));
    await expect(new Api("", async () => "tok", thrice.f, noSleep).call("GET", "/x", undefined, { retries: 2 })).rejects.toMatchObject({ status: 503 });
    expect(thrice.calls).toHaveLength(3);
  });

  it("waits as long as Retry-After asks, and gives up at once when that is longer than a call waits", async () => {
    const busy = (seconds: string) => {
      const r = googleError(503, "busy", "");
      r.headers.set("Retry-After", seconds);
      return r;
    };
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const { f, calls } = scripted(busy("1"), busy("2"), new Response("{}", { status: 200 }));
    expect(await new Api("", async () => "t", f, sleep).call("GET", "/x", undefined, { retries: 3 })).toEqual({});
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);

    const tooLong = scripted(busy("600"), new Response("{}"));
    const err = (await new Api("", async () => "t", tooLong.f, sleep).call("GET", "/x", undefined, { retries: 3 }).catch((e) => e)) as OpenPlayError;
    expect(err.status).toBe(503);
    expect(err.retryAfterMs).toBe(600_000);
    expect(tooLong.calls).toHaveLength(1);
  });

  it("does not retry a refusal", async () => {
    const { f, calls } = scripted(googleError(400, "seq: must be a whole number", "seq"), new Response("{}"));
    await expect(new Api("", async () => "t", f, noSleep).call("POST", "/x", {}, { retries: 5 })).rejects.toMatchObject({ status: 400 });
    expect(calls).toHaveLength(1);
  });

  it("answers a 204 with nothing", async () => {
    const { f } = scripted(new Response(null, { status: 204 }));
    expect(await new Api("", async () => "t", f, noSleep).call("POST", "/x")).toBeUndefined();
  });
});

describe("Rooms", () => {
  it("leaves as the page goes away with a keepalive request carrying the token the last call sent", async () => {
    const { f, calls } = scripted(new Response("{}", { status: 200 }), new Response("{}", { status: 200 }));
    let n = 0;
    const rooms = new Rooms(new Api("", async () => `tok${++n}`, f, noSleep));
    expect(rooms.leaveNow("r1", "PLAYER_LEFT")).toBe(false); // no call yet: no token to send
    await rooms.get("r1");
    expect(rooms.leaveNow("r1", "PLAYER_LEFT")).toBe(true);
    expect(calls[1].url).toBe("/games/v1/rooms/r1/leave?prettyPrint=false");
    expect(calls[1].init).toMatchObject({ method: "POST", keepalive: true, body: '{"kind":"games#roomLeaveRequest","reason":"PLAYER_LEFT"}' });
    expect((calls[1].init?.headers as Record<string, string>).Authorization).toBe("Bearer tok1");
  });
});

describe("Matches", () => {
  it("leaves during the turn with leaveTurn's query: the version, and who plays next when named", async () => {
    const { f, calls } = scripted(new Response("{}"), new Response("{}"));
    const matches = new Matches(new Api("http://h", async () => "t", f, noSleep));
    const match = { matchId: "m 1", matchVersion: 3 } as TurnBasedMatch;
    await matches.leaveTurn(match, "p_2");
    await matches.leaveTurn(match);
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "PUT http://h/games/v1/turnbasedmatches/m%201/leaveTurn?matchVersion=3&pendingParticipantId=p_2&prettyPrint=false",
      "PUT http://h/games/v1/turnbasedmatches/m%201/leaveTurn?matchVersion=3&prettyPrint=false",
    ]);
  });
});

describe("listAll", () => {
  it("reads page after page until one names no next page", async () => {
    const { f, calls } = scripted(
      new Response(JSON.stringify({ items: [{ matchId: "m1" }, { matchId: "m2" }], nextPageToken: "p 2" }), { status: 200 }),
      new Response(JSON.stringify({ items: [{ matchId: "m3" }] }), { status: 200 }),
    );
    const matches = new Matches(new Api("", async () => "t", f, noSleep));
    expect((await listAll((token) => matches.list(token))).map((m) => m.matchId)).toEqual(["m1", "m2", "m3"]);
    expect(calls.map((c) => c.url)).toEqual(["/games/v1/turnbasedmatches?prettyPrint=false", "/games/v1/turnbasedmatches?pageToken=p%202&prettyPrint=false"]);
  });

  it("stops at a page without items, whatever its token", async () => {
    const { f, calls } = scripted(new Response(JSON.stringify({ nextPageToken: "same" }), { status: 200 }));
    const matches = new Matches(new Api("", async () => "t", f, noSleep));
    expect(await listAll((token) => matches.list(token))).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});

describe("match data", () => {
  it("round-trips text through URL-safe base64", () => {
    const text = JSON.stringify({ board: "XO.......", note: "é?>>" });
    const data = encodeMatchData(text);
    expect(data).not.toMatch(/[+/]/);
    expect(decodeMatchData(data)).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import { playerDocId } from "../src/paths";

describe("playerDocId", () => {
  it("leaves the uids Firebase Auth gives out as they are", () => {
    expect(playerDocId("hV3kq9ZpL2aXw")).toBe("hV3kq9ZpL2aXw");
    expect(playerDocId("a.b_c")).toBe("a.b_c");
  });
  it("escapes what Firestore refuses as a document ID, as the server does", () => {
    expect(playerDocId(".")).toBe("%2E");
    expect(playerDocId("..")).toBe("%2E%2E");
    expect(playerDocId("__x__")).toBe("%5F%5Fx%5F%5F");
    expect(playerDocId("a/b")).toBe("a%2Fb");
    expect(playerDocId("%2E")).toBe("%252E");
  });
});

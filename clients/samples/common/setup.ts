// What both samples do first: read the configuration the dev server hands them, sign the player
// in (each browser tab is its own player), and show who they are.
import { OpenPlay, type OpenPlayConfig } from "@openplay/web";

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function log(line: string): void {
  const li = document.createElement("li");
  li.textContent = `${new Date().toLocaleTimeString()} ${line}`;
  $("log").prepend(li);
}

/** Loads /play/config.json, waits for the player to choose a name (or takes ?name=), and signs in. */
export async function signIn(): Promise<OpenPlay> {
  const config = (await (await fetch("/play/config.json")).json()) as OpenPlayConfig;
  const client = new OpenPlay(config);
  await client.auth.authStateReady();
  const named = new URLSearchParams(location.search).get("name");
  if (!client.auth.currentUser && !named) {
    $("signin").hidden = false;
    await new Promise<void>((resolve) => $("signin").addEventListener("submit", (e) => { e.preventDefault(); resolve(); }, { once: true }));
  }
  const id = await client.signIn(named || $<HTMLInputElement>("name").value.trim() || "Player");
  $("signin").hidden = true;
  $("me").textContent = `${client.auth.currentUser?.displayName ?? "Player"} · player ID ${id}`;
  $("me").dataset.playerId = id;
  return client;
}

/** The player IDs typed into the invite field. */
export function invitees(): string[] {
  return $<HTMLInputElement>("invitees").value.split(/[\s,]+/).filter(Boolean);
}

// Where a player's documents live in Firestore. A player's document ID is their Firebase uid,
// escaped where Firestore would refuse it as an ID (docs/notifications.md, "The inbox path"); the
// server and the security rules compute the same ID.

/** The document ID of the player whose uid this is. */
export function playerDocId(uid: string): string {
  const id = uid.replaceAll("%", "%25").replaceAll("/", "%2F");
  const reserved = id === "." || id === ".." || (id.startsWith("__") && id.endsWith("__"));
  return reserved ? id.replaceAll(".", "%2E").replaceAll("_", "%5F") : id;
}

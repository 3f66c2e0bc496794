package store

import (
	"strings"

	"github.com/openplay-games/openplay/shared/player"
)

// PlayerDocID is the document ID of a player under players/ (and so the path segment of their
// inbox and events): their uid as it is, except for what Firestore refuses in a document ID.
// '%' becomes %25 and '/' %2F; then an ID that would be "." or "..", or start and end with "__"
// (Firestore reserves __…__), has every '.' written %2E and every '_' %5F. Ordinary uids are
// unchanged, and since '%' is always escaped, decoding each %XX gives the uid back: two players
// never share a document. infra/firestore.rules computes the same ID from the signed-in uid, and
// docs/notifications.md gives it to clients.
func PlayerDocID(uid string) string {
	id := strings.ReplaceAll(strings.ReplaceAll(uid, "%", "%25"), "/", "%2F")
	if id == "." || id == ".." || strings.HasPrefix(id, "__") && strings.HasSuffix(id, "__") {
		id = strings.ReplaceAll(strings.ReplaceAll(id, ".", "%2E"), "_", "%5F")
	}
	return id
}

// profileDoc is a player's profile as rooms and matches store it in their participants. A
// profile's Server flag is who is calling, never stored.
type profileDoc struct {
	ID          string `firestore:"id"`
	DisplayName string `firestore:"displayName,omitempty"`
	AvatarURL   string `firestore:"avatarUrl,omitempty"`
}

func toProfileDoc(p player.Profile) profileDoc {
	return profileDoc{ID: p.ID, DisplayName: p.DisplayName, AvatarURL: p.AvatarURL}
}

func (d profileDoc) profile() player.Profile {
	return player.Profile{ID: d.ID, DisplayName: d.DisplayName, AvatarURL: d.AvatarURL}
}

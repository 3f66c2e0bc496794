// Package player is who is calling: the profile OpenPlay knows of a signed-in player.
package player

// Profile is a player as other players see them. ID is the Firebase Auth uid; the display name
// and avatar come from the ID token's claims (or the Auth user record for invitees), the name
// cleaned where the profile is made (CleanDisplayName), so every text that shows it is safe.
type Profile struct {
	ID          string
	DisplayName string
	AvatarURL   string
	// Server is true for a server principal: a game's backend signed in as a Firebase user whose
	// ID token carries the custom claim ServerClaim: true. Never stored.
	Server bool
}

// ServerClaim is the Firebase custom claim that marks a server principal (set it with the Admin
// SDK: auth.SetCustomUserClaims(ctx, uid, map[string]any{"openplay_server": true})).
const ServerClaim = "openplay_server"

// MaxIDLength is Firebase Auth's limit on a uid.
const MaxIDLength = 128

// ValidID reports whether id can be a player ID: a Firebase uid of 1 to 128 printable ASCII
// characters. Any of them may be in it: where a player ID names a Firestore document it is
// escaped (store.PlayerDocID).
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

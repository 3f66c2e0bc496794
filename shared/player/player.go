// Package player is who is calling: the profile OpenPlay knows of a signed-in player.
package player

// Profile is a player as other players see them. ID is the Firebase Auth uid; the display name
// and avatar come from the ID token's claims (or the Auth user record for invitees).
type Profile struct {
	ID          string `firestore:"id"`
	DisplayName string `firestore:"displayName,omitempty"`
	AvatarURL   string `firestore:"avatarUrl,omitempty"`
}

// MaxIDLength is Firebase Auth's limit on a uid.
const MaxIDLength = 128

// ValidID reports whether id can be a Firebase uid: 1 to 128 printable ASCII characters without
// '/' (which would break Firestore paths).
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c > '~' || c == '/' {
			return false
		}
	}
	return true
}

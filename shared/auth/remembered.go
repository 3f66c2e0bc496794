package auth

import (
	"crypto/sha256"
	"sync"
	"time"

	"github.com/openplay-games/openplay/shared/player"
)

// Verified tokens are remembered for at most rememberFor (and never past their expiry), at most
// maxRemembered of them per instance.
const (
	rememberFor   = time.Minute
	maxRemembered = 10_000
)

// remembered holds the players of ID tokens this instance verified recently, so that a player's
// calls in quick succession check their token once. That answers exactly as verifying again
// would: the Admin SDK checks a token's signature, issuer, audience and expiry, not revocation,
// so a token that verified stays valid until it expires. (Against the Auth emulator the SDK also
// looks the user up on every call, an HTTP round trip production does not make; there a
// disabled user keeps access for up to rememberFor.) With the revocation check on
// (revocation.go) the memory is not consulted. Keys are SHA-256 digests, so a remembered token
// costs about 200 bytes.
type remembered struct {
	mu     sync.Mutex
	tokens map[[sha256.Size]byte]rememberedToken
}

type rememberedToken struct {
	player player.Profile
	until  time.Time
}

// get returns the player of token if it was verified and is still remembered at now.
func (r *remembered) get(token string, now time.Time) (player.Profile, bool) {
	key := sha256.Sum256([]byte(token))
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.tokens[key]
	if !ok || !now.Before(t.until) {
		return player.Profile{}, false
	}
	return t.player, true
}

// put remembers that token, which expires at expires, verified as p at now.
func (r *remembered) put(token string, p player.Profile, expires, now time.Time) {
	until := now.Add(rememberFor)
	if expires.Before(until) {
		until = expires
	}
	if !now.Before(until) {
		return
	}
	key := sha256.Sum256([]byte(token))
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tokens == nil {
		r.tokens = make(map[[sha256.Size]byte]rememberedToken)
	}
	if len(r.tokens) >= maxRemembered {
		for k, t := range r.tokens {
			if !now.Before(t.until) {
				delete(r.tokens, k)
			}
		}
		if len(r.tokens) >= maxRemembered { // all still fresh: start over rather than grow
			clear(r.tokens)
		}
	}
	r.tokens[key] = rememberedToken{player: p, until: until}
}

package auth

import (
	fbauth "firebase.google.com/go/v4/auth"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
)

// An ID token is good until it expires, up to an hour after it was issued: the Admin SDK checks
// its signature, audience and expiry, not the account behind it. With the application's
// auth.checkRevoked setting on (application.Auth), Verify also looks the account up on every
// call (one Firebase Auth API call) and holds the token to it, as
// fbauth.Client.VerifyIDTokenAndCheckRevoked would; that method discards the account, which is
// also needed to see a removed server claim, so the adapter makes the same check on its own
// lookup. The one-minute token memory is skipped then: it would let a revoked token through
// for up to that minute.

// What a refused token's 401 says, whether the SDK or againstAccount refused it.
const (
	disabledMessage = "the player's account is disabled"
	revokedMessage  = "the ID token was revoked (the player was signed out everywhere); sign in again"
)

// againstAccount holds a verified token to its account as Firebase Auth has it now, and says
// whether the token still speaks for a server principal: only if both the token and the
// account carry the server claim (a claim added since the token was issued waits for the next
// token, as in Firebase).
func againstAccount(tok *fbauth.Token, account *fbauth.UserRecord) (server bool, err error) {
	if account.Disabled {
		return false, errs.E(errs.Unauthenticated, "Authorization", disabledMessage)
	}
	if tok.IssuedAt*1000 < account.TokensValidAfterMillis {
		return false, errs.E(errs.Unauthenticated, "Authorization", revokedMessage)
	}
	claimed, _ := tok.Claims[player.ServerClaim].(bool)
	kept, _ := account.CustomClaims[player.ServerClaim].(bool)
	return claimed && kept, nil
}

// refused words why the Admin SDK refused a token, for the 401. Against the Auth emulator,
// VerifyIDToken looks the account up too, so the account's refusals come this way locally.
func refused(err error) error {
	message := "not a valid Firebase ID token for this project"
	switch {
	case fbauth.IsIDTokenExpired(err):
		message = "the ID token has expired; get a fresh one from Firebase Auth"
	case fbauth.IsUserDisabled(err):
		message = disabledMessage
	case fbauth.IsIDTokenRevoked(err):
		message = revokedMessage
	case fbauth.IsUserNotFound(err):
		message = "the token's account no longer exists"
	}
	return errs.E(errs.Unauthenticated, "Authorization", "%s", message)
}

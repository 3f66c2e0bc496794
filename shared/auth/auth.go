// Package auth verifies Firebase ID tokens and looks up players, with the Firebase Admin SDK.
// With FIREBASE_AUTH_EMULATOR_HOST set the SDK talks to the Auth emulator and skips signature
// checks; config accepts that mode only with an emulator-only (demo-) project.
package auth

import (
	"context"
	"time"

	firebase "firebase.google.com/go/v4"
	fbauth "firebase.google.com/go/v4/auth"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/lazy"
	"github.com/openplay-games/openplay/shared/player"
)

// Firebase is the Firebase Auth adapter.
type Firebase struct {
	// CheckRevoked says, per call, whether to hold the token to its account (see revocation.go);
	// nil means never. The service sets it from the application's settings.
	CheckRevoked func(ctx context.Context) (bool, error)

	client     *lazy.Value[*fbauth.Client]
	remembered remembered
}

// New returns the adapter for projectID. It does no I/O.
func New(projectID string) *Firebase {
	return &Firebase{client: lazy.New(func(ctx context.Context) (*fbauth.Client, error) {
		app, err := firebase.NewApp(context.WithoutCancel(ctx), &firebase.Config{ProjectID: projectID})
		if err != nil {
			return nil, errs.Wrap(errs.Unavailable, err, "Firebase is unavailable")
		}
		c, err := app.Auth(context.WithoutCancel(ctx))
		if err != nil {
			return nil, errs.Wrap(errs.Unavailable, err, "Firebase Auth is unavailable")
		}
		return c, nil
	})}
}

// Verify checks an ID token (signature, expiry, audience = this project) and returns the player
// it names, with the display name (cleaned: player.CleanDisplayName) and avatar from its
// claims. A token verified in the last minute is not checked again, unless CheckRevoked says to
// hold every call's token to its account.
func (f *Firebase) Verify(ctx context.Context, idToken string) (player.Profile, error) {
	checkRevoked := false
	if f.CheckRevoked != nil {
		var err error
		if checkRevoked, err = f.CheckRevoked(ctx); err != nil {
			return player.Profile{}, err
		}
	}
	now := time.Now()
	if !checkRevoked {
		if p, ok := f.remembered.get(idToken, now); ok {
			return p, nil
		}
	}
	c, err := f.client.Get(ctx)
	if err != nil {
		return player.Profile{}, err
	}
	tok, err := c.VerifyIDToken(ctx, idToken)
	if err != nil {
		return player.Profile{}, refused(err)
	}
	if !player.ValidID(tok.UID) {
		return player.Profile{}, errs.E(errs.Unauthenticated, "Authorization", "the token's uid is not usable as a player ID")
	}
	name, _ := tok.Claims["name"].(string)
	picture, _ := tok.Claims["picture"].(string)
	server, _ := tok.Claims[player.ServerClaim].(bool)
	if checkRevoked {
		account, err := c.GetUser(ctx, tok.UID)
		if fbauth.IsUserNotFound(err) {
			return player.Profile{}, refused(err)
		}
		if err != nil {
			return player.Profile{}, errs.Wrap(errs.Unavailable, err, "Firebase Auth is unavailable: the token's account could not be checked")
		}
		if server, err = againstAccount(tok, account); err != nil {
			return player.Profile{}, err
		}
	}
	p := player.Profile{ID: tok.UID, DisplayName: player.CleanDisplayName(name), AvatarURL: picture, Server: server}
	f.remembered.put(idToken, p, time.Unix(tok.Expires, 0), now)
	return p, nil
}

// Profiles looks up players by ID, their display names cleaned as Verify's. The result has an
// entry for each ID that is a Firebase user; the caller decides what a missing one means.
func (f *Firebase) Profiles(ctx context.Context, ids []string) (map[string]player.Profile, error) {
	out := make(map[string]player.Profile, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	c, err := f.client.Get(ctx)
	if err != nil {
		return nil, err
	}
	lookup := make([]fbauth.UserIdentifier, len(ids))
	for i, id := range ids {
		lookup[i] = fbauth.UIDIdentifier{UID: id}
	}
	res, err := c.GetUsers(ctx, lookup)
	if err != nil {
		return nil, errs.Wrap(errs.Unavailable, err, "look up players")
	}
	for _, u := range res.Users {
		out[u.UID] = player.Profile{ID: u.UID, DisplayName: player.CleanDisplayName(u.DisplayName), AvatarURL: u.PhotoURL}
	}
	return out, nil
}

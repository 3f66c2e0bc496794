package gamesreq

import (
	"context"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/seating"
)

// ProfileLookup finds players by ID; IDs that are no player are missing from the result.
type ProfileLookup interface {
	Profiles(ctx context.Context, ids []string) (map[string]player.Profile, error)
}

// Seats checks who a game is created with (seating.Check) and looks up the invitees' profiles.
func Seats(ctx context.Context, lookup ProfileLookup, creatorID string, inviteeIDs []string, auto *seating.AutoMatch) ([]player.Profile, error) {
	if err := seating.Check(creatorID, inviteeIDs, auto); err != nil {
		return nil, err
	}
	return Invitees(ctx, lookup, inviteeIDs)
}

// Invitees finds each invited player's profile; an ID that is no player is a 400 naming its
// place in invitedPlayerIds.
func Invitees(ctx context.Context, lookup ProfileLookup, ids []string) ([]player.Profile, error) {
	profiles, err := lookup.Profiles(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]player.Profile, len(ids))
	for i, id := range ids {
		p, ok := profiles[id]
		if !ok {
			return nil, errs.E(errs.Invalid, "invitedPlayerIds["+strconv.Itoa(i)+"]", "no player with ID %q", id)
		}
		out[i] = p
	}
	return out, nil
}

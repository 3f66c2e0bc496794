package games

import (
	"context"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/player"
)

// profileLookup finds players by ID; IDs that are no player are missing from the result.
type profileLookup interface {
	Profiles(ctx context.Context, ids []string) (map[string]player.Profile, error)
}

// seats checks who a game is created with (game.Check) and looks up the invitees' profiles.
func seats(ctx context.Context, lookup profileLookup, creatorID string, inviteeIDs []string, auto *game.AutoMatch) ([]player.Profile, error) {
	if err := game.Check(creatorID, inviteeIDs, auto); err != nil {
		return nil, err
	}
	return invitees(ctx, lookup, inviteeIDs)
}

// invitees finds each invited player's profile; an ID that is no player is a 400 naming its
// place in invitedPlayerIds.
func invitees(ctx context.Context, lookup profileLookup, ids []string) ([]player.Profile, error) {
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
